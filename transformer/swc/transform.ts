/**
 * The SWC step for one file: the rewrite stage (`rewrite-source.ts`: prefilter, parse, find and
 * plan the logger calls, rewrite them with magic-string), then `@swc/core`'s `transform` with the rewrite's map chained as its input map,
 * so the final map points at the original source.
 *
 * A file that cannot hold a logger call (it never mentions logweave or a `loggers` module, or
 * has no `.info(`-like call) and a file whose calls are all left as written go to `@swc/core`
 * untouched, with the caller's options: their output is byte for byte what SWC alone gives.
 */
import fs from "node:fs/promises";
import swc, { type Options as SwcOptions, type Output } from "@swc/core";
import { callerFile } from "../core/caller.js";
import { emptyCounts, formatReport, hasCalls, type FileCounts } from "../core/report.js";
import { resolveSwcOptions, type ResolvedSwcOptions, type SwcTransformOptions } from "./options.js";
import type { Rewrite } from "./rewrite.js";
import { mayHoldLoggerCalls, rewriteSource, rewriteSourceSync, type SourceRewrite, type SourceRewriteInput } from "./rewrite-source.js";
import { swcConfigFor } from "./swc-config.js";
import { SourcePositions } from "./source-positions.js";
import { syntaxErrorFrom } from "./syntax-error.js";

/** The output of the SWC step for one file. */
export interface SwcTransformResult {
  /** The JavaScript `@swc/core` emitted. */
  readonly code: string;
  /** The source map (JSON text) when SWC's `sourceMaps` option asks for one. */
  readonly map?: string;
  /** What happened to the file's logger calls. */
  readonly counts: FileCounts;
  /** Things the caller should know (a file read without its logger calls rewritten, and why). */
  readonly warnings: readonly string[];
}

/**
 * Transforms `code` (the contents of `options.filename`). Rejects with a `TransformerOptionError`
 * for a bad option and an `SwcSyntaxError` (file, line, column) for a file that does not parse.
 */
export async function transform(code: string, options?: SwcTransformOptions): Promise<SwcTransformResult> {
  const resolved = resolveSwcOptions(options);
  const input = rewriteInput(code, resolved);
  const prepared = prepare(input === undefined ? undefined : await rewriteSource(code, input));
  try {
    return result(await swc.transform(prepared.rewrite?.code ?? code, swcOptions(resolved, prepared.rewrite)), resolved, prepared);
  } catch (error) {
    if (prepared.rewrite === undefined) throw asSyntaxError(error, code, resolved);
    // The rewritten text did not compile: a bug of the step, never a reason to fail the build.
    let output: Output;
    try {
      output = await swc.transform(code, resolved.swc);
    } catch (e) {
      throw asSyntaxError(e, code, resolved);
    }
    return result(output, resolved, unrewritten(prepared, error));
  }
}

/** {@link transform}, synchronously (parse and transform on the calling thread). */
export function transformSync(code: string, options?: SwcTransformOptions): SwcTransformResult {
  const resolved = resolveSwcOptions(options);
  const input = rewriteInput(code, resolved);
  const prepared = prepare(input === undefined ? undefined : rewriteSourceSync(code, input));
  try {
    return result(swc.transformSync(prepared.rewrite?.code ?? code, swcOptions(resolved, prepared.rewrite)), resolved, prepared);
  } catch (error) {
    if (prepared.rewrite === undefined) throw asSyntaxError(error, code, resolved);
    let output: Output;
    try {
      output = swc.transformSync(code, resolved.swc);
    } catch (e) {
      throw asSyntaxError(e, code, resolved);
    }
    return result(output, resolved, unrewritten(prepared, error));
  }
}

/** Reads `file` and transforms it (`filename` is the file). */
export async function transformFile(file: string, options?: Omit<SwcTransformOptions, "filename">): Promise<SwcTransformResult> {
  return transform(await fs.readFile(file, "utf8"), { ...options, filename: file });
}

/** The step's work before SWC's transform: the rewrite (if any), counts, and a parse failure to report. */
interface Prepared {
  readonly rewrite: Rewrite | undefined;
  readonly counts: FileCounts;
  /** The parse failed: SWC's transform decides whether the file is valid. */
  readonly parseError: unknown;
  /** The rewritten text did not compile (SWC's first line): the original was built instead. */
  readonly internalError?: string;
}

/**
 * What the rewrite stage needs for this file, or `undefined` when the file cannot hold a logger
 * call (checked first, so such a file costs no `.swcrc` lookup).
 */
function rewriteInput(code: string, resolved: ResolvedSwcOptions): SourceRewriteInput | undefined {
  if (!mayHoldLoggerCalls(code, resolved.loggers)) return undefined;
  const config = swcConfigFor(resolved.filename, resolved.swc);
  return {
    options: resolved,
    parser: config.parser,
    script: resolved.swc.isModule === false,
    // The rewrite's map is only worth making when SWC writes one to chain it into.
    mapSource: config.sourceMaps ? mapSourceName(resolved.swc) : undefined,
  };
}

function prepare(rewritten: SourceRewrite | undefined): Prepared {
  if (rewritten === undefined) return { rewrite: undefined, counts: emptyCounts(), parseError: undefined };
  return { rewrite: rewritten.rewrite, counts: rewritten.counts, parseError: rewritten.parseError };
}

/** What to report when the rewritten text failed to compile and the original was built instead. */
function unrewritten(_prepared: Prepared, error: unknown): Prepared {
  const first = String(error instanceof Error ? error.message : error).split("\n").find((l) => l.trim() !== "") ?? "";
  return { rewrite: undefined, counts: emptyCounts(), parseError: undefined, internalError: first.trim() };
}

/** SWC's options, plus the rewrite's map as the input map (SWC wants it as a JSON string). */
function swcOptions(resolved: ResolvedSwcOptions, rewrite: Rewrite | undefined): SwcOptions {
  if (rewrite?.map === undefined) return resolved.swc;
  return { ...resolved.swc, inputSourceMap: JSON.stringify(rewrite.map) };
}

/** The name SWC writes in a map's `sources` for this file, so a chained map names the same file. */
function mapSourceName(options: SwcOptions): string {
  return options.sourceFileName ?? options.filename ?? "unknown";
}

function result(output: Output, resolved: ResolvedSwcOptions, prepared: Prepared): SwcTransformResult {
  const warnings: string[] = [];
  if (prepared.parseError !== undefined) {
    // SWC transformed what the step could not parse: the parser settings differ (a `.swcrc` the
    // step did not find, say). The file is still correct, only without its calls rewritten.
    const first = String(prepared.parseError instanceof Error ? prepared.parseError.message : prepared.parseError).split("\n")[0];
    warnings.push(`logweave: ${reportedName(resolved)}: logger calls left as written: the SWC step could not parse the file (${first.trim()})`);
  }
  if (prepared.internalError !== undefined) {
    warnings.push(`logweave: ${reportedName(resolved)}: logger calls left as written: internal error, the rewritten file did not compile (${prepared.internalError}); please report it`);
  }
  if (resolved.core.verbose && hasCalls(prepared.counts)) process.stderr.write(formatReport(reportedName(resolved), prepared.counts) + "\n");
  return output.map === undefined
    ? { code: output.code, counts: prepared.counts, warnings }
    : { code: output.code, map: output.map, counts: prepared.counts, warnings };
}

function reportedName(resolved: ResolvedSwcOptions): string {
  return resolved.filename === undefined ? "<input>" : callerFile(resolved.core.root, resolved.filename);
}

/** SWC's error as an `SwcSyntaxError` naming the file, line and column, when it is a syntax error. */
function asSyntaxError(error: unknown, code: string, resolved: ResolvedSwcOptions): unknown {
  const file = resolved.swc.filename ?? "<input>";
  return syntaxErrorFrom(error, file, new SourcePositions(code, 1)) ?? error;
}
