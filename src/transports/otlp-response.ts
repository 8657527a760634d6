/**
 * Reading a collector's answer to an OTLP/HTTP export
 * (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response): the partial success of an
 * accepted request, the `Status` message of a refused one, the `Retry-After` of a throttled one.
 * Everything here reads untrusted text and never throws.
 */

/** `ExportLogsPartialSuccess` of a 2xx answer. */
export interface PartialSuccess {
  /** `rejectedLogRecords`: records the collector did not take (0 when none or unreadable). */
  readonly rejected: number;
  /** `errorMessage`: why, or a warning when nothing was rejected; `undefined` when empty. */
  readonly errorMessage: string | undefined;
}

/** Longest part of a collector's message quoted in a report. */
const MAX_QUOTED = 200;

/** The partial success in a 2xx answer's JSON body; nothing rejected when there is none. */
export function partialSuccess(body: string): PartialSuccess {
  const partial = member(parseJson(body), "partialSuccess");
  const value = member(partial, "rejectedLogRecords");
  const count = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  const message = member(partial, "errorMessage");
  return {
    rejected: typeof count === "number" && Number.isSafeInteger(count) && count > 0 ? count : 0,
    errorMessage: typeof message === "string" && message !== "" ? quote(message) : undefined,
  };
}

/**
 * What a refused request's body says, for a report: the `message` of a JSON `Status`, else the
 * text itself; whitespace collapsed, at most 200 characters; `""` for an empty body.
 */
export function refusalText(body: string): string {
  const message = member(parseJson(body), "message");
  return quote(typeof message === "string" && message !== "" ? message : body);
}

/**
 * A `Retry-After` header (delay-seconds or an HTTP date) as milliseconds from `now`, or
 * `undefined` when absent or unreadable.
 */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  if (typeof header !== "string") return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the HTTP date form (IMF-fixdate, RFC 9110 §5.6.7): Date.parse reads "1.5" as a date too.
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function quote(text: string): string {
  // Control characters are replaced too: a report is one line on stderr.
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, " ").trim().slice(0, MAX_QUOTED);
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function member(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return  Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
