/**
 * logweave lines as an OTLP `ExportLogsServiceRequest` in the OTLP/JSON encoding.
 *
 * Spec: https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding (proto3 JSON mapping with
 * lowerCamelCase names, 64-bit integers as decimal strings, trace and span ids as hex) over
 * opentelemetry/proto/logs/v1/logs.proto and common/v1/common.proto. Field mapping:
 *
 *   time → timeUnixNano (ms → ns, a string)      level → severityNumber / severityText
 *   msg → body.stringValue                        name → scopeLogs[].scope.name
 *   trace_id / span_id / trace_flags → traceId / spanId / flags (when well formed)
 *   err {type, message, stack} → exception.type / exception.message / exception.stacktrace
 *   caller {file, line, column, function} → code.file.path / code.line.number / …
 *   every other field → attributes[] (objects → kvlistValue, arrays → arrayValue)
 *   pid, hostname → resource attributes process.pid, host.name (with service.name & yours)
 */
import type { LogLine } from "./line.js";

/** An OTLP `AnyValue` (an empty object stands for null). */
export type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;

/** An OTLP `KeyValue`. */
export interface KeyValue {
  key: string;
  value: AnyValue;
}

/** An OTLP `LogRecord` as written by this module. */
export interface OtlpLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body?: AnyValue;
  attributes: KeyValue[];
  traceId?: string;
  spanId?: string;
  flags?: number;
}

/** The request body: `ExportLogsServiceRequest`. */
export interface ExportLogsServiceRequest {
  resourceLogs: Array<{
    resource: { attributes: KeyValue[] };
    scopeLogs: Array<{ scope: { name: string }; logRecords: OtlpLogRecord[] }>;
  }>;
}

/** Scope name of lines from the root logger (no name). */
export const ROOT_SCOPE = "logweave";

const SEVERITY: ReadonlyArray<readonly [number, number, string]> = [
  [60, 21, "FATAL"],
  [50, 17, "ERROR"],
  [40, 13, "WARN"],
  [30, 9, "INFO"],
  [20, 5, "DEBUG"],
];

/** OTLP severity number and text of a logweave level (pino's numbers; TRACE below 20). */
export function severityOf(level: number): { number: number; text: string } {
  for (const [min, number, text] of SEVERITY) if (level >= min) return { number, text };
  return { number: 1, text: "TRACE" };
}

/** The OTLP value of a JSON value. */
export function anyValue(value: unknown): AnyValue {
  switch (typeof value) {
    case "string":
      return { stringValue: value };
    case "boolean":
      return { boolValue: value };
    case "number":
      return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
    case "object":
      if (value === null) return {};
      if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
      return { kvlistValue: { values: keyValues(value as Record<string, unknown>) } };
    default:
      return { stringValue: String(value) };
  }
}

function keyValues(object: Record<string, unknown>): KeyValue[] {
  return Object.keys(object).map((key) => ({ key, value: anyValue(object[key]) }));
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZEROS = /^0+$/;
const FLAGS = /^[0-9a-f]{2}$/;

/** Milliseconds since the epoch as a decimal nanosecond string. */
function nanos(ms: number): string {
  try {
    return (BigInt(Math.trunc(ms)) * 1_000_000n).toString();
  } catch {
    return "0";
  }
}

/** One line as an OTLP log record; `observed` is when the worker read it (epoch ms). */
export function logRecord(line: LogLine, observed: number): OtlpLogRecord {
  const severity = severityOf(line.level);
  const record: OtlpLogRecord = {
    timeUnixNano: nanos(line.time),
    observedTimeUnixNano: nanos(observed),
    severityNumber: severity.number,
    severityText: severity.text,
    attributes: [],
  };
  if (line.msg !== undefined) record.body = { stringValue: line.msg };
  const fields = line.fields;
  const attributes = record.attributes;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (key === "trace_id" && typeof value === "string" && TRACE_ID.test(value) && !ZEROS.test(value)) {
      record.traceId = value;
    } else if (key === "span_id" && typeof value === "string" && SPAN_ID.test(value) && !ZEROS.test(value)) {
      record.spanId = value;
    } else if (key === "trace_flags" && typeof value === "string" && FLAGS.test(value)) {
      record.flags = parseInt(value, 16);
    } else if (key === "err" && isObject(value)) {
      pushError(attributes, value);
    } else if (key === "caller" && isObject(value)) {
      pushCaller(attributes, value);
    } else {
      attributes.push({ key, value: anyValue(value) });
    }
  }
  return record;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The OpenTelemetry exception attributes; other error properties stay together under `err`. */
function pushError(attributes: KeyValue[], err: Record<string, unknown>): void {
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(err)) {
    const value = err[key];
    if (key === "type" && typeof value === "string") attributes.push({ key: "exception.type", value: { stringValue: value } });
    else if (key === "message" && typeof value === "string") attributes.push({ key: "exception.message", value: { stringValue: value } });
    else if (key === "stack" && typeof value === "string") attributes.push({ key: "exception.stacktrace", value: { stringValue: value } });
    else rest[key] = value;
  }
  if (Object.keys(rest).length > 0) attributes.push({ key: "err", value: anyValue(rest) });
}

const CODE_KEYS: Readonly<Record<string, string>> = {
  file: "code.file.path",
  line: "code.line.number",
  column: "code.column.number",
  function: "code.function.name",
};

/** The call site as the `code.*` semantic-convention attributes. */
function pushCaller(attributes: KeyValue[], caller: Record<string, unknown>): void {
  for (const key of Object.keys(caller)) {
    attributes.push({ key: CODE_KEYS[key] ?? `code.${key}`, value: anyValue(caller[key]) });
  }
}

/**
 * The request for `lines`: one resource (the process: `resource` attributes plus `host.name` and
 * `process.pid` from the first line that has them), one scope per logger name in order of first
 * appearance. Lines that are not JSON become records with the text as body.
 */
export function exportRequest(lines: readonly LogLine[], resource: Readonly<Record<string, unknown>>): ExportLogsServiceRequest {
  const observed = Date.now();
  const scopes = new Map<string, OtlpLogRecord[]>();
  let hostname: string | undefined;
  let pid: number | undefined;
  for (const line of lines) {
    hostname ??= line.hostname;
    pid ??= line.pid;
    const scope = line.name ?? ROOT_SCOPE;
    let records = scopes.get(scope);
    if (records === undefined) scopes.set(scope, (records = []));
    records.push(logRecord(line, observed));
  }
  const resourceAttributes = keyValues(resource);
  const has = (key: string): boolean => resourceAttributes.some((kv) => kv.key === key);
  if (hostname !== undefined && !has("host.name")) resourceAttributes.push({ key: "host.name", value: { stringValue: hostname } });
  if (pid !== undefined && !has("process.pid")) resourceAttributes.push({ key: "process.pid", value: anyValue(pid) });
  return {
    resourceLogs: [
      {
        resource: { attributes: resourceAttributes },
        scopeLogs: [...scopes].map(([name, logRecords]) => ({ scope: { name }, logRecords })),
      },
    ],
  };
}
