/**
 * Registering the logweave module hooks with Node (`module.register`, Node ≥ 20.6): options are
 * read and checked here, on the main thread, so a bad one stops the program at start with its
 * name, before any file is compiled.
 */
import { register } from "node:module";
import path from "node:path";
import { resolvePluginOptions, type LogweavePluginOptions } from "../unplugin/options.js";
import { TransformerOptionError } from "../core/options.js";
import { CompileCache, defaultCacheDir } from "./compile-cache.js";
import { loggersProblems } from "./loggers-check.js";
import { installRequireHook } from "./require-hook.js";
import { Tsconfigs } from "./tsconfig.js";

/** What the hooks thread receives. */
export interface RegisterData {
  /** Checked options, `minLevel` final (`LOGWEAVE_MIN_LEVEL` applied). */
  readonly options: LogweavePluginOptions;
  /** `undefined`: compile every file every time. */
  readonly cacheDir: string | undefined;
}

/** Options the SWC step has and the loader decides itself. */
const NOT_HERE = ["filename", "swc"];

/**
 * Options from the environment: `LOGWEAVE_REGISTER_OPTIONS` (JSON: `minLevel`, `caller`, `root`,
 * `verbose`, `loggers`) and `LOGWEAVE_MIN_LEVEL`, which overrides `minLevel`. Throws a
 * `TransformerOptionError` for malformed JSON or a bad option.
 */
export function optionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): LogweavePluginOptions {
  const text = env.LOGWEAVE_REGISTER_OPTIONS;
  let raw: LogweavePluginOptions | undefined;
  if (text !== undefined && text.trim() !== "") {
    try {
      raw = JSON.parse(text) as LogweavePluginOptions;
    } catch (error) {
      throw new TransformerOptionError("LOGWEAVE_REGISTER_OPTIONS", `environment variable LOGWEAVE_REGISTER_OPTIONS must be JSON options, like {"minLevel":"info"}: ${(error as Error).message}`);
    }
    const stray = typeof raw === "object" && raw !== null ? Object.keys(raw).find((key) => NOT_HERE.includes(key)) : undefined;
    if (stray !== undefined) {
      throw new TransformerOptionError(stray, `option "${stray}" is not a loader option (the loader compiles each file with the options of its tsconfig.json); known options: minLevel, caller, root, verbose, loggers`);
    }
  }
  const { core } = resolvePluginOptions(raw, env);
  return { ...raw, minLevel: core.minLevel, root: core.root, caller: core.caller, verbose: core.verbose };
}

/**
 * Registers the hooks for this process (ES module hooks, and the `require` hooks for CommonJS
 * files): TypeScript files are compiled with the logweave rewrite under their tsconfig.json, with
 * an inline source map, and stack traces are source-mapped (`process.setSourceMapsEnabled`).
 * `LOGWEAVE_CACHE=0` turns the compile cache off. A `loggers` entry that names no module or
 * export is reported on stderr (one line each).
 */
export function registerLogweave(options: LogweavePluginOptions = optionsFromEnv(), env: Readonly<Record<string, string | undefined>> = process.env): void {
  const data: RegisterData = { options, cacheDir: env.LOGWEAVE_CACHE === "0" ? undefined : defaultCacheDir(env) };
  const tsconfigs = new Tsconfigs(data.cacheDir);
  if (options.loggers !== undefined) {
    const root = options.root ?? process.cwd();
    const project = tsconfigs.for(path.join(root, "index.ts"))?.options;
    for (const problem of loggersProblems(options.loggers, root, project)) process.stderr.write(`logweave/register: ${problem}\n`);
  }
  process.setSourceMapsEnabled(true);
  installRequireHook({ options, cache: data.cacheDir === undefined ? undefined : new CompileCache(data.cacheDir), tsconfigs });
  register<RegisterData>("./hooks.js", { parentURL: import.meta.url, data });
}
