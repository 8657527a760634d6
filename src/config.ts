/**
 * Configuration: the options, the environment, and their resolution into what a logger needs
 * on its hot path (threshold, line heads, serializer settings, destination).
 *
 * Every `configure()` bumps a generation number; loggers compare it on each call and re-resolve
 * only when it changed (tracing's cached interest, in JS terms).
 */
import os from "node:os";
import type { Destination } from "./destinations/destination.js";
import { stderrDestination, stdoutDestination } from "./destinations/fd.js";
import { installSignalHandlers } from "./destinations/buffered.js";
import { CORE_KEYS, EMPTY_LAYER, layerFromObject, type FieldLayer } from "./fields.js";
import { quote } from "./json-string.js";
import { LEVEL_NAMES, LEVEL_VALUES, parseLevel, type LevelSetting } from "./levels.js";
import { compileRedaction, type RedactOptions } from "./redact.js";
import { DEFAULT_LIMITS, serializeField, type SerializeConfig, type SerializeLimits } from "./serialize.js";

/** Output formats. `auto`: `pretty` when the destination is a terminal, `json` otherwise. */
export type Format = "json" | "pretty" | "auto";

/** Options for `configure()` (all loggers) and `getLogger(name, options)` (one logger). */
export interface LoggerOptions {
  /** Lowest level written. Default: `LOG_LEVEL`, else `"info"`. */
  level?: LevelSetting;
  /** Where lines go: `"stdout"` (default), `"stderr"`, or any {@link Destination}. */
  destination?: Destination | "stdout" | "stderr";
  /** Line format. Default: `LOGWEAVE_FORMAT`, else `"auto"`. */
  format?: Format;
  /** Redaction (see {@link RedactOptions}); `false` turns even the default sensitive keys off. */
  redact?: RedactOptions | false;
  /**
   * Fields on every line. `pid` and `hostname` are there by default; set either to `undefined`
   * to leave it out, or pass `null` to leave both out.
   */
  base?: Record<string, unknown> | null;
  /** Serialization bounds (depth, keys, items, string length). */
  limits?: Partial<SerializeLimits>;
}

/** Options only `configure()` takes. */
export interface GlobalOptions extends LoggerOptions {
  /**
   * On SIGTERM and SIGINT, write out every buffered line, then let the signal do what it would
   * have done (exit, unless the app has its own handler). Default `false`
   * (`LOGWEAVE_HANDLE_SIGNALS=1` turns it on).
   */
  handleSignals?: boolean;
}

/** Everything a logger reads on its hot path, resolved once per configuration generation. */
export interface ResolvedConfig {
  /** Lowest level number written (`Infinity` when silent). */
  readonly threshold: number;
  readonly destination: Destination;
  /** True when lines are rewritten by the pretty formatter before they are written. */
  readonly pretty: boolean;
  /** Serializer settings; also the identity call-site caches are keyed by. */
  readonly serialize: SerializeConfig;
  /** `{"level":N,"time":` for each level number (index = number). */
  readonly heads: readonly string[];
  /** `,"pid":…,"hostname":"…"` (whatever the base keeps of them). */
  readonly coreBase: string;
  /** Base fields other than pid and hostname. */
  readonly baseLayer: FieldLayer;
  /** Problems found in the options, reported once. */
  readonly problems: readonly string[];
}

const FORMATS: readonly Format[] = ["json", "pretty", "auto"];

/** The mutable global state. */
export const state = {
  /** Bumped by every configure(); loggers re-resolve when it changed. */
  generation: 1,
  options: {} as GlobalOptions,
  /** True once `configure()` was called (library-mode loggers wait for it). */
  configured: false,
};

let globalResolved: ResolvedConfig | undefined;
let globalResolvedGen = 0;

/** The resolved global configuration (cached per generation). */
export function resolveGlobal(): ResolvedConfig {
  if (globalResolved === undefined || globalResolvedGen !== state.generation) {
    globalResolved = resolve(state.options);
    globalResolvedGen = state.generation;
  }
  return globalResolved;
}

/** Resolves options layered over the global ones (the logger's own win). */
export function resolveWith(overrides: LoggerOptions | undefined): ResolvedConfig {
  if (overrides === undefined) return resolveGlobal();
  return resolve({ ...state.options, ...overrides, limits: { ...state.options.limits, ...overrides.limits } });
}

/**
 * Checks options and throws a `TypeError` naming the bad option. Used by `configure()` and
 * `getLogger()`, which run at start-up, so a typo fails loudly there and never in a log call.
 */
export function validateOptions(options: unknown, where: string): asserts options is GlobalOptions {
  if (options === undefined) return;
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object`);
  const o = options as Record<string, unknown>;
  if (o.level !== undefined && parseLevel(o.level) === undefined) {
    throw new TypeError(`${where}: level must be one of ${[...LEVEL_NAMES, "silent"].join(", ")}; got ${JSON.stringify(o.level)}`);
  }
  if (o.format !== undefined && !FORMATS.includes(o.format as Format)) {
    throw new TypeError(`${where}: format must be one of ${FORMATS.join(", ")}; got ${JSON.stringify(o.format)}`);
  }
  const d = o.destination;
  if (d !== undefined && d !== "stdout" && d !== "stderr" && !(d !== null && typeof d === "object" && typeof (d as Destination).write === "function")) {
    throw new TypeError(`${where}: destination must be "stdout", "stderr" or an object with write(line)`);
  }
  if (o.redact !== undefined && o.redact !== false && (o.redact === null || typeof o.redact !== "object")) {
    throw new TypeError(`${where}: redact must be an object or false`);
  }
  if (o.base !== undefined && o.base !== null && typeof o.base !== "object") {
    throw new TypeError(`${where}: base must be an object or null`);
  }
  if (o.limits !== undefined) {
    if (o.limits === null || typeof o.limits !== "object") throw new TypeError(`${where}: limits must be an object`);
    for (const [k, v] of Object.entries(o.limits)) {
      if (!(k in DEFAULT_LIMITS)) throw new TypeError(`${where}: unknown limit ${k}`);
      if (typeof v !== "number" || !(v >= 1)) throw new TypeError(`${where}: limits.${k} must be a number >= 1`);
    }
  }
}

/** Reads the environment once per resolution: LOG_LEVEL, LOGWEAVE_FORMAT, LOGWEAVE_HANDLE_SIGNALS. */
function fromEnv(problems: string[]): { level: number; format: Format | undefined } {
  const env = typeof process !== "undefined" ? process.env : {};
  let level: number = LEVEL_VALUES.info;
  if (env.LOG_LEVEL !== undefined && env.LOG_LEVEL !== "") {
    const parsed = parseLevel(env.LOG_LEVEL);
    if (parsed === undefined) problems.push(`LOG_LEVEL=${JSON.stringify(env.LOG_LEVEL)} is not a level; using info`);
    else level = parsed;
  }
  let format: Format | undefined;
  const f = env.LOGWEAVE_FORMAT;
  if (f !== undefined && f !== "") {
    if (FORMATS.includes(f as Format)) format = f as Format;
    else problems.push(`LOGWEAVE_FORMAT=${JSON.stringify(f)} is not json, pretty or auto; using auto`);
  }
  return { level, format };
}

function resolve(options: GlobalOptions): ResolvedConfig {
  const problems: string[] = [];
  const env = fromEnv(problems);
  const threshold = options.level !== undefined ? (parseLevel(options.level) ?? env.level) : env.level;
  const destination =
    options.destination === undefined || options.destination === "stdout"
      ? stdoutDestination()
      : options.destination === "stderr"
        ? stderrDestination()
        : options.destination;
  const format = options.format ?? env.format ?? "auto";
  const pretty = format === "pretty" || (format === "auto" && destination.isTTY === true);
  const limits: SerializeLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const serialize: SerializeConfig = { limits, redactor: compileRedaction(options.redact, problems) };

  const heads: string[] = [];
  for (const name of LEVEL_NAMES) heads[LEVEL_VALUES[name]] = `{"level":${LEVEL_VALUES[name]},"time":`;

  // pid and hostname are core keys taken from base; the rest of base is the lowest field layer.
  const base: Record<string, unknown> =
    options.base === null ? {} : { pid: process.pid, hostname: safeHostname(), ...options.base };
  let coreBase = "";
  for (const key of ["pid", "hostname"]) {
    const v = base[key];
    if (v === undefined) continue;
    coreBase += `,"${key}":` + (serializeField(v, key, { limits, redactor: compileRedaction(false) }) ?? "null");
  }
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(base)) if (key !== "pid" && key !== "hostname") rest[key] = base[key];
  const baseLayer = Object.keys(rest).length > 0 ? layerFromObject(rest, serialize) : EMPTY_LAYER;
  for (const key of Object.keys(rest)) {
    if (CORE_KEYS.has(key)) problems.push(`base.${key} is a core key; it is written as fields.${key}`);
  }

  if (options.handleSignals === true || process.env.LOGWEAVE_HANDLE_SIGNALS === "1") installSignalHandlers();
  return { threshold, destination, pretty, serialize, heads, coreBase, baseLayer, problems };
}

function safeHostname(): string {
  try {
    return os.hostname();
  } catch {
    return "unknown";
  }
}

/** `,"name":"…"` for a logger name, or nothing for the unnamed root logger. */
export function nameMember(name: string | undefined): string {
  return name === undefined || name === "" ? "" : ',"name":' + quote(name);
}
