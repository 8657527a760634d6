/**
 * Build cost of the transformer: what the logweave build steps add to a project's build.
 *
 * A generated corpus (default 1,000 modules, 10% of them with logger calls, the rest ordinary
 * TypeScript: interfaces, classes, functions, imports between modules) in a temporary directory,
 * built four ways against the built package (`npm run build` first):
 * - plain `@swc/core` `transformSync` of every file vs the SWC step (`logweave/swc`
 *   `transformSync`), same SWC options, source maps on, one file after another on one thread;
 * - plain `tsc` vs `tspc` with the plugin, both in process: `ts.createProgram` +
 *   `getPreEmitDiagnostics` (the type check `tsc` does) + `program.emit` — the plugin run passes
 *   the plugin's exported factory (`logweave/transformer`) in `before`, which is what `tspc`
 *   does with the tsconfig entry. Emitted files are counted, not written, in both.
 *
 * After an untimed warm-up round, rounds alternate which side of each pair goes first; the
 * table shows the fastest round of each (the least disturbed by the machine). Run: `tsx bench/build-cost.ts [--modules=1000]`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import swc from "@swc/core";
import ts from "typescript";
import { transformSync } from "logweave/swc";
import logweaveTransformer from "logweave/transformer";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What to build. */
export interface BuildCostOptions {
  /** Modules in the corpus (default 1000). */
  readonly modules?: number;
  /** Share of modules with logger calls (default 0.1). */
  readonly loggedShare?: number;
  /** Rounds of the SWC pair (default 7) and of the tsc pair (default 3), after one untimed round. */
  readonly swcRounds?: number;
  readonly tscRounds?: number;
  /** Print the table (default true). */
  readonly print?: boolean;
}

/** One pair of builds: the plain build and the build with logweave, fastest round of each. */
export interface BuildPair {
  readonly plainMs: number;
  readonly withLogweaveMs: number;
  /** `withLogweaveMs / plainMs`. */
  readonly ratio: number;
  /** The target ratio this pair is held to. */
  readonly target: number;
}

/** The numbers, for `bench/run.ts` and the README. */
export interface BuildCostResult {
  readonly modules: number;
  readonly modulesWithLogCalls: number;
  /** Logger calls rewritten (positional calls) per build, as a check that the steps worked. */
  readonly rewrittenCalls: { readonly swc: number; readonly typescript: number };
  readonly swc: BuildPair;
  /** The SWC pair for the files with logger calls only, and for the others only. */
  readonly swcFilesWithCalls: BuildPair;
  readonly swcFilesWithoutCalls: BuildPair;
  readonly tsc: BuildPair;
}

/** Generates the corpus, measures both pairs, prints a table; removes the corpus afterwards. */
export async function buildCost(options: BuildCostOptions = {}): Promise<BuildCostResult> {
  const count = options.modules ?? 1000;
  const share = options.loggedShare ?? 0.1;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-build-cost-"));
  try {
    const corpus = writeCorpus(dir, count, share);
    const swcPair = measureSwc(corpus, options.swcRounds ?? 7);
    const tscPair = measureTsc(corpus, options.tscRounds ?? 3);
    const result: BuildCostResult = {
      modules: count,
      modulesWithLogCalls: corpus.logged,
      rewrittenCalls: { swc: swcPair.rewritten, typescript: tscPair.rewritten },
      swc: swcPair.pair,
      swcFilesWithCalls: swcPair.withCalls,
      swcFilesWithoutCalls: swcPair.withoutCalls,
      tsc: tscPair.pair,
    };
    if (options.print ?? true) printTable(result);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Corpus {
  readonly dir: string;
  readonly files: readonly { readonly file: string; readonly code: string; readonly logged: boolean }[];
  readonly logged: number;
}

/** Writes `count` modules under `dir/src`, with `node_modules/logweave` linked to this package. */
function writeCorpus(dir: string, count: number, share: number): Corpus {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "logweave"), "dir");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "corpus", type: "module" }));
  const every = Math.max(1, Math.round(1 / share));
  const files: { file: string; code: string; logged: boolean }[] = [];
  let logged = 0;
  for (let i = 0; i < count; i++) {
    const withLogs = i % every === 0;
    if (withLogs) logged++;
    const code = moduleSource(i, withLogs);
    const file = path.join(dir, "src", `m${i}.ts`);
    fs.writeFileSync(file, code);
    files.push({ file, code, logged: withLogs });
  }
  return { dir, files, logged };
}

/** One ordinary module (about 60 lines), with a service that logs when `withLogs`. */
function moduleSource(i: number, withLogs: boolean): string {
  const dep = i > 0 ? `import { total${i - 1}, type Item${i - 1} } from "./m${i - 1}.js";\n` : "";
  const logImport = withLogs ? `import { getLogger, type Logger } from "logweave";\n` : "";
  const useDep = i > 0 ? `total${i - 1}([] as Item${i - 1}[])` : "0";
  const logField = withLogs ? `  private readonly log: Logger = getLogger("m${i}").child({ module: ${i} });\n` : "";
  const log = (line: string) => (withLogs ? `    ${line}\n` : "");
  return `${dep}${logImport}
/** An item of module ${i}. */
export interface Item${i} {
  readonly id: number;
  readonly name: string;
  readonly tags: readonly string[];
  readonly price?: number;
}

export type Status${i} = "new" | "active" | "archived";

/** Sums the prices of items. */
export function total${i}(items: readonly Item${i}[]): number {
  let sum = ${useDep};
  for (const item of items) sum += item.price ?? 0;
  return sum;
}

export class Service${i} {
${logField}  readonly #items = new Map<number, Item${i}>();
  status: Status${i} = "new";

  add(item: Item${i}): void {
${log(`this.log.debug("adding item", { id: item.id, name: item.name });`)}    if (this.#items.has(item.id)) {
${log(`this.log.warn(\`duplicate item \${item.id}\`, { existing: true });`)}      return;
    }
    this.#items.set(item.id, { ...item, tags: [...item.tags].sort() });
    this.status = "active";
  }

  find(predicate: (item: Item${i}) => boolean): Item${i} | undefined {
    for (const item of this.#items.values()) if (predicate(item)) return item;
    return undefined;
  }

  summary(): { count: number; total: number; names: string[] } {
    const items = [...this.#items.values()];
    const result = { count: items.length, total: total${i}(items), names: items.map((it) => it.name.toUpperCase()) };
${log(`this.log.info("summary", { count: result.count, total: result.total, status: "computed" });`)}${log(`if (this.log.isLevelEnabled("trace")) this.log.trace("names", { names: result.names });`)}    return result;
  }

  archive(reason: string): void {
${log(`this.log.error("archiving", { reason, at: Date.now(), module: ${i} });`)}    this.status = "archived";
  }
}

export const defaultService${i} = new Service${i}();
`;
}

const SWC_OPTIONS = {
  jsc: { target: "es2022", parser: { syntax: "typescript" } },
  module: { type: "es6" },
  sourceMaps: true,
  swcrc: false,
} as const satisfies swc.Options;

function measureSwc(corpus: Corpus, rounds: number): { pair: BuildPair; withCalls: BuildPair; withoutCalls: BuildPair; rewritten: number } {
  // Files with and without logger calls are timed apart too: the step's cost sits in the former.
  const groups = [corpus.files.filter((f) => f.logged), corpus.files.filter((f) => !f.logged)];
  const best = groups.map(() => ({ plain: Infinity, step: Infinity }));
  const calls = groups.map(() => 0);
  const plain = (files: Corpus["files"]) => {
    for (const { file, code } of files) swc.transformSync(code, { ...SWC_OPTIONS, filename: file });
  };
  const step = (files: Corpus["files"]) => {
    let n = 0;
    for (const { file, code } of files) {
      const out = transformSync(code, { filename: file, root: corpus.dir, minLevel: "info", swc: { ...SWC_OPTIONS } });
      n += out.counts.precomputed + out.counts.fallback;
    }
    return n;
  };
  // One untimed round warms both up (JIT, SWC's native caches); then rounds alternate which goes first.
  plain(corpus.files);
  step(corpus.files);
  for (let r = 0; r < rounds; r++) {
    groups.forEach((files, g) => {
      const order = r % 2 === 0 ? ["plain", "step"] : ["step", "plain"];
      for (const which of order) {
        const t = performance.now();
        if (which === "plain") plain(files);
        else calls[g] = step(files);
        const ms = performance.now() - t;
        if (which === "plain") best[g].plain = Math.min(best[g].plain, ms);
        else best[g].step = Math.min(best[g].step, ms);
      }
    });
  }
  const pair = (plainMs: number, stepMs: number): BuildPair => ({ plainMs, withLogweaveMs: stepMs, ratio: stepMs / plainMs, target: 1.3 });
  return {
    pair: pair(best[0].plain + best[1].plain, best[0].step + best[1].step),
    withCalls: pair(best[0].plain, best[0].step),
    withoutCalls: pair(best[1].plain, best[1].step),
    rewritten: calls[0] + calls[1],
  };
}

function measureTsc(corpus: Corpus, rounds: number): { pair: BuildPair; rewritten: number } {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    declaration: true,
    sourceMap: true,
    rootDir: path.join(corpus.dir, "src"),
    outDir: path.join(corpus.dir, "dist"),
    types: [],
  };
  const rootNames = corpus.files.map((f) => f.file);
  const build = (plugin: boolean): { ms: number; rewritten: number } => {
    const t = performance.now();
    const program = ts.createProgram({ rootNames, options });
    const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) throw new Error(`corpus does not type-check: ${ts.flattenDiagnosticMessageText(errors[0].messageText, "\n")}`);
    let rewritten = 0;
    const write: ts.WriteFileCallback = (name, text) => {
      if (name.endsWith(".js")) rewritten += text.split(".__lwOn?.(").length - 1;
    };
    const before = plugin ? [logweaveTransformer(program, { root: corpus.dir, minLevel: "info" })] : undefined;
    program.emit(undefined, write, undefined, false, before === undefined ? undefined : { before });
    return { ms: performance.now() - t, rewritten };
  };
  let plainMs = Infinity;
  let pluginMs = Infinity;
  let rewritten = 0;
  // Untimed: the first build also loads TypeScript's own code paths and the lib files.
  if (rounds > 0) build(false);
  for (let r = 0; r < rounds; r++) {
    for (const plugin of r % 2 === 0 ? [true, false] : [false, true]) {
      const b = build(plugin);
      if (plugin) {
        pluginMs = Math.min(pluginMs, b.ms);
        rewritten = b.rewritten;
      } else {
        plainMs = Math.min(plainMs, b.ms);
      }
    }
  }
  return { pair: { plainMs, withLogweaveMs: pluginMs, ratio: pluginMs / plainMs, target: 1.15 }, rewritten };
}

/** The markdown table of a result (also what `bench/run.ts` writes to RESULTS.md). */
export function buildCostTable(r: BuildCostResult): string[] {
  const row = (name: string, p: BuildPair, target = true) =>
    `| ${name} | ${p.plainMs.toFixed(0)} ms | ${p.withLogweaveMs.toFixed(0)} ms | ${p.ratio.toFixed(2)}x | ${target ? `≤ ${p.target}x ${p.ratio <= p.target ? "met" : "MISSED"}` : ""} |`;
  return [
    "| build | plain | with logweave | ratio | target |",
    "|---|---:|---:|---:|---|",
    row("@swc/core transformSync vs SWC step, all files", r.swc),
    row(`… the ${r.modulesWithLogCalls} files with logger calls`, r.swcFilesWithCalls, false),
    row(`… the ${r.modules - r.modulesWithLogCalls} files without`, r.swcFilesWithoutCalls, false),
    row("tsc vs tspc + plugin (type check + emit, in process)", r.tsc),
  ];
}

function printTable(r: BuildCostResult): void {
  const title = `Build cost: ${r.modules} modules, ${r.modulesWithLogCalls} with logger calls (${r.rewrittenCalls.swc} calls rewritten by the SWC step, ${r.rewrittenCalls.typescript} by the plugin); Node ${process.version}, ${os.cpus().length} CPUs`;
  console.log([title, "", ...buildCostTable(r)].join("\n"));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv.find((a) => a.startsWith("--modules="));
  await buildCost({ modules: arg === undefined ? undefined : Number(arg.slice("--modules=".length)) });
}
