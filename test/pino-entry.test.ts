/**
 * `logweave/pino` as a package entry, the way pino is loaded: `require("logweave/pino")` is the
 * factory itself (with `.default`, `.pino` and the statics), `import pino from` and named imports
 * work, and TypeScript code written against pino's types compiles against `logweave/pino` with the
 * same diagnostics as against `pino` (ESM and CommonJS, `pino.Logger`, custom levels, placeholder
 * types). Runs the built package (`npm run build` first).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/compile-fixture.js";

const run = promisify(execFile);
// Inside the repository, so `logweave` resolves to this package through its own `exports`.
const DIR = path.join(REPO_ROOT, ".fixture-out/pino-entry");

beforeAll(() => {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
});

async function node(file: string, source: string): Promise<string> {
  fs.writeFileSync(path.join(DIR, file), source);
  const { stdout } = await run(process.execPath, [path.join(DIR, file)], { cwd: DIR });
  return stdout;
}

describe("the logweave/pino entry", () => {
  it("require() gives the factory itself, with pino's statics", async () => {
    const out = await node(
      "entry.cjs",
      `const pino = require("logweave/pino");
       const facts = [typeof pino, pino.default === pino, pino.pino === pino, pino.version, typeof pino.destination,
         typeof pino.transport, pino.levels.values.info, typeof pino.stdSerializers.err, typeof pino.stdTimeFunctions.isoTime,
         pino.symbols.serializersSym === Symbol.for("pino.serializers")];
       console.log(JSON.stringify(facts));`,
    );
    expect(JSON.parse(out)).toEqual(["function", true, true, "10.4.0", "function", "function", 30, "function", "function", true]);
  });

  it("import gives the default and the named exports", async () => {
    const out = await node(
      "entry.mjs",
      `import pino, { pino as named, destination, stdSerializers, levels, version } from "logweave/pino";
       const log = pino({ base: null, timestamp: false }, { write: (s) => process.stdout.write(s) });
       log.info({ a: 1 }, "hello %s", "esm");
       console.log(JSON.stringify([named === pino, typeof destination, typeof stdSerializers.req, levels.labels[60], version]));`,
    );
    const [line, facts] = out.trim().split("\n");
    expect(JSON.parse(line)).toEqual({ level: 30, a: 1, msg: "hello esm" });
    expect(JSON.parse(facts)).toEqual([true, "function", "function", "fatal", "10.4.0"]);
  });

  it("the default stream is stdout, written out when the process exits", async () => {
    const out = await node("exit.cjs", `const log = require("logweave/pino")({ base: null, timestamp: false }); log.info("a"); log.warn("b"); process.exit(0);`);
    expect(out).toBe('{"level":30,"msg":"a"}\n{"level":40,"msg":"b"}\n');
  });
});

describe("buffered lines and signals", () => {
  it("with LOGWEAVE_HANDLE_SIGNALS=1, lines still buffered when SIGTERM arrives are written out, and the signal still ends the process", async () => {
    const file = path.join(DIR, "signal.log");
    fs.rmSync(file, { force: true });
    const source = `const pino = require("logweave/pino");
      const log = pino({ base: null, timestamp: false }, pino.destination(${JSON.stringify(file)}));
      for (let i = 0; i < 3; i++) log.info("line " + i);
      process.kill(process.pid, "SIGTERM");
      setTimeout(() => {}, 10000);`;
    fs.writeFileSync(path.join(DIR, "signal.cjs"), source);
    const outcome = await run(process.execPath, [path.join(DIR, "signal.cjs")], { cwd: DIR, env: { ...process.env, LOGWEAVE_HANDLE_SIGNALS: "1" } }).then(
      () => "exited",
      (e: { signal?: string }) => e.signal,
    );
    expect(outcome).toBe("SIGTERM");
    expect(fs.readFileSync(file, "utf8")).toBe('{"level":30,"msg":"line 0"}\n{"level":30,"msg":"line 1"}\n{"level":30,"msg":"line 2"}\n');
  });
});

describe("pino's types", () => {
  // Typical application code against pino's types; compiled once against `pino` and once against
  // `logweave/pino`, it must give the same diagnostics (none but the expected errors).
  const MODULE_SOURCE = `import pino, { type Logger, type LoggerOptions, type DestinationStream } from "MODULE";
import type { Bindings, Level, LevelWithSilent, SerializedError } from "MODULE";

const options: LoggerOptions = {
  level: process.env.LOG_LEVEL ?? "info",
  name: "svc",
  redact: { paths: ["req.headers.authorization"], censor: "[hidden]" },
  serializers: { err: pino.stdSerializers.err, req: pino.stdSerializers.req },
  formatters: { level: (label) => ({ level: label }) },
  mixin: () => ({ service: "orders" }),
  timestamp: pino.stdTimeFunctions.isoTime,
  hooks: { logMethod(args, method) { method.apply(this, args); } },
};
const stream: DestinationStream = pino.destination({ dest: 1, sync: false });
const log: Logger = pino(options, stream);
const plain: pino.Logger = pino();
log.info("started on %d", 8080);
log.info({ port: 8080 }, "listening on %s", "0.0.0.0");
log.error(new Error("boom"), "failed");
log.error({ err: new Error("boom") });
const child: Logger = log.child({ reqId: "r1" }, { level: "debug", msgPrefix: "[req] " });
child.debug("in child");
const b: Bindings = child.bindings();
child.setBindings({ user: 1 });
const level: LevelWithSilent = "silent";
const named: Level = "warn";
log.level = level;
const enabled: boolean = log.isLevelEnabled(named) && log.levelVal > 0;
log.flush(() => {});
const custom = pino({ customLevels: { audit: 35 } });
custom.audit({ action: "login" }, "audit %s", "ok");
const opts: pino.LoggerOptions = { enabled: false };
const serialized: SerializedError = pino.stdSerializers.err(new Error("x"));
// @ts-expect-error %d takes a number
log.info("count %d", "three");
// @ts-expect-error no such level
log.verbose("x");
export { plain, b, enabled, opts, serialized };
`;
  const CJS_SOURCE = `import pino = require("MODULE");
const log: pino.Logger = pino({ level: "debug" });
log.info({ a: 1 }, "msg %s", "x");
const child: pino.Logger = log.child({ id: 1 });
child.warn("w");
const options: pino.LoggerOptions = { base: null };
export = { options };
`;

  async function diagnostics(module: string): Promise<string> {
    const dir = path.join(DIR, "types-" + module.replace(/\W/g, "-"));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "app.mts"), MODULE_SOURCE.replaceAll("MODULE", module));
    fs.writeFileSync(path.join(dir, "app-cjs.cts"), CJS_SOURCE.replaceAll("MODULE", module));
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: ["node"], skipLibCheck: true }, files: ["app.mts", "app-cjs.cts"] }),
    );
    try {
      await run(process.execPath, [path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], { cwd: dir });
      return "";
    } catch (e) {
      return String((e as { stdout?: string }).stdout).replace(/\(\d+,\d+\)/g, "");
    }
  }

  it("application code written for pino compiles against logweave/pino with pino's diagnostics", async () => {
    const reference = await diagnostics("pino");
    const ours = await diagnostics("logweave/pino");
    expect(reference).toBe("");
    expect(ours).toBe(reference);
  }, 120_000);
});
