/**
 * `pino(options?, destination?)`: pino's argument forms (options, a stream, a file path, a
 * `transport`), its defaults and its start-up errors, resolved into a root logger.
 */
import os from "node:os";
import { installSignalHandlers } from "../lifecycle.js";
import { warnOnce } from "../diagnostics.js";
import { asStream, defaultStream, fileStream, isStream } from "./destination.js";
import { DEFAULT_LEVELS, assertDefaultLevelFound, levelComparison, mappings } from "./levels.js";
import { Chindings, type Serializers } from "./line.js";
import { pinoInternals, type PinoLogger } from "./logger.js";
import type { RedactOption } from "./redact.js";
import { bindingsOnto, rootSettings, type Formatters, type Hooks, type MixinFn, type PinoStream } from "./settings.js";
import { err as errSerializer } from "./std-serializers.js";
import { timeFunction } from "./time.js";
import { transportStream } from "./transport.js";

/** pino's options, as the factory reads them (see `types.ts` for the documented shape). */
export interface FactoryOptions {
  level?: string | number;
  levelComparison?: "ASC" | "DESC" | ((current: number, expected: number) => boolean);
  customLevels?: Record<string, number> | null;
  useOnlyCustomLevels?: boolean;
  messageKey?: string;
  errorKey?: string;
  nestedKey?: string | null;
  enabled?: boolean;
  base?: Record<string, unknown> | null;
  name?: string;
  serializers?: Record<string | symbol, ((value: never) => unknown) | null | undefined>;
  formatters?: Partial<Formatters>;
  hooks?: Partial<Hooks>;
  timestamp?: boolean | (() => string);
  redact?: RedactOption | null;
  crlf?: boolean;
  mixin?: MixinFn;
  mixinMergeStrategy?: (mergeObject: object, mixinObject: object) => unknown;
  depthLimit?: number;
  edgeLimit?: number;
  onChild?: (child: PinoLogger) => void;
  msgPrefix?: string;
  transport?: Record<string, unknown>;
  prettyPrint?: unknown;
  [option: string]: unknown;
}

const pid = process.pid;
const hostname = os.hostname();

const defaultFormatters: Formatters = {
  bindings: (bindings) => bindings,
  level: (_label, number) => ({ level: number }),
  log: undefined,
};

const noop = (): void => {};

/**
 * A root logger from pino's arguments: `(options?, stream?)`, `(stream)`, `(path)`, `(options,
 * path)`. Throws pino's errors for bad options (at start-up; a log call never throws).
 */
export function createLogger(first?: unknown, second?: unknown): PinoLogger {
  let opts: FactoryOptions = (first ?? {}) as FactoryOptions;
  let stream: PinoStream | undefined;
  if (typeof first === "string") {
    stream = fileStream(first);
    opts = {};
  } else if (typeof second === "string") {
    if (opts?.transport) throw Error("only one of option.transport or stream can be specified");
    stream = fileStream(second);
  } else if (first !== undefined && first !== null && isStream(first)) {
    stream = asStream(first as PinoStream);
    opts = {};
  } else if (opts.transport) {
    const t = opts.transport as Record<string, unknown>;
    if (isStream(t)) {
      throw Error("option.transport do not allow stream, please pass to option directly. e.g. pino(transport)");
    }
    const targets = t.targets as unknown[] | undefined;
    if (Array.isArray(targets) && targets.length && opts.formatters && typeof opts.formatters.level === "function") {
      throw Error("option.transport.targets do not allow custom level formatters");
    }
    const levels = opts.customLevels ? (opts.useOnlyCustomLevels ? opts.customLevels : { ...DEFAULT_LEVELS, ...opts.customLevels }) : undefined;
    stream = transportStream({ ...t, levels });
  }
  if (stream === undefined && second !== undefined && second !== null) stream = asStream(second as PinoStream);

  if (opts.prettyPrint) {
    throw new Error("prettyPrint option is no longer supported, see the pino-pretty package (https://github.com/pinojs/pino-pretty)");
  }
  const o: FactoryOptions = { ...opts };
  let level = o.level === undefined || o.level === null ? "info" : o.level;
  if (typeof level === "string" && DEFAULT_LEVELS[level.toLowerCase()] !== undefined && DEFAULT_LEVELS[level] === undefined) level = level.toLowerCase();
  if (o.enabled === false) level = "silent";
  stream ??= defaultStream();

  const customLevels = o.customLevels ?? null;
  const useOnlyCustomLevels = o.useOnlyCustomLevels === true;
  if (useOnlyCustomLevels && !customLevels) throw Error("customLevels is required if useOnlyCustomLevels is set true");
  if (o.mixin && typeof o.mixin !== "function") throw Error(`Unknown mixin type "${typeof o.mixin}" - expected "function"`);
  if (o.msgPrefix && typeof o.msgPrefix !== "string") throw Error(`Unknown msgPrefix type "${typeof o.msgPrefix}" - expected "string"`);
  assertDefaultLevelFound(level, customLevels, useOnlyCustomLevels);
  const levels = mappings(customLevels, useOnlyCustomLevels);
  const compare = levelComparison(o.levelComparison);

  const serializers = Object.create(null) as Serializers;
  serializers.err = errSerializer;
  if (o.serializers) {
    for (const key in o.serializers) serializers[key] = o.serializers[key] as Serializers[string];
    for (const sym of Object.getOwnPropertySymbols(o.serializers)) serializers[sym] = o.serializers[sym] as Serializers[string];
  }
  const formatters: Formatters = { ...defaultFormatters, ...stripUndefined(o.formatters) };
  const hooks: Hooks = { logMethod: o.hooks?.logMethod, streamWrite: o.hooks?.streamWrite };
  const settings = rootSettings({
    stream,
    time: timeFunction(o.timestamp, (text) => warnOnce("pino-timestamp", text)),
    crlf: o.crlf === true,
    messageKey: o.messageKey ?? "msg",
    errorKey: o.errorKey ?? "err",
    nestedKey: o.nestedKey ?? null,
    serializers,
    formatters,
    hooks,
    mixin: o.mixin,
    mixinMergeStrategy: o.mixinMergeStrategy,
    redact: o.redact ?? undefined,
    limits: { maximumDepth: positive(o.depthLimit, 5), maximumBreadth: positive(o.edgeLimit, 100) },
    levels,
    compare,
    useOnlyCustomLevels,
  });

  const base = o.base === undefined ? { pid, hostname } : o.base;
  const chindings = base === null ? Chindings.NONE : bindingsOnto(settings, Chindings.NONE, formatters.bindings(o.name === undefined ? base : { ...base, name: o.name }));

  if (typeof stream.emit === "function") {
    try {
      stream.emit("message", { code: "PINO_CONFIG", config: { levels, messageKey: settings.messageKey, errorKey: settings.errorKey } });
    } catch (e) {
      warnOnce("pino-config-message", `the destination's "message" listener threw: ${String(e)}`);
    }
  }
  // As logweave's own loggers: on SIGTERM/SIGINT, buffered lines are written out first (opt-in).
  if (process.env.LOGWEAVE_HANDLE_SIGNALS === "1") installSignalHandlers();
  return pinoInternals.create({ settings, chindings, msgPrefix: o.msgPrefix, onChild: o.onChild || noop }, level);
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (value) for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

/** A positive integer option, or its default (safe-stable-stringify rejects anything else). */
function positive(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 ? value : fallback;
}
