/**
 * The logweave TypeScript transformer: a ts-patch "program" plugin. Enable it in tsconfig.json
 * and build with `tspc`:
 *
 * ```json
 * { "compilerOptions": { "plugins": [{ "transform": "logweave/transformer", "minLevel": "info" }] } }
 * ```
 *
 * Or pass it to `program.emit` yourself: `{ before: [logweaveTransformer(program, options)] }`.
 * Requires TypeScript 6 (TypeScript 7 has no transformer API; use the SWC step there): the
 * version is checked when the plugin loads, before anything uses the compiler API.
 */
// First: throws, with what to do instead, when `typescript` has no compiler API (TypeScript 7).
import { LOADED_TYPESCRIPT_PROBLEM } from "./typescript-version.js";
import path from "node:path";
import ts from "typescript";
import { resolveOptions, type ResolvedOptions, type TransformerOptions } from "../core/options.js";
import { formatReport, hasCalls } from "../core/report.js";
import { LoggerDeclarations } from "./logger-resolution.js";
import { reportedPath, transformFile } from "./transform-file.js";

export type { TransformerOptions } from "../core/options.js";
export { TransformerOptionError } from "../core/options.js";

/** What ts-patch passes a program plugin besides the program and its options (the part used here). */
interface PluginExtras {
  readonly addDiagnostic?: (diagnostic: ts.Diagnostic) => unknown;
}

/** The code of logweave's build errors in tsc's output (`error TS99001: logweave transformer: …`); unused by TypeScript. */
export const BUILD_ERROR_CODE = 99001;

/**
 * Creates the transformer for `program`. Checks the TypeScript version and `options` first: under
 * ts-patch (`tspc`) a problem is reported as one tsc error line (the build fails, the files are
 * emitted as written); called directly, it throws (a `TransformerOptionError` naming a bad
 * option, so a typo fails the build). `root` defaults to the directory of the program's
 * tsconfig, else the program's working directory.
 */
export default function logweaveTransformer(
  program: ts.Program,
  options?: TransformerOptions,
  // ts-patch passes its extras: its `ts` instance and diagnostics helpers.
  extras?: unknown,
): ts.TransformerFactory<ts.SourceFile> {
  const compilerOptions = program.getCompilerOptions();
  const configFile = compilerOptions.configFilePath;
  const defaultRoot = typeof configFile === "string" ? path.dirname(configFile) : program.getCurrentDirectory();
  let resolved: ResolvedOptions;
  try {
    if (LOADED_TYPESCRIPT_PROBLEM !== undefined) throw new Error(LOADED_TYPESCRIPT_PROBLEM);
    resolved = resolveOptions(options, defaultRoot);
  } catch (error) {
    const addDiagnostic = (extras as PluginExtras | undefined)?.addDiagnostic;
    if (typeof addDiagnostic !== "function" || !(error instanceof Error)) throw error;
    addDiagnostic({ category: ts.DiagnosticCategory.Error, code: BUILD_ERROR_CODE, file: undefined, start: undefined, length: undefined, messageText: error.message });
    return () => (sourceFile) => sourceFile;
  }
  const env = {
    checker: program.getTypeChecker(),
    compilerOptions,
    options: resolved,
    declarations: new LoggerDeclarations(),
  };
  return (context) => (sourceFile) => {
    const { file, counts } = transformFile(sourceFile, context, env);
    if (resolved.verbose && hasCalls(counts)) process.stderr.write(formatReport(reportedPath(sourceFile, resolved), counts) + "\n");
    return file;
  };
}

export { logweaveTransformer };
