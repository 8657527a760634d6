/**
 * pino's time functions (`pino.stdTimeFunctions`, the `timestamp` option): each returns the
 * line's time member as JSON text with its leading comma, or `""` for none.
 */

/** A time function: the JSON member text placed after the level, `,"time":…`, or `""`. */
export type TimeFn = () => string;

/** No time member. */
export const nullTime: TimeFn = () => "";

/** Milliseconds since the epoch: `,"time":1531069919686` (pino's default). */
export const epochTime: TimeFn = () => `,"time":${Date.now()}`;

/** Seconds since the epoch, rounded: `,"time":1531069920`. */
export const unixTime: TimeFn = () => `,"time":${Math.round(Date.now() / 1000.0)}`;

/** ISO 8601 in UTC: `,"time":"2018-07-08T17:11:59.686Z"` (reads `Date.now()`, as pino's, for testability). */
export const isoTime: TimeFn = () => `,"time":"${new Date(Date.now()).toISOString()}"`;

const NS_PER_MS = 1_000_000n;
const NS_PER_SEC = 1_000_000_000n;
const startWallTimeNs = BigInt(Date.now()) * NS_PER_MS;
const startHrTime = process.hrtime.bigint();

/** ISO 8601 with nanoseconds, from the monotonic clock since load: `,"time":"…T17:11:59.686123456Z"`. */
export const isoTimeNano: TimeFn = () => {
  const currentTimeNs = startWallTimeNs + (process.hrtime.bigint() - startHrTime);
  const secondsSinceEpoch = currentTimeNs / NS_PER_SEC;
  const nanosWithinSecond = currentTimeNs % NS_PER_SEC;
  const date = new Date(Number(secondsSinceEpoch * 1000n + nanosWithinSecond / NS_PER_MS));
  const pad = (n: number): string => n.toString().padStart(2, "0");
  return (
    `,"time":"${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${nanosWithinSecond.toString().padStart(9, "0")}Z"`
  );
};

/** `pino.stdTimeFunctions`. */
export const stdTimeFunctions = { nullTime, epochTime, unixTime, isoTime, isoTimeNano };

const STANDARD: ReadonlySet<TimeFn> = new Set(Object.values(stdTimeFunctions));

/**
 * The time function for the `timestamp` option (`true`/absent: epoch, `false`: none, a function:
 * itself). A user's function is wrapped so that only what can sit in a JSON object goes into a
 * line: each distinct text it returns is checked once (the last one is remembered), and text
 * that is not one or more `,"key":value` members is left out, reported once on stderr.
 */
export function timeFunction(option: unknown, report: (text: string) => void): TimeFn {
  if (typeof option !== "function") return option === false ? nullTime : epochTime;
  const fn = option as TimeFn;
  if (STANDARD.has(fn)) return fn;
  let lastGood: string | undefined;
  return () => {
    const text = fn();
    if (text === lastGood || text === "") return text;
    if (typeof text === "string" && isMembers(text)) {
      lastGood = text;
      return text;
    }
    report(`timestamp() returned ${describe(text)}, which is not ',"key":value' JSON text; it is left out of the line`);
    return "";
  };
}

/** True when `text` is one or more JSON members each led by a comma (`,"a":1,"b":"x"`). Never throws. */
function isMembers(text: string): boolean {
  if (text.charCodeAt(0) !== 44 /* , */) return false;
  try {
    const parsed = JSON.parse("{" + text.slice(1) + "}") as unknown;
    return parsed !== null && typeof parsed === "object";
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value.length > 60 ? value.slice(0, 60) + "…" : value) : typeof value;
  } catch {
    return "an unprintable value";
  }
}
