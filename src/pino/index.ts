/**
 * `logweave/pino`: pino's factory on logweave's runtime. Replace `import pino from "pino"` (or
 * `require("pino")`) with `logweave/pino`; options, argument forms, lines and the logger surface
 * are pino 10's (judged by pino's own tests, `test/vendor/pino/`), with logweave's guarantees: a
 * log call never throws, every line is one valid JSON object with each key once, buffered lines
 * are written out on exit.
 *
 * This module only assembles the export.
 */
import { destination } from "./destination.js";
import { createLogger } from "./factory.js";
import { mappings } from "./levels.js";
// Transformed calls on these loggers enter through the site entry (side effect: it joins it).
import "./site-access.js";
import { stdSerializers } from "./std-serializers.js";
import { symbols } from "./symbols.js";
import { stdTimeFunctions } from "./time.js";
import { transport } from "./transport.js";
import type * as T from "./types.js";
import { PINO_VERSION } from "./version.js";

/**
 * Makes a logger: `pino()`, `pino(options)`, `pino(stream)`, `pino(options, stream)`,
 * `pino(path)`, `pino(options, path)`. Throws pino's errors for bad options.
 */
function pino<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean>(
  optionsOrStream?: T.LoggerOptions<CustomLevels, UseOnlyCustomLevels> | T.DestinationStream,
): T.Logger<CustomLevels, UseOnlyCustomLevels>;
function pino<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean>(
  options: T.LoggerOptions<CustomLevels, UseOnlyCustomLevels> | null,
  stream?: T.DestinationStream | string | undefined,
): T.Logger<CustomLevels, UseOnlyCustomLevels>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function pino(first?: unknown, second?: unknown): any {
  return createLogger(first, second);
}

/** `pino.multistream` is not part of `logweave/pino`: it throws, saying what to use. */
function multistream(): never {
  throw new Error(
    "logweave/pino: pino.multistream is not supported. Use transport.targets with the targets logweave/pino maps (pino/file, pino-pretty), or one stream per logger.",
  );
}

/** pino's level mappings (`pino.levels.values.info === 30`). */
const levels = mappings();
/** The pino version whose behaviour `logweave/pino` follows. */
const version = PINO_VERSION;

Object.assign(pino, { destination, transport, multistream, levels, stdSerializers, stdTimeFunctions, symbols, version });
Object.assign(pino, { default: pino, pino });

// The types under `pino.` as pino's `pino.d.ts` declares them (`pino.Logger`, `pino.LoggerOptions`…).
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace pino {
  export type Level = T.Level;
  export type LevelOrString = T.LevelOrString;
  export type LevelWithSilent = T.LevelWithSilent;
  export type LevelWithSilentOrString = T.LevelWithSilentOrString;
  export type Bindings = T.Bindings;
  export type SerializerFn = T.SerializerFn;
  export type TimeFn = T.TimeFn;
  export type MixinFn<CustomLevels extends string = never> = T.MixinFn<CustomLevels>;
  export type MixinMergeStrategyFn = T.MixinMergeStrategyFn;
  export type LogDescriptor = T.LogDescriptor;
  export type redactOptions = T.redactOptions;
  export type LevelMapping = T.LevelMapping;
  export type LogFn = T.LogFn;
  export type LogFnFields = T.LogFnFields;
  export type DestinationStream = T.DestinationStream;
  export type LevelChangeEventListener<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean> = T.LevelChangeEventListener<CustomLevels, UseOnlyCustomLevels>;
  export type TransportTargetOptions<O = Record<string, unknown>> = T.TransportTargetOptions<O>;
  export type TransportBaseOptions<O = Record<string, unknown>> = T.TransportBaseOptions<O>;
  export type TransportSingleOptions<O = Record<string, unknown>> = T.TransportSingleOptions<O>;
  export type TransportPipelineOptions<O = Record<string, unknown>> = T.TransportPipelineOptions<O>;
  export type TransportMultiOptions<O = Record<string, unknown>> = T.TransportMultiOptions<O>;
  export type LoggerOptions<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean> = T.LoggerOptions<CustomLevels, UseOnlyCustomLevels>;
  export type ChildLoggerOptions<CustomLevels extends string = never> = T.ChildLoggerOptions<CustomLevels>;
  export type BaseLogger = T.BaseLogger;
  export type LoggerExtras<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean> = T.LoggerExtras<CustomLevels, UseOnlyCustomLevels>;
  export type Logger<CustomLevels extends string = never, UseOnlyCustomLevels extends boolean = boolean> = T.Logger<CustomLevels, UseOnlyCustomLevels>;
  export type SerializedError = T.SerializedError;
  export type SerializedRequest = T.SerializedRequest;
  export type SerializedResponse = T.SerializedResponse;

  export const destination: typeof import("./destination.js").destination;
  export const transport: typeof import("./transport.js").transport;
  export const multistream: () => never;
  export const levels: T.LevelMapping;
  export const stdSerializers: typeof import("./std-serializers.js").stdSerializers;
  export const stdTimeFunctions: typeof import("./time.js").stdTimeFunctions;
  export const symbols: typeof import("./symbols.js").symbols;
  export const version: string;
  export { pino as default, pino };
}

export default pino;
export { pino, destination, transport, multistream, levels, stdSerializers, stdTimeFunctions, symbols, version };
export type * from "./types.js";
