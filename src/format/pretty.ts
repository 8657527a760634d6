/**
 * The pretty format: one JSON log record (logweave's, pino's or bunyan's) to one human-readable,
 * optionally colored line for a terminal. The one formatter behind the runtime's `pretty` format
 * and the `logweave pretty` command.
 *
 *   12:04:05.123 INFO  auth:    User login userId=12345 ip=192.168.1.1 success=true (src/auth.ts:12 AuthService.login)
 *   12:04:05.125 ERROR billing: payment failed err="Error: card declined" err.code=E_CARD
 *       err: Error: card declined
 *           at charge (src/billing.ts:40:11)
 *         caused by: Error: issuer timeout
 *             at …
 *
 * - The level is a fixed-width label; logger names are padded to a column so messages line up.
 * - Fields are `key=value`: strings bare when that is unambiguous, else quoted (JSON); nested
 *   objects flattened to dotted keys (`req.method=POST`); arrays as compact JSON.
 * - Errors (objects with a string `message` and `stack`) under any key show `type: message`
 *   inline and their stack, causes and aggregated errors indented on the following lines.
 * - Control characters, C1 controls and bidirectional overrides are shown escaped: a record can
 *   neither forge a pretty line nor send escape sequences to the terminal.
 */
import { LEVEL_VALUES, type LevelName } from "../levels.js";
import { colorsEnabled, processEnvironment } from "./color-choice.js";

/** A parsed log line: a JSON object. */
export type LogRecord = Record<string, unknown>;

/** Options of {@link formatPretty}. */
export interface PrettyOptions {
  /** Use ANSI colors. */
  colors: boolean;
  /** Pad the logger name (with its colon) to this many columns; default 0, no padding. */
  nameWidth?: number;
}

/** Names are padded to the widest seen so far, up to this many columns; longer ones push right. */
export const MAX_NAME_WIDTH = 24;

const LEVEL_LABELS: Readonly<Record<number, string>> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };
const LEVEL_COLORS: Readonly<Record<number, string>> = { 10: "90", 20: "36", 30: "32", 40: "33", 50: "31", 60: "1;41;97" };
// Keys shown in fixed places (or hidden: pid, hostname) rather than as fields.
const PLACED_KEYS = new Set(["level", "time", "pid", "hostname", "name", "msg", "caller"]);
// Error properties shown by the stack block rather than as `err.<key>=` fields.
// (`name` is where bunyan's error serializer puts the type.)
const ERROR_BLOCK_KEYS = new Set(["type", "name", "message", "stack", "cause", "errors", "aggregateErrors"]);
// Nested objects are flattened this deep; deeper ones are shown as JSON.
const MAX_FLATTEN_DEPTH = 5;
// Cause chains and aggregated errors shown per error, at most.
const MAX_CHAIN = 10;

/**
 * True for a bunyan record, whose `v: 0` is its format version, not a field: bunyan writes `v`
 * as the number 0 beside an ISO `time` string. logweave and pino write `time` as a number, so a
 * user field `v` on their lines is always shown.
 */
function isBunyanRecord(record: LogRecord): boolean {
  return record.v === 0 && typeof record.time === "string";
}

/**
 * Formats a parsed log record as one pretty line (plus indented error stack lines), ending in
 * `\n`. Missing or odd fields are tolerated. Never throws.
 */
export function formatPretty(record: LogRecord, options: PrettyOptions): string {
  const c = options.colors;
  const level = recordLevel(record);
  let out = paint(c, "90", formatTime(record.time)) + " " + paint(c, level === undefined ? "0" : (LEVEL_COLORS[level] ?? "0"), levelLabel(record.level, level));

  const name = typeof record.name === "string" && record.name !== "" ? safeText(record.name) + ":" : "";
  const width = options.nameWidth ?? 0;
  if (name !== "" || width > 0) out += " " + paint(c, "35", name) + (name.length < width ? " ".repeat(width - name.length) : "");

  const body = prettyBody(record, c);
  out += " " + body.text;
  const blocks = body.blocks;

  const caller = callerText(record.caller);
  if (caller !== undefined) out += " " + paint(c, "90", "(" + caller + ")");
  else if (record.caller !== undefined) out += fieldsText("caller", record.caller, 0, blocks, c);

  for (const block of blocks) out += "\n" + block;
  return out + "\n";
}

/**
 * A record's message and fields as the pretty line shows them (`msg key=value…`, nested keys
 * dotted), and its error blocks (stack, causes), without time, level, name or caller. Never throws.
 */
export function prettyBody(record: LogRecord, colors: boolean): { text: string; blocks: string[] } {
  const msg = record.msg;
  let text = typeof msg === "string" ? safeText(msg) : msg === undefined ? "" : valueText(msg);
  const blocks: string[] = [];
  const bunyan = isBunyanRecord(record);
  for (const key of Object.keys(record)) {
    if (PLACED_KEYS.has(key) || (bunyan && key === "v")) continue;
    text += fieldsText(keyText(key), record[key], 0, blocks, colors);
  }
  return { text, blocks };
}

/**
 * Parses one line (with or without its line ending) as a log record: a JSON object with a `level`
 * or a `msg`. Returns `undefined` for anything else (plain text, other JSON). Never throws.
 */
export function parseRecord(line: string): LogRecord | undefined {
  // Most non-JSON lines are rejected without a parse attempt.
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  if (line.charCodeAt(i) !== 123 /* { */) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const record = value as LogRecord;
  return "level" in record || "msg" in record ? record : undefined;
}

/**
 * The level number of a record: its numeric `level`, or the number of a level name (`"warn"`,
 * as pino writes with a level formatter). `undefined` when there is none or it is unknown.
 */
export function recordLevel(record: LogRecord): number | undefined {
  const level = record.level;
  if (typeof level === "number") return Number.isFinite(level) ? level : undefined;
  if (typeof level === "string") {
    const name = level.toLowerCase();
    if (Object.hasOwn(LEVEL_VALUES, name)) return LEVEL_VALUES[name as LevelName];
  }
  return undefined;
}

/**
 * The width of the name column after seeing `name`: the widest name seen (with its colon), up to
 * {@link MAX_NAME_WIDTH}.
 */
export function widenNameColumn(width: number, name: unknown): number {
  if (typeof name !== "string" || name.length + 1 <= width) return width;
  return Math.min(MAX_NAME_WIDTH, Math.max(width, name.length + 1));
}

/** Options of {@link PrettyPrinter}. */
export interface PrettyPrinterOptions {
  /** Use ANSI colors. */
  colors: boolean;
  /** Leave out records below this level number (records without a known level are kept). */
  minLevel?: number;
}

/**
 * Formats a stream of lines: one printer per output, so logger names line up across lines (the
 * name column widens to the longest name seen).
 */
export class PrettyPrinter {
  readonly #colors: boolean;
  readonly #minLevel: number;
  #nameWidth = 0;

  constructor(options: PrettyPrinterOptions) {
    this.#colors = options.colors;
    this.#minLevel = options.minLevel ?? -Infinity;
  }

  /**
   * Formats one line (its line ending optional). Returns the pretty text ending in `\n`; `""`
   * when the record is below the minimum level; `undefined` when the line is not a log record
   * (the caller passes it through as it was). Never throws.
   */
  formatLine(line: string): string | undefined {
    const record = parseRecord(line);
    if (record === undefined) return undefined;
    const level = recordLevel(record);
    if (level !== undefined && level < this.#minLevel) return "";
    this.#nameWidth = widenNameColumn(this.#nameWidth, record.name);
    try {
      return formatPretty(record, { colors: this.#colors, nameWidth: this.#nameWidth });
    } catch {
      // Not reached with parsed JSON; a line is still never lost.
      return undefined;
    }
  }
}

// The runtime's pretty output is one stream per process: one name column for all loggers.
let runtimeNameWidth = 0;

/**
 * Formats one JSON line as a pretty line for the runtime's `pretty` format; a line that is not a
 * log record is returned unchanged. `colors` is the default (the destination is a terminal);
 * `FORCE_COLOR` and `NO_COLOR` override it. Never throws.
 */
export function prettyLine(line: string, colors: boolean): string {
  const record = parseRecord(line);
  if (record === undefined) return line;
  runtimeNameWidth = widenNameColumn(runtimeNameWidth, record.name);
  return formatPretty(record, { colors: colorsEnabled(colors, processEnvironment()), nameWidth: runtimeNameWidth });
}

function paint(colors: boolean, code: string, s: string): string {
  return colors && s !== "" ? `\u001b[${code}m${s}\u001b[0m` : s;
}

function levelLabel(raw: unknown, level: number | undefined): string {
  if (level !== undefined) return LEVEL_LABELS[level] ?? `L${level}`.padEnd(5);
  if (typeof raw === "string" && raw !== "") return safeText(raw.toUpperCase()).padEnd(5);
  return "?    ";
}

function formatTime(time: unknown): string {
  const d = typeof time === "number" || typeof time === "string" ? new Date(time) : undefined;
  if (d === undefined || Number.isNaN(d.getTime())) return "--:--:--.---";
  return pad2(d.getHours()) + ":" + pad2(d.getMinutes()) + ":" + pad2(d.getSeconds()) + "." + String(d.getMilliseconds()).padStart(3, "0");
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

// Characters that could split a line, move the cursor or reorder text on a terminal.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeChar(ch: string): string {
  return SHORT_ESCAPES[ch] ?? "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0");
}

/** `s` with unsafe characters escaped (`\n`, `\u001b`); the rest as it is. */
function safeText(s: string): string {
  return HAS_UNSAFE.test(s) ? s.replace(UNSAFE, escapeChar) : s;
}

// A string shown without quotes: no spaces, quotes, `=`, backslashes or unsafe characters, and
// not empty. Anything else is quoted so `key=value` pairs stay unambiguous.
const BARE = /^[^\s"'=\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+$/;

function valueText(value: unknown): string {
  if (typeof value === "string") return BARE.test(value) ? value : safeText(JSON.stringify(value));
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  // Arrays, and objects too deep to flatten: compact JSON (parsed JSON always stringifies).
  return safeText(JSON.stringify(value) ?? String(value));
}

function keyText(key: string): string {
  return BARE.test(key) ? key : safeText(JSON.stringify(key));
}

/** ` key=value` pairs for one field: objects flattened, errors inline plus a block in `blocks`. */
function fieldsText(key: string, value: unknown, depth: number, blocks: string[], c: boolean): string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return " " + paint(c, "2", key + "=") + valueText(value);
  const object = value as LogRecord;
  let out = "";
  let keys = Object.keys(object);
  if (isErrorRecord(object)) {
    out += " " + paint(c, "2", key + "=") + valueText(errorHeadline(object));
    blocks.push(errorBlock(key, object, 4, c));
    keys = keys.filter((k) => !ERROR_BLOCK_KEYS.has(k));
    if (keys.length === 0) return out;
  } else if (keys.length === 0) return " " + paint(c, "2", key + "=") + "{}";
  if (depth >= MAX_FLATTEN_DEPTH) return out + " " + paint(c, "2", key + "=") + valueText(value);
  for (const k of keys) out += fieldsText(key + "." + keyText(k), object[k], depth + 1, blocks, c);
  return out;
}

function callerText(caller: unknown): string | undefined {
  // pino-caller writes a string ("file:///app/x.js:3:25").
  if (typeof caller === "string") return caller === "" ? undefined : safeText(caller);
  if (caller === null || typeof caller !== "object") return undefined;
  const { file, line, function: fn } = caller as Record<string, unknown>;
  if (typeof file !== "string") return undefined;
  const where = typeof line === "number" && line > 0 ? `${file}:${line}` : file;
  const name = typeof fn === "string" && fn !== "" && fn !== "<anonymous>" ? " " + fn : "";
  return safeText(where + name);
}

interface ErrorRecord {
  type?: unknown;
  name?: unknown;
  message: string;
  stack?: unknown;
  cause?: unknown;
  errors?: unknown;
  aggregateErrors?: unknown;
}

/** A serialized error at the top of a field: it has a string message and a string stack. */
function isErrorRecord(v: LogRecord): v is LogRecord & ErrorRecord {
  return typeof v.message === "string" && typeof v.stack === "string";
}

/** A cause or aggregated error: anything with a string message will do. */
function isErrorLike(v: unknown): v is ErrorRecord {
  return v !== null && typeof v === "object" && typeof (v as ErrorRecord).message === "string";
}

function errorHeadline(err: ErrorRecord): string {
  const type = typeof err.type === "string" ? err.type : typeof err.name === "string" ? err.name : "Error";
  return `${type}: ${err.message}`;
}

/**
 * `label: <stack>` at `indent` spaces, stack frames 4 deeper, then causes and aggregated errors
 * (logweave's `errors`, pino's `aggregateErrors`) 2 deeper, each the same way.
 */
function errorBlock(label: string, err: ErrorRecord, indent: number, c: boolean, depth = 0): string {
  const lines = (typeof err.stack === "string" && err.stack !== "" ? err.stack : errorHeadline(err)).split("\n");
  const pad = " ".repeat(indent);
  let out = pad + label + ": " + paint(c, "31", safeText(lines[0] ?? ""));
  let inner = pad;
  for (let i = 1; i < lines.length; i++) {
    const line = safeText(lines[i] ?? "");
    if (line.startsWith("caused by: ")) {
      // pino appends the cause's stack to the stack text: indent it as a cause.
      inner += "  ";
      out += "\n" + inner + "caused by: " + paint(c, "31", line.slice(11));
    } else if (/^\s*at /.test(line)) out += "\n" + inner + "    " + paint(c, "90", line.trimStart());
    // Other lines (a multi-line message) as they are.
    else out += "\n" + inner + "    " + line;
  }
  if (depth >= MAX_CHAIN) return out;
  if (isErrorLike(err.cause)) out += "\n" + errorBlock("caused by", err.cause, indent + 2, c, depth + 1);
  else if (err.cause !== undefined) out += "\n" + pad + "  caused by: " + valueText(err.cause);
  const list = Array.isArray(err.errors) ? err.errors : Array.isArray(err.aggregateErrors) ? err.aggregateErrors : [];
  const listKey = Array.isArray(err.errors) ? "errors" : "aggregateErrors";
  for (let i = 0; i < list.length && i < MAX_CHAIN; i++) {
    const item: unknown = list[i];
    const itemLabel = `${listKey}[${i}]`;
    out += "\n" + (isErrorLike(item) ? errorBlock(itemLabel, item, indent + 2, c, depth + 1) : pad + "  " + itemLabel + ": " + valueText(item));
  }
  if (list.length > MAX_CHAIN) out += "\n" + pad + `  … ${list.length - MAX_CHAIN} more ${listKey}`;
  return out;
}
