/**
 * The pretty format: one JSON line (logweave's or pino's) to one human-readable, optionally
 * colored line for a terminal. Used by the runtime's `pretty` format.
 *
 *   12:04:05.123 INFO  auth: User login userId=12345 ip=192.168.1.1 success=true (src/auth.ts:12 AuthService.login)
 *
 * Error objects under any key are printed with their stack, indented, on the following lines.
 */

const LEVEL_LABELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };
const LEVEL_COLORS: Record<number, string> = { 10: "90", 20: "36", 30: "32", 40: "33", 50: "31", 60: "1;41;97" };
const SKIP = new Set(["level", "time", "pid", "hostname", "name", "msg", "caller", "v"]);

/** Options of {@link formatPretty}. */
export interface PrettyOptions {
  /** Use ANSI colors. */
  colors: boolean;
}

/**
 * Formats a parsed log record as one pretty line (plus indented stack lines), ending in `\n`.
 * Missing or odd fields are tolerated. Never throws.
 */
export function formatPretty(record: Record<string, unknown>, options: PrettyOptions): string {
  const c = options.colors;
  const paint = (code: string, s: string) => (c ? `\u001b[${code}m${s}\u001b[0m` : s);
  const level = typeof record.level === "number" ? record.level : 30;
  const label = LEVEL_LABELS[level] ?? `L${level}`.padEnd(5);
  let out = paint("90", formatTime(record.time)) + " " + paint(LEVEL_COLORS[level] ?? "0", label);
  if (typeof record.name === "string" && record.name !== "") out += " " + paint("35", record.name + ":");
  const msg = typeof record.msg === "string" ? record.msg : record.msg === undefined ? "" : JSON.stringify(record.msg);
  out += " " + oneLine(msg);
  const stacks: string[] = [];
  for (const key of Object.keys(record)) {
    if (SKIP.has(key)) continue;
    const value = record[key];
    if (isErrorRecord(value)) stacks.push(errorText(key, value));
    out += " " + paint("2", key + "=") + valueText(value);
  }
  const caller = record.caller as Record<string, unknown> | undefined;
  if (caller !== null && typeof caller === "object" && typeof caller.file === "string") {
    const fn = typeof caller.function === "string" && caller.function !== "<anonymous>" ? " " + caller.function : "";
    out += " " + paint("90", `(${caller.file}:${String(caller.line ?? "?")}${fn})`);
  }
  for (const s of stacks) out += "\n" + paint("31", s);
  return out + "\n";
}

/**
 * Formats one JSON line as a pretty line; a line that is not a JSON object is returned unchanged.
 * Never throws.
 */
export function prettyLine(line: string, colors: boolean): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (record === null || typeof record !== "object" || Array.isArray(record)) return line;
  return formatPretty(record as Record<string, unknown>, { colors: colors && !process.env.NO_COLOR });
}

function formatTime(time: unknown): string {
  const d = typeof time === "number" || typeof time === "string" ? new Date(time) : new Date(NaN);
  if (Number.isNaN(d.getTime())) return "--:--:--.---";
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

// Control characters are shown escaped so a pretty line cannot be forged either.
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => JSON.stringify(ch).slice(1, -1));
}

function valueText(value: unknown): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? oneLine(value) : JSON.stringify(value);
  if (isErrorRecord(value)) return JSON.stringify(`${value.type ?? "Error"}: ${value.message ?? ""}`);
  return JSON.stringify(value) ?? "undefined";
}

interface ErrorRecord {
  type?: unknown;
  message?: unknown;
  stack?: unknown;
  cause?: unknown;
}

function isErrorRecord(v: unknown): v is ErrorRecord {
  return v !== null && typeof v === "object" && typeof (v as ErrorRecord).message === "string" && typeof (v as ErrorRecord).stack === "string";
}

function errorText(key: string, err: ErrorRecord): string {
  let s = `    ${key}: ` + String(err.stack).split("\n").join("\n      ");
  let cause = err.cause;
  for (let depth = 0; isErrorRecord(cause) && depth < 5; depth++) {
    s += "\n      caused by: " + String(cause.stack).split("\n").join("\n        ");
    cause = cause.cause;
  }
  return s;
}
