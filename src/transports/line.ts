/**
 * Reading one logweave line in the worker: the core keys apart, the user's fields as they are.
 */

/** A logweave line taken apart. Core keys are typed; everything else is in `fields`. */
export interface LogLine {
  /** Numeric level (30 = info); 30 when the line has none. */
  readonly level: number;
  /** Epoch milliseconds; the time of reading when the line has none. */
  readonly time: number;
  readonly msg: string | undefined;
  readonly name: string | undefined;
  readonly pid: number | undefined;
  readonly hostname: string | undefined;
  /** The other keys, in line order (`trace_id`, `err`, `caller`, user fields…). */
  readonly fields: Record<string, unknown>;
  /** The line as received, without its `\n`. */
  readonly text: string;
  /** False when the line is not a JSON object (the `pretty` format, a custom destination's text). */
  readonly json: boolean;
}

const CORE = new Set(["level", "time", "msg", "name", "pid", "hostname"]);

/** Reads `text` (one line, no `\n`). Never throws: non-JSON text comes back with `json: false`. */
export function parseLine(text: string): LogLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { level: 30, time: Date.now(), msg: text, name: undefined, pid: undefined, hostname: undefined, fields: {}, text, json: false };
  }
  const record = value as Record<string, unknown>;
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!CORE.has(key)) fields[key] = record[key];
  const level = record.level;
  const time = record.time;
  return {
    level: typeof level === "number" && Number.isFinite(level) ? level : 30,
    time: typeof time === "number" && Number.isFinite(time) ? time : Date.now(),
    msg: typeof record.msg === "string" ? record.msg : undefined,
    name: typeof record.name === "string" ? record.name : undefined,
    pid: typeof record.pid === "number" ? record.pid : undefined,
    hostname: typeof record.hostname === "string" ? record.hostname : undefined,
    fields,
    text,
    json: true,
  };
}

/** The line that stands in for `count` lines that never reached the collector (as the runtime's). */
export function dropReportLine(count: number): string {
  return (
    `{"level":40,"time":${Date.now()},"pid":${process.pid},"name":"logweave",` +
    `"msg":"logweave dropped lines","dropped":${count}}`
  );
}
