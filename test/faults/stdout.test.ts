/**
 * Faults of the reader at the other end of stdout, through the public API (`configure`,
 * `getLogger`): a reader that keeps the pipe open and never reads (with `onFull: "drop"` the
 * process must still end — on `process.exit()`, on SIGTERM with `handleSignals`, by itself — and
 * `flush()` must resolve, every line delivered or counted), a slow reader (`block`: every line
 * arrives), a reader that goes away (quiet stop: not a delivery promise, shown for the record).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids, ledger, type FaultRow } from "./helpers/ledger.js";
import { runPiped, wholeLines } from "./helpers/pipe.js";
import { builtModule, type ProgramResult } from "./helpers/program.js";
import { printTable } from "./helpers/table.js";

let dir: string;
const rows: FaultRow[] = [];
const TOTAL = 100_000;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-faults-stdout-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  printTable("stdout: readers that misbehave (public API)", rows);
});

/** A program logging `TOTAL` numbered lines through `stdoutDestination(options)`, then `ending`. */
function program(options: string, ending: string, handleSignals = false): string {
  return `import fs from "node:fs";
import { configure, getLogger, flush, stdoutDestination } from ${builtModule("index.js")};
configure({ format: "json", base: null, destination: stdoutDestination(${options})${handleSignals ? ", handleSignals: true" : ""} });
const log = getLogger("app");
for (let i = 0; i < ${TOTAL}; i++) log.info("line", { i });
${ending}`;
}

/** Lines delivered, and the drop counts reported in the stream and on stderr. */
function account(fault: string, result: ProgramResult, notes?: string): FaultRow {
  const records = wholeLines(result.stdout).map((text) => JSON.parse(text) as { i?: number; msg?: string; dropped?: number });
  const inStream = records.reduce((sum, r) => sum + (r.msg === "logweave dropped lines" ? (r.dropped ?? 0) : 0), 0);
  const onStderr = [...result.stderr.matchAll(/(\d+) lines dropped at exit/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  const row = ledger(fault, ids(TOTAL), records.filter((r) => r.msg === "line").map((r) => r.i as number), inStream + onStderr, notes);
  rows.push(row);
  return row;
}

const DROP = `{ onFull: "drop", maxBuffer: 256 * 1024, exitTimeoutMs: 300 }`;

describe("a reader that keeps the pipe open and never reads, onFull: \"drop\"", () => {
  it("process.exit(): the process ends; every line is delivered or counted", async () => {
    const result = await runPiped(dir, "drop-exit", program(DROP, "process.exit(0);"), "never-reads");
    const row = account("never reads, drop, process.exit()", result, `exit after ${result.ms} ms`);
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(row.lost).toBe(0);
  });

  it("SIGTERM with handleSignals: the process ends by the signal; every line is delivered or counted", async () => {
    const result = await runPiped(dir, "drop-sigterm", program(DROP, `setInterval(() => {}, 1000); setTimeout(() => process.kill(process.pid, "SIGTERM"), 10);`, true), "never-reads");
    const row = account("never reads, drop, SIGTERM (handleSignals)", result, `exit after ${result.ms} ms`);
    expect([result.code, result.signal]).toEqual([null, "SIGTERM"]);
    expect(row.lost).toBe(0);
  });

  it("natural end: nothing holds the process; every line is delivered or counted", async () => {
    const result = await runPiped(dir, "drop-natural", program(DROP, ""), "never-reads");
    const row = account("never reads, drop, natural end", result, `exit after ${result.ms} ms`);
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(row.lost).toBe(0);
  });

  it("await flush() resolves and the program goes on", async () => {
    const result = await runPiped(dir, "drop-flush", program(DROP, `await flush(); fs.writeSync(2, "flushed\\n");`), "never-reads");
    const row = account("never reads, drop, await flush()", result);
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(result.stderr.startsWith("flushed\n")).toBe(true);
    expect(row.lost).toBe(0);
  });
});

describe("other readers", () => {
  it("a slow reader, onFull: \"block\": every line arrives, in order", async () => {
    const result = await runPiped(dir, "block-slow", program(`{ maxBuffer: 256 * 1024 }`, ""), "slow");
    const row = account("slow reader, block", result);
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(row).toMatchObject({ delivered: TOTAL, lost: 0, duplicates: 0 });
  });

  it("a slow reader of stdout and stderr together (2>&1): logweave's own report never lands inside a log line", async () => {
    const result = await runPiped(
      dir,
      "report-mid-line",
      `import { configure, getLogger, stdoutDestination } from ${builtModule("index.js")};
configure({ format: "json", base: null, destination: stdoutDestination() });
const log = getLogger("app");
const broken = getLogger("broken", { destination: { write() { throw new Error("boom"); } } });
const pad = "x".repeat(100);
let i = 0;
const batch = () => {
  for (let k = 0; k < 2000; k++) log.info("line", { i: i++, pad });
  if (i === 50000) broken.info("this destination throws: logweave reports it on stderr");
  if (i < ${TOTAL}) setImmediate(batch);
};
batch();`,
      "slow",
      { stderrToStdout: true },
    );
    const lines = wholeLines(result.stdout);
    const reports = lines.filter((text) => text.startsWith("logweave: "));
    const spliced = lines.filter((text) => !text.startsWith("logweave: ") && !/^\{.*\}$/.test(text));
    const row = account("slow reader, 2>&1, a report mid-stream", { ...result, stdout: lines.filter((text) => !text.startsWith("logweave: ")).join("\n") + "\n" }, `${spliced.length} spliced lines`);
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(reports).toEqual([expect.stringMatching(/^logweave: the destination threw \(boom\); lines may be lost$/)]);
    expect(spliced).toEqual([]);
    expect(row).toMatchObject({ delivered: TOTAL, lost: 0 });
  });

  it("a reader that goes away: the program runs on and ends by itself (lines after it left are not delivered: no promise)", async () => {
    const result = await runPiped(dir, "goes-away", program(`{}`, `fs.writeSync(2, "still running\\n");`), "goes-away");
    account("reader goes away (EPIPE; not promised)", result);
    expect([result.code, result.signal, result.stderr]).toEqual([0, null, "still running\n"]);
  });
});
