/**
 * The entry of every transformed call: where a rewritten `log.info(…)` meets the runtime.
 *
 * The transformer writes `log.info(msg, { a, b })` as `__lw_on(site, log)?.(site, a, b)`, where
 * `site` is the call's hoisted site function and `__lw_on` a small function of the file's own that
 * finds this entry through a well-known global symbol (no import is added to the program: the
 * logger may come from a package the file cannot resolve logweave from). The entry, like the
 * call as written, evaluates the receiver once and reads its method once, before any argument:
 *
 * - a genuine logweave logger whose method is the original one: the level (and sampling) is
 *   decided now, and either nothing more happens (no argument is evaluated) or the logger's
 *   writer gets the positional values;
 * - anything else (a stand-in, a spy, a bound facade, a patched method, a Proxy, another object
 *   typed as a logger): the method it has is called with the call's original arguments, rebuilt
 *   from the values — exactly what the plain build does.
 *
 * Several copies of the runtime in one process (two versions in a workspace) share one entry:
 * the first installs it; the others join it and answer for their own loggers.
 */
import { LEVEL_VALUES } from "./levels.js";
import { siteOf, type CallSite } from "./site.js";

/** The global symbol's key; its version changes when the emitted protocol does. */
export const SITE_ENTRY_KEY = "logweave.sites/1";

/** What the entry returns for a call that goes on: called with the site and the positional values. */
export type SiteWriter = (holder: unknown, ...values: unknown[]) => unknown;

/** A copy's answer for a receiver: a writer, `undefined` (disabled), or `null` (not its logger). */
export type Answer = SiteWriter | undefined | null;

/** How a copy of the runtime recognizes its own loggers. */
export interface LoggerAccess {
  /**
   * For `receiver` and the `method` read from it: `null` unless it is this runtime's logger and
   * `method` its original method for the site's level; then its writer when `site` is enabled
   * on it now, else `undefined` (after a `fatal` site's flush).
   */
  enter(receiver: unknown, method: unknown, site: CallSite): Answer;
}

/** The installed entry: callable by emitted code, joinable by other copies. */
interface InstalledEntry {
  (holder: unknown, receiver: unknown, optional?: unknown): SiteWriter | undefined;
  /** Adds another copy's answer for receivers the first copy does not know. */
  readonly join: (answer: (holder: unknown, receiver: unknown, method: unknown) => Answer) => void;
}

let installed = false;
/** This copy's logweave loggers: asked first (the hot path). */
let primary: LoggerAccess | undefined;
/** This copy's other logger families (`logweave/pino`): asked only when `primary` says "not mine". */
const extras: LoggerAccess[] = [];

/**
 * Makes this copy of the runtime answer transformed calls for its logweave loggers (called when
 * the logger module loads: a genuine logger cannot exist before). Never throws.
 */
export function installSiteEntry(access: LoggerAccess): void {
  if (primary !== undefined) return;
  primary = access;
  ensureEntry();
}

/**
 * Adds another logger family of this copy (`logweave/pino`'s loggers), asked after the logweave
 * loggers' check fails, so their hot path stays as it is. Never throws.
 */
export function addSiteAccess(access: LoggerAccess): void {
  extras.push(access);
  ensureEntry();
}

/** This copy's answer: its logweave loggers first, then its other families; `null`: none of its loggers. */
function answerOf(receiver: unknown, method: unknown, site: CallSite): Answer {
  if (primary !== undefined) {
    const mine = primary.enter(receiver, method, site);
    if (mine !== null) return mine;
  }
  for (const extra of extras) {
    const theirs = extra.enter(receiver, method, site);
    if (theirs !== null) return theirs;
  }
  return null;
}

/** Installs this copy's entry, or joins the one another copy installed; once per copy. */
function ensureEntry(): void {
  if (installed) return;
  installed = true;
  const key = Symbol.for(SITE_ENTRY_KEY);
  const global = globalThis as unknown as Record<symbol, unknown>;
  try {
    const existing = global[key] as InstalledEntry | undefined;
    if (typeof existing === "function" && typeof (existing as Partial<InstalledEntry>).join === "function") {
      existing.join((holder: unknown, receiver: unknown, method: unknown) => answerOf(receiver, method, siteOf(holder)));
      return;
    }
    // The logweave loggers' access as a constant of the entry (their hot path), or, when another
    // family came first, one that asks them once they exist.
    const own = primary ?? { enter: (receiver: unknown, method: unknown, site: CallSite): Answer => (primary === undefined ? null : primary.enter(receiver, method, site)) };
    Object.defineProperty(global, key, { value: makeEntry(own), configurable: true, writable: true });
  } catch {
    // A frozen global: transformed calls then call their receivers' methods as written.
  }
}

function makeEntry(own: LoggerAccess): InstalledEntry {
  const others: ((holder: unknown, receiver: unknown, method: unknown) => Answer)[] = [];
  const entry = (holder: unknown, receiver: unknown, optional?: unknown): SiteWriter | undefined => {
    // `log?.info(…)`: a missing receiver ends the call before anything else, as in the source.
    if (optional === 1 && (receiver === null || receiver === undefined)) return undefined;
    const site = siteOf(holder);
    const method = methodOf(receiver, site.level);
    const mine = own.enter(receiver, method, site);
    if (mine !== null) return mine;
    for (const extra of extras) {
      const theirs = extra.enter(receiver, method, site);
      if (theirs !== null) return theirs;
    }
    for (const other of others) {
      const theirs = other(holder, receiver, method);
      if (theirs !== null) return theirs;
    }
    return callAsWritten(receiver, method, site);
  };
  return Object.assign(entry, { join: (answer: (holder: unknown, receiver: unknown, method: unknown) => Answer) => void others.push(answer) });
}

/**
 * `receiver[method]` for the site's level, read once as the call would: a `null` receiver throws
 * the TypeError the call would throw ("Cannot read properties of null (reading 'info')").
 */
function methodOf(receiver: unknown, level: number): unknown {
  const r = receiver as Record<string, unknown>;
  switch (level) {
    case LEVEL_VALUES.trace:
      return r.trace;
    case LEVEL_VALUES.debug:
      return r.debug;
    case LEVEL_VALUES.warn:
      return r.warn;
    case LEVEL_VALUES.error:
      return r.error;
    case LEVEL_VALUES.fatal:
      return r.fatal;
    default:
      return r.info;
  }
}

/**
 * The writer for a receiver that is not a genuine logger: calls the method it had, on it, with
 * the call's original arguments, and returns what the method returns. A method that is not a
 * function throws the call's TypeError, after the arguments ran, as the call would.
 */
function callAsWritten(receiver: unknown, method: unknown, site: CallSite): SiteWriter {
  return (_holder: unknown, ...values: unknown[]): unknown => {
    const args = site.rebuild(values);
    if (typeof method !== "function") throw new TypeError(`${site.method} is not a function`);
    return Reflect.apply(method, receiver, args);
  };
}
