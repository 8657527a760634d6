/**
 * What a transformed call on a `logweave/pino` logger reaches at run time: the transformer's pino
 * plans (sites with `pino: "members"` or `"args"`) enter here through the site entry
 * (`site-entry.ts`, which asks this module only after its logweave-logger check said "not mine").
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
import { addSiteAccess, type Answer, type SiteWriter } from "../site-entry.js";
import type { CallSite, FieldSpec } from "../site.js";
import { pinoInternals, type PinoLogger } from "./logger.js";
import { quoteString } from "./stringify.js";

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

/** What a pino site needs at run time, derived once from its spec (pure: no logger's state). */
interface PinoSitePlan {
  readonly members: boolean;
  readonly keys: readonly string[];
  readonly keyTexts: readonly string[];
  /** `,"caller":{…}`, or `undefined` without call-site metadata. */
  readonly caller: string | undefined;
}

/** By site id (sites are made once per site function). */
const plans: (PinoSitePlan | undefined)[] = [];

function planOf(site: CallSite): PinoSitePlan {
  let plan = plans[site.id];
  if (plan === undefined) {
    const spec = site.spec;
    const members = spec.pino === "members" && Array.isArray(spec.fields);
    const keys = members ? (spec.fields as readonly FieldSpec[]).map((f) => String(f.key)) : [];
    const caller =
      site.file === undefined
        ? undefined
        : ',"caller":{"file":' + quoteString(site.file) + ',"line":' + JSON.stringify(site.line ?? 0) + ',"column":' + JSON.stringify(site.column ?? 0) + ',"function":' + quoteString(site.function ?? "<anonymous>") + "}";
    plan = { members, keys, keyTexts: keys.map((k) => "," + quoteString(k) + ":"), caller };
    plans[site.id] = plan;
  }
  return plan;
}

/**
 * The site entry's question for `logweave/pino`: for a pino site and a genuine logger with its
 * original method, the writer (level enabled now) or `undefined` (disabled: no argument runs;
 * a `fatal` site still flushes, as `fatal()` does); `null` for anything else.
 */
function enter(receiver: unknown, method: unknown, site: CallSite): Answer {
  if (!site.pino || !pinoSiteAccess.isGenuine(receiver, method, site.level)) return null;
  const logger = receiver;
  const level = site.level;
  if (!pinoInternals.enabled(logger, level)) {
    if (level === 60) pinoInternals.flushSync(logger);
    return undefined;
  }
  const plan = planOf(site);
  const writer: SiteWriter = (_holder: unknown, ...values: unknown[]): void => {
    if (plan.members) {
      const n = plan.keys.length;
      const rest = values.slice(n);
      values.length = n;
      pinoInternals.writeMembers(logger, level, plan.keys, plan.keyTexts, values, rest[0], rest.slice(1), plan.caller);
    } else {
      pinoInternals.call(logger, level, values, plan.caller);
    }
    if (level === 60) pinoInternals.flushSync(logger);
  };
  return writer;
}

addSiteAccess({ enter });
