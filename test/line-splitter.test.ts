/**
 * The byte line splitter behind `logweave pretty`: lines at `\n` only, across chunk boundaries,
 * a last line without `\n`, and over-long lines passed on as raw pieces with bounded memory.
 */
import { describe, expect, it } from "vitest";
import { LineSplitter } from "../src/format/line-splitter.js";

type Event = ["line", string, boolean] | ["raw", string];

/** Feeds `chunks` (latin1, so every byte is visible) and returns what the splitter handed over. */
function split(chunks: readonly (string | Buffer)[], maxLineBytes?: number): Event[] {
  const events: Event[] = [];
  const splitter = new LineSplitter(
    {
      onLine: (line, terminated) => events.push(["line", line.toString("latin1"), terminated]),
      onRaw: (bytes) => events.push(["raw", bytes.toString("latin1")]),
    },
    maxLineBytes,
  );
  for (const c of chunks) splitter.push(typeof c === "string" ? Buffer.from(c, "latin1") : c);
  splitter.end();
  return events;
}

describe("line splitter", () => {
  it("splits at newlines and hands over the last line without one as unterminated", () => {
    expect(split(["a\nb\n\nc"])).toEqual([["line", "a", true], ["line", "b", true], ["line", "", true], ["line", "c", false]]);
  });

  it("joins a line split across chunks, byte by byte too", () => {
    expect(split(["ab", "c\nd", "e\n"])).toEqual([["line", "abc", true], ["line", "de", true]]);
    expect(split([..."xy\nz\n"])).toEqual([["line", "xy", true], ["line", "z", true]]);
  });

  it("keeps a lone CR and a CR before LF inside the line", () => {
    expect(split(["progress 10%\rprogress 20%\r\n"])).toEqual([["line", "progress 10%\rprogress 20%\r", true]]);
  });

  it("keeps bytes that are not UTF-8, and a multi-byte character split across chunks", () => {
    const euro = Buffer.from("€\n", "utf8");
    const events: string[] = [];
    const splitter = new LineSplitter({ onLine: (line) => events.push(line.toString("hex")), onRaw: () => events.push("raw") });
    splitter.push(Buffer.from([0xff, 0xfe, 0x0a]));
    splitter.push(euro.subarray(0, 1));
    splitter.push(euro.subarray(1));
    splitter.end();
    expect(events).toEqual(["fffe", "e282ac"]);
  });

  it("hands a line longer than the bound over as raw pieces up to and including its newline", () => {
    const events = split(["12345", "6789", "0\nok\n"], 8);
    expect(events.filter((e) => e[0] === "raw").map((e) => e[1]).join("")).toBe("1234567890\n");
    expect(events.at(-1)).toEqual(["line", "ok", true]);
  });

  it("passes an over-long line within one chunk raw, and an unterminated one without adding a newline", () => {
    expect(split(["short\n" + "x".repeat(20) + "\nend\n"], 8)).toEqual([["line", "short", true], ["raw", "x".repeat(20) + "\n"], ["line", "end", true]]);
    const tail = split(["y".repeat(10), "y".repeat(10)], 8);
    expect(tail.every((e) => e[0] === "raw")).toBe(true);
    expect(tail.map((e) => e[1]).join("")).toBe("y".repeat(20));
  });

  it("joins a long line of many chunks into one line of the right length", () => {
    const chunks = Array.from({ length: 200 }, () => "z".repeat(65536));
    const events = split([...chunks, "\n"]);
    expect(events).toHaveLength(1);
    expect(events[0]![1]).toHaveLength(200 * 65536);
  });
});
