/**
 * What a transformed call on a `logweave/pino` logger reaches at run time (for the
 * transformer's pino plans; not installed in the site entry yet — see the core's
 * `site-entry.ts`, which other runtimes join with `installSiteEntry`).
 *
 * The protocol, as the plain build does it:
 * 1. `isGenuine(receiver, method, level)` once per call, before any argument is evaluated: only
 *    a `logweave/pino` logger whose method is the class's original one (`trace`…`fatal`) takes
 *    the fast path; anything else is called as written.
 * 2. `enabled(receiver, level)`: the level check, before the arguments (pino calls below the
 *    level evaluate nothing in the transformed build: the call is gone).
 * 3. Then, with the arguments evaluated in source order:
 *    - `writeMembers(receiver, level, keys, keyTexts, values, msg, params)` for
 *      `log.info({ a, b: x }, "msg %s", y)` — keys and their `,"key":` texts static, values and
 *      format arguments per call; or
 *    - `call(receiver, level, args)` for any other shape (a variable object, an error, message
 *      first).
 *
 * Per call, always at run time: the time, the mixin, `formatters.log`, `hooks.logMethod` (which
 * gets the call's arguments: with a hook, `writeMembers` rebuilds the object and calls it),
 * serializers and redaction of each key (chosen per logger: a child may change them), the
 * message prefix (per logger), interpolation (its JSON uses the logger's redaction).
 */
import { pinoInternals, type PinoLogger } from "./logger.js";

/** The entry points of transformed calls on `logweave/pino` loggers. */
export const pinoSiteAccess = {
  /** True when `receiver` is a `logweave/pino` logger and `method` its original method for the standard `level` (10…60). Never throws. */
  isGenuine(receiver: unknown, method: unknown, level: number): receiver is PinoLogger {
    try {
      return pinoInternals.isGenuine(receiver, method, level);
    } catch {
      return false;
    }
  },
  /** True when `logger` writes `level` now (its own level, else its parent's). */
  enabled(logger: PinoLogger, level: number): boolean {
    return pinoInternals.enabled(logger, level);
  },
  /** Writes `log[level]({ keys[i]: values[i]… }, msg, ...params)`; see the module comment. Never throws. */
  writeMembers(logger: PinoLogger, level: number, keys: readonly string[], keyTexts: readonly string[], values: readonly unknown[], msg: unknown, params: unknown[]): void {
    pinoInternals.writeMembers(logger, level, keys, keyTexts, values, msg, params);
  },
  /** Writes `log[level](...args)` as written (its level checked already). Never throws. */
  call(logger: PinoLogger, level: number, args: unknown[]): void {
    pinoInternals.call(logger, level, args);
  },
};
