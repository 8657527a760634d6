/**
 * Builds what the measured processes run, into bench/.out/ (inside the package, so
 * `import "logweave"` resolves to this package's built runtime):
 * - `suite/plain/`: every file of bench/suite/child/ as tsc emits it — the runner, the floor,
 *   pino, the other loggers, and logweave's scenarios untransformed;
 * - `suite/transformed/`, `suite/no-caller/`, `suite/elided/`: logweave's scenarios built through
 *   the TypeScript plugin (`logweave/transformer`, the built package, as `tspc` loads it) with
 *   caller metadata, without it, and with `minLevel: "info"`;
 * - `e2e/app.js`: the end-to-end program (bench/e2e/app.ts) through the plugin.
 * Run `npm run build` first (the plugin and the runtime come from dist/).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import logweaveTransformer from "logweave/transformer";

const bench = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const root = path.resolve(bench, "..");
const childDir = path.join(bench, "suite", "child");

/** Where each build goes. */
export const OUT = {
  plain: path.join(bench, ".out", "suite", "plain"),
  transformed: path.join(bench, ".out", "suite", "transformed"),
  noCaller: path.join(bench, ".out", "suite", "no-caller"),
  elided: path.join(bench, ".out", "suite", "elided"),
  e2e: path.join(bench, ".out", "e2e"),
} as const;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
  types: ["node"],
};

function emit(files: string[], rootDir: string, outDir: string, plugin?: { minLevel: "trace" | "info"; caller: boolean }): void {
  const program = ts.createProgram(files, { ...COMPILER_OPTIONS, rootDir, outDir });
  const transformers = plugin === undefined ? undefined : { before: [logweaveTransformer(program, { ...plugin, root })] };
  const result = program.emit(undefined, undefined, undefined, false, transformers);
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics].filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (result.emitSkipped || errors.length > 0) {
    throw new Error(`bench: building ${outDir} failed:\n` + ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" }));
  }
}

function childSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? childSources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/** Builds everything afresh (each build's directory is emptied first). */
export function buildSuite(): void {
  fs.rmSync(path.join(bench, ".out"), { recursive: true, force: true });
  emit(childSources(childDir), childDir, OUT.plain);
  const logweave = [path.join(childDir, "impl", "logweave.ts")];
  emit(logweave, childDir, OUT.transformed, { minLevel: "trace", caller: true });
  emit(logweave, childDir, OUT.noCaller, { minLevel: "trace", caller: false });
  emit(logweave, childDir, OUT.elided, { minLevel: "info", caller: true });
  emit([path.join(bench, "e2e", "app.ts")], path.join(bench, "e2e"), OUT.e2e, { minLevel: "trace", caller: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildSuite();
