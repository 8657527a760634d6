/**
 * The logweave SWC step: the same rewrite as the TypeScript plugin for projects built with SWC
 * (and TypeScript 7, which has no transformer API).
 *
 * ```ts
 * import { transform } from "logweave/swc";
 * const { code, map } = await transform(source, { filename: "src/app.ts", minLevel: "info", swc: { sourceMaps: true } });
 * ```
 *
 * Or from the command line: `npx logweave swc src -d dist --min-level info --source-maps`.
 *
 * This module only re-exports.
 */
export { transform, transformSync, transformFile, type SwcTransformResult } from "./transform.js";
export type { SwcTransformOptions } from "./options.js";
export { SwcSyntaxError } from "./syntax-error.js";
export { buildFiles, writeBuild, outputPathFor, SOURCE_EXTENSIONS, type BuildOptions, type BuildResult, type BuiltFile } from "./build.js";
export { TransformerOptionError, type TransformerOptions } from "../core/options.js";
export type { FileCounts } from "../core/report.js";
