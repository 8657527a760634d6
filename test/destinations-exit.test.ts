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
  /** Read nothing until the child has exited: a reader that keeps the pipe open and never reads. */
  readAfterExit?: boolean;
  /** Pause 1 ms after every chunk read, so the writer meets a full pipe again and again. */
  slowReader?: boolean;
  /** The child's stderr is the same pipe as its stdout (`2>&1`); `stderr` stays empty. */
  stderrToStdout?: boolean;
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
    stdio: ["ignore", writeFd, options.stderrToStdout ? writeFd : "pipe"],
    env: { ...process.env, ...options.env },
  });
  fs.closeSync(writeFd);
  const reader = new net.Socket({ fd: readFd, readable: true, writable: false });
  const chunks: Buffer[] = [];
  let stderr = "";
  if (options.readAfterStderr || options.readAfterExit) reader.pause();
  reader.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    if (options.closeAfterFirstData) reader.destroy();
    if (options.slowReader) {
      reader.pause();
      setTimeout(() => reader.resume(), 1);
    }
  });
  const childStderr = child.stderr;
  childStderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    if (options.readAfterStderr) reader.resume();
  });
  const limit = setTimeout(() => child.kill("SIGKILL"), CHILD_LIMIT_MS);
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("exit", (code, signal) => {
      clearTimeout(limit);
      if (options.readAfterExit) reader.resume();
      resolve([code, signal]);
    }),
  );
  const drained = new Promise<void>((resolve) => reader.on("close", () => resolve()));
  const stderrDone = childStderr === null ? Promise.resolve() : new Promise<void>((resolve) => childStderr.on("close", () => resolve()));
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

describe("onFull: \"drop\" against a reader that keeps the pipe open and never reads", () => {
  /** Fills the pipe and the buffer: far more than a pipe holds, so most lines cannot go out. */
  const fill = `const out = stdoutDestination({ onFull: "drop", maxBuffer: 256 * 1024, exitTimeoutMs: 300 });
const total = 100000;
for (let i = 0; i < total; i++) out.write(\`{"i":\${i}}\\n\`);`;

  /** Lines that reached the pipe plus the count reported on stderr: every line, once. */
  function accounted(result: ChildResult): number {
    // A line the pipe took only part of counts as dropped: only whole lines arrived.
    const whole = result.stdout.slice(0, result.stdout.lastIndexOf("\n") + 1);
    const arrived = whole.split("\n").filter((text) => text !== "").map((text) => JSON.parse(text) as { i?: number; dropped?: number });
    const data = arrived.filter((record) => record.i !== undefined);
    expect(data.every((record, k) => record.i === k), "what arrived is whole, in order, from the first line").toBe(true);
    const reportedInStream = arrived.reduce((sum, record) => sum + (record.dropped ?? 0), 0);
    const m = /logweave: cannot write to stdout: it took nothing for 300 ms; (\d+) lines dropped at exit/.exec(result.stderr);
    expect(m, result.stderr).not.toBeNull();
    return data.length + reportedInStream + Number(m?.[1]);
  }

  it("process.exit() ends the process within exitTimeoutMs; every line is delivered or counted on stderr", async () => {
    const result = await run(script("drop-exit-stuck", `${fill}\nprocess.exit(0);`), { readAfterExit: true });
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(accounted(result)).toBe(100000);
  }, TEST_TIMEOUT_MS);

  it("natural end: the retry timer does not keep the process alive; lines are counted", async () => {
    const result = await run(script("drop-natural-stuck", fill), { readAfterExit: true });
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(accounted(result)).toBe(100000);
  }, TEST_TIMEOUT_MS);

  it("SIGTERM with installSignalHandlers ends the process by the signal within exitTimeoutMs", async () => {
    const result = await run(
      script("drop-sigterm-stuck", `installSignalHandlers(); setInterval(() => {}, 1000);\n${fill}\nsetTimeout(() => process.kill(process.pid, "SIGTERM"), 10);`),
      { readAfterExit: true },
    );
    expect([result.code, result.signal]).toEqual([null, "SIGTERM"]);
    expect(accounted(result)).toBe(100000);
  }, TEST_TIMEOUT_MS);

  it("flush() resolves (after exitTimeoutMs) and the process goes on", async () => {
    const result = await run(
      script("drop-flush-stuck", `${fill}\nawait out.flush();\nfs.writeSync(2, "flushed\\n");\nprocess.exit(0);`),
      { readAfterExit: true },
    );
    expect([result.code, result.signal]).toEqual([0, null]);
    expect(result.stderr.startsWith("flushed\n"), result.stderr).toBe(true);
    expect(accounted(result)).toBe(100000);
  }, TEST_TIMEOUT_MS);
});

describe("one writer per pipe: lines from two destinations never splice", () => {
  /** Long numbered lines from two sources, alternating, through a slow reader. */
  const twoSources = (a: string, b: string): string => `const a = ${a};
const b = ${b};
const pad = "x".repeat(300);
let i = 0;
const batch = () => {
  for (let k = 0; k < 2000; k++) { const out = k % 2 === 0 ? a : b; out.write(\`{"i":\${i++},"pad":"\${pad}"}\\n\`); }
  if (i < 100000) setImmediate(batch);
};
batch();`;

  /** Every line is one whole record; every record arrives once. */
  function checkWhole(stdout: string): void {
    const texts = stdout.split("\n").filter((text) => text !== "");
    const broken = texts.filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.slice(0, 3), `${broken.length} spliced lines`).toEqual([]);
    const seen = new Set(texts.map((text) => (JSON.parse(text) as { i: number }).i));
    expect(seen.size).toBe(100000);
  }

  it("stdoutDestination() and stdoutDestination(options) share fd 1's writer", async () => {
    const result = await run(script("two-on-stdout", twoSources("stdoutDestination()", "stdoutDestination({ maxBuffer: 1 << 20 })")), { slowReader: true });
    expect([result.code, result.signal]).toEqual([0, null]);
    checkWhole(result.stdout);
  }, TEST_TIMEOUT_MS);

  it("with 2>&1, stdout and stderr destinations share one writer", async () => {
    const file = script("stdout-and-stderr", `import { stderrDestination } from ${built("fd")};\n` + twoSources("stdoutDestination()", "stderrDestination()"));
    const result = await run(file, { slowReader: true, stderrToStdout: true });
    expect([result.code, result.signal]).toEqual([0, null]);
    checkWhole(result.stdout);
  }, TEST_TIMEOUT_MS);
});
