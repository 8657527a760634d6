/**
 * logweave lines as OTLP log records: values, severities, ids, errors and call sites.
 */
import { describe, expect, it } from "vitest";
import { parseLine } from "../src/transports/line.js";
import { anyValue, exportRequest, logRecord, severityOf } from "../src/transports/otlp-records.js";

describe("OTLP mapping", () => {
  it("gives each JSON value its AnyValue member", () => {
    expect(anyValue("s")).toEqual({ stringValue: "s" });
    expect(anyValue(false)).toEqual({ boolValue: false });
    expect(anyValue(-3)).toEqual({ intValue: "-3" });
    expect(anyValue(1.25)).toEqual({ doubleValue: 1.25 });
    expect(anyValue(2 ** 53)).toEqual({ intValue: "9007199254740992" });
    expect(anyValue(-(2 ** 62))).toEqual({ intValue: "-4611686018427387904" });
    expect(anyValue(2 ** 63)).toEqual({ doubleValue: 2 ** 63 });
    expect(anyValue(null)).toEqual({});
    expect(anyValue([{ a: [] }])).toEqual({ arrayValue: { values: [{ kvlistValue: { values: [{ key: "a", value: { arrayValue: { values: [] } } }] } }] } });
  });

  it("maps the six levels to the first severity number of each range", () => {
    expect([10, 20, 30, 40, 50, 60].map((l) => severityOf(l))).toEqual([
      { number: 1, text: "trace" },
      { number: 5, text: "debug" },
      { number: 9, text: "info" },
      { number: 13, text: "warn" },
      { number: 17, text: "error" },
      { number: 21, text: "fatal" },
    ]);
  });

  it("turns the caller into code.* attributes and time into nanoseconds", () => {
    const line = parseLine('{"level":30,"time":1732521600123,"msg":"m","caller":{"file":"src/a.ts","line":3,"column":5,"function":"f"}}');
    const record = logRecord(line, 0);
    expect(record.timeUnixNano).toBe("1732521600123000000");
    expect(record.attributes).toEqual([
      { key: "code.file.path", value: { stringValue: "src/a.ts" } },
      { key: "code.line.number", value: { intValue: "3" } },
      { key: "code.column.number", value: { intValue: "5" } },
      { key: "code.function.name", value: { stringValue: "f" } },
    ]);
  });

  it("keeps malformed trace ids as plain attributes instead of trusting them", () => {
    const record = logRecord(parseLine('{"level":30,"time":1,"msg":"m","trace_id":"xyz","span_id":"0000000000000000","trace_flags":"zz"}'), 0);
    expect(record.traceId).toBeUndefined();
    expect(record.spanId).toBeUndefined();
    expect(record.flags).toBeUndefined();
    expect(record.attributes.map((kv) => kv.key)).toEqual(["trace_id", "span_id", "trace_flags"]);
  });

  it("sends a line that is not JSON with its text as the body", () => {
    const record = logRecord(parseLine("INFO plain text"), 0);
    expect(record.body).toEqual({ stringValue: "INFO plain text" });
    expect(record.severityNumber).toBe(9);
  });

  it("groups records by logger name, each scope once, in order of first appearance", () => {
    const lines = ['{"level":30,"time":1,"name":"a","msg":"1"}', '{"level":30,"time":1,"name":"b","msg":"2"}', '{"level":30,"time":1,"name":"a","msg":"3"}'].map(parseLine);
    const request = exportRequest(lines, { "service.name": "svc" });
    expect(request.resourceLogs[0]!.scopeLogs.map((s) => [s.scope.name, s.logRecords.map((r) => (r.body as { stringValue: string }).stringValue)])).toEqual([
      ["a", ["1", "3"]],
      ["b", ["2"]],
    ]);
    expect(request.resourceLogs[0]!.resource.attributes).toEqual([{ key: "service.name", value: { stringValue: "svc" } }]);
  });
});
