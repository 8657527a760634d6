/**
 * Child-process tests: a program logs to a stdout pipe and ends in every way a process ends;
 * we count the lines that arrived. The children import the built files (`npm run build`).
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;

/** URL of a built destination module; fails with a hint when the build is missing or stale. */
function built(name: string): string {
  const file = path.resolve("dist/src/destinations", `${name}.js`);
  const source = path.resolve("src/destinations", `${name}.ts`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  if (fs.statSync(file).mtimeMs < fs.statSync(source).mtimeMs) {
    throw new Error(`${file} is older than its source: run \`npm run build\` first`);
  }
  return JSON.stringify(pathToFileURL(file).href);
}

/** URL of the built lifecycle module (exit hook, signal handlers). */
function builtLifecycle(): string {
  const file = path.resolve("dist/src/lifecycle.js");
  if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < fs.statSync("src/lifecycle.ts").mtimeMs) {
    throw new Error(`${file} is missing or older than its source: run \`npm run build\` first`);
  }
  return JSON.stringify(pathToFileURL(file).href);
}

/** Writes a child program to the temp dir and returns its path. */
function script(name: string, body: string): string {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(
    file,
    `import fs from "node:fs";
import { stdoutDestination } from ${built("fd")};
import { installSignalHandlers } from ${builtLifecycle()};
const env = process.env;
${body}`,
  );
  return file;
}

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface ChildOptions {
  env?: Record<string, string>;
  /** Close the read end of the pipe as soon as the first bytes arrive. */
  closeAfterFirstData?: boolean;
  /** Read nothing until the child writes to stderr (a slow reader). */
  readAfterStderr?: boolean;
}

/** A child still alive after this is killed (SIGKILL), so a hang fails fast and leaves nothing. */
const CHILD_LIMIT_MS = 10_000;
/** Per-test timeout: above CHILD_LIMIT_MS so the test reports the child's state, not a timeout. */
const TEST_TIMEOUT_MS = 20_000;

/**
 * Runs a child whose stdout is a real pipe (a FIFO; Node's own `stdio: "pipe"` is a socket pair)
 * and resolves once it has exited and the pipe is drained.
 */
function run(file: string, options: ChildOptions = {}): Promise<ChildResult> {
  const fifo = path.join(dir, `pipe-${Math.random().toString(36).slice(2)}`);
  execFileSync("mkfifo", [fifo]);
  // Opening the read end first (non-blocking) lets the write end open without waiting.
  const readFd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  const writeFd = fs.openSync(fifo, fs.constants.O_WRONLY);
  fs.unlinkSync(fifo);
  const child = spawn(process.execPath, [file], {
    stdio: ["ignore", writeFd, "pipe"],
    env: { ...process.env, ...options.env },
  });
  fs.closeSync(writeFd);
  const childStderr = child.stderr;
  if (childStderr === null) throw new Error("spawn gave no stderr pipe");
  const reader = new net.Socket({ fd: readFd, readable: true, writable: false });
  const chunks: Buffer[] = [];
  let stderr = "";
  if (options.readAfterStderr) reader.pause();
  reader.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    if (options.closeAfterFirstData) reader.destroy();
  });
  childStderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    if (options.readAfterStderr) reader.resume();
  });
  const limit = setTimeout(() => child.kill("SIGKILL"), CHILD_LIMIT_MS);
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("exit", (code, signal) => {
      clearTimeout(limit);
      resolve([code, signal]);
    }),
  );
  const drained = new Promise<void>((resolve) => reader.on("close", () => resolve()));
  const stderrDone = new Promise<void>((resolve) => childStderr.on("close", () => resolve()));
  return Promise.all([exited, drained, stderrDone]).then(([[code, signal]]) => ({
    code,
    signal,
    stdout: Buffer.concat(chunks).toString("utf8"),
    stderr,
  }));
}

/** `{"i":from}\n` … `{"i":to-1}\n` */
function expected(n: number): string {
  let text = "";
  for (let i = 0; i < n; i++) text += `{"i":${i}}\n`;
  return text;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-exit-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("every line written before the process ends reaches the pipe", () => {
  /** How the child ends right after writing N lines (still buffered: no turn has passed). */
  const endings: Record<string, { body: string; code: number | null; signal: string | null }> = {
    "natural end": { body: "writeLines();", code: 0, signal: null },
    "process.exit()": { body: "writeLines(); process.exit(0);", code: 0, signal: null },
    "an uncaught exception": {
      body: 'setTimeout(() => { writeLines(); throw new Error("boom"); }, 0);',
      code: 1,
      signal: null,
    },
    "an unhandled rejection": {
      body: 'writeLines(); Promise.reject(new Error("nope"));',
      code: 1,
      signal: null,
    },
    // From a timer the signal is handled in the poll phase, before the check phase that would
    // have flushed: only the signal handler can deliver the lines. The interval keeps the
    // process alive as a server would (Node's signal handles alone do not).
    "SIGTERM with installSignalHandlers": {
      body: `installSignalHandlers(); setInterval(() => {}, 1000);
setTimeout(() => { writeLines(); process.kill(process.pid, "SIGTERM"); }, 0);`,
      code: null,
      signal: "SIGTERM",
    },
    "SIGINT with installSignalHandlers": {
      body: `installSignalHandlers(); setInterval(() => {}, 1000);
setTimeout(() => { writeLines(); process.kill(process.pid, "SIGINT"); }, 0);`,
      code: null,
      signal: "SIGINT",
    },
  };

  for (const [ending, { body, code, signal }] of Object.entries(endings)) {
    for (const n of [10, 100_000]) {
      it(`${ending}: ${n} lines`, async () => {
        const file = script(
          `end-${ending.replace(/\W+/g, "-")}-${n}`,
          `const out = stdoutDestination();
const writeLines = () => { for (let i = 0; i < ${n}; i++) out.write(\`{"i":\${i}}\\n\`); };
${body}`,
        );
        const result = await run(file);
        expect(result.stdout.length).toBe(expected(n).length);
        expect(result.stdout === expected(n), "lines arrive whole and in order").toBe(true);
        expect([result.code, result.signal]).toEqual([code, signal]);
      }, TEST_TIMEOUT_MS);
    }
  }

  it("a line written from the application's own exit listener still arrives", async () => {
    const file = script(
      "exit-listener",
      `const out = stdoutDestination();
process.on("exit", () => out.write('{"i":10}\\n'));
for (let i = 0; i < 10; i++) out.write(\`{"i":\${i}}\\n\`);`,
    );
    const result = await run(file);
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(result.stdout).toBe(expected(11));
  }, TEST_TIMEOUT_MS);

  it("control: SIGTERM without installSignalHandlers loses the buffered lines", async () => {
    const file = script(
      "control-sigterm",
      `const out = stdoutDestination(); setInterval(() => {}, 1000);
setTimeout(() => { for (let i = 0; i < 10; i++) out.write(\`{"i":\${i}}\\n\`);
  process.kill(process.pid, "SIGTERM"); }, 0);`,
    );
    const result = await run(file);
    expect(result.signal).toBe("SIGTERM");
    expect(result.stdout).toBe("");
  }, TEST_TIMEOUT_MS);

  it("an application's own SIGTERM listener keeps control after the flush", async () => {
    const file = script(
      "app-listener",
      `installSignalHandlers();
const out = stdoutDestination(); setInterval(() => {}, 1000);
process.on("SIGTERM", () => { out.write('{"i":10}\\n'); process.exit(0); });
setTimeout(() => { for (let i = 0; i < 10; i++) out.write(\`{"i":\${i}}\\n\`);
  process.kill(process.pid, "SIGTERM"); }, 0);`,
    );
    const result = await run(file);
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(result.stdout).toBe(expected(11));
  }, TEST_TIMEOUT_MS);
});

describe("a reader that goes away or falls behind", () => {
  it("a broken pipe stops output quietly; the application runs on and ends by itself", async () => {
    const file = script(
      "broken-pipe",
      `const out = stdoutDestination();
out.write('{"i":0}\\n');
let i = 1;
const started = Date.now();
const tick = () => {
  for (let k = 0; k < 100; k++) out.write(\`{"i":\${i++}}\\n\`);
  if (out.closed) {
    for (let k = 0; k < 100000; k++) out.write(\`{"i":\${i++}}\\n\`);
    fs.writeSync(2, JSON.stringify({ closed: true, buffered: out.buffered, dropped: out.dropped }));
  } else if (Date.now() - started > 5000) {
    fs.writeSync(2, "the writer never saw EPIPE");
  } else {
    setTimeout(tick, 2);
  }
};
setTimeout(tick, 2);`,
    );
    // Ending naturally proves no retry timer or loop outlived EPIPE; CHILD_LIMIT_MS bounds it.
    const result = await run(file, { closeAfterFirstData: true });
    expect(result.stdout.startsWith('{"i":0}\n')).toBe(true);
    expect(JSON.parse(result.stderr)).toEqual({ closed: true, buffered: 0, dropped: 0 });
    expect([result.code, result.signal]).toEqual([0, null]);
  }, TEST_TIMEOUT_MS);

  it("drop with a slow reader: memory stays under the cap and the reports count every missing line", async () => {
    const maxBuffer = 64 * 1024;
    const total = 200_000;
    const file = script(
      "slow-reader-drop",
      `const out = stdoutDestination({ maxBuffer: ${maxBuffer}, onFull: "drop" });
let i = 0, maxBuffered = 0, batches = 0;
const batch = () => {
  for (let k = 0; k < ${total / 20}; k++) {
    out.write(\`{"i":\${i++},"pad":"xxxxxxxxxxxxxxxxxxxxxxxx"}\\n\`);
    maxBuffered = Math.max(maxBuffered, out.buffered);
  }
  if (++batches < 20) setTimeout(batch, 1);
  // The reader starts reading only once this arrives on stderr.
  else fs.writeSync(2, JSON.stringify({ written: i, maxBuffered }));
};
batch();`,
    );
    const result = await run(file, { readAfterStderr: true });
    expect([result.code, result.signal]).toEqual([0, null]);
    const stats = JSON.parse(result.stderr) as { written: number; maxBuffered: number };
    expect(stats.written).toBe(total);
    expect(stats.maxBuffered).toBeLessThanOrEqual(maxBuffer);
    const records = result.stdout
      .trimEnd()
      .split("\n")
      .map((text) => JSON.parse(text) as { i?: number; msg?: string; dropped?: number });
    const reports = records.filter((record) => record.msg === "logweave dropped lines");
    const data = records.filter((record) => record.msg === undefined);
    const reported = reports.reduce((sum, record) => sum + (record.dropped ?? 0), 0);
    expect(reported).toBeGreaterThan(0);
    expect(data.length + reported).toBe(total);
    // What arrived is in order, without duplicates.
    const inOrder = data.every((record, k) => k === 0 || (record.i ?? 0) > (data[k - 1]?.i ?? 0));
    expect(inOrder).toBe(true);
  }, TEST_TIMEOUT_MS);
});
