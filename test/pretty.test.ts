import { describe, expect, it } from "vitest";
import { formatPretty, prettyLine } from "../src/format/pretty.js";

const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");

describe("pretty format", () => {
  it("shows time, level, name, message, fields and caller on one line", () => {
    const line = formatPretty(
      { level: 40, time: Date.UTC(2026, 0, 1, 12, 4, 5, 123), name: "auth", msg: "slow", ms: 12, who: "a b", caller: { file: "src/a.ts", line: 3, function: "f" } },
      { colors: false },
    );
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.123 WARN  auth: slow ms=12 who="a b" \(src\/a\.ts:3 f\)\n$/);
  });

  it("colors the level only when asked", () => {
    const colored = formatPretty({ level: 50, msg: "x" }, { colors: true });
    expect(colored).toContain("\u001b[31mERROR");
    expect(formatPretty({ level: 50, msg: "x" }, { colors: false })).not.toContain("\u001b[");
  });

  it("prints error stacks indented on the following lines, causes included", () => {
    const out = strip(formatPretty({ level: 50, msg: "failed", err: { type: "Error", message: "a", stack: "Error: a\n    at f", cause: { message: "b", stack: "Error: b\n    at g" } } }, { colors: false }));
    expect(out.split("\n")).toEqual(['--:--:--.--- ERROR failed err="Error: a"', "    err: Error: a", "          at f", "      caused by: Error: b", "            at g", ""]);
  });

  it("escapes control characters so a pretty line cannot be forged", () => {
    expect(formatPretty({ level: 30, msg: "a\nFATAL b" }, { colors: false })).toContain("a\\nFATAL b");
  });

  it("passes a line that is not a JSON object through unchanged", () => {
    expect(prettyLine("not json\n", false)).toBe("not json\n");
    expect(prettyLine("[1,2]\n", false)).toBe("[1,2]\n");
  });
});
