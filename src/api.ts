/**
 * The entry points: `getLogger`, `configure`, `flush`, `flushSync`.
 */
import { flushAll, flushAllSync, installSignalHandlers } from "./lifecycle.js";
import { resolveGlobal, state, validateOptions, type GlobalOptions, type LoggerOptions } from "./config.js";
import { loggerInternals, type Logger } from "./logger.js";

const loggers = new Map<string, Logger>();
let root: Logger | undefined;

/**
 * Returns the logger named `name` (the same logger for the same name), or the root logger
 * without a name. `options` override the global configuration for this logger; given again,
 * they are merged into what it had. Throws a `TypeError` naming a bad option.
 */
export function getLogger(name?: string, options?: LoggerOptions): Logger {
  validateOptions(options, "getLogger()");
  if (name === undefined || name === "") {
    root ??= loggerInternals.create(undefined, undefined);
    if (options !== undefined) loggerInternals.setOptions(root, options);
    return root;
  }
  const key = String(name);
  let logger = loggers.get(key);
  if (logger === undefined) {
    logger = loggerInternals.create(key, options);
    loggers.set(key, logger);
  } else if (options !== undefined) {
    loggerInternals.setOptions(logger, options);
  }
  return logger;
}

/**
 * Sets the global configuration (merged into what was set before) for every logger; loggers
 * pick it up on their next call. Throws a `TypeError` naming a bad option.
 */
export function configure(options: GlobalOptions): void {
  validateOptions(options, "configure()");
  state.options = { ...state.options, ...options, limits: { ...state.options.limits, ...options.limits } };
  state.configured = true;
  state.optionsVersion++;
  state.generation++;
  resolveGlobal();
  if (options.handleSignals === true) installSignalHandlers();
}

/** Resolves when every line written so far has reached its destination. Never rejects. */
export async function flush(): Promise<void> {
  try {
    resolveGlobal(); // a destination configured but not used yet is tracked from here on
    await flushAll();
  } catch {
    // A destination that fails to flush has reported it already.
  }
}

/** Writes out every buffered line synchronously. Never throws. */
export function flushSync(): void {
  try {
    resolveGlobal();
    flushAllSync();
  } catch {
    // As above.
  }
}
