/**
 * The logweave variants of the benchmark cases: as written (untransformed runtime), and built
 * through the TypeScript plugin — with caller metadata, without it, and with `minLevel: "info"`
 * (the debug case elided at build time). Built files go to bench/.out/ (inside the package, so
 * `import "logweave"` resolves to this package).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import logweaveTransformer from "../transformer/typescript/index.js";
import * as plain from "./cases/logweave-cases.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** One way of running the logweave cases. */
export interface Variant {
  name: string;
  module: typeof plain;
  /** Whether this variant carries caller metadata (case 7). */
  callerCase: boolean;
}

function build(name: string, options: { minLevel: "trace" | "info"; caller: boolean }): string {
  const outDir = path.join(here, ".out", name);
  const built = path.join(outDir, "logweave-cases.js");
  if (fs.existsSync(built) && fs.existsSync(path.join(outDir, "e2e-app.js"))) return built;
  const sources = ["logweave-cases.ts", "e2e-app.ts"].map((f) => path.join(here, "cases", f));
  const program = ts.createProgram(sources, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    rootDir: path.join(here, "cases"),
    outDir,
  });
  const result = program.emit(undefined, undefined, undefined, false, {
    before: [logweaveTransformer(program, { ...options, root: path.resolve(here, "..") })],
  });
  if (result.emitSkipped) throw new Error(`bench: building ${name} failed`);
  return path.join(outDir, "logweave-cases.js");
}

/**
 * Builds and imports every variant. With `reuse`, imports what an earlier call built (the
 * benchmark's per-case child processes), building only what is missing.
 */
export async function buildVariants(options: { reuse?: boolean } = {}): Promise<Variant[]> {
  if (!options.reuse) fs.rmSync(path.join(here, ".out"), { recursive: true, force: true });
  const load = async (file: string) => (await import(pathToFileURL(file).href)) as typeof plain;
  return [
    { name: "logweave untransformed", module: plain, callerCase: false },
    { name: "logweave transformed", module: await load(build("transformed", { minLevel: "trace", caller: true })), callerCase: true },
    { name: "logweave transformed, no caller", module: await load(build("no-caller", { minLevel: "trace", caller: false })), callerCase: true },
    { name: "logweave elided", module: await load(build("elided", { minLevel: "info", caller: true })), callerCase: false },
  ];
}
