/**
 * The public types of `logweave/pino`, shaped as pino 10's `pino.d.ts` so that code written
 * against pino's types compiles unchanged: `pino.Logger`, `pino.LoggerOptions`, `LogFn` with
 * its placeholder-typed arguments (`"%s %d"`), custom levels as methods, `DestinationStream`…
 */
import type { EventEmitter } from "node:events";
import type { SerializedError as StdSerializedError, SerializedRequest as StdSerializedRequest, SerializedResponse as StdSerializedResponse } from "./std-serializers.js";

/** pino's six level names. */
export type Level = "fatal" | "error" | "warn" | "info" | "debug" | "trace";
/** A level name, or any other (custom) name. */
export type LevelOrString = Level | (string & {});
/** A level name or `"silent"`. */
export type LevelWithSilent = Level | "silent";
/** A level name, `"silent"`, or any other (custom) name. */
export type LevelWithSilentOrString = LevelWithSilent | (string & {});
/** Child bindings. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Bindings = Record<string, any>;
/** A serializer: gets the value under its key, returns what is written. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SerializerFn = (value: any) => any;
/** A time function: the time member as JSON text with its leading comma (`,"time":…`), or `""`. */
export type TimeFn = () => string;
/** `mixin`: members to add to each line. */
export type MixinFn<CustomLevels extends string = never> = (mergeObject: object, level: number, logger: Logger<CustomLevels>) => object;
/** `mixinMergeStrategy`: merges the logged object and the mixin's. */
export type MixinMergeStrategyFn = (mergeObject: object, mixinObject: object) => object;
/** `onChild`. */
export type OnChildCallback<CustomLevels extends string = never> = (child: Logger<CustomLevels>) => void;
/** A logged record, as `formatters.log` sees it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LogDescriptor = Record<string, any>;

/** The `redact` option's object form. */
export interface redactOptions {
  paths: string[];
  censor?: string | ((value: unknown, path: string[]) => unknown);
  remove?: boolean;
}

/** Numbers by level name and names by number. */
export interface LevelMapping {
  values: { [level: string]: number };
  labels: { [level: number]: string };
}

type PlaceholderSpecifier = "d" | "s" | "j" | "o" | "O";
type PlaceholderTypeMapping<T extends PlaceholderSpecifier> = T extends "d" ? number : T extends "s" ? unknown : T extends "j" | "o" | "O" ? {} | null : never;
type ParseLogFnArgs<T, Acc extends unknown[] = []> = T extends `${infer _}%${infer Placeholder}${infer Rest}`
  ? Placeholder extends PlaceholderSpecifier
    ? ParseLogFnArgs<Rest, [...Acc, PlaceholderTypeMapping<Placeholder>]>
    : ParseLogFnArgs<Rest, Acc>
  : Acc;

/** Extend to type the logged object's known fields (declaration merging), as with pino. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type LogFnFields = {}

/** A level method: `(msg, ...args)`, `(obj, msg?, ...args)`, `(err, msg?)`. */
export interface LogFn {
  <TMsg extends string = string>(msg: TMsg, ...args: ParseLogFnArgs<TMsg>): void;
  <T, TMsg extends string = string>(obj: [T] extends [object] ? T & LogFnFields : T, msg?: T extends string ? never : TMsg, ...args: ParseLogFnArgs<TMsg> | []): void;
  <T, TMsg extends string = string>(
    obj: [T] extends [object] ? T & LogFnFields : T,
    msg?: T extends string ? never : TMsg,
    ...args: ParseLogFnArgs<TMsg> extends [unknown, ...unknown[]] ? ParseLogFnArgs<TMsg> : unknown[]
  ): void;
}

/** Where lines go: anything with `write(string)`. */
export interface DestinationStream {
  write(msg: string): void;
}

/** A `level-change` listener. */
export type LevelChangeEventListener<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean> = (
  lvl: LevelWithSilentOrString,
  val: number,
  prevLvl: LevelWithSilentOrString,
  prevVal: number,
  logger: Logger<CustomLevels, UseOnlyCustomLevels>,
) => void;

/** One target of `transport.targets`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface TransportTargetOptions<TransportOptions = Record<string, any>> {
  target: string;
  options?: TransportOptions;
  level?: LevelWithSilentOrString;
}

/** Options every transport form takes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface TransportBaseOptions<TransportOptions = Record<string, any>> {
  options?: TransportOptions;
  worker?: { autoEnd?: boolean; [option: string]: unknown };
}

/** `transport: { target }`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface TransportSingleOptions<TransportOptions = Record<string, any>> extends TransportBaseOptions<TransportOptions> {
  target: string;
}

/** `transport: { pipeline }` (refused by `logweave/pino`; typed so code compiles and fails clearly at start-up). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface TransportPipelineOptions<TransportOptions = Record<string, any>> extends TransportBaseOptions<TransportOptions> {
  pipeline: TransportSingleOptions<TransportOptions>[];
  level?: LevelWithSilentOrString;
}

/** `transport: { targets }`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface TransportMultiOptions<TransportOptions = Record<string, any>> extends TransportBaseOptions<TransportOptions> {
  targets: readonly (TransportTargetOptions<TransportOptions> | TransportPipelineOptions<TransportOptions>)[];
  levels?: Record<string, number>;
  dedupe?: boolean;
}

/** pino's options. */
export interface LoggerOptions<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean> {
  transport?: TransportSingleOptions | TransportMultiOptions | TransportPipelineOptions;
  name?: string;
  serializers?: { [key: string]: SerializerFn };
  timestamp?: TimeFn | boolean;
  level?: LevelWithSilentOrString;
  customLevels?: { [level in CustomLevels]: number };
  useOnlyCustomLevels?: UseOnlyCustomLevels;
  levelComparison?: "ASC" | "DESC" | ((current: number, expected: number) => boolean);
  mixin?: MixinFn<CustomLevels>;
  mixinMergeStrategy?: MixinMergeStrategyFn;
  redact?: string[] | redactOptions;
  messageKey?: string;
  errorKey?: string;
  nestedKey?: string;
  enabled?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  base?: { [key: string]: any } | null;
  formatters?: {
    level?: (label: string, number: number) => object;
    bindings?: (bindings: Bindings) => object;
    log?: (object: Record<string, unknown>) => Record<string, unknown>;
  };
  msgPrefix?: string;
  hooks?: {
    logMethod?: (this: Logger, args: Parameters<LogFn>, method: LogFn, level: number) => void;
    streamWrite?: (s: string) => string;
  };
  depthLimit?: number;
  edgeLimit?: number;
  onChild?: OnChildCallback<CustomLevels>;
  crlf?: boolean;
  /** pino's browser options: accepted and not used (logweave/pino runs on Node). */
  browser?: Record<string, unknown>;
}

/** `child(bindings, options)`'s options. */
export interface ChildLoggerOptions<CustomLevels extends string = never> {
  level?: LevelOrString;
  serializers?: { [key: string]: SerializerFn };
  customLevels?: { [level in CustomLevels]: number };
  formatters?: {
    level?: (label: string, number: number) => object;
    bindings?: (bindings: Bindings) => object;
    log?: (object: object) => object;
  };
  redact?: string[] | redactOptions;
  msgPrefix?: string;
}

/** The level methods and `level` of every logger. */
export interface BaseLogger {
  /** The lowest level written; set a label (or number) to change it. */
  level: LevelWithSilentOrString;
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  /** Logs nothing. */
  silent: LogFn;
  /** The text put before every message. */
  get msgPrefix(): string | undefined;
}

/** The rest of a logger's surface. */
export interface LoggerExtras<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean> extends EventEmitter {
  /** The pino version whose behaviour this follows. */
  readonly version: string;
  levels: LevelMapping;
  /** The level number (read-only). */
  levelVal: number;
  child<ChildCustomLevels extends string = never>(bindings: Bindings, options?: ChildLoggerOptions<ChildCustomLevels>): Logger<CustomLevels | ChildCustomLevels>;
  onChild: OnChildCallback<CustomLevels>;
  on(event: "level-change", listener: LevelChangeEventListener<CustomLevels, UseOnlyCustomLevels>): this;
  addListener(event: "level-change", listener: LevelChangeEventListener<CustomLevels, UseOnlyCustomLevels>): this;
  once(event: "level-change", listener: LevelChangeEventListener<CustomLevels, UseOnlyCustomLevels>): this;
  prependListener(event: "level-change", listener: LevelChangeEventListener<CustomLevels, UseOnlyCustomLevels>): this;
  prependOnceListener(event: "level-change", listener: LevelChangeEventListener<CustomLevels, UseOnlyCustomLevels>): this;
  removeListener(event: "level-change", listener: LevelChangeEventListener<CustomLevels, UseOnlyCustomLevels>): this;
  isLevelEnabled(level: LevelWithSilentOrString): boolean;
  bindings(): Bindings;
  setBindings(bindings: Bindings): void;
  flush(cb?: (err?: Error) => void): void;
}

/** Custom levels as methods (and pino's six removed with `useOnlyCustomLevels`). */
export type CustomLevelLogger<CustomLevels extends string, UseOnlyCustomLevels extends boolean = boolean> = {
  [K in Exclude<Level, CustomLevels>]: UseOnlyCustomLevels extends true ? never : LogFn;
} & {
  [level in CustomLevels]: LogFn;
};

/** A `logweave/pino` logger: pino's `Logger` type. */
export type Logger<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean> = BaseLogger &
  LoggerExtras<CustomLevels> &
  CustomLevelLogger<CustomLevels, UseOnlyCustomLevels>;

/** What the `err` serializer makes of an error. */
export type SerializedError = StdSerializedError;
/** What the `req` serializer makes of a request. */
export type SerializedRequest = StdSerializedRequest;
/** What the `res` serializer makes of a response. */
export type SerializedResponse = StdSerializedResponse;
