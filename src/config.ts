/**
 * Configuration: the options, the environment, and their resolution into what a logger needs
 * on its hot path (threshold, line heads, serializer settings, destination).
 *
 * Every `configure()` bumps a generation number; loggers compare it on each call and re-resolve
 * only when it changed (tracing's cached interest, in JS terms).
 */
import os from "node:os";
import type { CompiledSite } from "./compiled-site.js";
import type { Destination } from "./destinations/destination.js";
import { stderrDestination, stdoutDestination } from "./destinations/fd.js";
import { trackDestination } from "./lifecycle.js";
import { CORE_KEYS, EMPTY_LAYER, layerFromObject, type FieldLayer } from "./fields.js";
import { LINE_FORMATS } from "./format/formats.js";
import { gcpFormat, gcpProject } from "./format/gcp.js";
import { bindFormat } from "./format/http-completion.js";
import { jsonFormat } from "./format/json.js";
import { coreKeySet } from "./format/reserved-keys.js";
import type { Identity, IdentityKey, LineFormat, LineFormatName } from "./format/line-format.js";
import { LEVEL_NAMES, LEVEL_VALUES, parseLevel, type LevelSetting } from "./levels.js";
import { unknownOptionMessage } from "./option-names.js";
import { compileRedaction, type RedactOptions } from "./redact.js";
import { checkSampling, Sampling, type SampleRules } from "./sampling.js";
import { DEFAULT_LIMITS, serializeField, type SerializeConfig, type SerializeLimits } from "./serialize.js";
import { traceReader, type TraceReader } from "./trace.js";

/**
 * Output formats: `json` (pino-compatible), `logfmt`, `ecs` (Elastic Common Schema), `otel`
 * (one OTLP/JSON export request per line), `gcp` (Google Cloud Logging), `pretty` (for people),
 * `github` (pretty, plus workflow annotations for warn and above), and `auto`: `github` under
 * GitHub Actions (`GITHUB_ACTIONS=true`), else `pretty` when the destination is a terminal,
 * `json` otherwise.
 */
export type Format = LineFormatName | "pretty" | "auto";

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
  /**
   * Library mode (`getLogger()` only): the logger writes nothing until the application calls
   * `configure()`, so a library can log without writing to its users' stdout.
   */
  library?: boolean;
}

/** Options only `configure()` takes. */
export interface GlobalOptions extends Omit<LoggerOptions, "library"> {
  /**
   * On SIGTERM and SIGINT, write out every buffered line, then let the signal do what it would
   * have done (exit, unless the app has its own handler). Default `false`
   * (`LOGWEAVE_HANDLE_SIGNALS=1` turns it on).
   */
  handleSignals?: boolean;
  /**
   * Fraction of calls kept per call site, by `"file:line"`, `"file"` or `"*"` (see
   * `src/sampling.ts`); decided before a transformed call evaluates its arguments.
   */
  sample?: SampleRules;
  /** Most lines one call site writes per second (untransformed calls: per logger name and level). */
  maxPerSecond?: number;
  /** Add a stable per-call-site `event_id` (ECS: `event.code`). Default `false`. */
  eventIds?: boolean;
  /**
   * Add the active OpenTelemetry span's ids when an OpenTelemetry SDK is registered (detected at
   * configuration time). Default `true`; `false` never looks.
   */
  traceIds?: boolean;
}

/** Everything a logger reads on its hot path, resolved once per configuration generation. */
export interface ResolvedConfig {
  /** Lowest level number written (`Infinity` when silent). */
  readonly threshold: number;
  readonly destination: Destination;
  /** True when lines are rewritten by the pretty formatter before they are written. */
  readonly pretty: boolean;
  /** The line format (`json` under `pretty`). */
  readonly format: LineFormat;
  /**
   * True for `json` with nothing dynamic beyond fields (no trace ids, no sampling): the
   * assembler's shortest path, fragments and `Date.now()` only.
   */
  readonly fast: boolean;
  /** pid, hostname and (for formats that place them) the service fields, as JSON text. */
  readonly identity: Identity;
  /** Sampling and rate limits, or `undefined` when off. */
  readonly sampling: Sampling | undefined;
  /** Reads the active span's ids as this format's members, or `undefined` without OpenTelemetry. */
  readonly trace: TraceReader | undefined;
  /** True when lines carry a per-call-site event id. */
  readonly eventIds: boolean;
  /** Serializer settings. */
  readonly serialize: SerializeConfig;
  /** Call sites compiled for this configuration, by site id (see `compiled-site.ts`). */
  readonly sites: (CompiledSite | undefined)[];
  /** The format's text before the time for each level number (index = number). */
  readonly heads: readonly string[];
  /** Base fields other than pid and hostname. */
  readonly baseLayer: FieldLayer;
  /** Problems found in the options, reported once. */
  readonly problems: readonly string[];
}

const FORMATS: readonly Format[] = ["json", "logfmt", "ecs", "otel", "gcp", "github", "pretty", "auto"];

/** The mutable global state. */
export const state = {
  /** Bumped by every change that can affect a logger (configure(), a level set, options given); loggers re-resolve when it changed. */
  generation: 1,
  /** Bumped only when the global options change: the global configuration is resolved again only then. */
  optionsVersion: 1,
  options: {} as GlobalOptions,
  /** True once `configure()` was called (library-mode loggers wait for it). */
  configured: false,
};

let globalResolved: ResolvedConfig | undefined;
let globalResolvedVersion = 0;

/**
 * The resolved global configuration, made again only when the global options changed: a level
 * set on one logger leaves every configuration, its compiled sites and its sampling state as
 * they were.
 */
export function resolveGlobal(): ResolvedConfig {
  if (globalResolved === undefined || globalResolvedVersion !== state.optionsVersion) {
    globalResolved = resolve(state.options);
    globalResolvedVersion = state.optionsVersion;
  }
  return globalResolved;
}

/** A logger's own options that make a configuration of its own (its level and library mode do not). */
const OWN_CONFIG_KEYS = ["destination", "format", "redact", "base", "limits"] as const;

/**
 * The configuration for a logger's own options layered over the global ones (the logger's own
 * win), or the global configuration itself when they only set the level or library mode: such a
 * logger shares every compiled site and sampling state with the loggers around it. `previous` is
 * what this returned last time for the same options object: kept while the global options are
 * the same.
 */
export function resolveWith(overrides: LoggerOptions | undefined, previous?: ResolvedConfig): ResolvedConfig {
  if (overrides === undefined || !OWN_CONFIG_KEYS.some((k) => overrides[k] !== undefined)) return resolveGlobal();
  if (previous !== undefined && previous !== globalResolved && ownVersions.get(previous) === state.optionsVersion) return previous;
  const cfg = resolve({ ...state.options, ...overrides, limits: { ...state.options.limits, ...overrides.limits } });
  ownVersions.set(cfg, state.optionsVersion);
  return cfg;
}

/** The global options version each logger-own configuration was resolved under. */
const ownVersions = new WeakMap<ResolvedConfig, number>();

/** The option names each entry point takes. */
const LOGGER_KEYS = ["level", "destination", "format", "redact", "base", "limits", "library"];
const GLOBAL_KEYS = ["level", "destination", "format", "redact", "base", "limits", "handleSignals", "sample", "maxPerSecond", "eventIds", "traceIds"];
const CHILD_KEYS = ["level"];
const REDACT_KEYS = ["paths", "keys", "defaultKeys", "censor", "patterns"];

/** What is wrong with `redact`'s members, or `undefined`. */
function checkRedact(r: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(r)) if (!REDACT_KEYS.includes(key)) return `${key} is not a redact option (${REDACT_KEYS.join(", ")})`;
  for (const list of ["paths", "keys"] as const) {
    const v = r[list];
    if (v !== undefined && (!Array.isArray(v) || v.some((s) => typeof s !== "string"))) return `${list} must be an array of strings`;
  }
  if (r.defaultKeys !== undefined && typeof r.defaultKeys !== "boolean") return "defaultKeys must be a boolean";
  if (r.censor !== undefined && typeof r.censor !== "string" && typeof r.censor !== "function") return "censor must be a string or a function";
  if (r.patterns !== undefined && typeof r.patterns !== "boolean" && !Array.isArray(r.patterns)) return "patterns must be a boolean or an array";
  return undefined;
}

/**
 * Checks options and throws a `TypeError` naming the bad option. Used by `configure()` and
 * `getLogger()`, which run at start-up, so a typo fails loudly there and never in a log call.
 */
export function validateOptions(options: unknown, where: string): asserts options is GlobalOptions {
  if (options === undefined) return;
  if (options === null || typeof options !== "object") throw new TypeError(`${where}: options must be an object`);
  const o = options as Record<string, unknown>;
  const known = where === "configure()" ? GLOBAL_KEYS : where === "child()" ? CHILD_KEYS : LOGGER_KEYS;
  for (const key of Object.keys(o)) {
    if (known.includes(key) || (key === "library" && where === "configure()")) continue; // library: its own message below
    const elsewhere = GLOBAL_KEYS.includes(key) || LOGGER_KEYS.includes(key);
    throw new TypeError(`${where}: ` + (elsewhere ? `${key} is not an option here (${where} takes ${known.join(", ")})` : unknownOptionMessage(key, known, false)));
  }
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
  if (o.redact !== undefined && o.redact !== false) {
    if (o.redact === null || typeof o.redact !== "object" || Array.isArray(o.redact)) throw new TypeError(`${where}: redact must be an object or false`);
    const problem = checkRedact(o.redact as Record<string, unknown>);
    if (problem !== undefined) throw new TypeError(`${where}: redact.${problem}`);
  }
  if (o.base !== undefined && o.base !== null && (typeof o.base !== "object" || Array.isArray(o.base))) {
    throw new TypeError(`${where}: base must be an object or null`);
  }
  if (o.library !== undefined) {
    if (where === "configure()") throw new TypeError(`${where}: library is an option of getLogger()`);
    if (typeof o.library !== "boolean") throw new TypeError(`${where}: library must be a boolean`);
  }
  for (const flag of ["eventIds", "traceIds", "handleSignals"] as const) {
    if (o[flag] !== undefined && typeof o[flag] !== "boolean") throw new TypeError(`${where}: ${flag} must be a boolean`);
  }
  const sampling = checkSampling(o.sample, o.maxPerSecond);
  if (sampling !== undefined) throw new TypeError(`${where}: ${sampling}`);
  if (o.limits !== undefined) {
    if (o.limits === null || typeof o.limits !== "object") throw new TypeError(`${where}: limits must be an object`);
    for (const [k, v] of Object.entries(o.limits)) {
      if (!(k in DEFAULT_LIMITS)) throw new TypeError(`${where}: unknown limit ${k}`);
      if (typeof v !== "number" || !(v >= 1)) throw new TypeError(`${where}: limits.${k} must be a number >= 1`);
    }
  }
}

/**
 * Reads the environment once per resolution: LOG_LEVEL, LOGWEAVE_FORMAT, and the base fields
 * LOGWEAVE_SERVICE (else OTEL_SERVICE_NAME), LOGWEAVE_VERSION, LOGWEAVE_ENV.
 */
function fromEnv(problems: string[]): { level: number; format: Format | undefined; base: Record<string, string> } {
  const env = typeof process !== "undefined" ? process.env : {};
  let level: number = LEVEL_VALUES.info;
  if (env.LOG_LEVEL !== undefined && env.LOG_LEVEL !== "") {
    const parsed = parseLevel(env.LOG_LEVEL);
    if (parsed === undefined) problems.push(`LOG_LEVEL=${JSON.stringify(env.LOG_LEVEL)} is not a level (${[...LEVEL_NAMES, "silent"].join(", ")}); using info`);
    else level = parsed;
  }
  let format: Format | undefined;
  const f = env.LOGWEAVE_FORMAT;
  if (f !== undefined && f !== "") {
    if (FORMATS.includes(f as Format)) format = f as Format;
    else problems.push(`LOGWEAVE_FORMAT=${JSON.stringify(f)} is not one of ${FORMATS.join(", ")}; using auto`);
  }
  const base: Record<string, string> = {};
  const service = env.LOGWEAVE_SERVICE || env.OTEL_SERVICE_NAME;
  if (service) base.service = service;
  if (env.LOGWEAVE_VERSION) base.version = env.LOGWEAVE_VERSION;
  if (env.LOGWEAVE_ENV) base.env = env.LOGWEAVE_ENV;
  return { level, format, base };
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
  if (typeof options.destination === "object") trackDestination(options.destination);
  let formatName = options.format ?? env.format ?? "auto";
  if (formatName === "auto" && process.env.GITHUB_ACTIONS === "true" && destination.readsJson !== true) formatName = "github";
  if (destination.readsJson === true && formatName !== "json" && formatName !== "auto") {
    problems.push(`format "${formatName}" is not used for this destination: it reads and ships json lines`);
    formatName = "json";
  }
  const pretty = formatName === "pretty" || (formatName === "auto" && destination.isTTY === true);
  const format: LineFormat = formatName === "pretty" || formatName === "auto" ? jsonFormat : LINE_FORMATS[formatName];

  const trace = options.traceIds === false ? undefined : traceReader(format.trace);
  const sampling = options.sample !== undefined || options.maxPerSecond !== undefined ? new Sampling(options.sample, options.maxPerSecond) : undefined;
  const eventIds = options.eventIds === true;
  // The keys this line writes itself; user fields of those names are renamed `fields.<key>`.
  const extraKeys = [...(trace ? format.traceKeys : []), ...(eventIds ? [format.eventKey] : []), ...(sampling ? [format.sampledKey] : [])];
  const coreKeys = format === jsonFormat && extraKeys.length === 0 ? CORE_KEYS : coreKeySet(format, extraKeys);

  const limits: SerializeLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const serialize: SerializeConfig = { limits, redactor: compileRedaction(options.redact, problems), coreKeys };
  bindFormat(serialize, format);
  if (format === gcpFormat && gcpProject() === undefined) {
    problems.push(
      'format "gcp": GOOGLE_CLOUD_PROJECT is not set, so trace ids are written bare and Cloud Logging cannot link entries to their traces; ' +
        "set GOOGLE_CLOUD_PROJECT (or GCLOUD_PROJECT) to the project id",
    );
  }

  const heads: string[] = [];
  for (const name of LEVEL_NAMES) heads[LEVEL_VALUES[name]] = format.head(LEVEL_VALUES[name]);

  // The format places pid and hostname (and some the service fields) itself; the rest of base
  // is the lowest field layer.
  const base: Record<string, unknown> =
    options.base === null ? {} : { pid: process.pid, hostname: safeHostname(), ...env.base, ...options.base };
  const identity: Record<string, string> = {};
  const plain = { limits, redactor: compileRedaction(false) };
  for (const key of format.identityKeys) {
    const v = base[key];
    if (v === undefined) continue;
    identity[key] = serializeField(v, key, plain) ?? "null";
  }
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(base)) if (!format.identityKeys.includes(key as IdentityKey)) rest[key] = base[key];
  const baseLayer = Object.keys(rest).length > 0 ? layerFromObject(rest, serialize) : EMPTY_LAYER;
  for (const key of Object.keys(rest)) {
    if (coreKeys.has(key)) problems.push(`base.${key} is a core key; it is written as fields.${key}`);
  }

  const fast = format === jsonFormat && trace === undefined && sampling === undefined;
  return { threshold, destination, pretty, format, fast, identity, sampling, trace, eventIds, serialize, sites: [], heads, baseLayer, problems };
}

function safeHostname(): string {
  try {
    return os.hostname();
  } catch {
    return "unknown";
  }
}

