/**
 * Reading an `otel` line back: strictly checked as one OTLP/JSON `ExportLogsServiceRequest`
 * against the official protos (test/helpers/otlp-proto.ts), then its one resource, scope and
 * record with AnyValues decoded to plain values, for assertions.
 */
import { expect } from "vitest";
import { otlpJsonProblems } from "../helpers/otlp-proto.js";
import { parseStrict } from "../helpers/strict-json.js";

type AnyValue = Record<string, unknown>;
type KeyValue = { key: string; value: AnyValue };

/** A plain value from an OTLP/JSON AnyValue (intValue as a number when it is safe, else a bigint). */
export function plainOf(v: AnyValue): unknown {
  if ("stringValue" in v) return v.stringValue;
  if ("boolValue" in v) return v.boolValue;
  if ("intValue" in v) {
    const n = BigInt(v.intValue as string);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("arrayValue" in v) return (((v.arrayValue as { values?: AnyValue[] }).values) ?? []).map(plainOf);
  if ("kvlistValue" in v) return attributesOf(((v.kvlistValue as { values?: KeyValue[] }).values) ?? []);
  return null;
}

/** KeyValues as an object; throws on a repeated key. */
export function attributesOf(list: KeyValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const { key, value } of list) {
    if (Object.hasOwn(out, key)) throw new Error(`repeated attribute ${JSON.stringify(key)}`);
    out[key] = plainOf(value);
  }
  return out;
}

/** One otel line, read. */
export interface OtelLine {
  /** The request as written. */
  readonly request: Record<string, any>;
  readonly resource: Record<string, unknown>;
  readonly scope: string | undefined;
  /** The log record as written. */
  readonly record: Record<string, any>;
  readonly attributes: Record<string, unknown>;
  readonly body: unknown;
}

/** Reads one `otel` line (with its `\n`), asserting it is one strict OTLP/JSON request with one record. */
export function readOtelLine(line: string): OtelLine {
  expect(line.endsWith("\n")).toBe(true);
  expect(line.slice(0, -1)).not.toMatch(/[\n\r\u2028\u2029]/);
  const request = parseStrict(line.slice(0, -1)) as Record<string, any>;
  expect(otlpJsonProblems(request)).toEqual([]);
  expect(request.resourceLogs).toHaveLength(1);
  const rl = request.resourceLogs[0];
  expect(rl.scopeLogs).toHaveLength(1);
  expect(rl.scopeLogs[0].logRecords).toHaveLength(1);
  const record = rl.scopeLogs[0].logRecords[0];
  return {
    request,
    resource: attributesOf(rl.resource?.attributes ?? []),
    scope: rl.scopeLogs[0].scope?.name,
    record,
    attributes: attributesOf(record.attributes ?? []),
    body: record.body === undefined ? undefined : plainOf(record.body),
  };
}
