/**
 * The pino version `logweave/pino` follows (its behaviour and its tests): what `pino.version`
 * and `logger.version` report, so code that checks pino's version keeps working.
 */
export const PINO_VERSION = "10.4.0";
