/**
 * The logweave TypeScript transformer: a ts-patch "program" plugin. Enable it in tsconfig.json
 * and build with `tspc`:
 *
 * ```json
 * { "compilerOptions": { "plugins": [{ "transform": "logweave/transformer", "minLevel": "info" }] } }
 * ```
 *
 * Or pass it to `program.emit` yourself: `{ before: [logweaveTransformer(program, options)] }`.
 * Requires TypeScript 6 (TypeScript 7 has no transformer API; use the SWC step there).
 */
import path from "node:path";
import ts from "typescript";
import { resolveOptions, type TransformerOptions } from "../core/options.js";
import { formatReport, hasCalls } from "../core/report.js";
import { LoggerDeclarations } from "./logger-resolution.js";
import { reportedPath, transformFile } from "./transform-file.js";

export type { TransformerOptions } from "../core/options.js";
export { TransformerOptionError } from "../core/options.js";

/**
 * Creates the transformer for `program`. Checks `options` first and throws a
 * `TransformerOptionError` naming a bad one (so a typo fails the build). `root` defaults to the
 * directory of the program's tsconfig, else the program's working directory.
 */
export default function logweaveTransformer(
  program: ts.Program,
  options?: TransformerOptions,
  // ts-patch passes its extras (its `ts` instance, diagnostics helpers); none is needed.
  _extras?: unknown,
): ts.TransformerFactory<ts.SourceFile> {
  const compilerOptions = program.getCompilerOptions();
  const configFile = compilerOptions["configFilePath"];
  const defaultRoot = typeof configFile === "string" ? path.dirname(configFile) : program.getCurrentDirectory();
  const resolved = resolveOptions(options, defaultRoot);
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
