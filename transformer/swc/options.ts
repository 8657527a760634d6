/**
 * Options of the SWC step: the transformer options every front end shares (`minLevel`,
 * `caller`, `root`, `verbose`, checked by the core, `LOGWEAVE_MIN_LEVEL` included), plus what
 * only this front end needs — the file name, `loggers` (modules that export ready-made loggers,
 * since there is no type checker to follow them into other files) and SWC's own options.
 */
import path from "node:path";
import type { Options as SwcOptions } from "@swc/core";
import { resolveOptions, TransformerOptionError, type ResolvedOptions, type TransformerOptions } from "../core/options.js";

/** What `transform` accepts. */
export interface SwcTransformOptions extends TransformerOptions {
  /** The file's path (absolute, or relative to the working directory): caller `file`, parser choice, `.swcrc` lookup. */
  readonly filename?: string;
  /**
   * Modules whose exports are logweave loggers, for loggers made in one file and used in
   * another: `{ "./src/log": ["log"], "@app/logging": ["logger", "default"] }`. A relative key
   * is a file relative to `root` (extension optional); a bare key is a package specifier.
   */
  readonly loggers?: Readonly<Record<string, readonly string[]>>;
  /** Options for `@swc/core`'s `transform` (as you would pass them to it). `.swcrc` is read as `@swc/core` reads it. */
  readonly swc?: SwcOptions;
}

/** Options after checking. */
export interface ResolvedSwcOptions {
  readonly core: ResolvedOptions;
  readonly loggers: LoggerModules;
  /** SWC's options, with `filename` set when one was given. */
  readonly swc: SwcOptions;
  /** Absolute, or `undefined` when no file name was given. */
  readonly filename: string | undefined;
}

const OWN_KEYS = ["minLevel", "caller", "root", "verbose", "filename", "loggers", "swc"];

/**
 * Checks options and applies defaults (`root`: the working directory). Throws a
 * `TransformerOptionError` naming the first bad option.
 */
export function resolveSwcOptions(raw: SwcTransformOptions | undefined, env: Readonly<Record<string, string | undefined>> = process.env): ResolvedSwcOptions {
  const o = (raw ?? {}) as Record<string, unknown>;
  if (typeof o !== "object" || Array.isArray(o)) throw new TransformerOptionError("options", "options must be an object");
  for (const key of Object.keys(o)) {
    if (OWN_KEYS.includes(key)) continue;
    const hint = OWN_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    throw new TransformerOptionError(key, `unknown option "${key}"` + (hint ? ` (did you mean "${hint}"?)` : `; known options: ${OWN_KEYS.join(", ")}`));
  }
  const { filename, loggers: loggersOption, swc, ...shared } = o;
  const core = resolveOptions(shared, process.cwd(), env);
  const loggers = new LoggerModules(checkLoggers(loggersOption), core.root);

  if (swc !== undefined && (typeof swc !== "object" || swc === null || Array.isArray(swc))) {
    throw new TransformerOptionError("swc", `option "swc" must be an object of @swc/core options`);
  }
  const swcOptions = { ...(swc as SwcOptions | undefined) };
  const name = filename ?? swcOptions.filename;
  if (name !== undefined && (typeof name !== "string" || name === "")) {
    throw new TransformerOptionError("filename", `option "filename" must be a non-empty path string`);
  }
  if (name !== undefined) swcOptions.filename = name;
  return { core, loggers, swc: swcOptions, filename: name === undefined ? undefined : path.resolve(name) };
}

function checkLoggers(value: unknown): Record<string, readonly string[]> {
  if (value === undefined) return {};
  const bad = (why: string): never => {
    throw new TransformerOptionError("loggers", `option "loggers" ${why}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) bad(`must map module names to export names, like { "./src/log": ["log"] }`);
  const out: Record<string, readonly string[]> = {};
  for (const [module, names] of Object.entries(value as Record<string, unknown>)) {
    if (module === "") bad("has an empty module name");
    if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== "string" || n === "")) {
      bad(`must list export names for "${module}" as a non-empty array of strings`);
    }
    out[module] = names as string[];
  }
  return out;
}

const SOURCE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** The `loggers` option, answering "which exports of this import are loggers?". */
export class LoggerModules {
  readonly #byFile = new Map<string, ReadonlySet<string>>();
  readonly #byPackage = new Map<string, ReadonlySet<string>>();
  /** Words a file must contain to possibly import one of these modules (the prefilter's). */
  readonly needles: readonly string[];
  /** The setting as given (module → export names), for `loggersSettingWarnings`. */
  readonly entries: Readonly<Record<string, readonly string[]>>;
  /** Absolute: the directory relative module names are resolved from. */
  readonly root: string;

  constructor(entries: Readonly<Record<string, readonly string[]>>, root: string) {
    this.entries = entries;
    this.root = root;
    const needles: string[] = [];
    for (const [module, names] of Object.entries(entries)) {
      const set = new Set(names);
      if (isPathSpecifier(module)) this.#byFile.set(fileKey(path.resolve(root, module)), set);
      else this.#byPackage.set(module.replace(SOURCE_EXTENSION, ""), set);
      const base = path.posix.basename(module.replace(/\\/g, "/")).replace(SOURCE_EXTENSION, "");
      needles.push(base === "index" ? path.posix.basename(path.posix.dirname(module.replace(/\\/g, "/"))) : base);
    }
    this.needles = needles;
  }

  /** The logger exports of the module `specifier` imports from `importer` (an absolute path), if it is one of these. */
  exportsOf(specifier: string, importer: string | undefined): ReadonlySet<string> | undefined {
    if (isPathSpecifier(specifier)) {
      if (this.#byFile.size === 0) return undefined;
      const base = importer === undefined ? process.cwd() : path.dirname(importer);
      return this.#byFile.get(fileKey(path.resolve(base, specifier)));
    }
    return this.#byPackage.get(specifier.replace(SOURCE_EXTENSION, ""));
  }
}

/** True for a module name that is a path (`./x`, `../x`, absolute), false for a package name or alias. */
export function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === ".." || path.isAbsolute(specifier);
}

/** A file path without its source extension or a trailing `/index`, so `./log`, `./log.js` and `./log/index.ts` meet. */
function fileKey(file: string): string {
  return file.replace(/\\/g, "/").replace(SOURCE_EXTENSION, "").replace(/\/index$/, "");
}
