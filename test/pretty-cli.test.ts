/**
 * `logweave pretty`, run as users run it: the built bin as a child process, fed real logweave
 * output (from a child program using the built package) and real pino output.
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import bunyan from "bunyan";
import pino from "pino";
import * as pinoCallerModule from "pino-caller";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/compile-fixture.js";

const CLI = path.join(REPO_ROOT, "dist/transformer/cli.js");
const ANSI = /\u001b\[[0-9;]*m/;

interface CliResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** The environment of a child: times in UTC, no color variables unless a test sets them. */
function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: "UTC" };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  return { ...env, ...extra };
}

/**
 * Runs `logweave pretty args` with `input` on stdin, written piece by piece with a pause between
 * pieces so they arrive as separate reads.
 */
function runPretty(args: readonly string[], input: readonly (string | Buffer)[], env: Readonly<Record<string, string>> = {}, cli = CLI): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "pretty", ...args], { env: childEnv(env) });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
    void (async () => {
      for (const piece of input) {
        child.stdin.write(piece);
        await new Promise((r) => setTimeout(r, 15));
      }
      child.stdin.end();
    })();
  });
}

/** `HH:MM:SS.mmm` of an epoch-milliseconds time, in UTC (the children run with TZ=UTC). */
function utcTime(time: unknown): string {
  return new Date(time as number).toISOString().slice(11, 23);
}

/** The output lines that are not error-stack frames. */
function headLines(text: string): string[] {
  return text.split("\n").filter((l) => !/^\s+at /.test(l));
}

/** Real logweave output: the built package in a child program, plain calls and a transformed call site. */
const LOGWEAVE_PROGRAM = `
import { getLogger, flush } from "logweave";
const auth = getLogger("auth");
const billing = getLogger("billing.payments");
auth.info("User login", { userId: 12345, ip: "192.168.1.1", success: true });
billing.child({ component: "Charger" }).warn("slow charge", { ms: 1200, req: { method: "POST", path: "/pay" }, note: "card on file" });
billing.error("payment failed", Object.assign(new Error("card declined", { cause: new Error("issuer timeout") }), { code: "E_CARD" }));
auth.debug("token refreshed", { ttl: 60 });
// What the TypeScript plugin and the SWC step emit for log.info("from a transformed call", { n }).
const site = () => ({ level: 30, method: "info", msg: '"from a transformed call"', fields: [{ key: "n", type: "number" }], file: "src/app.ts", line: 42, column: 5, function: "main", args: (n) => ["from a transformed call", { n }] });
globalThis[Symbol.for("logweave.sites/1")](site, auth)?.(site, 7);
await flush();
`;

function logweaveOutput(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--input-type=module", "-e", LOGWEAVE_PROGRAM], { cwd: REPO_ROOT, env: childEnv({ LOG_LEVEL: "debug", LOGWEAVE_FORMAT: "json" }) }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

// pino-caller is CommonJS (`module.exports = fn`) while its types declare a default export.
const pinoCaller = ((pinoCallerModule as { default?: unknown }).default ?? pinoCallerModule) as (logger: pino.Logger) => pino.Logger;

/** Real pino output: pino writing to a collecting stream, a child logger, an error with a cause, pino-caller. */
function pinoOutput(): string {
  let text = "";
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  const log = pino({ name: "api" }, sink);
  log.info({ userId: 7, tags: ["a", "b"] }, "request served");
  log.child({ reqId: "r-1" }).warn("slow upstream");
  log.error(new Error("db down", { cause: new Error("connection refused") }), "query failed");
  pinoCaller(pino({ name: "called" }, sink)).info("with caller");
  pino({ name: "named-levels", formatters: { level: (label) => ({ level: label }) } }, sink).error("level as a name");
  return text;
}

let logweaveText = "";
let logweaveRecords: Record<string, unknown>[] = [];

beforeAll(async () => {
  logweaveText = await logweaveOutput();
  logweaveRecords = logweaveText.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(logweaveRecords).toHaveLength(5);
});

describe("logweave pretty: logweave's lines", () => {
  it("prints time, level, aligned name, message, fields, caller and the error stack", async () => {
    const r = await runPretty([], [logweaveText]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = r.stdout.toString();
    expect(out).not.toMatch(ANSI); // stdout is a pipe: no colors by default
    const [login, slow, failed, debug, site] = logweaveRecords.map((rec) => utcTime(rec.time));
    expect(headLines(out)).toEqual([
      `${login} INFO  auth: User login userId=12345 ip=192.168.1.1 success=true`,
      `${slow} WARN  billing.payments: slow charge component=Charger ms=1200 req.method=POST req.path=/pay note="card on file"`,
      `${failed} ERROR billing.payments: payment failed err="Error: card declined" err.code=E_CARD`,
      "    err: Error: card declined",
      "      caused by: Error: issuer timeout",
      `${debug} DEBUG auth:             token refreshed ttl=60`,
      `${site} INFO  auth:             from a transformed call n=7 (src/app.ts:42 main)`,
      "",
    ]);
    // The stack frames are there, indented under their error.
    expect(out).toMatch(/\n    err: Error: card declined\n        at [^\n]+\n/);
    expect(out).toMatch(/\n      caused by: Error: issuer timeout\n          at [^\n]+\n/);
  });

  it("--level warn leaves out records below warn and keeps other lines", async () => {
    const r = await runPretty(["--level", "warn"], [logweaveText, "a plain line\n"]);
    expect(r.code).toBe(0);
    const heads = headLines(r.stdout.toString()).map((l) => (/^\d\d:/.test(l) ? l.slice(13) : l));
    expect(heads).toEqual([
      "WARN  billing.payments: slow charge component=Charger ms=1200 req.method=POST req.path=/pay note=\"card on file\"",
      'ERROR billing.payments: payment failed err="Error: card declined" err.code=E_CARD',
      "    err: Error: card declined",
      "      caused by: Error: issuer timeout",
      "a plain line",
      "",
    ]);
  });

  it("--level accepts a number", async () => {
    const r = await runPretty(["-l", "45"], [logweaveText]);
    const levels = headLines(r.stdout.toString()).filter((l) => /^\d\d:/.test(l)).map((l) => l.slice(13, 18));
    expect(levels).toEqual(["ERROR"]);
  });
});

describe("logweave pretty: pino's lines", () => {
  it("prints pino's records: name, message, bindings, fields, error with cause, caller, level names", async () => {
    const text = pinoOutput();
    const records = text.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const r = await runPretty([], [text]);
    expect(r.code).toBe(0);
    const t = records.map((rec) => utcTime(rec.time));
    const out = r.stdout.toString();
    expect(headLines(out)).toEqual([
      `${t[0]} INFO  api: request served userId=7 tags=["a","b"]`,
      `${t[1]} WARN  api: slow upstream reqId=r-1`,
      `${t[2]} ERROR api: query failed err="Error: db down: connection refused"`,
      "    err: Error: db down",
      "      caused by: Error: connection refused",
      `${t[3]} INFO  called: with caller (${String(records[3]!.caller)})`,
      `${t[4]} ERROR named-levels: level as a name`,
      "",
    ]);
    expect(String(records[3]!.caller)).toMatch(/pretty-cli\.test\.ts:\d+:\d+/);
  });
});

describe("logweave pretty: bunyan's lines", () => {
  it("prints bunyan's records: ISO time, name, fields, and an error serialized with its name", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = bunyan.createLogger({ name: "legacy", serializers: bunyan.stdSerializers, streams: [{ stream: sink }] });
    log.info({ user: "u1" }, "hello");
    log.error({ err: Object.assign(new TypeError("bad input"), { code: "E_BAD" }) }, "failed");
    const t = lines.map((l) => (JSON.parse(l) as { time: string }).time.slice(11, 23));
    const r = await runPretty([], [lines.join("")]);
    expect(headLines(r.stdout.toString())).toEqual([`${t[0]} INFO  legacy: hello user=u1`, `${t[1]} ERROR legacy: failed err="TypeError: bad input" err.code=E_BAD`, "    err: TypeError: bad input", ""]);
  });
});

describe("logweave pretty: streaming", () => {
  it("passes lines that are not log records through byte for byte, in order", async () => {
    const record = '{"level":30,"time":0,"msg":"between"}\n';
    const passthrough = [Buffer.from("plain text\r\n"), Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from('{"status":"ok"}\n[1,2]\n'), Buffer.from("progress 1\rprogress 2\n")];
    const r = await runPretty([], [passthrough[0]!, passthrough[1]!, record, passthrough[2]!, passthrough[3]!, Buffer.from("no newline at the end")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual(
      Buffer.concat([passthrough[0]!, passthrough[1]!, Buffer.from("00:00:00.000 INFO  between\n"), passthrough[2]!, passthrough[3]!, Buffer.from("no newline at the end")]),
    );
  });

  it("prints a record split across reads, and a last record without a newline", async () => {
    const r = await runPretty([], ['{"level":40,"time":0,"na', 'me":"split","msg":"joined"}\n{"level":30,"time":0,', '"msg":"last"}']);
    expect(r.stdout.toString()).toBe("00:00:00.000 WARN  split: joined\n00:00:00.000 INFO         last\n");
  });

  it("prints a 4 MB record and passes a 4 MB plain line through", async () => {
    const big = "x".repeat(4 * 1024 * 1024);
    const r = await runPretty([], [JSON.stringify({ level: 30, time: 0, msg: "big", data: big }) + "\n", big + "\n"]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe(`00:00:00.000 INFO  big data=${big}\n${big}\n`);
  });

  it("stops quietly with exit code 0 when the reader goes away (| head -n 2), even with endless input", async () => {
    const r = await new Promise<{ out: string; status: string }>((resolve, reject) => {
      execFile("bash", ["-c", `yes '{"level":30,"time":0,"msg":"again"}' | "${process.execPath}" "${CLI}" pretty | head -n 2; echo "status \${PIPESTATUS[1]}" >&2`], { env: childEnv() }, (error, stdout, stderr) => {
        if (error) reject(error);
        else resolve({ out: stdout, status: stderr });
      });
    });
    expect(r.out).toBe("00:00:00.000 INFO  again\n00:00:00.000 INFO  again\n");
    expect(r.status).toBe("status 0\n");
  });

  it("a reader that closes its end early ends the command with code 0 and nothing on stderr", async () => {
    const child = spawn(process.execPath, [CLI, "pretty"], { env: childEnv() });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.stdin.on("error", () => {}); // the child may be gone while we still write
    child.stdout.once("data", () => child.stdout.destroy());
    const lines = '{"level":30,"time":0,"msg":"firehose","n":1}\n'.repeat(2000);
    const feed = setInterval(() => child.stdin.writable && child.stdin.write(lines), 1);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearInterval(feed);
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });
});

describe("logweave pretty: colors", () => {
  const line = '{"level":50,"time":0,"name":"c","msg":"colored?"}\n';

  it("FORCE_COLOR and --color turn colors on when stdout is a pipe", async () => {
    expect((await runPretty([], [line], { FORCE_COLOR: "1" })).stdout.toString()).toContain("\u001b[31mERROR\u001b[0m");
    expect((await runPretty(["--color"], [line])).stdout.toString()).toContain("\u001b[31mERROR\u001b[0m");
  });

  it("--no-color wins over FORCE_COLOR, --color over NO_COLOR", async () => {
    expect((await runPretty(["--no-color"], [line], { FORCE_COLOR: "1" })).stdout.toString()).toBe("00:00:00.000 ERROR c: colored?\n");
    expect((await runPretty(["--color"], [line], { NO_COLOR: "1" })).stdout.toString()).toMatch(ANSI);
  });

  it("colors by default on a terminal, and NO_COLOR turns them off there", async () => {
    const file = path.join(os.tmpdir(), `logweave-pretty-${process.pid}.jsonl`);
    fs.writeFileSync(file, line);
    // `script` runs the command with a pseudo-terminal as stdout.
    const onTerminal = (env: Readonly<Record<string, string>>) =>
      new Promise<string>((resolve, reject) => {
        execFile("script", ["-q", "-e", "-c", `"${process.execPath}" "${CLI}" pretty < "${file}"`, "/dev/null"], { env: childEnv(env) }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
      });
    try {
      expect(await onTerminal({})).toContain("\u001b[31mERROR\u001b[0m");
      expect((await onTerminal({ NO_COLOR: "1" })).replace(/\r/g, "")).toBe("00:00:00.000 ERROR c: colored?\n");
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

describe("logweave pretty: command line", () => {
  it("rejects an unknown level or option with exit code 2 and the usage", async () => {
    const bad = await runPretty(["--level", "loud"], []);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^logweave pretty: --level: "loud" is not a level .*\n\nUsage: logweave pretty/);
    const unknown = await runPretty(["--colour"], []);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^logweave pretty: Unknown option '--colour'/);
    expect((await runPretty(["extra"], [])).code).toBe(2);
  });

  it("--help prints the usage with exit code 0", async () => {
    const r = await runPretty(["--help"], []);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/^Usage: logweave pretty \[options\]/);
  });

  it("runs without @swc/core, typescript or magic-string installed", async () => {
    // A copy of the built package with no node_modules anywhere above it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-no-peers-"));
    try {
      fs.cpSync(path.join(REPO_ROOT, "dist/src"), path.join(dir, "dist/src"), { recursive: true });
      fs.cpSync(path.join(REPO_ROOT, "dist/transformer"), path.join(dir, "dist/transformer"), { recursive: true });
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "logweave", type: "module" }));
      const cli = path.join(dir, "dist/transformer/cli.js");
      const r = await runPretty([], ['{"level":30,"time":0,"msg":"no peers"}\n'], {}, cli);
      expect(r.stderr).toBe("");
      expect(r.stdout.toString()).toBe("00:00:00.000 INFO  no peers\n");
      const swc = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
        execFile(process.execPath, [cli, "swc", "src", "-d", "out"], { cwd: dir }, (error, _o, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr })),
      );
      expect(swc.code).toBe(1);
      expect(swc.stderr).toBe("logweave swc needs @swc/core and magic-string, which are not installed; install the build tools: npm i -D @swc/core magic-string\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
