/**
 * The `otel` format judged by references it did not write: each line decoded strictly as one
 * `ExportLogsServiceRequest` with the official protos (opentelemetry-proto, vendored), and
 * compared field by field with what OpenTelemetry's own pino instrumentation, SDK and OTLP
 * JSON serializer (`@opentelemetry/otlp-transformer`) produce from the same calls.
 */
import { context, ROOT_CONTEXT, trace, type TraceFlags } from "@opentelemetry/api";
import { logs } from "@opentelemetry/api-logs";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTelPinoStream } from "@opentelemetry/instrumentation-pino/build/src/log-sending-utils.js";
import { JsonLogsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { configure, getLogger, withContext, type Destination } from "../../src/index.js";
import { enter, site as makeSite } from "../helpers/site-call.js";
import { ExportLogsServiceRequest, OTLP_PROTO_VERSION } from "../helpers/otlp-proto.js";
import { readOtelLine } from "./otlp-line.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0, 123);

const ERR = new RangeError("out of range");

/** The calls, made through one logger. */
function calls(log: ReturnType<typeof getLogger>): void {
  log.info("User login", { userId: 42, ratio: 0.5, ok: true, tags: ["a", 1, { b: false }], geo: { city: "Oslo", n: { deep: 1 } }, big: 2 ** 60, neg: -7, none: null });
  log.warn("slow", { ms: 1234.5, empty: "", list: [] });
  withContext({ trace_id: TRACE, span_id: SPAN, trace_flags: "01", request_id: "r-1" }, () => log.info("in a trace", { step: 3 }));
  log.error("failed", { err: ERR });
  log.child({ tenant: "acme" }).debug("from a child", { n: 1 });
  log.trace("fine detail");
  log.fatal("going down", { code: 99 });
}

/** An OTLP/JSON request as protobufjs sees it (ids as base64, int64 as strings, defaults left out). */
function asProto(json: unknown): Record<string, any> {
  const withBytes = JSON.parse(JSON.stringify(json), (key, value: unknown) =>
    (key === "traceId" || key === "spanId") && typeof value === "string" ? Buffer.from(value, "hex").toString("base64") : value,
  ) as Record<string, unknown>;
  return ExportLogsServiceRequest.toObject(ExportLogsServiceRequest.fromObject(withBytes), { longs: String, enums: Number, bytes: String, defaults: false }) as Record<string, any>;
}

const byKey = (list: Array<{ key: string; value: unknown }> | undefined) => Object.fromEntries((list ?? []).map((kv) => [kv.key, kv.value]));

describe(`otel lines against the OpenTelemetry SDK + otlp-transformer and the official protos (${OTLP_PROTO_VERSION})`, () => {
  let otelLines: string[];
  let ours: Array<Record<string, any>>;
  let theirs: Array<Record<string, any>>;
  let theirResource: Record<string, unknown>;

  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    const lines: string[] = [];
    const collect: Destination = { write: (l) => void lines.push(l) };
    const base = { pid: 4242, hostname: "web-1", service: "checkout", version: "1.2.3" };
    // The same calls, as json (fed to OpenTelemetry's pino stream) and as otel.
    configure({ level: "trace", destination: collect, format: "json", base, limits: {}, redact: {}, eventIds: false, sample: undefined });
    calls(getLogger("checkout"));
    const jsonLines = lines.splice(0);
    configure({ format: "otel" });
    calls(getLogger("checkout"));
    otelLines = lines.splice(0);
    vi.useRealTimers();

    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ "service.name": "checkout", "service.version": "1.2.3", "host.name": "web-1", "process.pid": 4242 }),
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    logs.setGlobalLoggerProvider(provider);
    const stream = new OTelPinoStream({ messageKey: "msg", errorKey: "err", levels: pino.levels, otelTimestampFromTime: (t: number) => t });
    for (const line of jsonLines) {
      const parsed = JSON.parse(line) as { level: number; trace_id?: string; span_id?: string; trace_flags?: string };
      (stream as unknown as { lastLevel: number }).lastLevel = parsed.level;
      const active = parsed.trace_id === undefined
        ? ROOT_CONTEXT
        : trace.setSpanContext(ROOT_CONTEXT, { traceId: parsed.trace_id, spanId: parsed.span_id!, traceFlags: parseInt(parsed.trace_flags ?? "0", 16) as TraceFlags });
      context.with(active, () => stream.write(line));
    }
    const request = asProto(JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(exporter.getFinishedLogRecords()))));
    theirs = request.resourceLogs.flatMap((rl: any) => rl.scopeLogs.flatMap((sl: any) => sl.logRecords));
    theirResource = byKey(request.resourceLogs[0].resource.attributes);
    ours = otelLines.map((l) => asProto(readOtelLine(l).request).resourceLogs[0].scopeLogs[0].logRecords[0]);
  });
  afterAll(() => {
    logs.disable();
    context.disable();
  });

  it("every line is one strict OTLP/JSON request (official protos, binary round trip)", () => {
    expect(otelLines).toHaveLength(7);
    for (const line of otelLines) readOtelLine(line);
    expect(theirs).toHaveLength(7);
  });

  it("time, severity number and text, body and trace context match record for record", () => {
    const core = (r: Record<string, any>) => ({ timeUnixNano: r.timeUnixNano, severityNumber: r.severityNumber, severityText: r.severityText, body: r.body, traceId: r.traceId, spanId: r.spanId, flags: r.flags });
    expect(ours.map(core)).toEqual(theirs.map(core));
    expect(ours[0]!.timeUnixNano).toBe(String(NOW) + "000000");
  });

  it("attributes match, apart from the differences made on purpose", () => {
    for (let i = 0; i < ours.length; i++) {
      const mine = byKey(ours[i]!.attributes);
      const ref = byKey(theirs[i]!.attributes);
      // On purpose: the logger name is the scope, and service/version are on the resource, not on each record.
      for (const k of ["name", "service", "version"]) delete ref[k];
      expect(mine, otelLines[i]).toEqual(ref);
    }
  });

  it("differences made on purpose: scope is the logger name; the resource holds service, version, host and pid", () => {
    for (const line of otelLines) {
      const r = readOtelLine(line);
      expect(r.scope).toBe("checkout");
      expect(r.resource).toEqual({ "service.name": "checkout", "service.version": "1.2.3", "host.name": "web-1", "process.pid": 4242 });
    }
    expect(theirResource).toMatchObject({ "service.name": { stringValue: "checkout" }, "process.pid": { intValue: "4242" } });
  });

  it("a call site's location is the code.* attributes, an error's parts exception.*", () => {
    const lines: string[] = [];
    configure({ destination: { write: (l) => void lines.push(l) }, format: "otel" });
    const site = makeSite({ level: 50, msg: '"failed"', fields: [{ key: "err", type: "any" }], file: "src/pay.ts", line: 9, column: 3, function: "pay" });
    const err = new TypeError("declined");
    enter(getLogger("pay"), site)?.(site, err);
    expect(readOtelLine(lines[0]!).attributes).toEqual({
      "exception.type": "TypeError", "exception.message": "declined", "exception.stacktrace": err.stack,
      "code.file.path": "src/pay.ts", "code.line.number": 9, "code.column.number": 3, "code.function.name": "pay",
    });
  });

  it("whatever the fields, every line is a strict request whose attributes read back as the json line's fields (fast-check)", () => {
    const lines: string[] = [];
    const key = fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom("err", "trace_id", "code.file.path", "__proto__", "attributes"));
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.bigInt());
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, leaf, tie("object"), tie("array")),
      object: fc.dictionary(key, tie("value"), { maxKeys: 3 }),
      array: fc.array(tie("value"), { maxLength: 3 }),
    }));
    configure({ destination: { write: (l) => void lines.push(l) } });
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), (fields) => {
        lines.length = 0;
        configure({ format: "json" });
        getLogger("p").info("m", fields);
        configure({ format: "otel" });
        getLogger("p").info("m", fields);
        const json = JSON.parse(lines[0]!) as Record<string, unknown>;
        const r = readOtelLine(lines[1]!);
        for (const k of ["level", "time", "pid", "hostname", "name", "msg", "service", "version"]) delete json[k];
        // Each format renames user fields named like its own keys (json: fields.name; otel: fields.code.file.path).
        const unrenamed = (o: Record<string, unknown>): Record<string, unknown> => {
          for (const k of Object.keys(o)) {
            const plain = k.slice("fields.".length);
            if (k.startsWith("fields.") && !(plain in o)) {
              o[plain] = o[k];
              delete o[k];
            }
          }
          return o;
        };
        unrenamed(json);
        const attributes = unrenamed({ ...r.attributes });
        // Integers beyond 2^53 read back as bigints from intValue; compare through JSON.
        const norm = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? Number(x) : x)));
        if (!("err" in json)) expect(norm(attributes)).toEqual(norm(json));
      }),
      { numRuns: 200 },
    );
  });
});

describe("otel lines are UTF-8 text wherever a lone surrogate comes from", () => {
  it("the message, a template hole, keys and values, nested values, bindings, context, the logger name and an error become U+FFFD", () => {
    const lines: string[] = [];
    configure({ format: "otel", destination: { write: (l) => void lines.push(l) } });
    const lone = "a\ud800b";
    const err = new Error(`bad ${lone}`);
    const log = getLogger(`svc${lone}`).child({ [`bound${lone}`]: lone });
    withContext({ ctx: lone }, () => {
      log.info(`msg ${lone}`, { [`key${lone}`]: lone, nested: { deep: [lone] }, err });
      // A transformed call: its hole, a typed and an untyped value, a static value and key.
      const holder = makeSite({ level: 30, method: "info", template: ["hole ", ""], fields: [{ key: `s${lone}`, type: "string" }, { key: "v", type: "any" }, { key: `st${lone}`, json: JSON.stringify(lone) }], file: "f.ts", line: 1 });
      enter(log, holder)?.(holder, lone, lone, { in: [lone] });
    });
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toMatch(/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/);
      const r = readOtelLine(line);
      const text = JSON.stringify(r.request);
      expect(text).not.toMatch(/[\ud800-\udfff]/);
      expect(r.scope).toBe("svca\ufffdb");
      expect(r.attributes["bounda\ufffdb"]).toBe("a\ufffdb");
      expect(r.attributes.ctx).toBe("a\ufffdb");
    }
    const first = readOtelLine(lines[0]!);
    expect(first.body).toBe("msg a\ufffdb");
    expect(first.attributes["keya\ufffdb"]).toBe("a\ufffdb");
    expect(first.attributes.nested).toEqual({ deep: ["a\ufffdb"] });
    expect(first.attributes["exception.message"]).toBe("bad a\ufffdb");
    const second = readOtelLine(lines[1]!);
    expect(second.body).toBe("hole a\ufffdb");
    expect([second.attributes["sa\ufffdb"], second.attributes.v, second.attributes["sta\ufffdb"]]).toEqual(["a\ufffdb", { in: ["a\ufffdb"] }, "a\ufffdb"]);
  });
});
