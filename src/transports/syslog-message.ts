/**
 * One logweave line as an RFC 5424 syslog message, and RFC 6587 octet-counting framing.
 *
 *   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG
 *   <134>1 2026-11-25T18:57:43.123Z web-1 checkout 4242 - - {"level":30,…}
 *
 * MSG is the JSON line itself: every field survives, and a collector that parses JSON (rsyslog
 * mmjsonparse, Vector, Fluent Bit…) gets the record back whole. Non-ASCII characters are
 * written as `\uXXXX` escapes, which keeps the JSON equal and makes MSG plain ASCII — RFC 5424
 * would otherwise require a byte-order mark before UTF-8 text.
 */
import { parseLine, type LogLine } from "./line.js";

/** What the syslog header needs from a line. */
export type HeaderFacts = Pick<LogLine, "level" | "time" | "name" | "pid" | "hostname" | "text" | "json">;

/** A JSON string literal (escapes included). */
const STRING = '"(?:[^"\\\\]|\\\\.)*"';
/**
 * The head of a line in logweave's `json` format: level, time, then pid, hostname and name when
 * present, always in this order, then msg. Lines that do not start exactly this way (other
 * identity keys, other formats) are parsed in full.
 */
const JSON_HEAD = new RegExp(
  `^\\{"level":(\\d+),"time":(\\d+)(?:,"pid":(\\d+))?(?:,"hostname":(${STRING}))?(?:,"name":(${STRING}))?(?:,"msg":|\\})`,
);

/**
 * The header facts of one line (no `\n`): read from the fixed head of a `json`-format line
 * without parsing the rest (the worker's hot path), else from a full parse. Never throws.
 */
export function headerFacts(text: string): HeaderFacts {
  const m = JSON_HEAD.exec(text);
  if (m === null || !text.endsWith("}")) return parseLine(text);
  try {
    return {
      level: Number(m[1]),
      time: Number(m[2]),
      pid: m[3] === undefined ? undefined : Number(m[3]),
      hostname: m[4] === undefined ? undefined : (JSON.parse(m[4]) as string),
      name: m[5] === undefined ? undefined : (JSON.parse(m[5]) as string),
      text,
      json: true,
    };
  } catch {
    return parseLine(text);
  }
}

/** Syslog facilities by name (RFC 5424 §6.2.1). */
export const FACILITIES = {
  kern: 0, user: 1, mail: 2, daemon: 3, auth: 4, syslog: 5, lpr: 6, news: 7, uucp: 8, cron: 9,
  authpriv: 10, ftp: 11, ntp: 12, audit: 13, alert: 14, clock: 15,
  local0: 16, local1: 17, local2: 18, local3: 19, local4: 20, local5: 21, local6: 22, local7: 23,
} as const;

/** A facility name. */
export type SyslogFacility = keyof typeof FACILITIES;

/**
 * Syslog severity of a logweave level: trace and debug → 7 debug, info → 6 informational,
 * warn → 4 warning, error → 3 error, fatal → 2 critical (not 0 emergency: that means the whole
 * system is unusable). Levels between the named ones take the next lower name's severity.
 */
export function severityOf(level: number): number {
  if (level >= 60) return 2;
  if (level >= 50) return 3;
  if (level >= 40) return 4;
  if (level >= 30) return 6;
  return 7;
}

/** The header fields that do not come from the line. */
export interface SyslogHeader {
  /** Facility number, 0–23. */
  readonly facility: number;
  /** HOSTNAME when the line has none. */
  readonly hostname: string;
  /** APP-NAME when the line has no logger name. */
  readonly appName: string;
  /** PROCID when the line has no pid. */
  readonly procId: string;
  /** MSGID (`"-"`: none). */
  readonly msgId: string;
}

/**
 * The RFC 5424 message for `line`: severity from the level, TIMESTAMP from `time`, HOSTNAME from
 * `hostname`, APP-NAME from `name`, PROCID from `pid` (each falling back to `header`), MSG the
 * line. Never throws.
 */
export function syslogMessage(line: HeaderFacts, header: SyslogHeader): string {
  return syslogHead(line, header) + messageText(line);
}

/** Everything of {@link syslogMessage} before MSG (ends with the space before it). Never throws. */
export function syslogHead(line: HeaderFacts, header: SyslogHeader): string {
  const pri = header.facility * 8 + severityOf(line.level);
  return (
    `<${pri}>1 ${timestamp(line.time)} ${headerField(line.hostname ?? header.hostname, 255)} ` +
    `${headerField(line.name ?? header.appName, 48)} ` +
    `${headerField(line.pid === undefined ? header.procId : String(line.pid), 128)} ` +
    `${headerField(header.msgId, 32)} - `
  );
}

/** RFC 6587 §3.4.1 octet counting: `MSG-LEN SP SYSLOG-MSG`, the length in bytes. */
export function octetCounted(message: string): string {
  return `${Buffer.byteLength(message)} ${message}`;
}

/**
 * A header field as RFC 5424 allows it: 1 to `max` printable US-ASCII characters (33–126);
 * others become `_`, empty becomes the NILVALUE `-`.
 */
export function headerField(value: string, max: number): string {
  if (value.length === 0) return "-";
  if (value.length <= max && PRINTABLE.test(value)) return value;
  return value.slice(0, max).replace(/[^\x21-\x7e]/g, "_");
}

const PRINTABLE = /^[\x21-\x7e]+$/;

// Lines come in bursts from the same millisecond: format each millisecond once.
let lastTime = NaN;
let lastStamp = "-";

function timestamp(time: number): string {
  if (time === lastTime) return lastStamp;
  let stamp: string;
  try {
    stamp = new Date(time).toISOString();
  } catch {
    stamp = "-"; // outside the Date range: RFC 5424 allows an unknown time
  }
  lastTime = time;
  lastStamp = stamp;
  return stamp;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * MSG for `line`: a JSON line with non-ASCII written as `\u` escapes (plain ASCII, the same
 * JSON); other text as UTF-8 after the byte-order mark RFC 5424 asks for. Never throws.
 */
export function messageText(line: HeaderFacts): string {
  const text = line.text;
  if (!NON_ASCII.test(text)) return text;
  // Inside valid JSON, non-ASCII can only sit in strings, where \u escapes mean the same.
  if (line.json) return text.replace(/[^\x00-\x7f]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  return "\ufeff" + text; // MSG-UTF8: BOM then UTF-8
}
