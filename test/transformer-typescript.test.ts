/**
 * The TypeScript front end beyond the fixtures: options through the factory, verbose counts,
 * CommonJS output, scripts, generated-name collisions, call shapes left as written.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import logweaveTransformer, { TransformerOptionError, type TransformerOptions } from "../transformer/typescript/index.js";
import { createFixtureProgram, emitInMemory, FIXTURE_COMPILER_OPTIONS, programErrors, REPO_ROOT } from "./helpers/compile-fixture.js";

const CASES = path.join(REPO_ROOT, ".fixture-out", "cases");

/** Small programs, one per file, written where `import "logweave"` resolves to this package. */
const SOURCES: Record<string, string> = {
  "counts.ts": `import { getLogger } from "logweave";
const log = getLogger("counts");
const fields = { a: 1 };
log.debug("elided");
log.info("precomputed", { n: 1 });
log.info("fallback", fields);
const on = log.isLevelEnabled("trace");
const args: [string] = ["untouched"];
log.warn(...args);
export { on };
`,
  "collision.ts": `import { getLogger } from "logweave";
const __lw_site_0 = "mine";
getLogger("c").info("a name the transformer must not take", { __lw_site_0 });
`,
  "shapes.ts": `import { getLogger } from "logweave";
const log = getLogger("shapes");
log.info?.("optional call");
log["info"]("element access");
(log.info)("parenthesized callee");
const bound = log.info.bind(log);
bound("bound");
`,
  "commonjs.cts": `import { getLogger } from "logweave";
import { helper } from "./helper.cjs";
getLogger("cjs").info("from CommonJS", { helper });
`,
  "helper.cts": `export const helper = 1;
`,
  "double.ts": `import type { Logger } from "logweave";
export function work(log: Logger): string {
  if (log !== undefined) log.info("through whatever log is", { n: 1 });
  log?.warn(\`optional \${1}\`);
  return "done";
}
`,
  "pino-types.ts": `import pino, { type Logger } from "logweave/pino";
const log = pino();
log.info("a pino() result");
log.child({ a: 1 }).warn("a child");
export function annotated(l: Logger, q: pino.Logger | undefined): void {
  l.error("annotated Logger");
  q?.debug("qualified pino.Logger");
}
interface LookAlike { info(msg: string): void }
export function lookAlike(l: LookAlike, p: Pick<Logger, "info">, both: Logger & { extra: 1 }): void {
  l.info("a look-alike interface");
  p.info("a Pick of Logger");
  both.info("an intersection with Logger");
}
const custom = pino({ customLevels: { audit: 35 } });
custom.audit("a custom level");
custom.info("a standard level of a logger with custom levels");
`,
  "script.ts": `declare const log: import("logweave").Logger;
log.debug("elided even in a script");
log.info("left as written: a script cannot import the site factory");
`,
};

let program: ts.Program;

beforeAll(() => {
  fs.rmSync(CASES, { recursive: true, force: true });
  fs.mkdirSync(CASES, { recursive: true });
  for (const [name, text] of Object.entries(SOURCES)) fs.writeFileSync(path.join(CASES, name), text);
  // Legacy module detection: a file without import or export is a script, as in most setups.
  program = createFixtureProgram(
    Object.keys(SOURCES).map((n) => path.join(CASES, n)),
    { ...FIXTURE_COMPILER_OPTIONS, moduleDetection: ts.ModuleDetectionKind.Legacy },
  );
  expect(programErrors(program)).toEqual([]);
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.LOGWEAVE_MIN_LEVEL;
});

/** The emitted JavaScript of one case file. */
function emit(file: string, options: TransformerOptions = {}): string {
  const files = emitInMemory(program, [logweaveTransformer(program, { root: REPO_ROOT, ...options })]);
  const js = files.get(`.fixture-out/cases/${file.replace(/\.ts$/, ".js").replace(/\.cts$/, ".cjs")}`);
  if (js === undefined) throw new Error(`${file} was not emitted`);
  return js;
}

describe("the TypeScript transformer factory", () => {
  it("throws a TransformerOptionError naming an invalid option", () => {
    expect(() => logweaveTransformer(program, { minLevel: "loud" as never })).toThrow(TransformerOptionError);
    expect(() => logweaveTransformer(program, { minLevel: "loud" as never })).toThrow(/option "minLevel"/);
    expect(() => logweaveTransformer(program, { caller: "no" as never })).toThrow(/option "caller" must be true or false/);
  });

  it("LOGWEAVE_MIN_LEVEL at build time overrides minLevel", () => {
    process.env.LOGWEAVE_MIN_LEVEL = "warn";
    const js = emit("counts.ts", { minLevel: "trace" });
    expect(js).not.toContain("precomputed");
    expect(js).toContain("const on = false;");
  });

  it("verbose writes one line per file with calls: elided, precomputed, fallback, folded, untouched", () => {
    const writes: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    emit("counts.ts", { minLevel: "info", verbose: true });
    expect(writes).toContain("logweave: .fixture-out/cases/counts.ts: 1 elided, 1 precomputed, 1 fallback, 1 folded, 1 untouched\n");
    // Files without logger calls are not reported.
    expect(writes.filter((w) => w.includes("helper.cts"))).toEqual([]);
  });

  it("is silent without verbose", () => {
    const spy = vi.spyOn(process.stderr, "write");
    emit("counts.ts", { minLevel: "info" });
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("emitted code", () => {
  it("generated names avoid the names a file already uses", () => {
    const js = emit("collision.ts");
    expect(js).toContain('(__lw1_on(__lw1_site_0, getLogger("c"))?.(__lw1_site_0, __lw_site_0));');
    expect(js).toMatch(/^function __lw1_site_0\(\) \{/m);
    expect(js).toMatch(/^function __lw1_on\(s, r, o\)/m);
  });

  it("calls through an optional call, an element access, a parenthesized callee or a bound function are left as written", () => {
    const js = emit("shapes.ts");
    expect(js).not.toContain("__lw");
    expect(js).toContain('log.info?.("optional call");');
    expect(js).toContain('log["info"]("element access");');
  });

  it("a file emitted as CommonJS gains no import or require, and imported bindings keep working", () => {
    const js = emit("commonjs.cts");
    expect(js).toMatch(/__lw_on\(__lw_site_0, \(0, logweave_1\.getLogger\)\("cjs"\)\)\?\.\(__lw_site_0, helper_cjs_1\.helper\)/);
    expect(js.match(/require\(/g)).toHaveLength(2); // logweave and ./helper.cjs, as written
    expect(js).not.toMatch(/^import /m);
  });

  it("a receiver typed Logger that is not one at run time (a test double) gets the call exactly as written", async () => {
    const js = emit("double.ts");
    expect(js).toContain("__lw_on(__lw_site_0, log)?.(");
    const file = path.join(CASES, "double.emitted.js");
    fs.writeFileSync(file, js.replace(/^\/\/# sourceMappingURL=.*$/m, ""));
    const { work } = (await import(file)) as { work: (log: unknown) => string };
    const calls: unknown[][] = [];
    const double = { info: (...a: unknown[]) => calls.push(["info", ...a]), warn: (...a: unknown[]) => calls.push(["warn", ...a]) };
    expect(work(double)).toBe("done");
    expect(calls).toEqual([["info", "through whatever log is", { n: 1 }], ["warn", "optional 1"]]);
    expect(work(undefined as never)).toBe("done");
  });

  it("in a script (no import or export) calls are still elided, and sites are left as plain calls", () => {
    const js = emit("script.ts", { minLevel: "info" });
    expect(js).not.toContain("elided even in a script");
    expect(js).toContain('log.info("left as written: a script cannot import the site factory");');
    expect(js).not.toContain("__lw");
  });
});

describe("logweave/pino loggers", () => {
  it("are recognized by the Logger type logweave/pino declares, never by a look-alike; custom levels are left", () => {
    const js = emit("pino-types.ts");
    const rewritten = [...js.matchAll(/\?\.\(__lw_site_\d+, "([^"\\]*)"/g)].map((m) => m[1]);
    const left = [...js.matchAll(/\.(?:info|warn|error|debug|audit)\("([^"\\]*)"/g)].map((m) => m[1]);
    expect({ rewritten, left }).toEqual({
      rewritten: ["a pino() result", "a child", "annotated Logger", "qualified pino.Logger", "a standard level of a logger with custom levels"],
      left: ["a look-alike interface", "a Pick of Logger", "an intersection with Logger", "a custom level"],
    });
  });
});

describe("module: preserve", () => {
  it("a .cts file stays CommonJS: no import is added, and the emitted file runs under require", async () => {
    const dir = path.join(REPO_ROOT, ".fixture-out", "preserve");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "main.cts");
    fs.writeFileSync(file, 'import lw = require("logweave");\nconst log = lw.getLogger("cts");\nlog.info(`from ${"CommonJS"}`, { n: 1 });\nexport = 1;\n');
    const options: ts.CompilerOptions = { ...FIXTURE_COMPILER_OPTIONS, module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, outDir: dir, rootDir: dir, declaration: false, sourceMap: false };
    const preserved = createFixtureProgram([file], options);
    expect(programErrors(preserved)).toEqual([]);
    const js = emitInMemory(preserved, [logweaveTransformer(preserved, { root: REPO_ROOT })]).get("main.cjs")!;
    expect(js).toMatch(/__lw_on\(__lw_site_0, log\)/);
    expect(js).not.toMatch(/^import /m);
    fs.writeFileSync(path.join(dir, "main.cjs"), js);
    const out = execFileSync(process.execPath, [path.join(dir, "main.cjs")], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, LOGWEAVE_FORMAT: "json", LOG_LEVEL: "" } });
    const line = JSON.parse(out.trim()) as { msg: string; n: number; caller: { line: number } };
    expect([line.msg, line.n, line.caller.line]).toEqual(["from CommonJS", 1, 3]);
  });
});
