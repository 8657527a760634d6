/**
 * The `logweave/pino` logger: pino's logger surface on a class. The six level methods are
 * prototype methods (`trace`…`fatal`) that check the level before anything else; custom levels
 * are methods of each logger's own, as in pino. A log call goes: level check → `hooks.logMethod`
 * (when set) → pino's argument rules → mixin → the line ({@link lineOf}) → the stream. It never
 * throws: anything that fails on the way writes a line saying so and is reported once on stderr.
 *
 * pino's `child()` is `Object.create(parent)`; here a child is an instance of its own that keeps
 * pino's observable behaviour: it follows its parent's level until it is given one, shares its
 * parent's `level-change` listeners, settings and serializers.
 */
import type { EventEmitter } from "node:events";
import { warnOnce } from "../diagnostics.js";
import { installFamilyEvents, joinFamilyEvents } from "./family-events.js";
import { interpolate } from "./interpolate.js";
import { STANDARD_NAMES, thresholdOf, type LevelMapping } from "./levels.js";
import { describe, lineOf, lineOfMembers, type Chindings } from "./line.js";
import { bindingsOnto, childSettings, type ChildSettingsOptions, type Formatters, type Hooks, type PinoSettings, type PinoStream } from "./settings.js";
import { mapHttpRequest, mapHttpResponse } from "./std-serializers.js";
import { quoteString } from "./stringify.js";
import { symbols } from "./symbols.js";
import { PINO_VERSION } from "./version.js";

/** Bumped by every level change anywhere: a logger re-reads its level (its own or its parent's) when it moved. */
let levelGeneration = 1;

// Bits of the standard levels in a logger's enabled mask, in STANDARD_NAMES order.
const TRACE = 1;
const DEBUG = 2;
const INFO = 4;
const WARN = 8;
const ERROR = 16;
const FATAL = 32;

const noop = (): void => {};

/**
 * A transformed call's caller member, while its call runs (see {@link PinoInternals.call}): the
 * logger it is for, and the text. Taken by the first line that logger writes in the call, so a
 * line another logger writes meanwhile (from a hook or serializer) never gets it.
 */
let callerFor: PinoLogger | undefined;
let callerText = "";

/** `line` with the caller member `caller` as its last member; unchanged without one or when the line names a `caller` key already. */
function withCaller(line: string, caller: string | undefined, end: string): string {
  if (caller === undefined || !line.endsWith(end) || line.includes('"caller":')) return line;
  const body = line.slice(0, line.length - end.length);
  return body + (body === "{" ? caller.slice(1) : caller) + end;
}

/** A child's options (pino's `ChildLoggerOptions`). */
export interface ChildOptions extends ChildSettingsOptions {
  level?: string | number;
  msgPrefix?: string;
}

/** What the factory hands a new root logger. */
export interface RootParts {
  readonly settings: PinoSettings;
  readonly chindings: Chindings;
  readonly msgPrefix: string | undefined;
  readonly onChild: (child: PinoLogger) => void;
}

/** The internal entry points other modules of `logweave/pino` use (the private state is reached only through here). */
export interface PinoInternals {
  /** A root logger (of the class its levels call for) at `level`. */
  create(parts: RootParts, level: string | number): PinoLogger;
  /** The settings in force for `logger`. */
  settings(logger: PinoLogger): PinoSettings;
  /** True when `level` (a number) is written by `logger` now. */
  enabled(logger: PinoLogger, level: number): boolean;
  /** True when `receiver` is a logger of this module and `method` its original method for the standard `level`. */
  isGenuine(receiver: unknown, method: unknown, level: number): boolean;
  /**
   * A call `(obj, msg, ...params)` whose object was written as a literal: its members as parallel
   * keys, key texts and values, already evaluated. Writes what the call writes (hooks, prefix,
   * interpolation, mixin, serializers, redaction included) without making the object when it can.
   * The level is not checked again. `caller`: see {@link PinoInternals.call}. Never throws.
   */
  writeMembers(logger: PinoLogger, level: number, keys: readonly string[], keyTexts: readonly string[], values: readonly unknown[], msg: unknown, params: unknown[], caller?: string): void;
  /**
   * A call with its arguments as written, its level already checked (hooks, pino's argument
   * rules). `caller`: a transformed call's `,"caller":{…}` member, added as the line's last
   * member (unless the line has a `caller` key already). Never throws.
   */
  call(logger: PinoLogger, level: number, args: unknown[], caller?: string): void;
  /** What `fatal()` does after its line: the stream flushed synchronously when it can. Never throws. */
  flushSync(logger: PinoLogger): void;
}

export let pinoInternals: PinoInternals;

// Set by the class's static block, where the private methods are in scope.
let chindingsText: (logger: PinoLogger) => string;
let logAt: (logger: PinoLogger, level: number, args: unknown[]) => void;
let callAt: (logger: PinoLogger, level: number, args: unknown[]) => void;

/** The `LOG` function per level number: what `hooks.logMethod` is given (its name is pino's). */
const logFunctions = new Map<number, (this: PinoLogger, ...args: unknown[]) => void>();

/** A custom level's method per level number: a method of each logger's own, as in pino. */
const customMethods = new Map<number, (this: PinoLogger, ...args: unknown[]) => void>();

/**
 * A pino logger. Made by `pino()` (see `logweave/pino`) and `child()`; not constructed directly.
 */
// An EventEmitter by its prototype (see below), as pino's loggers; its state is made on first use.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface PinoLogger extends EventEmitter {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PinoLogger {
  /** Numbers by label and labels by number (custom levels included). */
  levels: LevelMapping;
  /** Called with each child made from this logger (pino's `onChild` option). */
  onChild: (child: PinoLogger) => void;

  #s: PinoSettings;
  #chindings: Chindings;
  #bindingsFormatter: Formatters["bindings"];
  readonly #parent: PinoLogger | undefined;
  #msgPrefix: string | undefined;
  /** The level number set on this logger; `undefined`: its parent's. */
  #own: number | undefined;
  #gen = 0;
  #levelVal = 0;
  /** Enabled standard levels (TRACE…FATAL bits). */
  #mask = 0;

  /** Use `pino()` or `child()`. */
  protected constructor(settings: PinoSettings, chindings: Chindings, parent: PinoLogger | undefined, bindingsFormatter: Formatters["bindings"], msgPrefix: string | undefined, onChild: (child: PinoLogger) => void) {
    this.#s = settings;
    this.#chindings = chindings;
    this.#parent = parent;
    this.#bindingsFormatter = bindingsFormatter;
    this.#msgPrefix = msgPrefix;
    this.levels = settings.levels;
    this.onChild = onChild;
    if (parent !== undefined) joinFamilyEvents(this, parent);
    for (const name of settings.ownLevelNames) {
      (this as unknown as Record<string, unknown>)[name] = customMethod(settings.levels.values[name]);
    }
  }

  /** The level label (`"info"`); set a label or a level number to change it (and that of children that have none of their own). */
  get level(): string {
    if (this.#gen !== levelGeneration) this.#refresh();
    return this.levels.labels[this.#levelVal] ?? "";
  }

  set level(level: string | number) {
    this.#setLevel(level);
  }

  /** The level number. Read-only: setting it throws, as in pino. */
  get levelVal(): number {
    if (this.#gen !== levelGeneration) this.#refresh();
    return this.#levelVal;
  }

  set levelVal(_n: number) {
    throw Error("levelVal is read-only");
  }

  /** The text put before every message (`msgPrefix`, children's appended to their parent's). */
  get msgPrefix(): string | undefined {
    return this.#msgPrefix;
  }

  /** The version of pino whose behaviour this follows. */
  get version(): string {
    return PINO_VERSION;
  }

  get [Symbol.toStringTag](): string {
    return "Pino";
  }

  /** pino's public symbols: the serializers, formatters and hooks in force. */
  get [Symbol.for("pino.serializers")](): PinoSettings["serializers"] {
    return this.#s.serializers;
  }

  get [Symbol.for("pino.formatters")](): Formatters {
    return { ...this.#s.formatters, bindings: this.#bindingsFormatter };
  }

  get [Symbol.for("pino.hooks")](): Hooks {
    return this.#s.hooks;
  }

  /** True when a call at `level` (a label) would be written now; unknown labels give `false`. */
  isLevelEnabled(level: string): boolean {
    const value = this.levels.values[level];
    if (value === undefined) return false;
    if (this.#gen !== levelGeneration) this.#refresh();
    return this.#s.compare(value, this.#levelVal);
  }

  /**
   * A logger whose lines carry `bindings` (serialized now, once). `options`: `level`,
   * `msgPrefix`, `serializers`, `formatters`, `customLevels`, `redact`. Throws when `bindings`
   * is missing, and pino's errors for colliding custom levels.
   */
  child(bindings: Record<string, unknown>, options?: ChildOptions | null): PinoLogger {
    if (!bindings) throw Error("missing bindings for child Pino");
    let settings = this.#s;
    let formatter: Formatters["bindings"] = identity;
    let prefix = this.#msgPrefix;
    if (options != null) {
      settings = childSettings(this.#s, options);
      formatter = settings.formatters.bindings;
      if (typeof options.msgPrefix === "string") prefix = (prefix || "") + options.msgPrefix;
    }
    const Kind = this.constructor as unknown as LoggerClass;
    const child = new Kind(settings, bindingsOnto(settings, this.#chindings, formatter(bindings)), this, formatter, prefix, this.onChild);
    if (options != null && ((options.level !== undefined && options.level !== this.level) || Object.hasOwn(options, "customLevels"))) {
      child.#setLevel(options.level || this.level);
    }
    if (this.onChild !== noop) this.onChild(child);
    return child;
  }

  /** The bindings on this logger's lines (child bindings, `name`, `base` but `pid` and `hostname`), parsed. */
  bindings(): Record<string, unknown> {
    const parsed = JSON.parse("{" + this.#chindings.text.slice(1) + "}") as Record<string, unknown>;
    delete parsed.pid;
    delete parsed.hostname;
    return parsed;
  }

  /** Adds bindings to this logger's lines from now on (a key it had is replaced). Children made before keep theirs. */
  setBindings(bindings: Record<string, unknown>): void {
    this.#chindings = bindingsOnto(this.#s, this.#chindings, this.#bindingsFormatter(bindings));
  }

  /**
   * Flushes the stream: `cb` is called when it is written out (at once when the stream cannot
   * flush). Throws for a `cb` that is not a function, as pino does.
   */
  flush(cb?: (err?: Error | null) => void): void {
    if (cb != null && typeof cb !== "function") throw Error("callback must be a function");
    const stream = this.#s.stream;
    if (typeof stream.flush === "function") stream.flush(cb || noop);
    else if (cb) cb();
  }

  /** Logs nothing (the `silent` level's method). */
  silent(..._args: unknown[]): void {}

  /** Writes at `trace` (10): `(obj, msg?, ...args)`, `(msg, ...args)` or `(err, msg?)`. */
  trace(...args: unknown[]): void {
    if (this.#gen !== levelGeneration) this.#refresh();
    if ((this.#mask & TRACE) !== 0) this.#call(10, args);
  }

  /** Writes at `debug` (20). */
  debug(...args: unknown[]): void {
    if (this.#gen !== levelGeneration) this.#refresh();
    if ((this.#mask & DEBUG) !== 0) this.#call(20, args);
  }

  /** Writes at `info` (30). */
  info(...args: unknown[]): void {
    if (this.#gen !== levelGeneration) this.#refresh();
    if ((this.#mask & INFO) !== 0) this.#call(30, args);
  }

  /** Writes at `warn` (40). */
  warn(...args: unknown[]): void {
    if (this.#gen !== levelGeneration) this.#refresh();
    if ((this.#mask & WARN) !== 0) this.#call(40, args);
  }

  /** Writes at `error` (50). */
  error(...args: unknown[]): void {
    if (this.#gen !== levelGeneration) this.#refresh();
    if ((this.#mask & ERROR) !== 0) this.#call(50, args);
  }

  /** Writes at `fatal` (60), then flushes the stream synchronously when it can. */
  fatal(...args: unknown[]): void {
    if (this.#gen !== levelGeneration) this.#refresh();
    if ((this.#mask & FATAL) !== 0) this.#call(60, args);
    const stream = this.#s.stream;
    if (typeof stream.flushSync === "function") {
      try {
        stream.flushSync();
      } catch {
        // As pino: a stream that cannot flush now does not turn the fatal line into an exception.
      }
    }
  }

  static {
    pinoInternals = {
      create: (parts, level) => {
        const Kind = (parts.settings.useOnlyCustomLevels ? CustomLevelsOnlyLogger : PinoLogger) as unknown as LoggerClass;
        const logger = new Kind(parts.settings, parts.chindings, undefined, parts.settings.formatters.bindings, parts.msgPrefix, parts.onChild);
        logger.#setLevel(level);
        return logger;
      },
      settings: (logger) => logger.#s,
      enabled: (logger, level) => {
        if (logger.#gen !== levelGeneration) logger.#refresh();
        return logger.#s.compare(level, logger.#levelVal);
      },
      isGenuine: (receiver, method, level) =>
        typeof receiver === "object" && receiver !== null && #s in receiver && method !== undefined && method === STANDARD_METHODS.get(level),
      writeMembers: (logger, level, keys, keyTexts, values, msg, params, caller) => logger.#writeMembers(level, keys, keyTexts, values, msg, params, caller),
      call: (logger, level, args, caller) => {
        if (caller === undefined) {
          logger.#call(level, args);
          return;
        }
        callerFor = logger;
        callerText = caller;
        try {
          logger.#call(level, args);
        } finally {
          callerFor = undefined;
        }
      },
      flushSync: (logger) => {
        const stream = logger.#s.stream;
        if (typeof stream.flushSync === "function") {
          try {
            stream.flushSync();
          } catch {
            // As fatal(): a stream that cannot flush now is not an exception.
          }
        }
      },
    };
    logAt = (logger, level, args) => logger.#log(level, args);
    chindingsText = (logger) => logger.#chindings.text;
    callAt = (logger, level, args) => logger.#call(level, args);
  }

  /** Sets this logger's level (a label or number of its levels); pino's errors for unknown ones; emits `level-change`. */
  #setLevel(level: unknown): void {
    const { label, value } = thresholdOf(this.levels, level);
    const previous = this.#own !== undefined || this.#parent !== undefined ? this.levelVal : undefined;
    this.#own = value;
    levelGeneration++;
    this.emit("level-change", label, value, previous === undefined ? undefined : this.levels.labels[previous], previous, this);
  }

  /** Re-reads the level (this logger's, else its parent's) and which standard levels it lets through. */
  #refresh(): void {
    const parent = this.#parent;
    let levelVal: number;
    if (this.#own !== undefined) levelVal = this.#own;
    else if (parent !== undefined) levelVal = parent.levelVal;
    else levelVal = Infinity;
    const s = this.#s;
    let mask = 0;
    const values = this.levels.values;
    for (let i = 0; i < STANDARD_NAMES.length; i++) {
      const value = values[STANDARD_NAMES[i]];
      if (value !== undefined && s.compare(value, levelVal)) mask |= 1 << i;
    }
    this.#levelVal = levelVal;
    this.#mask = mask;
    this.#gen = levelGeneration;
  }

  /** A call whose level is enabled: through `hooks.logMethod` when there is one. Never throws. */
  #call(level: number, args: unknown[]): void {
    const hook = this.#s.hooks.logMethod;
    if (hook === undefined) {
      this.#log(level, args);
      return;
    }
    try {
      hook.call(this, args, logFunction(level), level);
    } catch (e) {
      warnOnce("pino-hook-throws", `hooks.logMethod threw (${describe(e)}); the call was not logged`);
    }
  }

  /** pino's argument rules (`LOG`): object first or message first, an HTTP request or response first, interpolation, `msgPrefix`. Never throws. */
  #log(level: number, args: unknown[]): void {
    try {
      const s = this.#s;
      let o = args[0];
      let msg: unknown;
      let params: unknown[];
      if (typeof o === "object") {
        msg = o;
        if (o !== null) o = httpMapped(o);
        if (msg === null && args.length <= 1) {
          params = NULL_PARAMS;
        } else {
          msg = args[1];
          params = args.length > 2 ? args.slice(2) : NO_PARAMS;
        }
        if (typeof this.#msgPrefix === "string" && msg !== undefined && msg !== null) msg = this.#msgPrefix + (msg as string);
        this.#write(o, interpolate(msg, params, s.formatStringify), level);
      } else {
        params = args.length > 1 ? args.slice(1) : NO_PARAMS;
        msg = o === undefined ? params.shift() : o;
        if (typeof this.#msgPrefix === "string" && msg !== undefined && msg !== null) msg = this.#msgPrefix + (msg as string);
        this.#write(null, interpolate(msg, params, s.formatStringify), level);
      }
    } catch (e) {
      this.#failed(level, e);
    }
  }

  /** pino's `write`: the error key and message of an Error, the mixin, the line, stream metadata, the stream. Never throws. */
  #write(logged: unknown, message: unknown, level: number): void {
    const s = this.#s;
    let caller: string | undefined;
    if (callerFor === this) {
      caller = callerText;
      callerFor = undefined;
    }
    let line: string;
    let obj: object;
    let msg = message;
    let time = "";
    try {
      time = s.time();
      if (logged === undefined || logged === null) {
        obj = {};
      } else if (isError(logged)) {
        obj = { [s.errorKey]: logged };
        if (msg === undefined) msg = logged.message;
      } else {
        obj = logged as object;
        if (msg === undefined) msg = errorMessageOf(logged as Record<string, unknown>, s.messageKey, s.errorKey);
      }
      if (s.mixin !== undefined) {
        const mixed = s.mixin(obj, level, this);
        const mixinObject = mixed !== null && typeof mixed === "object" ? mixed : {};
        obj = (s.mixinMergeStrategy === undefined ? Object.assign(mixinObject, obj) : s.mixinMergeStrategy(obj, mixinObject)) as object;
      }
      line = withCaller(lineOf(s, this.#chindings, level, obj ?? {}, msg, time), caller, s.end);
    } catch (e) {
      this.#failed(level, e, time, msg);
      return;
    }
    this.#emit(line, level, obj, msg, time);
  }

  /** See {@link PinoInternals.writeMembers}. */
  #writeMembers(level: number, keys: readonly string[], keyTexts: readonly string[], values: readonly unknown[], message: unknown, params: unknown[], caller?: string): void {
    const s = this.#s;
    if (s.hooks.logMethod !== undefined || s.mixin !== undefined || s.formatLog !== undefined || needsObject(s.stream, keys, values)) {
      // What needs the object itself (the hook's arguments, the mixin's and formatters.log's
      // input, stream metadata, a request or response): the call as written.
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) Object.defineProperty(obj, keys[i], { value: values[i], enumerable: true, writable: true, configurable: true });
      pinoInternals.call(this, level, [obj, message, ...params], caller);
      return;
    }
    let time = "";
    let msg: unknown = message;
    try {
      if (typeof this.#msgPrefix === "string" && msg !== undefined && msg !== null) msg = this.#msgPrefix + (msg as string);
      msg = interpolate(msg, params, s.formatStringify);
      if (msg === undefined) {
        // pino's message from the error key when the object has no message of its own.
        const m = keys.indexOf(s.messageKey);
        const e = keys.indexOf(s.errorKey);
        if ((m < 0 || values[m] === undefined) && e >= 0 && values[e]) msg = (values[e] as { message?: unknown }).message;
      }
      time = s.time();
      const line = withCaller(lineOfMembers(s, this.#chindings, level, keys, keyTexts, values, msg, time), caller, s.end);
      this.#emit(line, level, undefined, msg, time);
    } catch (e) {
      this.#failed(level, e, time, msg);
    }
  }

  /** Hands a finished line to the stream (metadata first when it wants it, `hooks.streamWrite`). Never throws. */
  #emit(line: string, level: number, obj: object | undefined, msg: unknown, time: string): void {
    const s = this.#s;
    const stream = s.stream;
    try {
      if ((stream as unknown as Record<symbol, unknown>)[NEEDS_METADATA] === true) {
        stream.lastLevel = level;
        stream.lastObj = obj;
        stream.lastMsg = msg;
        stream.lastTime = time.slice(s.timeSliceIndex);
        stream.lastLogger = this;
      }
      const hook = s.hooks.streamWrite;
      let out: unknown = line;
      if (hook !== undefined) {
        out = hook(line);
        if (typeof out !== "string") out = line;
      }
      stream.write(out as string);
    } catch (e) {
      warnOnce("pino-stream-throws", `the destination threw (${describe(e)}); lines may be lost`);
    }
  }

  /**
   * An internal failure, or user code that threw (a mixin, `formatters.log`, `timestamp`, an
   * object that cannot be read): the line is still written, with the level, time, bindings and
   * a string message when there is one, and `logweaveError` saying what failed. Never throws.
   */
  #failed(level: number, e: unknown, time?: string, msg?: unknown): void {
    warnOnce("pino-internal", `a log call failed (${describe(e)}); it was written with logweaveError`);
    try {
      const s = this.#s;
      if (time === undefined || time === "") {
        try {
          time = s.time();
        } catch {
          time = "";
        }
      }
      const head = s.heads.get(level)?.text ?? '{"level":' + level;
      const message = typeof msg === "string" ? s.messageKeyText + quoteString(msg) : "";
      const line = head + time + this.#chindings.text + message + ',"logweaveError":' + quoteString(describe(e)) + s.end;
      s.stream.write(line.startsWith("{,") ? "{" + line.slice(2) : line);
    } catch {
      // Nothing else to try.
    }
  }
}

// pino's internal symbols that name plain state: readable on a logweave/pino logger too, for code
// that reads them (`logger[pino.symbols.streamSym]`). The others (functions, caches) are not kept.
const stateBySymbol: [symbol, (logger: PinoLogger) => unknown][] = [
  [symbols.streamSym, (l) => pinoInternals.settings(l).stream],
  [symbols.chindingsSym, (l) => chindingsText(l)],
  [symbols.messageKeySym, (l) => pinoInternals.settings(l).messageKey],
  [symbols.errorKeySym, (l) => pinoInternals.settings(l).errorKey],
  [symbols.nestedKeySym, (l) => pinoInternals.settings(l).nestedKey],
  [symbols.levelValSym, (l) => l.levelVal],
  [symbols.msgPrefixSym, (l) => l.msgPrefix],
  [symbols.useOnlyCustomLevelsSym, (l) => pinoInternals.settings(l).useOnlyCustomLevels],
  [symbols.mixinSym, (l) => pinoInternals.settings(l).mixin],
  [symbols.mixinMergeStrategySym, (l) => pinoInternals.settings(l).mixinMergeStrategy],
];
for (const [sym, read] of stateBySymbol) {
  Object.defineProperty(PinoLogger.prototype, sym, {
    configurable: true,
    get(this: PinoLogger) {
      return read(this);
    },
  });
}

installFamilyEvents(PinoLogger.prototype);

/** The original standard level methods by level number: a transformed call takes the fast path only through one of these. */
const STANDARD_METHODS = new Map<number, unknown>(STANDARD_NAMES.map((name, i) => [(i + 1) * 10, PinoLogger.prototype[name]]));

/**
 * True when a call's members must be written through the object as written: the stream reads
 * the logged object (`pino.metadata`), or the members make a request or response that pino maps.
 */
function needsObject(stream: PinoStream, keys: readonly string[], values: readonly unknown[]): boolean {
  if ((stream as unknown as Record<symbol, unknown>)[NEEDS_METADATA] === true) return true;
  const m = keys.indexOf("method");
  if (m >= 0 && values[m] && keys.includes("headers") && keys.includes("socket")) return true;
  const h = keys.indexOf("setHeader");
  return h >= 0 && typeof values[h] === "function";
}

/** A logger with `useOnlyCustomLevels`: pino's six methods are absent (only its custom levels' own methods exist). */
class CustomLevelsOnlyLogger extends PinoLogger {}
for (const name of STANDARD_NAMES) Object.defineProperty(CustomLevelsOnlyLogger.prototype, name, { value: undefined, writable: true, configurable: true });

const NO_PARAMS: unknown[] = [];
const NULL_PARAMS: unknown[] = [null];

/** The constructor of a logger class (protected for users; children are made with their parent's class). */
type LoggerClass = new (
  settings: PinoSettings,
  chindings: Chindings,
  parent: PinoLogger | undefined,
  bindingsFormatter: Formatters["bindings"],
  msgPrefix: string | undefined,
  onChild: (child: PinoLogger) => void,
) => PinoLogger;
const NEEDS_METADATA = Symbol.for("pino.metadata");
const identity = <T>(value: T): T => value;

/** A request or response given as the logged object becomes `{ req }` / `{ res }`, as in pino. An object that cannot be read is neither. */
function httpMapped(o: object): object {
  const r = o as Record<string, unknown>;
  try {
    if (r.method && r.headers && r.socket) return mapHttpRequest(o);
    if (typeof r.setHeader === "function") return mapHttpResponse(o);
  } catch {
    // A throwing getter or Proxy trap: the line builder writes what it can read of it.
  }
  return o;
}

/** `value instanceof Error`, false where asking throws (a Proxy's trap). */
function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** pino's message for an object with an error under the error key and no message of its own; `undefined` where reading throws. */
function errorMessageOf(record: Record<string, unknown>, messageKey: string, errorKey: string): unknown {
  try {
    if (record[messageKey] === undefined && record[errorKey]) return (record[errorKey] as { message?: unknown }).message;
  } catch {
    // Nothing to take the message from.
  }
  return undefined;
}

function logFunction(level: number): (this: PinoLogger, ...args: unknown[]) => void {
  let fn = logFunctions.get(level);
  if (fn === undefined) {
    // Named LOG, as the function pino gives hooks.logMethod.
    fn = function LOG(this: PinoLogger, ...args: unknown[]): void {
      logAt(this, level, args);
    };
    logFunctions.set(level, fn);
  }
  return fn;
}

function customMethod(level: number): (this: PinoLogger, ...args: unknown[]) => void {
  let fn = customMethods.get(level);
  if (fn === undefined) {
    fn = function (this: PinoLogger, ...args: unknown[]): void {
      if (pinoInternals.enabled(this, level)) callAt(this, level, args);
    };
    customMethods.set(level, fn);
  }
  return fn;
}
