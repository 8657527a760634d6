/**
 * logweave: structured JSON logging for TypeScript where the build does the work.
 *
 * This module only re-exports the public API.
 */
export { getLogger, configure, flush, flushSync } from "./api.js";
export { withContext, getContext } from "./context.js";
export { Logger, type Fields } from "./logger.js";
export type { LoggerOptions, GlobalOptions, Format } from "./config.js";
export { LEVEL_VALUES, LEVEL_NAMES, type LevelName, type LevelSetting } from "./levels.js";
export type { RedactOptions, RedactPattern } from "./redact.js";
export type { SerializeLimits } from "./serialize.js";
export type { SampleRules } from "./sampling.js";
export type { Destination, BufferedDestination, BufferOptions, FullPolicy } from "./destinations/destination.js";
export { stdoutDestination, stderrDestination } from "./destinations/fd.js";
export { fileDestination, type FileDestination, type FileDestinationOptions, type ReopenSignal } from "./destinations/file.js";
export { memoryDestination, type MemoryDestination } from "./destinations/memory.js";
export { stdSerializers, type SerializedRequest, type SerializedResponse, type SerializedError, type SerializedHeaders } from "./std-serializers.js";
