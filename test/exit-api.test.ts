/**
 * Exit paths through the public API: a program logs N lines with the zero-config stdout
 * destination, then ends in one of the ways a process ends; every line must arrive.
 * Runs the built package (dist/) in child processes; stdout is a pipe.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.join(root, "dist", "src", "index.js");
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-exit-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ENDINGS: Record<string, { code: string; expectCode: number | null; expectSignal?: string; handleSignals?: boolean }> = {
  "natural end": { code: "", expectCode: 0 },
  "process.exit()": { code: "process.exit(3);", expectCode: 3 },
  "uncaught throw": { code: "setTimeout(() => { throw new Error('boom'); }, 0);", expectCode: 1 },
  "unhandled rejection": { code: "Promise.reject(new Error('nope'));", expectCode: 1 },
  "fatal() then exit": { code: "log.fatal('dying', { reason: 'test' }); process.exit(1);", expectCode: 1 },
  "SIGTERM with handleSignals": { code: "setInterval(() => {}, 1000); setTimeout(() => process.kill(process.pid, 'SIGTERM'), 0);", expectCode: null, expectSignal: "SIGTERM", handleSignals: true },
  "SIGINT with handleSignals": { code: "setInterval(() => {}, 1000); setTimeout(() => process.kill(process.pid, 'SIGINT'), 0);", expectCode: null, expectSignal: "SIGINT", handleSignals: true },
};

function run(name: string, lines: number): Promise<{ stdout: string; code: number | null; signal: string | null }> {
  const ending = ENDINGS[name];
  const file = path.join(dir, `${name.replace(/\W+/g, "-")}-${lines}.mjs`);
  fs.writeFileSync(
    file,
    `import { configure, getLogger } from ${JSON.stringify(entry)};
configure({ format: "json", level: "info"${ending.handleSignals ? ", handleSignals: true" : ""} });
const log = getLogger("exit");
for (let i = 0; i < ${lines}; i++) log.info("line", { i });
${ending.code}
`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(chunks).toString("utf8"), code, signal });
    });
  });
}

describe.each([10, 100_000])("with %i lines", (n) => {
  it.each(Object.keys(ENDINGS))("every line arrives on %s", async (name) => {
    const r = await run(name, n);
    const ending = ENDINGS[name];
    if (ending.expectSignal) expect(r.signal).toBe(ending.expectSignal);
    else expect(r.code).toBe(ending.expectCode);
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    const numbered = lines.map((l) => JSON.parse(l)).filter((rec) => rec.msg === "line");
    expect(numbered).toHaveLength(n);
    expect(numbered.every((rec, i) => rec.i === i)).toBe(true);
    if (name === "fatal() then exit") expect(JSON.parse(lines.at(-1)!)).toMatchObject({ level: 60, msg: "dying" });
  });
});

describe("an application's own buffering destination", () => {
  it("is written out on process.exit() and by flushSync(), also when only one logger uses it", async () => {
    const file = path.join(dir, "custom-destination.mjs");
    fs.writeFileSync(
      file,
      `import fs from "node:fs";
import { configure, getLogger, flushSync } from ${JSON.stringify(entry)};
// Holds lines until flushed, as a batching destination does.
function batching(tag) {
  let held = "";
  return { write(line) { held += line; }, flushSync() { fs.writeSync(1, held.replaceAll('"msg"', '"' + tag + '":1,"msg"')); held = ""; } };
}
configure({ format: "json", destination: batching("global") });
const own = getLogger("own", { destination: batching("own") });
getLogger("g").info("before flushSync");
flushSync();
getLogger("g").info("at exit");
own.info("own at exit");
process.exit(0);
`,
    );
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "inherit"] });
      let text = "";
      child.stdout.on("data", (d: Buffer) => (text += d));
      child.on("error", reject);
      child.on("close", () => resolve(text));
    });
    const records = out.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
    expect(records.map((r) => r.msg)).toEqual(["before flushSync", "at exit", "own at exit"]);
    expect(records[2]).toHaveProperty("own", 1);
  });
});
