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
 *   service, version, env → resource attributes service.name, service.version,
 *     deployment.environment.name (not repeated on each record when the resource says the same)
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
  [60, 21, "fatal"],
  [50, 17, "error"],
  [40, 13, "warn"],
  [30, 9, "info"],
  [20, 5, "debug"],
];

/**
 * OTLP severity number and text of a logweave level (pino's numbers; trace below 20). The text
 * is the level's own name, as the logs data model asks ("the original string representation")
 * and as OpenTelemetry's pino instrumentation sends it: `"info"`, not `"INFO"`.
 */
export function severityOf(level: number): { number: number; text: string } {
  for (const [min, number, text] of SEVERITY) if (level >= min) return { number, text };
  return { number: 1, text: "trace" };
}

/** Integers at least this large (in magnitude) do not fit an int64 and stay doubles. */
const INT64_LIMIT = 2 ** 63;

/** The OTLP value of a JSON value. */
export function anyValue(value: unknown): AnyValue {
  switch (typeof value) {
    case "string":
      return { stringValue: value };
    case "boolean":
      return { boolValue: value };
    case "number":
      // Every integral double below 2^63 is an exact int64 (2^60 included), as the OTel SDK sends it.
      return Number.isInteger(value) && Math.abs(value) < INT64_LIMIT ? { intValue: BigInt(value).toString() } : { doubleValue: value };
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

/**
 * The identity fields a line may carry (logweave's base fields, from LOGWEAVE_SERVICE,
 * LOGWEAVE_VERSION, LOGWEAVE_ENV) and the resource attribute each one is.
 */
const IDENTITY: ReadonlyArray<readonly [field: string, attribute: string]> = [
  ["service", "service.name"],
  ["version", "service.version"],
  ["env", "deployment.environment.name"],
];

/**
 * `service.name` when nothing names the service: `unknown_service:` and the executable, as the
 * OpenTelemetry SDK says it (`unknown_service:node`).
 */
export function defaultServiceName(): string {
  const argv0 = typeof process !== "undefined" ? process.argv0 : undefined;
  return argv0 ? `unknown_service:${argv0}` : "unknown_service";
}

/**
 * One line as an OTLP log record; `observed` is when the worker read it (epoch ms). A field in
 * `onResource` with the same value there is left out: the resource already says it.
 */
export function logRecord(line: LogLine, observed: number, onResource: ReadonlyMap<string, unknown> = new Map()): OtlpLogRecord {
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
    if (onResource.has(key) && onResource.get(key) === value) continue;
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
 * The request for `lines`: one resource (the process), one scope per logger name in order of
 * first appearance. The resource is `resource`, completed from the first line that has them
 * with `service.name`, `service.version`, `deployment.environment.name` (from the line's
 * `service`, `version`, `env`), `host.name` and `process.pid`; `service.name` is
 * {@link defaultServiceName} when nothing names the service. A record leaves out the identity
 * fields the resource already holds with the same value. Lines that are not JSON become records
 * with the text as body.
 */
export function exportRequest(lines: readonly LogLine[], resource: Readonly<Record<string, unknown>>): ExportLogsServiceRequest {
  const observed = Date.now();
  const attributes: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  Object.assign(attributes, resource);
  for (const [field, attribute] of IDENTITY) {
    if (attributes[attribute] !== undefined) continue;
    const line = lines.find((l) => typeof l.fields[field] === "string");
    if (line !== undefined) attributes[attribute] = line.fields[field];
  }
  attributes["service.name"] ??= defaultServiceName();
  const hostname = lines.find((l) => l.hostname !== undefined)?.hostname;
  const pid = lines.find((l) => l.pid !== undefined)?.pid;
  if (hostname !== undefined) attributes["host.name"] ??= hostname;
  if (pid !== undefined) attributes["process.pid"] ??= pid;

  const onResource = new Map<string, unknown>();
  for (const [field, attribute] of IDENTITY) if (attributes[attribute] !== undefined) onResource.set(field, attributes[attribute]);
  const scopes = new Map<string, OtlpLogRecord[]>();
  for (const line of lines) {
    const scope = line.name ?? ROOT_SCOPE;
    let records = scopes.get(scope);
    if (records === undefined) scopes.set(scope, (records = []));
    records.push(logRecord(line, observed, onResource));
  }
  const resourceAttributes = keyValues(attributes);
  return {
    resourceLogs: [
      {
        resource: { attributes: resourceAttributes },
        scopeLogs: [...scopes].map(([name, logRecords]) => ({ scope: { name }, logRecords })),
      },
    ],
  };
}
