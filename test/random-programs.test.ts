/**
 * Differential test over random programs (`helpers/program-generator.ts`): logweave calls in
 * random positions (statements, expressions, arrow bodies, ternaries, optional chains, class
 * members, nested template literals, non-ASCII text, CRLF, BOM, late imports…), each program
 * built with `tsc` and with `@swc/core`, each with and without logweave, and run. A transformed
 * build must print the same lines as its compiler's plain build (plus `caller`; elided levels
 * are below the runtime level, so no build prints them) and compute the same values; every
 * `caller` must point at the call that wrote the line, and both front ends must rewrite the same
 * calls with the same callers.
 *
 * A batch of programs is compiled in one TypeScript program and run in one child process per
 * build (in-process imports would go through vitest's module runner, not Node's). A failing
 * program is shrunk with fast-check and reported as source text.
 *
 * `npm run soak` runs the same property over many more programs with a random seed
 * (`LOGWEAVE_SOAK_BATCHES`, `LOGWEAVE_SOAK_SEED`).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import swc from "@swc/core";
import fc from "fast-check";
import type ts from "typescript";
import { describe, expect, it } from "vitest";
import { configure, getLogger, memoryDestination } from "../src/index.js";
import { enter, site as makeSite } from "./helpers/site-call.js";
import { transformSync } from "../transformer/swc/index.js";
import logweaveTransformer from "../transformer/typescript/index.js";
import { createFixtureProgram, emitInMemory, programErrors, REPO_ROOT } from "./helpers/compile-fixture.js";
import { normalizeLines, withoutCaller } from "./helpers/fixture-cases.js";
import {
  LEVELS,
  programArb,
  programClasses,
  renderProgram,
  SHARED_LOGGERS,
  SHARED_MODULE,
  type ProgramSpec,
  type RenderedProgram,
} from "./helpers/program-generator.js";
import { SWC_TEST_OPTIONS } from "./helpers/swc-build.js";
import { logfmtRecord } from "./helpers/logfmt.js";
import { parseStrict } from "./helpers/strict-json.js";

const OUT = path.join(REPO_ROOT, ".fixture-out", "random-programs");
/**
 * Each front end against its own compiler's untransformed output: `tsc` and `@swc/core` (at the
 * program's SWC target) may differ in ways that show in a line (V8 orders `{ ...o, get m() {},
 * msg }` natively but not as SWC's ES2015 helpers do), which is no business of logweave's.
 */
const BUILDS = ["plain", "typescript", "swc-plain", "swc"] as const;
type Build = (typeof BUILDS)[number];
const TRANSFORMED = [
  { build: "typescript", baseline: "plain" },
  { build: "swc", baseline: "swc-plain" },
] as const;

/** What one build of one program did. */
interface ProgramRun {
  readonly lines: string[];
  readonly results: string;
  readonly error?: string;
}

/** Loads each program module given on the command line, in order, and prints what each logged and computed. */
const RUNNER = `import { pathToFileURL } from "node:url";
import { configure, flushSync, memoryDestination } from "logweave";
const memory = memoryDestination();
const runs = [];
const plain = (_key, v) => typeof v === "bigint" ? v + "n" : v === undefined ? "<undefined>" : typeof v === "symbol" || typeof v === "function" ? String(v) : v;
for (const file of process.argv.slice(2)) {
  configure({ destination: memory, format: "json", level: "trace" });
  memory.clear();
  let results;
  let error;
  try {
    results = (await import(pathToFileURL(file).href)).results;
  } catch (e) {
    error = String(e instanceof Error ? e.message : e);
  }
  flushSync();
  runs.push({ lines: [...memory.lines], results: JSON.stringify(results, plain), error });
}
process.stdout.write(JSON.stringify(runs));
`;

function runBuild(files: readonly string[]): Promise<ProgramRun[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(OUT, "runner.mjs"), ...files],
      { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: "", LOGWEAVE_FORMAT: "json" }, maxBuffer: 256 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error !== null) reject(new Error(`runner failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as ProgramRun[]);
      },
    );
  });
}

/** Whether a program's transformed builds inline `caller` (only JSON programs: see `ProgramSpec.format`). */
function withCaller(spec: ProgramSpec): boolean {
  return spec.format === "json";
}

/** A line without its time, in any format. */
function withoutTime(line: string): string {
  return line.replace(/"time":\d+|"@timestamp":"[^"]+"|"time":"[^"]+"|"(observedT|t)imeUnixNano":"\d+"|time=\S+/g, "<time>");
}

/** One problem found in one program. */
interface Failure {
  readonly index: number;
  readonly problems: string[];
}

/** Counts over a batch, to show the property was not vacuous. */
interface BatchStats {
  calls: number;
  lines: number;
  /** Lines of the JSON programs (the ones built with caller). */
  jsonLines: number;
  /** Programs whose untransformed build threw. */
  threw: number;
  withCaller: Record<"typescript" | "swc", number>;
  /** Programs that exercised each class of program the generator knows (`programClasses`). */
  classes: Record<string, number>;
}

/** Builds and runs `specs`; returns the programs that broke the property (empty: all held). */
async function checkBatch(specs: readonly ProgramSpec[], stats?: BatchStats): Promise<Failure[]> {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, "src"), { recursive: true });
  fs.writeFileSync(path.join(OUT, "runner.mjs"), RUNNER);
  const programs: RenderedProgram[] = specs.map((spec, i) => renderProgram(spec, i));
  const sources = programs.map((p, i) => {
    const file = path.join(OUT, "src", `p${i}.ts`);
    fs.writeFileSync(file, p.source);
    return file;
  });
  // Modules that import a program back (an import cycle): built like the programs, run through them.
  const cycles = programs.flatMap((p, i) => {
    if (p.cycleModule === undefined) return [];
    const file = path.join(OUT, "src", `p${i}-cycle.ts`);
    fs.writeFileSync(file, p.cycleModule);
    return [{ file, text: p.cycleModule, index: i }];
  });
  const shared = path.join(OUT, "src", "shared.ts");
  fs.writeFileSync(shared, SHARED_MODULE);
  const failures = new Map<number, string[]>();
  const fail = (index: number, problem: string) => failures.set(index, [...(failures.get(index) ?? []), problem]);

  const program = createFixtureProgram([...sources, ...cycles.map((c) => c.file), shared]);
  const errors = programErrors(program);
  if (errors.length > 0) throw new Error(`generated programs do not type-check (a generator bug):\n${errors.slice(0, 5).join("\n")}`);
  // One plugin instance per build minLevel and caller option; each file goes to its program's.
  const optionsKey = (spec: ProgramSpec) => `${spec.minLevel}/${withCaller(spec)}`;
  const factories = new Map<string, ts.TransformerFactory<ts.SourceFile>>(
    LEVELS.flatMap((minLevel) => [true, false].map((caller) => [`${minLevel}/${caller}`, logweaveTransformer(program, { root: REPO_ROOT, minLevel, caller })] as const)),
  );
  const keyOf = new Map(sources.map((f, i) => [f, optionsKey(specs[i])]));
  const dispatch: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const transformers = new Map([...factories].map(([key, factory]) => [key, factory(context)]));
    return (sf) => {
      const key = keyOf.get(path.resolve(sf.fileName));
      return key === undefined ? sf : transformers.get(key)!(sf);
    };
  };
  const emitted = { plain: emitInMemory(program), typescript: emitInMemory(program, [dispatch]) };
  const outFile = (build: Build, i: number) => path.join(OUT, build, `p${i}.js`);
  const emittedJs = (build: "plain" | "typescript", file: string) =>
    emitted[build].get(path.relative(REPO_ROOT, file).replace(/\\/g, "/").replace(/\.ts$/, ".js"))!;
  for (const build of ["plain", "typescript"] as const) {
    fs.mkdirSync(path.join(OUT, build), { recursive: true });
    sources.forEach((file, i) => fs.writeFileSync(outFile(build, i), emittedJs(build, file)));
    for (const c of cycles) fs.writeFileSync(path.join(OUT, build, `p${c.index}-cycle.js`), emittedJs(build, c.file));
    fs.writeFileSync(path.join(OUT, build, "shared.js"), emittedJs(build, shared));
  }
  // The shared module itself holds no call: plain SWC output serves both SWC builds.
  const sharedLoggers = { [`./${path.relative(REPO_ROOT, path.join(OUT, "src", "shared")).replace(/\\/g, "/")}`]: SHARED_LOGGERS };
  for (const build of ["swc", "swc-plain"]) {
    fs.mkdirSync(path.join(OUT, build), { recursive: true });
    fs.writeFileSync(path.join(OUT, build, "shared.js"), swc.transformSync(SHARED_MODULE, { ...SWC_TEST_OPTIONS, filename: shared }).code);
    // The cycle modules hold no logger call either.
    for (const c of cycles) fs.writeFileSync(path.join(OUT, build, `p${c.index}-cycle.js`), swc.transformSync(c.text, { ...SWC_TEST_OPTIONS, filename: c.file }).code);
  }
  sources.forEach((file, i) => {
    const swcOptions = { ...SWC_TEST_OPTIONS, filename: file, jsc: { ...SWC_TEST_OPTIONS.jsc, target: specs[i].swcTarget } };
    fs.writeFileSync(outFile("swc-plain", i), swc.transformSync(programs[i].source, swcOptions).code);
    try {
      const out = transformSync(programs[i].source, {
        filename: file,
        root: REPO_ROOT,
        minLevel: specs[i].minLevel,
        caller: withCaller(specs[i]),
        loggers: sharedLoggers,
        swc: swcOptions,
      });
      if (out.warnings.length > 0) fail(i, `SWC step warnings: ${out.warnings.join("; ")}`);
      fs.writeFileSync(outFile("swc", i), out.code);
    } catch (e) {
      fail(i, `SWC step threw: ${e instanceof Error ? e.message : String(e)}`);
      fs.writeFileSync(outFile("swc", i), "");
    }
  });

  const all = await Promise.all(BUILDS.map((b) => runBuild(sources.map((_, i) => outFile(b, i)))));
  const runs = Object.fromEntries(BUILDS.map((b, k) => [b, all[k]])) as Record<Build, ProgramRun[]>;

  programs.forEach((p, i) => {
    const file = path.relative(REPO_ROOT, sources[i]).replace(/\\/g, "/");
    // A program may throw: every build must then throw the same, after the same lines.
    if (runs.plain[i].error !== undefined && stats !== undefined) stats.threw++;
    if (stats !== undefined) {
      for (const name of programClasses(specs[i])) stats.classes[name] = (stats.classes[name] ?? 0) + 1;
      stats.calls += p.calls.length;
      stats.lines += runs.plain[i].lines.length;
      if (specs[i].format === "json") stats.jsonLines += runs.plain[i].lines.length;
    }
    const callers: Partial<Record<Build, (string | undefined)[]>> = {};
    const json = specs[i].format === "json";
    for (const { build, baseline } of TRANSFORMED) {
      const plain = runs[baseline][i];
      for (const line of [...plain.lines, ...runs[build][i].lines]) {
        try {
          if (specs[i].format === "logfmt") logfmtRecord(line);
          else parseStrict(line);
        } catch (e) {
          fail(i, `${baseline} or ${build}: not one valid ${specs[i].format} line: ${line} (${String(e)})`);
        }
      }
      const run = runs[build][i];
      if (run.error !== plain.error) fail(i, `${build}: threw ${String(run.error)}, ${baseline} ${String(plain.error)}`);
      if (run.results !== plain.results) fail(i, `${build}: computed ${run.results}, ${baseline} ${plain.results}`);
      if (!json) {
        // Built without caller: the very same lines, times aside.
        const [got, want] = [run.lines.map(withoutTime), plain.lines.map(withoutTime)];
        if (JSON.stringify(got) !== JSON.stringify(want)) fail(i, `${build} (${specs[i].format}): printed\n  ${got.join("\n  ")}\n${baseline}\n  ${want.join("\n  ")}`);
        continue;
      }
      const plainLines = normalizeLines(plain.lines.join("\n"));
      const lines = normalizeLines(run.lines.join("\n"));
      const stripped = lines.map(withoutCaller);
      if (JSON.stringify(stripped) !== JSON.stringify(plainLines)) {
        fail(i, `${build}: printed\n  ${stripped.join("\n  ")}\n${baseline}\n  ${plainLines.join("\n  ")}`);
      }
      callers[build] = run.lines.map((line) => {
        const record = parseStrict(line) as { msg?: unknown; caller?: { file: string; line: number; column: number; function: string } };
        if (record.caller === undefined) return undefined;
        if (stats !== undefined) stats.withCaller[build]++;
        const id = /^(?:Error: )?(c\d+): /.exec(String(record.msg))?.[1];
        const call = p.calls.find((c) => c.id === id);
        if (call === undefined) fail(i, `${build}: a line with caller but no call id: ${line}`);
        else if (record.caller.file !== file || record.caller.line !== call.line || record.caller.column !== call.column) {
          fail(i, `${build}: ${call.id} is at ${file}:${call.line}:${call.column}, caller says ${record.caller.file}:${record.caller.line}:${record.caller.column}`);
        }
        return JSON.stringify(record.caller);
      });
    }
    // Both front ends rewrite the same calls, with the same caller (function names included).
    if (json && JSON.stringify(callers.typescript) !== JSON.stringify(callers.swc)) {
      fail(i, `callers differ between the front ends:\n  typescript ${JSON.stringify(callers.typescript)}\n  swc        ${JSON.stringify(callers.swc)}`);
    }
  });
  return [...failures].map(([index, problems]) => ({ index, problems }));
}

/**
 * Shrinks a failing program with fast-check and returns the report of the smallest one found.
 * `fc.sample` and `fc.check` draw the same values from a seed, so the program at `index` is
 * replayed with its shrinking context by `path`.
 */
async function shrunkReport(seed: number, index: number): Promise<string> {
  let report = "";
  const details = await fc.check(
    fc.asyncProperty(programArb, async (candidate) => {
      const failures = await checkBatch([candidate]);
      if (failures.length === 0) return true;
      report = `${failures[0].problems.join("\n")}\n--- program ---\n${renderProgram(candidate, 0).source}`;
      return false;
    }),
    { seed, path: String(index), numRuns: index + 1, interruptAfterTimeLimit: 120_000 },
  );
  if (!details.failed) return "(the program did not fail on its own)";
  // Shrinking goes on from each candidate that fails: the last one is the smallest found.
  return `shrunk ${details.numShrinks} time(s):\n${report}`;
}

/** Runs `batches` batches of `size` programs from `seed`; fails with a shrunk program. */
async function property(seed: number, batches: number, size: number): Promise<BatchStats> {
  const stats: BatchStats = { calls: 0, lines: 0, jsonLines: 0, threw: 0, withCaller: { typescript: 0, swc: 0 }, classes: {} };
  const all = fc.sample(programArb, { seed, numRuns: batches * size });
  for (let b = 0; b < batches; b++) {
    const specs = all.slice(b * size, (b + 1) * size);
    const failures = await checkBatch(specs, stats);
    if (failures.length > 0) {
      // LOGWEAVE_SHRINK=0: report the failing program as generated (shrinking takes minutes).
      const shrunk = process.env.LOGWEAVE_SHRINK === "0" ? renderProgram(specs[failures[0].index], failures[0].index).source : await shrunkReport(seed, b * size + failures[0].index);
      throw new Error(
        `seed ${seed}, program ${b * size + failures[0].index}: ${failures.length} program(s) broke the property; first:\n` +
          `${failures[0].problems.join("\n")}\n\n${shrunk}`,
      );
    }
  }
  return stats;
}

const soak = process.env.LOGWEAVE_SOAK === "1";

describe("random programs", () => {
  it(
    "print the same lines untransformed, with the TypeScript plugin and with the SWC step; callers point at the calls",
    async () => {
      const seed = soak ? Number(process.env.LOGWEAVE_SOAK_SEED ?? Date.now() % 2 ** 31) : 20261125;
      const batches = soak ? Number(process.env.LOGWEAVE_SOAK_BATCHES ?? 20) : 1;
      if (soak) console.log(`soak: seed ${seed}, ${batches} batches of 50 programs`);
      const stats = await property(seed, batches, soak ? 50 : 40);
      if (soak) console.log(`soak: ${JSON.stringify(stats)}`);
      // How many programs exercised each class of program that a transformed build once got wrong.
      console.log(`random programs by class: ${JSON.stringify(stats.classes)}`);
      for (const name of ["receiver not a genuine logger", "structural type", "holes and fields with side effects", "throwing holes", "configuration changed in an argument", "configuration changed across an await", "patched prototype", "corner syntax", "import cycle", "limits"]) {
        expect(stats.classes[name] ?? 0, name).toBeGreaterThan(0);
      }
      // Not vacuous: the programs logged, and both front ends rewrote calls.
      expect(stats.calls).toBeGreaterThan(batches * 100);
      expect(stats.lines).toBeGreaterThan(batches * 50);
      expect(stats.threw).toBeLessThan(batches * 5);
      expect(stats.withCaller.typescript).toBeGreaterThan(stats.jsonLines / 2);
      expect(stats.withCaller.swc).toBe(stats.withCaller.typescript);
    },
    soak ? 3_600_000 : 120_000,
  );
});

describe("regressions the random programs found", () => {
  it("a sensitive field holding undefined is censored by a precomputed call as by a plain one", () => {
    const memory = memoryDestination();
    configure({ destination: memory, format: "json", level: "trace", base: null });
    const log = getLogger("regression");
    log.info("m", { password: undefined });
    // What the transformer emits for `log.info("m", { password: undef })`.
    const site = makeSite({ level: 30, msg: '"m"', fields: [{ key: "password", type: "any" }] });
    enter(log, site)?.(site, undefined);
    const [plain, transformed] = memory.records().map(({ time: _time, ...rest }) => rest);
    expect(plain).toEqual({ level: 30, name: "regression", msg: "m", password: "[REDACTED]" });
    expect(transformed).toEqual(plain);
  });
});
