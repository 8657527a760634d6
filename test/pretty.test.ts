/**
 * The pretty formatter (`src/format/pretty.ts`), shared by the runtime's `pretty` format and
 * `logweave pretty`: one record in, one exact text out.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { configure, flush, getLogger, memoryDestination } from "../src/index.js";
// PrettyPrinter from its public entry (logweave/pretty): it is there for your own tools.
import { PrettyPrinter } from "../src/pretty.js";
import { formatPretty, MAX_NAME_WIDTH, parseRecord, prettyLine, recordLevel, widenNameColumn } from "../src/format/pretty.js";

const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");
const plain = { colors: false };

describe("pretty format: one record", () => {
  it("shows time, level, name, message, fields and caller on one line", () => {
    const line = formatPretty(
      { level: 40, time: Date.UTC(2026, 0, 1, 12, 4, 5, 123), name: "auth", msg: "slow", ms: 12, who: "a b", caller: { file: "src/a.ts", line: 3, column: 7, function: "f" } },
      plain,
    );
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.123 WARN  auth: slow ms=12 who="a b" \(src\/a\.ts:3 f\)\n$/);
  });

  it("gives every level a label of the same width", () => {
    const labels = [10, 20, 30, 40, 50, 60].map((level) => formatPretty({ level, msg: "m" }, plain).slice(13, 19));
    expect(labels).toEqual(["TRACE ", "DEBUG ", "INFO  ", "WARN  ", "ERROR ", "FATAL "]);
  });

  it("labels custom numeric levels, level names and a missing level without inventing one", () => {
    expect(formatPretty({ level: 35, msg: "m" }, plain)).toBe("--:--:--.--- L35   m\n");
    expect(formatPretty({ level: "warn", msg: "m" }, plain)).toBe("--:--:--.--- WARN  m\n");
    expect(formatPretty({ level: "notice", msg: "m" }, plain)).toBe("--:--:--.--- NOTICE m\n");
    expect(formatPretty({ msg: "m" }, plain)).toBe("--:--:--.--- ?     m\n");
  });

  it("pads the logger name to the given column so messages line up", () => {
    const a = formatPretty({ level: 30, name: "db", msg: "one" }, { colors: false, nameWidth: 8 });
    const b = formatPretty({ level: 30, name: "http.in", msg: "two" }, { colors: false, nameWidth: 8 });
    const c = formatPretty({ level: 30, msg: "three" }, { colors: false, nameWidth: 8 });
    expect([a, b, c]).toEqual(["--:--:--.--- INFO  db:      one\n", "--:--:--.--- INFO  http.in: two\n", "--:--:--.--- INFO           three\n"]);
  });

  it("flattens nested objects to dotted keys and shows arrays as compact JSON", () => {
    const line = formatPretty({ level: 30, msg: "req", req: { method: "POST", headers: { host: "a.example" } }, tags: ["x", 1], empty: {} }, plain);
    expect(line).toBe('--:--:--.--- INFO  req req.method=POST req.headers.host=a.example tags=["x",1] empty={}\n');
  });

  it("shows objects deeper than the flattening limit as JSON", () => {
    const line = formatPretty({ level: 30, msg: "d", a: { b: { c: { d: { e: { f: { g: 1 } } } } } } }, plain);
    expect(line).toBe('--:--:--.--- INFO  d a.b.c.d.e.f={"g":1}\n');
  });

  it("quotes strings with spaces, quotes, equals signs or nothing in them, and keys likewise", () => {
    const line = formatPretty({ level: 30, msg: "q", a: "x y", b: 'say "hi"', c: "k=v", d: "", e: "plain/path:1", "odd key": true }, plain);
    expect(line).toBe('--:--:--.--- INFO  q a="x y" b="say \\"hi\\"" c="k=v" d="" e=plain/path:1 "odd key"=true\n');
  });

  it("prints error stacks indented on the following lines, causes included", () => {
    const out = formatPretty({ level: 50, msg: "failed", err: { type: "Error", message: "a", stack: "Error: a\n    at f", cause: { message: "b", stack: "Error: b\n    at g" } } }, plain);
    expect(out.split("\n")).toEqual(['--:--:--.--- ERROR failed err="Error: a"', "    err: Error: a", "        at f", "      caused by: Error: b", "          at g", ""]);
  });

  it("indents the causes pino appends to the stack text like logweave's own causes", () => {
    const err = { type: "Error", message: "a: b", stack: "Error: a\n    at f\ncaused by: Error: b\n    at g" };
    expect(formatPretty({ level: 50, msg: "failed", err }, plain).split("\n").slice(1)).toEqual(["    err: Error: a", "        at f", "      caused by: Error: b", "          at g", ""]);
  });

  it("lists aggregated errors (logweave's errors, pino's aggregateErrors) and keeps other error properties as fields", () => {
    const inner = { type: "Error", message: "one", stack: "Error: one\n    at h" };
    const logweave = formatPretty({ level: 50, msg: "all failed", err: { type: "AggregateError", message: "all", stack: "AggregateError: all\n    at f", code: "E_ALL", errors: [inner, "two"] } }, plain);
    expect(logweave.split("\n")).toEqual([
      '--:--:--.--- ERROR all failed err="AggregateError: all" err.code=E_ALL',
      "    err: AggregateError: all",
      "        at f",
      "      errors[0]: Error: one",
      "          at h",
      "      errors[1]: two",
      "",
    ]);
    const pino = formatPretty({ level: 50, msg: "x", err: { type: "AggregateError", message: "all", stack: "AggregateError: all", aggregateErrors: [inner] } }, plain);
    expect(pino).toContain("\n      aggregateErrors[0]: Error: one\n          at h\n");
  });

  it("shows an error under any key, and a cause that is not an error as a value", () => {
    const out = formatPretty({ level: 40, msg: "retry", lastError: { type: "TypeError", message: "bad", stack: "TypeError: bad", cause: 42 } }, plain);
    expect(out).toBe('--:--:--.--- WARN  retry lastError="TypeError: bad"\n    lastError: TypeError: bad\n      caused by: 42\n');
  });

  it("escapes control characters so a pretty line cannot be forged", () => {
    expect(formatPretty({ level: 30, msg: "a\nFATAL b" }, plain)).toBe("--:--:--.--- INFO  a\\nFATAL b\n");
  });

  it("escapes terminal escape sequences, C1 controls and bidi overrides everywhere", () => {
    const out = formatPretty({ level: 30, name: "n\u001b[2J", msg: "m\u001b]0;x\u0007", c1: "\u009b31m", w: "abc\u202edef", caller: "x\u001b.js:1" }, { colors: false });
    expect(out).toBe('--:--:--.--- INFO  n\\u001b[2J: m\\u001b]0;x\\u0007 c1="\\u009b31m" w="abc\\u202edef" (x\\u001b.js:1)\n');
    expect(out.replace(/\n$/, "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it("shows pino-caller's string caller and leaves an unrecognised caller as a field", () => {
    expect(formatPretty({ level: 30, msg: "m", caller: "file:///app/x.js:3:25" }, plain)).toBe("--:--:--.--- INFO  m (file:///app/x.js:3:25)\n");
    expect(formatPretty({ level: 30, msg: "m", caller: { where: "here" } }, plain)).toBe("--:--:--.--- INFO  m caller.where=here\n");
  });

  it("hides pid, hostname and bunyan's v, and shows a non-string message as JSON", () => {
    const time = new Date(Date.UTC(2026, 0, 1)).toISOString();
    const bunyan = formatPretty({ name: "b", hostname: "h", pid: 1, level: 30, msg: { a: 1 }, time, v: 0 }, plain);
    expect(bunyan).not.toContain("v=");
    expect(bunyan).toMatch(/INFO  b: \{"a":1\}\n$/);
  });

  it("shows a user field named v on logweave and pino lines, whatever its value", () => {
    for (const v of [0, 1, "x", { n: 2 }]) {
      const text = formatPretty({ level: 30, time: 1, pid: 1, hostname: "h", msg: "m", v }, plain);
      expect(text, JSON.stringify(v)).toMatch(/ m v[.=]/);
    }
    expect(formatPretty({ level: 30, time: 1, msg: "m", v: 0 }, plain)).toContain("m v=0\n");
  });

  it("reads ISO time strings as well as epoch milliseconds", () => {
    const iso = new Date(Date.UTC(2026, 0, 1, 12, 4, 5, 9)).toISOString();
    const a = formatPretty({ level: 30, time: iso, msg: "m" }, plain);
    const b = formatPretty({ level: 30, time: Date.parse(iso), msg: "m" }, plain);
    expect(a).toBe(b);
    expect(a).toMatch(/^\d\d:\d\d:\d\d\.009 /);
  });

  it("colors the level only when asked", () => {
    const colored = formatPretty({ level: 50, msg: "x" }, { colors: true });
    expect(colored).toContain("\u001b[31mERROR");
    expect(strip(colored)).toBe(formatPretty({ level: 50, msg: "x" }, plain));
    expect(formatPretty({ level: 50, msg: "x" }, plain)).not.toContain("\u001b[");
  });
});

describe("pretty format: lines", () => {
  it("reads log records: JSON objects with a level or a message", () => {
    expect(parseRecord('{"level":30}\n')).toEqual({ level: 30 });
    expect(parseRecord(' {"msg":"x"}\r')).toEqual({ msg: "x" });
    expect(parseRecord('{"status":"ok"}')).toBeUndefined();
    expect(parseRecord("[1,2]")).toBeUndefined();
    expect(parseRecord("{not json")).toBeUndefined();
    expect(parseRecord("")).toBeUndefined();
  });

  it("reads the level of a record from its number or its name", () => {
    expect(recordLevel({ level: 40 })).toBe(40);
    expect(recordLevel({ level: "ERROR" })).toBe(50);
    expect(recordLevel({ level: "loud" })).toBeUndefined();
    expect(recordLevel({})).toBeUndefined();
  });

  it("passes a line that is not a log record through unchanged", () => {
    expect(prettyLine("not json\n", false)).toBe("not json\n");
    expect(prettyLine("[1,2]\n", false)).toBe("[1,2]\n");
    expect(prettyLine('{"status":"ok"}\n', false)).toBe('{"status":"ok"}\n');
  });

  it("widens the name column to the longest name seen, up to a limit", () => {
    expect(widenNameColumn(0, "auth")).toBe(5);
    expect(widenNameColumn(8, "db")).toBe(8);
    expect(widenNameColumn(8, undefined)).toBe(8);
    expect(widenNameColumn(8, "x".repeat(100))).toBe(MAX_NAME_WIDTH);
  });

  it("a printer lines up names across lines and leaves out records below its level", () => {
    const printer = new PrettyPrinter({ colors: false, minLevel: 30 });
    const out = ['{"level":30,"name":"http.server","msg":"a"}', '{"level":20,"name":"db","msg":"hidden"}', '{"level":40,"name":"db","msg":"b"}', '{"level":"odd","msg":"kept"}', "text"].map((l) => printer.formatLine(l));
    expect(out).toEqual(["--:--:--.--- INFO  http.server: a\n", "", "--:--:--.--- WARN  db:          b\n", "--:--:--.--- ODD                kept\n", undefined]);
  });
});

describe("pretty format in the runtime", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    configure({ format: "auto", destination: "stdout" });
  });

  it("the runtime's pretty format writes what the printer makes of the JSON line", async () => {
    const json = memoryDestination();
    const pretty = memoryDestination();
    configure({ format: "json", destination: json });
    getLogger("pretty-a").warn("disk low", { freeMb: 12, mount: "/var lib" });
    configure({ format: "pretty", destination: pretty });
    getLogger("pretty-a").warn("disk low", { freeMb: 12, mount: "/var lib" });
    await flush();
    const printer = new PrettyPrinter({ colors: false });
    const expected = printer.formatLine(json.lines[0]!)!;
    // Same text but the time, which differs by the call's millisecond.
    const withoutTime = (s: string) => s.slice(13);
    expect(withoutTime(pretty.lines[0]! + "\n")).toBe(withoutTime(expected));
    expect(withoutTime(expected)).toBe('WARN  pretty-a: disk low freeMb=12 mount="/var lib"\n');
  });

  it("FORCE_COLOR colors the runtime's pretty output to a non-terminal; NO_COLOR alone does not", async () => {
    const dest = memoryDestination();
    configure({ format: "pretty", destination: dest });
    vi.stubEnv("FORCE_COLOR", "1");
    getLogger("c").info("forced");
    vi.stubEnv("FORCE_COLOR", undefined);
    vi.stubEnv("NO_COLOR", "1");
    getLogger("c").info("plain");
    await flush();
    expect(dest.lines[0]).toContain("\u001b[32mINFO");
    expect(dest.lines[1]).not.toContain("\u001b[");
  });
});
