import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BufferedWriter, type WriteTarget } from "../src/destinations/buffered.js";
import { stdoutDestination } from "../src/destinations/fd.js";
import { fileDestination } from "../src/destinations/file.js";
import { getLogger } from "../src/index.js";
import { parseLogfmt } from "./helpers/logfmt.js";
import { memoryDestination } from "../src/destinations/memory.js";

/** One scripted answer of the fake target: accept at most N bytes, or fail with an errno code. */
type Step = number | "EAGAIN" | "EPIPE" | "EIO";

/** A target that records every call and answers from a script (default: accept everything). */
class FakeTarget implements WriteTarget {
  readonly name = "fake";
  /** Bytes offered to each writeSync call. */
  readonly calls: number[] = [];
  /** Sizes announced to beforeWrite, one per batch. */
  readonly batches: number[] = [];
  script: Step[] = [];
  /** While true every call answers EAGAIN, as a full pipe does. */
  full = false;
  private readonly received: Buffer[] = [];

  writeSync(buf: Buffer, offset: number, length: number): number {
    this.calls.push(length);
    const step = this.full ? "EAGAIN" : this.script.shift();
    if (typeof step === "string") {
      throw Object.assign(new Error(`${step}: scripted failure`), { code: step });
    }
    const n = Math.min(step ?? length, length);
    this.received.push(Buffer.from(buf.subarray(offset, offset + n)));
    return n;
  }

  beforeWrite(byteLength: number): void {
    this.batches.push(byteLength);
  }

  /** Every byte received, in order. */
  get bytes(): Buffer {
    return Buffer.concat(this.received);
  }

  get text(): string {
    return this.bytes.toString("utf8");
  }

  /** Complete lines received so far (a trailing partial line is left out). */
  get lines(): string[] {
    const text = this.text;
    return text.slice(0, text.lastIndexOf("\n") + 1).split("\n").slice(0, -1);
  }
}

const line = (i: number): string => `{"i":${i}}\n`;
const lines = (from: number, to: number): string =>
  Array.from({ length: to - from }, (_, k) => line(from + k)).join("");
const isReport = (text: string): boolean => text.includes('"msg":"logweave dropped lines"');
const reportedCount = (received: string[]): number =>
  received.filter(isReport).reduce((sum, text) => sum + (JSON.parse(text).dropped as number), 0);
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wraps a writer so that every public call re-checks the invariants and names the call that
 * broke one: memory held stays under the cap (plus one report line), and what reached the target
 * is whole lines in the order written, never a duplicate.
 */
function checked(writer: BufferedWriter, target: FakeTarget, maxBuffer: number) {
  let call = 0;
  let verified = 0;
  let last = -1;
  const check = (what: string): void => {
    call++;
    const where = `after call #${call} ${what}`;
    if (writer.buffered > maxBuffer + 200) {
      throw new Error(`${where}: ${writer.buffered} held, cap ${maxBuffer}`);
    }
    const received = target.lines;
    for (; verified < received.length; verified++) {
      const text = received[verified] as string;
      if (isReport(text)) continue;
      const i = (JSON.parse(text) as { i: number }).i;
      if (!(i > last)) throw new Error(`${where}: line ${i} arrived after line ${last}`);
      last = i;
    }
  };
  return {
    write(text: string): void {
      writer.write(text);
      check(`write(${text.trim()})`);
    },
    flushSync(): void {
      writer.flushSync();
      check("flushSync()");
    },
    async flush(): Promise<void> {
      await writer.flush();
      check("flush()");
    },
  };
}

/** Captures what the writers report on fd 2 instead of printing it. */
function captureReports(): { reports: string[]; restore: () => void } {
  const original = fs.writeSync;
  const reports: string[] = [];
  const spy = vi.spyOn(fs, "writeSync").mockImplementation(((fd: number, ...rest: unknown[]) => {
    if (fd === 2 && typeof rest[0] === "string") {
      reports.push(rest[0]);
      return rest[0].length;
    }
    return (original as (...args: unknown[]) => number)(fd, ...rest);
  }) as typeof fs.writeSync);
  return { reports, restore: () => spy.mockRestore() };
}

const writers: BufferedWriter[] = [];
/** A writer that is closed after the test, so the registry and timers do not leak between tests. */
function writerOn(target: WriteTarget, options?: ConstructorParameters<typeof BufferedWriter>[1]) {
  const writer = new BufferedWriter(target, options);
  writers.push(writer);
  return writer;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const writer of writers.splice(0)) writer.close();
});

describe("BufferedWriter", () => {
  it("joins many lines of one turn into a single write call", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target);
    for (let i = 0; i < 1000; i++) writer.write(line(i));
    expect(target.calls).toHaveLength(0);
    await writer.flush();
    expect(target.calls).toHaveLength(1);
    expect(target.text).toBe(lines(0, 1000));
  });

  it("in a loop that never yields, the log call writes only once 48 KiB are waiting, in batches under V8's large-object size", () => {
    const target = new FakeTarget();
    const writer = writerOn(target);
    const padded = (i: number): string => `{"i":${i},"pad":"${"x".repeat(90)}"}\n`;
    for (let i = 0; i < 20000; i++) writer.write(padded(i));
    // About 2.1 MB went out in batches of 48 KiB (plus at most a line) before the loop gave the
    // event loop a turn; a batch text of 128 KiB or more would be a large object (see INLINE_FLUSH).
    expect(target.calls.length).toBeGreaterThanOrEqual(40);
    expect(target.calls.length).toBeLessThanOrEqual(44);
    expect(target.calls.every((n) => n >= 48 * 1024 && n < 64 * 1024)).toBe(true);
    expect(writer.buffered).toBeLessThan(48 * 1024);
    writer.flushSync();
    expect(target.text).toBe(Array.from({ length: 20000 }, (_, i) => padded(i)).join(""));
  });

  it("lines logged one per turn of the event loop go out as one batch, not one write per turn", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { flushDelayMs: 1000 });
    for (let i = 0; i < 50; i++) {
      writer.write(line(i));
      await turn();
    }
    expect(target.calls).toHaveLength(0);
    await writer.flush();
    expect(target.calls).toEqual([lines(0, 50).length]);
  });

  it("a batch nobody flushes goes out by itself flushDelayMs after its first line", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { flushDelayMs: 20 });
    writer.write(line(0));
    writer.write(line(1));
    await turn();
    const deadline = Date.now() + 5_000; // only to detect a batch that never goes out
    while (target.calls.length === 0 && Date.now() < deadline) await pause(5);
    expect(target.calls).toEqual([lines(0, 2).length]);
  });

  it("16 KiB waiting are written at the end of the turn, without waiting for flushDelayMs", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { flushDelayMs: 1000 });
    for (let i = 0; i < 2000; i++) writer.write(line(i)); // 2000 lines of 8 to 11 bytes
    expect(target.calls).toHaveLength(0);
    await turn();
    expect(target.calls).toEqual([lines(0, 2000).length]);
  });

  it("flushDelayMs: 0 writes at the end of every turn that logged", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { flushDelayMs: 0 });
    writer.write(line(0));
    await turn();
    writer.write(line(1));
    await turn();
    expect(target.calls).toEqual([line(0).length, line(1).length]);
  });

  it("flush() writes at once instead of waiting for flushDelayMs", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { flushDelayMs: 1000 });
    writer.write(line(0));
    const settled = await Promise.race([writer.flush().then(() => "flushed"), pause(900).then(() => "waited for the delay")]);
    expect(settled).toBe("flushed");
    expect(target.text).toBe(line(0));
  });

  it("the delayed write does not keep the process alive (the exit flush writes what is left)", () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { flushDelayMs: 1000 });
    const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    writer.write(line(0));
    expect(timers()).toBe(before);
    writer.flushSync();
  });

  it("every batch reaches the target as the UTF-8 of its lines, whatever batch was encoded before it", () => {
    const target = new FakeTarget();
    const writer = writerOn(target);
    const batches = [
      [`{"ascii":"${"a".repeat(3000)}"}\n`],
      ['{"text":"é漢🙂"}\n', '{"lone":"\ud800 \udfff"}\n'],
      ['{"short":1}\n'],
      [`{"mixed":"${"ü".repeat(2000)}"}\n`, '{"b":2}\n'],
    ];
    for (const batch of batches) {
      for (const text of batch) writer.write(text);
      writer.flushSync();
    }
    expect(target.bytes).toEqual(Buffer.from(batches.flat().join("")));
  });

  it("a batch larger than the encoding buffer is encoded whole", () => {
    const target = new FakeTarget();
    const writer = writerOn(target);
    target.full = true;
    const big = (i: number): string => `{"i":${i},"text":"${"漢".repeat(1000)}"}\n`;
    for (let i = 0; i < 200; i++) writer.write(big(i)); // 600 KB of UTF-8 held while the target is full
    target.full = false;
    writer.flushSync();
    const expected = Buffer.from(Array.from({ length: 200 }, (_, i) => big(i)).join(""));
    expect(target.bytes.length).toBe(expected.length);
    expect(target.bytes.equals(expected)).toBe(true);
  });

  it("block: whatever the target answers and the lines hold, exactly the lines' bytes arrive, in order", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 5 }),
    );
    const op = fc.oneof(
      { weight: 6, arbitrary: fc.array(text, { minLength: 1, maxLength: 30 }).map((texts) => ({ kind: "write" as const, texts })) },
      { weight: 2, arbitrary: fc.array(fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constant("EAGAIN" as const)), { maxLength: 4 }).map((script) => ({ kind: "script" as const, script })) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 500 }).map((limit) => ({ kind: "limit" as const, limit })) },
      { weight: 2, arbitrary: fc.constant({ kind: "flushSync" as const }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let limit = Infinity;
        const target = Object.assign(new FakeTarget(), { batchLimit: () => limit });
        const writer = new BufferedWriter(target, { maxBuffer: 2000 });
        let sent = "";
        try {
          for (const step of ops) {
            if (step.kind === "write") {
              for (const t of step.texts) {
                writer.write(t + "\n");
                sent += t + "\n";
              }
            } else if (step.kind === "script") target.script.push(...step.script);
            else if (step.kind === "limit") limit = step.limit;
            else writer.flushSync();
          }
          target.script = [];
          writer.flushSync();
          expect(target.bytes.toString("hex")).toBe(Buffer.from(sent).toString("hex"));
        } finally {
          writer.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the unwritten rest of a partial write and the order of lines", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target);
    const io = checked(writer, target, 8 * 1024 * 1024);
    target.script = [5, 1, 17, 3];
    for (let i = 0; i < 50; i++) io.write(line(i));
    await io.flush();
    target.script = [9];
    for (let i = 50; i < 60; i++) io.write(line(i));
    io.flushSync();
    expect(target.text).toBe(lines(0, 60));
  });

  it("announces each batch once to beforeWrite, never the rest of a partial write", () => {
    const target = new FakeTarget();
    const writer = writerOn(target);
    target.script = [4, 4, 4];
    for (let i = 0; i < 10; i++) writer.write(line(i));
    writer.flushSync();
    for (let i = 10; i < 20; i++) writer.write(line(i));
    writer.flushSync();
    expect(target.batches).toEqual([lines(0, 10).length, lines(10, 20).length]);
    expect(target.text).toBe(lines(0, 20));
  });

  it("cuts batches after a newline to fit the target's batchLimit", () => {
    const target = Object.assign(new FakeTarget(), { batchLimit: () => 25 });
    const writer = writerOn(target);
    for (let i = 0; i < 12; i++) writer.write(line(i)); // 8 bytes each below i=10, then 9
    writer.flushSync();
    // Three 8-byte lines fit in 25 bytes; no batch ends inside a line.
    expect(target.batches).toEqual([24, 24, 24, 17, 9]);
    expect(target.text).toBe(lines(0, 12));
  });

  it("keeps lines pending on EAGAIN and retries on a timer without spinning", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target);
    const io = checked(writer, target, 8 * 1024 * 1024);
    target.full = true;
    for (let i = 0; i < 100; i++) io.write(line(i));
    await pause(40);
    expect(target.text).toBe("");
    expect(writer.buffered).toBe(lines(0, 100).length);
    // A busy loop would have made thousands of calls in 40 ms; backing-off timers make a few.
    expect(target.calls.length).toBeLessThan(40);
    target.full = false;
    await io.flush();
    expect(target.text).toBe(lines(0, 100));
    expect(writer.buffered).toBe(0);
  });

  it("drop: lines past the cap are counted and one report line states exactly how many are missing", () => {
    const target = new FakeTarget();
    const maxBuffer = 200;
    const writer = writerOn(target, { maxBuffer, onFull: "drop" });
    const io = checked(writer, target, maxBuffer);
    target.full = true;
    for (let i = 0; i < 100; i++) io.write(line(i));
    expect(writer.dropped).toBeGreaterThan(0);
    const dropped = writer.dropped;
    target.full = false;
    io.flushSync();
    const received = target.lines;
    const data = received.filter((text) => !isReport(text));
    expect(received.filter(isReport)).toHaveLength(1);
    expect(reportedCount(received)).toBe(dropped);
    expect(data.length + dropped).toBe(100);
    expect(writer.dropped).toBe(0);
    const report = JSON.parse(received.find(isReport) as string) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["level", "time", "pid", "name", "msg", "dropped"]);
    expect(report).toMatchObject({ level: 40, name: "logweave", msg: "logweave dropped lines" });
    expect(typeof report.time).toBe("number");
  });

  it("drop: the report follows the batch already under way and precedes later lines", () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { maxBuffer: 50, onFull: "drop" });
    target.full = true;
    // Lines 0-5 (48 bytes) fill the buffer; line 6 makes them a batch that meets EAGAIN.
    for (let i = 0; i < 20; i++) writer.write(line(i));
    expect(writer.dropped).toBe(14);
    target.full = false;
    writer.flushSync();
    for (let i = 20; i < 25; i++) writer.write(line(i));
    writer.flushSync();
    const received = target.lines;
    expect(received.slice(0, 6)).toEqual(lines(0, 6).trim().split("\n"));
    expect(JSON.parse(received[6] as string)).toMatchObject({ dropped: 14 });
    expect(received.slice(7)).toEqual(lines(20, 25).trim().split("\n"));
  });

  it("block: at the cap the writer waits for room and loses nothing", () => {
    const target = new FakeTarget();
    const maxBuffer = 100;
    const writer = writerOn(target, { maxBuffer, onFull: "block" });
    const io = checked(writer, target, maxBuffer);
    target.script = ["EAGAIN", "EAGAIN", 7, "EAGAIN", 30, "EAGAIN"];
    for (let i = 0; i < 60; i++) io.write(line(i));
    io.flushSync();
    expect(target.text).toBe(lines(0, 60));
    expect(writer.dropped).toBe(0);
  });

  it("reports a write error once, drops and counts that batch, and writes later lines", async () => {
    const { reports } = captureReports();
    const target = new FakeTarget();
    const writer = writerOn(target);
    target.script = ["EIO", "EIO"]; // the batch, then the report written right after it
    for (let i = 0; i < 10; i++) writer.write(line(i));
    await writer.flush();
    for (let i = 10; i < 20; i++) writer.write(line(i));
    await writer.flush();
    expect(reports).toEqual([
      "logweave: cannot write to fake: EIO EIO: scripted failure; lines are being dropped\n",
    ]);
    const received = target.lines;
    expect(received.filter(isReport)).toHaveLength(1);
    const data = received.filter((text) => !isReport(text));
    expect(data.length + reportedCount(received)).toBe(20);
    expect(data.at(-1)).toBe(line(19).trim());
    expect(writer.dropped).toBe(0);
  });

  it("a line cut by a failing write does not swallow the report that follows it", () => {
    captureReports();
    const target = new FakeTarget();
    const writer = writerOn(target);
    target.script = [3, "EIO"];
    for (let i = 0; i < 4; i++) writer.write(line(i));
    writer.flushSync();
    writer.write(line(4));
    writer.flushSync();
    const received = target.text.split("\n");
    // The cut line stays broken, but the report and the next lines are whole.
    expect(received[0]).toBe('{"i');
    expect(JSON.parse(received[1] as string)).toMatchObject({ dropped: 4 });
    expect(received.slice(2)).toEqual(['{"i":4}', ""]);
  });

  it("stops quietly and for good on EPIPE", async () => {
    const { reports } = captureReports();
    const target = new FakeTarget();
    const writer = writerOn(target);
    target.script = ["EPIPE"];
    for (let i = 0; i < 10; i++) writer.write(line(i));
    await writer.flush();
    expect(writer.closed).toBe(true);
    const calls = target.calls.length;
    for (let i = 0; i < 1000; i++) writer.write(line(i));
    writer.flushSync();
    await writer.flush();
    await turn();
    expect(target.calls).toHaveLength(calls);
    expect(writer.buffered).toBe(0);
    expect(writer.dropped).toBe(0);
    expect(reports).toEqual([]);
  });

  it("never throws into the caller, whatever the target throws", () => {
    const { reports } = captureReports();
    const writer = writerOn({
      name: "odd",
      writeSync: () => {
        throw "not an Error";
      },
      beforeWrite: () => {
        throw new TypeError("hook failed");
      },
    });
    expect(() => {
      for (let i = 0; i < 10; i++) writer.write(line(i));
      writer.write(undefined as unknown as string);
      writer.flushSync();
    }).not.toThrow();
    expect(reports).toHaveLength(1);
    expect(writer.dropped).toBe(10);
  });

  it("flush resolves at once when nothing is pending", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target);
    await writer.flush();
    expect(target.calls).toHaveLength(0);
  });
});

describe("BufferedWriter with onFull: \"drop\" against a target that never takes a byte", () => {
  it("flushSync gives up after exitTimeoutMs and keeps the lines queued while the process runs", () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { onFull: "drop", exitTimeoutMs: 50 });
    target.full = true;
    for (let i = 0; i < 10; i++) writer.write(line(i));
    writer.flushSync();
    expect(writer.buffered).toBe(lines(0, 10).length);
    target.full = false;
    writer.flushSync();
    expect(target.text).toBe(lines(0, 10));
  });

  it("flush() resolves after exitTimeoutMs", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { onFull: "drop", exitTimeoutMs: 50 });
    target.full = true;
    writer.write(line(0));
    const settled = await Promise.race([writer.flush().then(() => "resolved"), pause(5_000).then(() => "still waiting")]);
    expect(settled).toBe("resolved");
  });

  it("block: flush() still waits for the reader", async () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { exitTimeoutMs: 10 });
    target.full = true;
    writer.write(line(0));
    const settled = await Promise.race([writer.flush().then(() => "resolved"), pause(200).then(() => "still waiting")]);
    expect(settled).toBe("still waiting");
    target.full = false;
    await writer.flush();
    expect(target.text).toBe(line(0));
  });
});

describe("the drop report is written in the format of the lines around it", () => {
  const formats = ["json", "logfmt", "ecs", "otel", "gcp"] as const;
  /** A real info line of `format`, from the public API. */
  function lineIn(format: (typeof formats)[number]): string {
    const memory = memoryDestination();
    getLogger(`report-${format}`, { format, destination: memory, level: "info" }).info("hello", { k: 1 });
    return (memory.lines[0] as string) + "\n";
  }
  /** Level name, message and count of a report line in `format`. */
  function readReport(format: (typeof formats)[number], text: string): { level: unknown; msg: unknown; dropped: unknown; pid: unknown } {
    if (format === "logfmt") {
      const pairs = Object.fromEntries(parseLogfmt(text));
      return { level: pairs.level, msg: pairs.msg, dropped: Number(pairs.dropped), pid: Number(pairs.pid) };
    }
    const record = JSON.parse(text) as Record<string, any>;
    if (format === "ecs") return { level: record["log.level"], msg: record.message, dropped: record.dropped, pid: record["process.pid"] };
    if (format === "gcp") return { level: record.severity, msg: record.message, dropped: record.dropped, pid: record.pid };
    if (format === "otel") {
      // One ExportLogsServiceRequest: the resource's attributes and one record's, as OTLP/JSON key-values.
      const { resource, scopeLogs } = record.resourceLogs[0];
      const entry = scopeLogs[0].logRecords[0];
      const attribute = (list: { key: string; value: { intValue?: string } }[], key: string) => Number(list.find((a) => a.key === key)?.value.intValue);
      return { level: entry.severityText, msg: entry.body.stringValue, dropped: attribute(entry.attributes, "dropped"), pid: attribute(resource.attributes, "process.pid") };
    }
    return { level: record.level, msg: record.msg, dropped: record.dropped, pid: record.pid };
  }
  const WARN: Record<string, unknown> = { json: 40, logfmt: "warn", ecs: "warn", gcp: "WARNING", otel: "warn" };

  for (const format of formats) {
    it(`${format}: a ${format} line with the count, at level warn`, () => {
      const target = new FakeTarget();
      const writer = writerOn(target, { maxBuffer: 10, onFull: "drop" });
      const sample = lineIn(format);
      target.full = true;
      for (let i = 0; i < 5; i++) writer.write(sample);
      const dropped = writer.dropped;
      expect(dropped).toBeGreaterThan(0);
      target.full = false;
      writer.flushSync();
      const report = target.lines.find((text) => text.includes("logweave dropped lines")) as string;
      expect(readReport(format, report)).toEqual({ level: WARN[format], msg: "logweave dropped lines", dropped, pid: process.pid });
      expect(target.lines.filter((text) => text === sample.trimEnd())).toHaveLength(5 - dropped);
    });
  }

  it("text that is no known format (a custom line) gets a json report", () => {
    const target = new FakeTarget();
    const writer = writerOn(target, { maxBuffer: 10, onFull: "drop" });
    target.full = true;
    for (let i = 0; i < 5; i++) writer.write("plain text line\n");
    target.full = false;
    writer.flushSync();
    const report = target.lines.find((text) => text.includes("logweave dropped lines")) as string;
    expect(JSON.parse(report)).toMatchObject({ level: 40, msg: "logweave dropped lines", dropped: 4 });
  });
});

describe("stdoutDestination and stderrDestination", () => {
  it("every call returns the one writer of fd 1, options or not, and applies the options given", () => {
    const plain = stdoutDestination();
    const tuned = stdoutDestination({ maxBuffer: 1234, onFull: "drop" });
    expect(tuned).toBe(plain);
    expect(stdoutDestination()).toBe(plain);
  });
});

describe("memoryDestination", () => {
  it("keeps lines without their newline and parses them as records", () => {
    const dest = memoryDestination();
    dest.write('{"level":30,"msg":"a"}\n');
    dest.write('{"level":40,"msg":"b"}\n');
    expect(dest.lines).toEqual(['{"level":30,"msg":"a"}', '{"level":40,"msg":"b"}']);
    expect(dest.records()).toEqual([
      { level: 30, msg: "a" },
      { level: 40, msg: "b" },
    ]);
  });

  it("returns a line that is not a JSON object as { unparsable } instead of throwing", () => {
    const dest = memoryDestination();
    dest.write("not json\n");
    dest.write("[1,2]\n");
    expect(dest.records()).toEqual([{ unparsable: "not json" }, { unparsable: "[1,2]" }]);
  });

  it("clear empties the same lines array", () => {
    const dest = memoryDestination();
    const { lines: kept } = dest;
    dest.write("{}\n");
    dest.clear();
    expect(kept).toEqual([]);
    expect(dest.lines).toBe(kept);
  });
});

describe("fileDestination", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-file-"));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("appends to an existing file and creates missing directories", () => {
    const file = path.join(dir, "append", "deep", "app.log");
    const first = fileDestination({ path: file });
    first.write(line(0));
    first.close();
    const second = fileDestination({ path: file });
    second.write(line(1));
    second.close();
    expect(fs.readFileSync(file, "utf8")).toBe(lines(0, 2));
  });

  it("lines logged one per turn of the event loop reach the file in one write, not one per line", async () => {
    const file = path.join(dir, "low-rate", "app.log");
    const dest = fileDestination({ path: file, flushDelayMs: 1000 });
    const write = fs.writeSync;
    let calls = 0;
    vi.spyOn(fs, "writeSync").mockImplementation(((fd: number, ...rest: unknown[]) => {
      if (fd > 2) calls++;
      return (write as (...args: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.writeSync);
    for (let i = 0; i < 50; i++) {
      dest.write(line(i));
      await turn();
    }
    await dest.flush();
    expect(calls).toBe(1);
    dest.close();
    expect(fs.readFileSync(file, "utf8")).toBe(lines(0, 50));
  });

  /** Lines of varied length with multi-byte text, so byte and character counts differ. */
  const varied = (i: number): string =>
    `${JSON.stringify({ i, text: "é漢🙂".repeat(i % 7) + "x".repeat((i * 37) % 60) })}\n`;

  function readRotated(file: string, maxFiles: number): string[][] {
    const names = [file, ...Array.from({ length: maxFiles }, (_, k) => `${file}.${k + 1}`)];
    return names.reverse().map((name) => {
      const text = fs.readFileSync(name, "utf8");
      expect(text.endsWith("\n"), `${name} ends with a whole line`).toBe(true);
      expect(fs.statSync(name).size, `${name} size`).toBeLessThanOrEqual(1000);
      return text.slice(0, -1).split("\n");
    });
  }

  it("rotates by size, keeps maxFiles rotated files and never splits a line", () => {
    const file = path.join(dir, "rotate", "app.log");
    const dest = fileDestination({ path: file, maxSize: 1000, maxFiles: 3 });
    // One big batch (cut to fit the room left), then many small ones.
    for (let i = 0; i < 150; i++) dest.write(varied(i));
    dest.flushSync();
    for (let i = 150; i < 400; i++) {
      dest.write(varied(i));
      if (i % 7 === 0) dest.flushSync();
    }
    dest.close();
    expect(fs.existsSync(`${file}.4`)).toBe(false);
    const files = readRotated(file, 3);
    const all = files.flat().map((text) => JSON.parse(text) as { i: number });
    const first = all[0]?.i ?? 0;
    expect(all.map((record) => record.i)).toEqual(
      Array.from({ length: 400 - first }, (_, k) => first + k),
    );
    // Batches fill each rotated file up to the room left: within one line of maxSize.
    const sizes = Array.from({ length: 400 }, (_, i) => Buffer.byteLength(varied(i)));
    const longest = Math.max(...sizes);
    for (const name of [`${file}.1`, `${file}.2`, `${file}.3`]) {
      expect(fs.statSync(name).size).toBeGreaterThan(1000 - longest);
    }
  });

  it("reports a file it cannot open once, drops the lines and keeps going", () => {
    const { reports } = captureReports();
    const dest = fileDestination({ path: "/dev/null/not-a-dir/app.log" });
    expect(() => {
      for (let i = 0; i < 5; i++) dest.write(line(i));
      dest.flushSync();
      dest.write(line(5));
      dest.flushSync();
    }).not.toThrow();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(
      /^logweave: cannot write to \/dev\/null\/not-a-dir\/app\.log: ENOTDIR .*; lines are being dropped\n$/,
    );
    expect(dest.dropped).toBe(6);
    dest.close();
  });

  it("a deleted directory is recreated before the next batch, reported once, and no later line is lost", () => {
    const { reports } = captureReports();
    const file = path.join(dir, "deleted", "logs", "app.log");
    const dest = fileDestination({ path: file });
    for (let i = 0; i < 10; i++) dest.write(line(i));
    dest.flushSync();
    fs.rmSync(path.dirname(file), { recursive: true });
    for (let i = 10; i < 20; i++) dest.write(line(i));
    dest.flushSync();
    fs.rmSync(path.dirname(file), { recursive: true });
    for (let i = 20; i < 30; i++) dest.write(line(i));
    dest.close();
    expect(fs.readFileSync(file, "utf8")).toBe(lines(20, 30));
    expect(reports).toEqual([`logweave: ${file} was deleted: the file or its directory is gone; recreated it and writing on\n`]);
    expect(dest.dropped).toBe(0);
  });

  it("a file moved away (logrotate, between its move and its create) is recreated silently: moving is not deleting", () => {
    const { reports } = captureReports();
    const file = path.join(dir, "moved-then-created", "app.log");
    const dest = fileDestination({ path: file });
    for (let i = 0; i < 10; i++) dest.write(line(i));
    dest.flushSync();
    fs.renameSync(file, `${file}.1`);
    for (let i = 10; i < 20; i++) dest.write(line(i));
    dest.close();
    expect(fs.readFileSync(`${file}.1`, "utf8")).toBe(lines(0, 10));
    expect(fs.readFileSync(file, "utf8")).toBe(lines(10, 20));
    expect(reports).toEqual([]);
  });

  it("mkdir: false and the directory deleted: no false \"recreated\" claim; one write error, lines counted", () => {
    const { reports } = captureReports();
    const file = path.join(dir, "no-mkdir", "app.log");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const dest = fileDestination({ path: file, mkdir: false });
    dest.write(line(0));
    dest.flushSync();
    fs.rmSync(path.dirname(file), { recursive: true });
    for (let i = 1; i < 4; i++) dest.write(line(i));
    dest.flushSync();
    expect(dest.dropped).toBe(3);
    dest.close();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/^logweave: cannot write to .*app\.log: ENOENT .*; lines are being dropped\n$/);
  });

  it("a batch written into a file deleted at that very moment is written again into the new file", () => {
    const file = path.join(dir, "deleted-mid-write", "app.log");
    const dest = fileDestination({ path: file });
    dest.write(line(0));
    dest.flushSync();
    // The directory goes away between the check before the batch and its write.
    const write = fs.writeSync;
    const reports: string[] = [];
    let armed = true;
    vi.spyOn(fs, "writeSync").mockImplementation(((fd: number, ...rest: unknown[]) => {
      if (fd === 2) {
        reports.push(String(rest[0]));
        return 0;
      }
      if (armed) {
        armed = false;
        fs.rmSync(path.dirname(file), { recursive: true });
      }
      return (write as (...args: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.writeSync);
    for (let i = 1; i < 5; i++) dest.write(line(i));
    dest.flushSync();
    dest.close();
    expect(fs.readFileSync(file, "utf8")).toBe(lines(1, 5));
    expect(reports).toHaveLength(1);
    expect(dest.dropped).toBe(0);
  });

  it("reopen() after logrotate moved the file: later lines go to a new file at path, nothing is reported", () => {
    const { reports } = captureReports();
    const file = path.join(dir, "logrotate", "app.log");
    const dest = fileDestination({ path: file });
    for (let i = 0; i < 5; i++) dest.write(line(i));
    dest.flushSync();
    fs.renameSync(file, `${file}.1`);
    dest.reopen();
    for (let i = 5; i < 10; i++) dest.write(line(i));
    dest.close();
    expect(fs.readFileSync(`${file}.1`, "utf8")).toBe(lines(0, 5));
    expect(fs.readFileSync(file, "utf8")).toBe(lines(5, 10));
    expect(reports).toEqual([]);
  });

  it("a file moved away without reopen(): the next batch goes to a new file at path", () => {
    const file = path.join(dir, "moved", "app.log");
    const dest = fileDestination({ path: file });
    for (let i = 0; i < 5; i++) dest.write(line(i));
    dest.flushSync();
    fs.renameSync(file, `${file}.old`);
    fs.writeFileSync(file, "");
    for (let i = 5; i < 10; i++) dest.write(line(i));
    dest.close();
    expect(fs.readFileSync(`${file}.old`, "utf8")).toBe(lines(0, 5));
    expect(fs.readFileSync(file, "utf8")).toBe(lines(5, 10));
  });

  /** Runs a child program that imports the built file destination; resolves with its exit and output. */
  function runFileChild(name: string, body: string): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
    const built = path.resolve("dist/src/destinations/file.js");
    expect(fs.existsSync(built), "run `npm run build` before the tests").toBe(true);
    const script = path.join(dir, `${name}.mjs`);
    fs.writeFileSync(script, `import { fileDestination } from ${JSON.stringify(pathToFileURL(built).href)};\n${body}`);
    const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "pipe"] });
    const limit = setTimeout(() => child.kill("SIGKILL"), 20_000);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) =>
      child.on("close", (code, signal) => {
        clearTimeout(limit);
        resolve({ code, signal, stdout, stderr });
      }),
    );
  }

  it("reopenOn: \"SIGHUP\" reopens the file on the signal, and the signal no longer ends the process", async () => {
    const file = path.join(dir, "sighup", "app.log");
    const result = await runFileChild(
      "sighup",
      `import fs from "node:fs";
const file = ${JSON.stringify(file)};
const dest = fileDestination({ path: file, reopenOn: "SIGHUP" });
for (let i = 0; i < 5; i++) dest.write(\`{"i":\${i}}\\n\`);
dest.flushSync();
fs.renameSync(file, file + ".1");
process.kill(process.pid, "SIGHUP");
await new Promise((resolve) => setTimeout(resolve, 50));
for (let i = 5; i < 10; i++) dest.write(\`{"i":\${i}}\\n\`);
dest.close();`,
    );
    expect([result.code, result.signal, result.stderr]).toEqual([0, null, ""]);
    expect(fs.readFileSync(`${file}.1`, "utf8")).toBe(lines(0, 5));
    expect(fs.readFileSync(file, "utf8")).toBe(lines(5, 10));
  }, 30_000);

  it("on /dev/full reports ENOSPC once on stderr and the application keeps running", async () => {
    const built = path.resolve("dist/src/destinations/file.js");
    expect(fs.existsSync(built), "run `npm run build` before the tests").toBe(true);
    const stale = fs.statSync(built).mtimeMs < fs.statSync("src/destinations/buffered.ts").mtimeMs;
    expect(stale, "dist is older than src: run `npm run build`").toBe(false);
    const script = path.join(dir, "dev-full.mjs");
    fs.writeFileSync(
      script,
      `import { fileDestination } from ${JSON.stringify(pathToFileURL(built).href)};
const dest = fileDestination({ path: "/dev/full", mkdir: false });
let n = 0;
for (let round = 0; round < 5; round++) {
  for (let i = 0; i < 100; i++) dest.write(\`{"i":\${n++}}\\n\`);
  await new Promise((resolve) => setTimeout(resolve, 2));
}
dest.flushSync();
process.stdout.write(JSON.stringify({ running: true, written: n, dropped: dest.dropped }));
`,
    );
    const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "pipe"] });
    const limit = setTimeout(() => child.kill("SIGKILL"), 10_000);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(limit);
    expect(stderr).toMatch(
      /^logweave: cannot write to \/dev\/full: ENOSPC [^\n]*; lines are being dropped\n$/,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ running: true, written: 500, dropped: 500 });
  }, 20_000);
});
