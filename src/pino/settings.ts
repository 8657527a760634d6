/**
 * What a `logweave/pino` logger resolves once from its options: the line settings, the level
 * mapping and comparison, hooks, mixin, the stream. A child shares its parent's settings unless
 * its own options (`serializers`, `formatters`, `customLevels`, `redact`) change them, as in pino.
 */
import type { Stringify } from "./interpolate.js";
import { assertNoLevelCollisions, extendMapping, isAscending, STANDARD_NAMES, type LevelComparison, type LevelMapping } from "./levels.js";
import { describe, headOf, valueText, type Chindings, type Head, type LineSettings, type Serializers } from "./line.js";
import { compileRedaction, type Redaction, type RedactOption } from "./redact.js";
import { quoteString, stringifyValue, type SafeLimits } from "./stringify.js";
import type { TimeFn } from "./time.js";

/** Where lines go: anything with `write(string)`; pino's optional members are used when present. */
export interface PinoStream {
  write(line: string): unknown;
  flush?(cb?: (err?: Error | null) => void): unknown;
  flushSync?(): unknown;
  emit?(event: string, ...args: unknown[]): unknown;
  lastLevel?: number;
  lastObj?: object;
  lastMsg?: unknown;
  lastTime?: string;
  lastLogger?: unknown;
}

/** `formatters`: the level members, the bindings, the logged object. */
export interface Formatters {
  level: (label: string, number: number) => object;
  bindings: (bindings: Record<string, unknown>) => unknown;
  log: ((object: Record<string, unknown>) => unknown) | undefined;
}

/** `hooks.logMethod`: gets the call's arguments, the method that logs them, and the level number. */
export type LogMethodHook = (this: unknown, args: unknown[], method: (...args: unknown[]) => void, level: number) => void;

/** `hooks`. */
export interface Hooks {
  logMethod: LogMethodHook | undefined;
  streamWrite: ((line: string) => unknown) | undefined;
}

/** `mixin`: extra members for each line, from the logged object, the level and the logger. */
export type MixinFn = (mergeObject: object, level: number, logger: unknown) => unknown;

/** Everything a logger reads per call, fixed when it is made. */
export interface PinoSettings extends LineSettings {
  readonly stream: PinoStream;
  readonly time: TimeFn;
  /** Where the time value starts in the time text (for `lastTime`). */
  readonly timeSliceIndex: number;
  readonly mixin: MixinFn | undefined;
  readonly mixinMergeStrategy: ((mergeObject: object, mixinObject: object) => unknown) | undefined;
  readonly hooks: Hooks;
  readonly formatters: Formatters;
  readonly levels: LevelMapping;
  readonly compare: LevelComparison;
  /** True for pino's default comparison. */
  readonly ascending: boolean;
  readonly useOnlyCustomLevels: boolean;
  /** The level names that are methods of their own on each logger (custom levels). */
  readonly ownLevelNames: readonly string[];
  /** `%j`/`%o`/`%O`: JSON, redacted when `redact` is set. */
  readonly formatStringify: Stringify;
  readonly redact: RedactOption | undefined;
}

/** The settings of a root logger, from its normalized options. */
export interface SettingsInput {
  readonly stream: PinoStream;
  readonly time: TimeFn;
  readonly crlf: boolean;
  readonly messageKey: string;
  readonly errorKey: string;
  readonly nestedKey: string | null;
  readonly serializers: Serializers;
  readonly formatters: Formatters;
  readonly hooks: Hooks;
  readonly mixin: MixinFn | undefined;
  readonly mixinMergeStrategy: PinoSettings["mixinMergeStrategy"];
  readonly redact: RedactOption | undefined;
  readonly limits: SafeLimits;
  readonly levels: LevelMapping;
  readonly compare: LevelComparison;
  readonly useOnlyCustomLevels: boolean;
}

/** Builds a root logger's settings. Throws for a `formatters.level` that does not return an object, or a bad `redact`. */
export function rootSettings(input: SettingsInput): PinoSettings {
  const redaction = input.redact === undefined || input.redact === null ? undefined : compileRedaction(input.redact, input.limits);
  const sample = safeTime(input.time);
  const heads = headsOf(input.levels, input.formatters.level);
  return {
    limits: input.limits,
    serializers: input.serializers,
    redaction,
    formatLog: input.formatters.log,
    messageKey: input.messageKey,
    messageKeyText: "," + quoteString(input.messageKey) + ":",
    errorKey: input.errorKey,
    nestedKey: input.nestedKey,
    nestedKeyText: input.nestedKey ? "," + quoteString(input.nestedKey) + ":{" : "",
    end: input.crlf ? "}\r\n" : "}\n",
    heads,
    earlyKeys: earlyKeysOf(heads, sample),
    stream: input.stream,
    time: input.time,
    timeSliceIndex: sample.indexOf(":") + 1,
    mixin: input.mixin,
    mixinMergeStrategy: input.mixinMergeStrategy,
    hooks: input.hooks,
    formatters: input.formatters,
    levels: input.levels,
    compare: input.compare,
    ascending: isAscending(input.compare),
    useOnlyCustomLevels: input.useOnlyCustomLevels,
    ownLevelNames: ownLevelNames(input.levels, input.useOnlyCustomLevels),
    formatStringify: formatStringify(redaction, input.limits),
    redact: input.redact,
  };
}

/** A child's options that change settings. */
export interface ChildSettingsOptions {
  serializers?: Serializers;
  formatters?: Partial<Formatters>;
  customLevels?: Record<string, number>;
  redact?: RedactOption;
}

const identity = <T>(value: T): T => value;

/**
 * A child's settings: the parent's, with the child's `serializers` merged over them, its
 * `formatters` (`bindings` never inherited, as in pino), its `customLevels` added (pino's
 * collision errors) and its `redact` in place of the parent's. The level members are made again
 * only for custom levels, as pino does.
 */
export function childSettings(parent: PinoSettings, options: ChildSettingsOptions): PinoSettings {
  const has = (key: string): boolean => Object.hasOwn(options, key);
  let serializers = parent.serializers;
  if (has("serializers")) {
    serializers = Object.create(null) as Serializers;
    copyMembers(serializers, parent.serializers);
    if (options.serializers) copyMembers(serializers, options.serializers);
  }
  const given = has("formatters") ? (options.formatters ?? {}) : {};
  const formatters: Formatters = {
    level: given.level || parent.formatters.level,
    bindings: given.bindings || identity,
    log: given.log || parent.formatters.log,
  };
  let levels = parent.levels;
  let heads = parent.heads;
  let earlyKeys = parent.earlyKeys;
  if (has("customLevels") && options.customLevels) {
    assertNoLevelCollisions(parent.levels, options.customLevels);
    levels = extendMapping(parent.levels, options.customLevels);
    heads = headsOf(levels, formatters.level);
    earlyKeys = earlyKeysOf(heads, safeTime(parent.time));
  }
  let redaction = parent.redaction;
  let redact = parent.redact;
  const r = options.redact;
  if ((typeof r === "object" && r !== null) || Array.isArray(r)) {
    redact = r;
    redaction = compileRedaction(r, parent.limits);
  }
  return {
    ...parent,
    serializers,
    formatters,
    formatLog: formatters.log,
    levels,
    heads,
    earlyKeys,
    ownLevelNames: levels === parent.levels ? parent.ownLevelNames : ownLevelNames(levels, parent.useOnlyCustomLevels),
    redaction,
    redact,
    formatStringify: redaction === parent.redaction ? parent.formatStringify : formatStringify(redaction, parent.limits),
  };
}

function copyMembers(target: Serializers, source: Serializers): void {
  for (const key in source) target[key] = source[key];
  for (const sym of Object.getOwnPropertySymbols(source)) target[sym] = source[sym];
}

/** The level members per level number (pino's `genLsCache`). */
function headsOf(levels: LevelMapping, format: Formatters["level"]): Map<number, Head> {
  const heads = new Map<number, Head>();
  for (const num in levels.labels) {
    const label = levels.labels[num as unknown as number];
    heads.set(Number(num), headOf(format(label, Number(num)), label));
  }
  return heads;
}

/** Keys the level members and the time write (the time text is sampled: its keys do not change). */
function earlyKeysOf(heads: ReadonlyMap<number, Head>, timeSample: string): Set<string> {
  const keys = new Set<string>();
  for (const head of heads.values()) for (const key of head.keys) keys.add(key);
  if (timeSample !== "") {
    try {
      for (const key of Object.keys(JSON.parse("{" + timeSample.slice(1) + "}") as object)) keys.add(key);
    } catch {
      // Not members: the time function's wrapper leaves such text out of lines.
    }
  }
  return keys;
}

function safeTime(time: TimeFn): string {
  try {
    const t = time();
    return typeof t === "string" ? t : "";
  } catch {
    return "";
  }
}

/** Names that get a method of their own on each logger: custom levels (every level with `useOnlyCustomLevels`). */
function ownLevelNames(levels: LevelMapping, useOnlyCustomLevels: boolean): string[] {
  const standard = new Set<string>(STANDARD_NAMES);
  return Object.keys(levels.values).filter((name) => useOnlyCustomLevels || !standard.has(name));
}

function formatStringify(redaction: Redaction | undefined, limits: SafeLimits): Stringify {
  return redaction === undefined ? (value) => stringifyValue(value, limits) : redaction.format;
}

// Binding keys pino never writes (they were child options once).
const SKIPPED_BINDINGS = new Set(["level", "serializers", "formatters", "customLevels"]);

/**
 * `bindings` (after the bindings formatter) as members added to `base`, pino's `asChindings`:
 * own enumerable keys but `level`, `serializers`, `formatters`, `customLevels`; `undefined` left
 * out; serializers by key; redaction. A getter or serializer that throws writes its reason.
 */
export function bindingsOnto(s: PinoSettings, base: Chindings, bindings: unknown): Chindings {
  const keys: string[] = [];
  const members: string[] = [];
  if (bindings === null || (typeof bindings !== "object" && typeof bindings !== "function")) {
    // pino walks a string's indices too (`for…in`); anything else has no members.
    if (typeof bindings !== "string") return base;
  }
  const record = bindings as Record<string, unknown>;
  try {
    collectBindings(s, record, keys, members);
  } catch (e) {
    // Bindings whose keys cannot be listed (a revoked Proxy): those read so far, and why the rest is missing.
    keys.push("logweaveError");
    members.push(',"logweaveError":' + quoteString("the bindings could not be read: " + describe(e)));
  }
  return base.with(keys, members, s.earlyKeys);
}

function collectBindings(s: PinoSettings, record: Record<string, unknown>, keys: string[], members: string[]): void {
  for (const key in record) {
    if (SKIPPED_BINDINGS.has(key) || !Object.hasOwn(record, key)) continue;
    let text: string | undefined;
    try {
      const value = record[key];
      if (value === undefined) continue;
      let out: unknown = value;
      const serializer = s.serializers[key];
      if (serializer) {
        try {
          out = serializer(value);
        } catch (e) {
          out = "[serializer threw: " + describe(e) + "]";
        }
      }
      text = valueText(s, key, out);
    } catch (e) {
      text = quoteString("[getter threw: " + describe(e) + "]");
    }
    if (text === undefined) continue;
    keys.push(key);
    members.push("," + quoteString(key) + ":" + text);
  }
}
