/**
 * Build cost on a real code base: rxjs's TypeScript sources (the corpus of
 * `test/real-world.test.ts`, 251 files, no logweave call), built against the built package
 * (`npm run build` first):
 * - plain `@swc/core` `transformSync` of every file vs the SWC step (`logweave/swc`
 *   `transformSync`), same options, source maps on, one file after another on one thread;
 * - the same pair with `import … from "logweave"` prepended to every file, so the step cannot
 *   skip a file unread: it parses each one and resolves every `.error(`-like call (the cost a
 *   project pays in files that do import logweave);
 * - plain `tsc` vs `tspc` with the plugin, in process: `ts.createProgram` +
 *   `getPreEmitDiagnostics` + `program.emit` (files counted, not written), the plugin passed in
 *   `before` as `tspc` does;
 * - the emit alone, on one type-checked program, without and with the plugin: what the plugin
 *   adds, without the full build's noise.
 *
 * After an untimed warm-up round, rounds alternate which side of each pair goes first; the
 * table shows the fastest round of each. Run: `tsx bench/real-world.ts`.
 */
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import swc from "@swc/core";
import ts from "typescript";
import { transformSync } from "logweave/swc";
import logweaveTransformer from "logweave/transformer";
import {
  corpusCompilerOptions,
  CORPUS_PACKAGE,
  CORPUS_SWC_OPTIONS,
  LOGWEAVE_IMPORT_LINE,
  readCorpus,
  type Corpus,
} from "../test/helpers/real-world-corpus.js";

/** How many rounds to time. */
export interface RealWorldOptions {
  /** Rounds of each SWC pair (default 7) and of the tsc pair (default 3), after one untimed round. */
  readonly swcRounds?: number;
  readonly tscRounds?: number;
  /** Print the table (default true). */
  readonly print?: boolean;
}

/** One pair of builds: plain and with logweave, fastest round of each. */
export interface RealWorldPair {
  readonly plainMs: number;
  readonly withLogweaveMs: number;
  /** `withLogweaveMs / plainMs`. */
  readonly ratio: number;
}

/** The numbers, for `bench/run.ts` and the README. */
export interface RealWorldResult {
  readonly corpus: string;
  readonly files: number;
  /** Source size in characters. */
  readonly chars: number;
  readonly swc: RealWorldPair;
  readonly swcWithImport: RealWorldPair;
  readonly tsc: RealWorldPair;
  readonly tscEmit: RealWorldPair;
}

/** Measures the three pairs on the rxjs sources and prints a table. */
export function realWorld(options: RealWorldOptions = {}): RealWorldResult {
  const corpus = readCorpus();
  const result: RealWorldResult = {
    corpus: `${CORPUS_PACKAGE} ${corpus.version}`,
    files: corpus.files.length,
    chars: corpus.files.reduce((n, f) => n + f.code.length, 0),
    swc: measureSwc(corpus, "", options.swcRounds ?? 7),
    swcWithImport: measureSwc(corpus, LOGWEAVE_IMPORT_LINE, options.swcRounds ?? 7),
    tsc: measureTsc(corpus, options.tscRounds ?? 3),
    tscEmit: measureTscEmit(corpus, (options.tscRounds ?? 3) * 3),
  };
  if (options.print ?? true) printTable(result);
  return result;
}

/** Times plain SWC against the step over every file, `prefix` prepended to each. */
function measureSwc(corpus: Corpus, prefix: string, rounds: number): RealWorldPair {
  const inputs = corpus.files.map((f) => ({ file: f.file, code: prefix + f.code }));
  const plain = () => {
    for (const { file, code } of inputs) swc.transformSync(code, { ...CORPUS_SWC_OPTIONS, filename: file });
  };
  const step = () => {
    for (const { file, code } of inputs) {
      transformSync(code, { filename: file, root: corpus.srcDir, minLevel: "info", swc: { ...CORPUS_SWC_OPTIONS } });
    }
  };
  return alternate(plain, step, rounds);
}

/** Times a full in-process `tsc` build (program, type check, emit) without and with the plugin. */
function measureTsc(corpus: Corpus, rounds: number): RealWorldPair {
  const options = corpusCompilerOptions(corpus, path.join(os.tmpdir(), "logweave-real-world-out"));
  const rootNames = corpus.files.map((f) => f.file);
  const build = (plugin: boolean) => () => {
    const program = ts.createProgram({ rootNames, options });
    ts.getPreEmitDiagnostics(program);
    const before = plugin ? [logweaveTransformer(program, { root: corpus.srcDir, minLevel: "info" })] : undefined;
    let written = 0;
    program.emit(undefined, () => written++, undefined, false, before === undefined ? undefined : { before });
    if (written === 0) throw new Error("nothing emitted");
  };
  return alternate(build(false), build(true), rounds);
}

/** Times `program.emit` alone on one checked program, without and with the plugin. */
function measureTscEmit(corpus: Corpus, rounds: number): RealWorldPair {
  const options = corpusCompilerOptions(corpus, path.join(os.tmpdir(), "logweave-real-world-out"));
  const program = ts.createProgram({ rootNames: corpus.files.map((f) => f.file), options });
  ts.getPreEmitDiagnostics(program);
  const emit = (plugin: boolean) => () => {
    const before = plugin ? [logweaveTransformer(program, { root: corpus.srcDir, minLevel: "info" })] : undefined;
    program.emit(undefined, () => {}, undefined, false, before === undefined ? undefined : { before });
  };
  return alternate(emit(false), emit(true), rounds);
}

/** One untimed round of each, then `rounds` rounds alternating which goes first; fastest of each. */
function alternate(plain: () => void, withLogweave: () => void, rounds: number): RealWorldPair {
  plain();
  withLogweave();
  let plainMs = Infinity;
  let withLogweaveMs = Infinity;
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 === 0 ? ["plain", "step"] : ["step", "plain"]) {
      const t = performance.now();
      if (which === "plain") plain();
      else withLogweave();
      const ms = performance.now() - t;
      if (which === "plain") plainMs = Math.min(plainMs, ms);
      else withLogweaveMs = Math.min(withLogweaveMs, ms);
    }
  }
  return { plainMs, withLogweaveMs, ratio: withLogweaveMs / plainMs };
}

/** The markdown table of a result (also what `bench/run.ts` writes to RESULTS.md). */
export function realWorldTable(r: RealWorldResult): string[] {
  const row = (name: string, p: RealWorldPair) =>
    `| ${name} | ${p.plainMs.toFixed(0)} ms | ${p.withLogweaveMs.toFixed(0)} ms | ${p.ratio.toFixed(2)}x |`;
  return [
    "| build | plain | with logweave | ratio |",
    "|---|---:|---:|---:|",
    row("@swc/core transformSync vs SWC step", r.swc),
    row("… every file importing logweave (parsed and resolved)", r.swcWithImport),
    row("tsc vs tspc + plugin (in process: program, check, emit)", r.tsc),
    row("… the emit alone, on one checked program", r.tscEmit),
  ];
}

function printTable(r: RealWorldResult): void {
  const title = `Build cost on a real code base: ${r.corpus} sources, ${r.files} files, ${(r.chars / 1024).toFixed(0)} KiB, no logweave call; Node ${process.version}, ${os.cpus().length} CPUs`;
  console.log([title, "", ...realWorldTable(r)].join("\n"));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  realWorld();
}
