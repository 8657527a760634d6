/**
 * The rewrite stage alone: source text in, the same source with its logger calls rewritten out
 * (still TypeScript, or whatever syntax it was written in), with a map back to the original.
 * The SWC step compiles this output with `@swc/core`; the bundler plugins hand it to the
 * bundler, which compiles it and chains the map. One rewrite, every route.
 *
 * A file that cannot hold a logger call is never parsed: the text must mention a logger module
 * and contain a `.info(`-like call ({@link mayHoldLoggerCalls}).
 */
import { MAYBE_LOGGER_CALL } from "../core/call.js";
import { RUNTIME_MODULE } from "../core/names.js";
import { emptyCounts, type FileCounts } from "../core/report.js";
import { LoggerResolver } from "./logger-resolution.js";
import { readModule } from "./module-reader.js";
import type { LoggerModules, ResolvedSwcOptions } from "./options.js";
import { parseModule, parseModuleSync, type ParsedModule, type ParserConfig } from "./parse.js";
import { rewriteModule, type Rewrite } from "./rewrite.js";

export { MAYBE_LOGGER_CALL } from "../core/call.js";

/** What the rewrite needs to know about the file and the build. */
export interface SourceRewriteInput {
  /** Checked options: the core's (`minLevel`, `caller`, `root`), `loggers`, and the file (absolute, or `undefined`). */
  readonly options: Pick<ResolvedSwcOptions, "core" | "loggers" | "filename">;
  /** How to parse the file (SWC's `jsc.parser`). */
  readonly parser: ParserConfig;
  /** Parse as a script, not a module. */
  readonly script?: boolean;
  /** The name the map gives as its source; `undefined`: no map is made. */
  readonly mapSource: string | undefined;
}

/** The rewrite of one file. */
export interface SourceRewrite {
  /** The edited text and its map; `undefined` when nothing changed (or the file was not parsed). */
  readonly rewrite: Rewrite | undefined;
  /** What happened to the file's logger calls. */
  readonly counts: FileCounts;
  /** Set when the file did not parse: its calls are left as written, and the compiler decides whether it is valid. */
  readonly parseError?: unknown;
}

/** The cheap test first: the text must mention a logger module and a logger-method call. */
export function mayHoldLoggerCalls(code: string, loggers: LoggerModules): boolean {
  const mentions = code.includes(RUNTIME_MODULE) || loggers.needles.some((n) => code.includes(n));
  return mentions && MAYBE_LOGGER_CALL.test(code);
}

/** Rewrites the logger calls of `code`, parsing on SWC's thread pool. Never rejects for a syntax error (see `parseError`). */
export async function rewriteSource(code: string, input: SourceRewriteInput): Promise<SourceRewrite> {
  if (!mayHoldLoggerCalls(code, input.options.loggers)) return unchanged();
  let parsed: ParsedModule;
  try {
    parsed = await parseModule(code, input.parser, input.script === true);
  } catch (parseError) {
    return { ...unchanged(), parseError };
  }
  return rewriteParsed(parsed, input);
}

/** {@link rewriteSource}, synchronously. */
export function rewriteSourceSync(code: string, input: SourceRewriteInput): SourceRewrite {
  if (!mayHoldLoggerCalls(code, input.options.loggers)) return unchanged();
  let parsed: ParsedModule;
  try {
    parsed = parseModuleSync(code, input.parser, input.script === true);
  } catch (parseError) {
    return { ...unchanged(), parseError };
  }
  return rewriteParsed(parsed, input);
}

function rewriteParsed(parsed: ParsedModule, input: SourceRewriteInput): SourceRewrite {
  const { options } = input;
  const facts = readModule(parsed.module, parsed.positions);
  const resolver = new LoggerResolver(options.loggers, options.filename, facts);
  return rewriteModule({
    facts,
    positions: parsed.positions,
    resolver,
    options: options.core,
    file: options.filename ?? "<input>",
    mapSource: input.mapSource,
  });
}

function unchanged(): SourceRewrite {
  return { rewrite: undefined, counts: emptyCounts() };
}
