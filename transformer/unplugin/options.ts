/**
 * Options of the bundler plugins: the TypeScript plugin's (`minLevel`, `caller`, `root`,
 * `verbose`; `LOGWEAVE_MIN_LEVEL` overrides `minLevel`) plus `loggers`, checked once when the
 * plugin is created, so a typo fails the bundler's configuration with the option's name.
 */
import type { TransformerOptions } from "../core/options.js";
import { TransformerOptionError } from "../core/options.js";
import { resolveSwcOptions, type ResolvedSwcOptions } from "../swc/options.js";

/** What `logweave()` accepts in a bundler configuration. */
export interface LogweavePluginOptions extends TransformerOptions {
  /**
   * Modules whose exports are logweave loggers, for loggers made in one file and used in
   * another: `{ "./src/log": ["log"] }` (a relative key is a file relative to `root`, extension
   * optional; a bare key is a package specifier).
   */
  readonly loggers?: Readonly<Record<string, readonly string[]>>;
}

/** Checked options, shared by every module of one build. */
export type ResolvedPluginOptions = Pick<ResolvedSwcOptions, "core" | "loggers">;

/** The SWC step's own options, which a bundler decides for itself. */
const NOT_HERE = ["filename", "swc"];

/**
 * Checks the options (`root` defaults to the working directory). Throws a
 * `TransformerOptionError` naming the first bad option.
 */
export function resolvePluginOptions(raw: LogweavePluginOptions | undefined, env: Readonly<Record<string, string | undefined>> = process.env): ResolvedPluginOptions {
  if (raw !== undefined && raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const stray = Object.keys(raw).find((key) => NOT_HERE.includes(key));
    if (stray !== undefined) {
      throw new TransformerOptionError(stray, `option "${stray}" is not a bundler plugin option (the bundler names the files and compiles them); known options: minLevel, caller, root, verbose, loggers`);
    }
  }
  const { core, loggers } = resolveSwcOptions(raw ?? undefined, env);
  return { core, loggers };
}
