/**
 * Readers that fall behind, go away or cannot take the bytes, met through the public API
 * (`getLogger` + `configure`, the built package in child processes) in real shell pipelines:
 * - a slow reader of 1,000,000 lines: with `block` every line arrives, in order; with `drop`
 *   the dropped counts reported equal the lines missing; the buffer never holds more than its cap;
 * - `app | head -1`: the app runs on, quietly, and ends by itself (no retry loop outlives EPIPE);
 * - `app > /dev/full`: one clear report on stderr, the app runs on and ends normally.
 * (Every ending of a process with 10 and 100,000 lines: `exit-api.test.ts`.)
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = JSON.stringify(pathToFileURL(path.join(root, "dist", "src", "index.js")).href);
let dir: string;

beforeAll(() => {
  expect(fs.existsSync(path.join(root, "dist", "src", "index.js")), "run `npm run build` first").toBe(true);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-delivery-"));
  // Reads stdin slowly (one chunk, then a pause), checks that the numbered lines arrive whole
  // and in order, adds up the drop reports, and prints a summary.
  fs.writeFileSync(
    path.join(dir, "slow-reader.mjs"),
    `let rest = "", lines = 0, next = 0, outOfOrder = 0, dropped = 0, reports = 0, bad = 0;
process.stdin.on("data", (chunk) => {
  const text = rest + chunk.toString("utf8");
  const parts = text.split("\\n");
  rest = parts.pop();
  for (const line of parts) {
    let record;
    try { record = JSON.parse(line); } catch { bad++; continue; }
    if (record.msg === "logweave dropped lines") { reports++; dropped += record.dropped; continue; }
    if (record.i < next) outOfOrder++;
    next = record.i + 1;
    lines++;
  }
  process.stdin.pause();
  setTimeout(() => process.stdin.resume(), 1);
});
process.stdin.on("end", () => process.stdout.write(JSON.stringify({ lines, outOfOrder, dropped, reports, bad, rest })));
`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes an app that logs through the public API; `body` runs after `log` and `out` exist. */
function app(name: string, body: string, destination = "stdoutDestination()"): string {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(
    file,
    `import { configure, getLogger, stdoutDestination } from ${entry};
const out = ${destination};
configure({ format: "json", level: "info", base: null, destination: out });
const log = getLogger("app");
${body}
`,
  );
  return file;
}

/** Runs a bash pipeline; resolves with what it printed and the exit status of each command. */
function pipeline(command: string): Promise<{ stdout: string; stderr: string; statuses: number[] }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-c", `${command}; echo "statuses:\${PIPESTATUS[*]}" >&2`],
      { cwd: dir, timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: "", LOGWEAVE_FORMAT: "" } },
      (_error, stdout, stderr) => {
        const m = /statuses:([\d ]+)\n$/.exec(stderr);
        resolve({ stdout, stderr: m === null ? stderr : stderr.slice(0, m.index), statuses: m === null ? [] : m[1].trim().split(" ").map(Number) });
      },
    );
  });
}

const MILLION = 1_000_000;
const CAP = 256 * 1024;

/**
 * Logs `MILLION` numbered lines (about 107 MiB of text) in batches, a turn of the event loop
 * between them, tracking the buffer's peak and how much the heap grew.
 */
const LOG_A_MILLION = `let peak = 0, heapGrowth = 0;
const heapAtStart = process.memoryUsage().heapUsed;
for (let batch = 0; batch < 100; batch++) {
  for (let k = 0; k < ${MILLION / 100}; k++) {
    log.info("line", { i: batch * ${MILLION / 100} + k, pad: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" });
    if (out.buffered > peak) peak = out.buffered;
  }
  heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - heapAtStart);
  await new Promise((resolve) => setImmediate(resolve));
}
process.stderr.write(JSON.stringify({ peak, dropped: out.dropped, heapGrowth }));`;

/** Far below the text logged: the heap did not keep what the reader had not taken yet. */
const HEAP_GROWTH_LIMIT = 64 * 1024 * 1024;

describe("a slow reader of 1,000,000 lines", () => {
  it("block (the default): every line arrives, in order, and the buffer stays under its cap", async () => {
    const file = app("slow-block", LOG_A_MILLION, `stdoutDestination({ maxBuffer: ${CAP} })`);
    const r = await pipeline(`node ${file} | node slow-reader.mjs`);
    expect(r.statuses).toEqual([0, 0]);
    const writer = JSON.parse(r.stderr) as { peak: number; dropped: number; heapGrowth: number };
    expect(writer.peak).toBeGreaterThan(0);
    expect(writer.peak).toBeLessThanOrEqual(CAP);
    expect(writer.heapGrowth).toBeLessThan(HEAP_GROWTH_LIMIT);
    expect(writer.dropped).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ lines: MILLION, outOfOrder: 0, dropped: 0, reports: 0, bad: 0, rest: "" });
  }, 60_000);

  it("drop: the buffer stays under its cap and the dropped counts reported equal the lines missing", async () => {
    const file = app("slow-drop", LOG_A_MILLION, `stdoutDestination({ maxBuffer: ${CAP}, onFull: "drop" })`);
    const r = await pipeline(`node ${file} | node slow-reader.mjs`);
    expect(r.statuses).toEqual([0, 0]);
    const writer = JSON.parse(r.stderr) as { peak: number; dropped: number; heapGrowth: number };
    expect(writer.peak).toBeLessThanOrEqual(CAP);
    expect(writer.heapGrowth).toBeLessThan(HEAP_GROWTH_LIMIT);
    const reader = JSON.parse(r.stdout) as { lines: number; outOfOrder: number; dropped: number; reports: number; bad: number };
    expect(reader.bad).toBe(0);
    expect(reader.outOfOrder).toBe(0);
    expect(reader.reports).toBeGreaterThan(0);
    expect(reader.dropped).toBeGreaterThan(0);
    expect(reader.lines + reader.dropped).toBe(MILLION);
  }, 60_000);
});

describe("a reader that goes away: app | head -1", () => {
  it("the app runs on quietly and ends by itself; head gets one whole line", async () => {
    // 200 turns of 1,000 lines: EPIPE comes early; then the app reports it is still running.
    const file = app(
      "broken-pipe",
      `for (let turn = 0; turn < 200; turn++) {
  for (let k = 0; k < 1000; k++) log.info("line", { i: turn * 1000 + k });
  await new Promise((resolve) => setTimeout(resolve, 1));
}
process.stderr.write("still running");`,
    );
    const r = await pipeline(`node ${file} | head -1`);
    expect(r.statuses).toEqual([0, 0]);
    expect(r.stderr).toBe("still running");
    expect(JSON.parse(r.stdout)).toEqual({ level: 30, time: expect.any(Number), name: "app", msg: "line", i: 0 });
  }, 60_000);
});

describe("a disk that is full: app > /dev/full", () => {
  for (const n of [10, 100_000]) {
    it(`${n} lines: one clear report on stderr, the app runs on and ends normally`, async () => {
      const file = app(
        `dev-full-${n}`,
        `for (let i = 0; i < ${n}; i++) log.info("line", { i });
await new Promise((resolve) => setTimeout(resolve, 5));
for (let i = 0; i < ${n}; i++) log.info("more", { i });
await new Promise((resolve) => setTimeout(resolve, 5));
process.stderr.write("still running\\n");`,
      );
      const r = await pipeline(`node ${file} > /dev/full`);
      expect(r.statuses).toEqual([0]);
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^logweave: cannot write to stdout: ENOSPC\b/);
      expect(lines[1]).toBe("still running");
    }, 60_000);
  }
});
