/**
 * The OTLP transport judged by references it did not write:
 *
 * - the official protos (opentelemetry-proto, vendored at a pinned release) decoded strictly
 *   with protobufjs: every request the transport sends must conform and survive the binary
 *   round trip;
 * - OpenTelemetry's own pino instrumentation + SDK + OTLP serializer fed the very same JSON
 *   lines: the records must match field by field, except for the differences listed (and
 *   asserted) here, each made on purpose;
 * - the official OTLP/HTTP logs exporter's configuration code and OTel's resource detector, on
 *   the same environment variables.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { context, ROOT_CONTEXT, trace, type TraceFlags } from "@opentelemetry/api";
import { logs } from "@opentelemetry/api-logs";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { parseKeyPairsIntoRecord } from "@opentelemetry/core";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTelPinoStream } from "@opentelemetry/instrumentation-pino/build/src/log-sending-utils.js";
import { convertLegacyHttpOptions } from "@opentelemetry/otlp-exporter-base/node-http";
import { JsonLogsSerializer, ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";
import { envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import fc from "fast-check";
import pino from "pino";
import type protobuf from "protobufjs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseHeaderList, parseResourceAttributes } from "../src/transports/otlp-env.js";
import { otlpSinkOptions } from "../src/transports/otlp-options.js";
import { ExportLogsServiceRequest, OTLP_PROTO_VERSION, otlpJsonProblems } from "./helpers/otlp-proto.js";
import { OtlpReceiver } from "./helpers/otlp-receiver.js";

/** The references, by version (package.json pins them). */
const REFERENCES = {
  "opentelemetry-proto": OTLP_PROTO_VERSION,
  protobufjs: "8.8.1",
  "@opentelemetry/instrumentation-pino": "0.69.0",
  "@opentelemetry/sdk-logs": "0.223.0",
  "@opentelemetry/otlp-transformer": "0.223.0",
  "@opentelemetry/exporter-logs-otlp-http": "0.223.0",
  "@opentelemetry/resources": "2.12.0",
  "@opentelemetry/core": "2.12.0",
};

function installedVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.resolve("node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

function built(file: string): string {
  const full = path.resolve("dist/src", file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first`);
  return pathToFileURL(full).href;
}

const { configure, getLogger, memoryDestination, withContext } = (await import(built("index.js"))) as typeof import("../src/index.js");
const { otlpTransport } = (await import(built("transports/index.js"))) as typeof import("../src/transports/index.js");

it("the references are the versions this suite was written against", () => {
  for (const [name, version] of Object.entries(REFERENCES)) {
    if (name === "opentelemetry-proto") continue;
    expect(installedVersion(name), name).toBe(version);
  }
  const readme = fs.readFileSync("test/vendor/opentelemetry-proto/README.md", "utf8");
  expect(readme).toContain(OTLP_PROTO_VERSION.split(" ")[1]!.slice(1, -1));
});

describe(`the strict OTLP/JSON check (opentelemetry-proto ${OTLP_PROTO_VERSION}, protobufjs)`, () => {
  const request = (record: Record<string, unknown>): unknown => ({
    resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ scope: { name: "s" }, logRecords: [record] }] }],
  });
  const good = { timeUnixNano: "1", severityNumber: 9, severityText: "info", body: { stringValue: "m" } };

  it("accepts the official logs example", () => {
    const example: unknown = JSON.parse(fs.readFileSync("test/vendor/opentelemetry-proto/examples/logs.json", "utf8"));
    expect(otlpJsonProblems(example)).toEqual([]);
  });

  it("accepts a well-formed record", () => {
    expect(otlpJsonProblems(request(good))).toEqual([]);
  });

  const bad: Array<[string, Record<string, unknown>]> = [
    ["a snake_case field name", { ...good, time_unix_nano: "1" }],
    ["a misspelt field", { ...good, severity: 9 }],
    ["a time that is not an integer", { ...good, timeUnixNano: "1.5" }],
    ["a 64-bit integer as a JSON number", { ...good, timeUnixNano: 1 }],
    ["a severity outside the enum", { ...good, severityNumber: 25 }],
    ["a severity by name", { ...good, severityNumber: "SEVERITY_NUMBER_INFO" }],
    ["two members of a oneof", { ...good, body: { stringValue: "m", intValue: "1" } }],
    ["a base64 trace id", { ...good, traceId: "AAECAwQFBgcICQoLDA0ODw==" }],
    ["a short span id", { ...good, spanId: "00f067aa" }],
    ["a string value that is a number", { ...good, attributes: [{ key: "k", value: { stringValue: 1 } }] }],
    ["a null member", { ...good, body: null }],
    ["flags out of range", { ...good, flags: 2 ** 32 }],
  ];
  for (const [what, record] of bad) {
    it(`rejects ${what}`, () => {
      expect(otlpJsonProblems(request(record))).not.toEqual([]);
    });
  }
});

/** A request as the official protos see it: decoded leniently by protobufjs (numbers or strings for int64), as plain data. */
function asProto(json: unknown): Record<string, unknown> {
  const withBytes = JSON.parse(JSON.stringify(json), (key, value: unknown) =>
    (key === "traceId" || key === "spanId") && typeof value === "string" ? Buffer.from(value, "hex").toString("base64") : value,
  ) as Record<string, unknown>;
  const message = ExportLogsServiceRequest.fromObject(withBytes);
  return ExportLogsServiceRequest.toObject(message, { longs: String, enums: Number, bytes: String, defaults: false }) as Record<string, unknown>;
}

type ProtoRecord = Record<string, unknown> & { attributes?: Array<{ key: string; value: unknown }> };
type ProtoRequest = { resourceLogs: Array<{ resource: { attributes: Array<{ key: string; value: unknown }> }; scopeLogs: Array<{ scope: { name: string }; logRecords: ProtoRecord[] }> }> };

function recordsOf(request: Record<string, unknown>): ProtoRecord[] {
  return (request as unknown as ProtoRequest).resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords));
}

function attributeMap(list: Array<{ key: string; value: unknown }> | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, kv.value]));
}

describe("the same lines through OpenTelemetry's pino instrumentation, SDK and OTLP serializer", () => {
  const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  const SPAN = "00f067aa0ba902b7";
  let receiver: OtlpReceiver;
  let lines: string[];
  let ours: ProtoRecord[];
  let reference: ProtoRecord[];
  let oursRaw: unknown;
  let referenceProtobuf: Record<string, unknown>;
  let referenceJson: Record<string, unknown>;

  beforeAll(async () => {
    // The calls, through logweave, into lines.
    const memory = memoryDestination();
    configure({ destination: memory, level: "trace", format: "json", base: { pid: 4242, hostname: "web-1" } });
    const log = getLogger("checkout");
    log.info("User login", { userId: 42, ratio: 0.5, ok: true, tags: ["a", 1, { b: false }], geo: { city: "Oslo", n: { deep: 1 } }, big: 2 ** 60, neg: -7 });
    log.warn("slow", { ms: 1234.5, empty: "", list: [] });
    withContext({ trace_id: TRACE, span_id: SPAN, trace_flags: "01", request_id: "r-1" }, () => log.info("in a trace", { step: 3 }));
    log.error("failed", { err: new RangeError("out of range") });
    getLogger("checkout").child({ tenant: "acme" }).debug("from a child", { n: 1 });
    log.trace("fine detail");
    log.fatal("going down", { code: 99 });
    lines = [...memory.lines];
    configure({ destination: "stdout" });

    // logweave's transport.
    receiver = await OtlpReceiver.start();
    const transport = otlpTransport({ url: receiver.url, serviceName: "checkout", resourceAttributes: { "service.version": "1.2.3" } });
    for (const line of lines) transport.write(line + "\n");
    await transport.flush();
    await transport.close();
    oursRaw = receiver.requests[0]?.body;
    ours = recordsOf(asProto(oursRaw));

    // The reference: OTelPinoStream reads the lines as pino's transport stream would.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ "service.name": "checkout", "service.version": "1.2.3" }),
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    logs.setGlobalLoggerProvider(provider);
    const stream = new OTelPinoStream({ messageKey: "msg", errorKey: "err", levels: pino.levels, otelTimestampFromTime: (t: number) => t });
    for (const line of lines) {
      const parsed = JSON.parse(line) as { level: number; trace_id?: string; span_id?: string; trace_flags?: string };
      (stream as unknown as { lastLevel: number }).lastLevel = parsed.level; // as pino sets it before each write
      // The instrumentation takes trace ids from the active span, as pino's mixin put them on the line.
      const active =
        parsed.trace_id === undefined
          ? ROOT_CONTEXT
          : trace.setSpanContext(ROOT_CONTEXT, { traceId: parsed.trace_id, spanId: parsed.span_id!, traceFlags: parseInt(parsed.trace_flags ?? "0", 16) as TraceFlags });
      context.with(active, () => stream.write(line));
    }
    const finished = exporter.getFinishedLogRecords();
    referenceJson = JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(finished))) as Record<string, unknown>;
    referenceProtobuf = ExportLogsServiceRequest.toObject(ExportLogsServiceRequest.decode(ProtobufLogsSerializer.serializeRequest(finished)!), {
      longs: String,
      enums: Number,
      bytes: String,
      defaults: false,
    }) as Record<string, unknown>;
    reference = recordsOf(asProto(referenceJson));
    await provider.shutdown();
  });
  afterAll(async () => {
    await receiver.close();
    logs.disable();
    context.disable();
  });

  it("logweave's request passes the strict check, and the reference's JSON and protobuf exports agree with each other", () => {
    expect(receiver.invalid()).toEqual([]);
    expect(otlpJsonProblems(oursRaw)).toEqual([]);
    expect(asProto(referenceJson)).toEqual(referenceProtobuf);
    expect(ours).toHaveLength(lines.length);
    expect(reference).toHaveLength(lines.length);
  });

  it("time, severity number and text, body and trace context match record for record", () => {
    const core = (r: ProtoRecord): unknown => ({
      timeUnixNano: r.timeUnixNano,
      severityNumber: r.severityNumber,
      severityText: r.severityText,
      body: r.body,
      traceId: r.traceId,
      spanId: r.spanId,
      flags: r.flags,
    });
    expect(ours.map(core)).toEqual(reference.map(core));
  });

  it("attributes match, apart from the differences made on purpose", () => {
    for (let i = 0; i < lines.length; i++) {
      const mine = attributeMap(ours[i]!.attributes);
      const theirs = attributeMap(reference[i]!.attributes);
      // On purpose: the logger name is the record's instrumentation scope, not an attribute.
      delete theirs.name;
      // On purpose: error properties beyond type, message and stack stay under `err` (the reference drops them).
      delete mine.err;
      expect(mine, lines[i]).toEqual(theirs);
    }
  });

  it("differences made on purpose: the scope is the logger name; pid and hostname are on the resource", () => {
    const request = asProto(oursRaw) as unknown as ProtoRequest;
    expect(request.resourceLogs[0]!.scopeLogs.map((s) => s.scope.name)).toEqual(["checkout"]);
    expect(attributeMap(request.resourceLogs[0]!.resource.attributes)).toEqual({
      "service.name": { stringValue: "checkout" },
      "service.version": { stringValue: "1.2.3" },
      "host.name": { stringValue: "web-1" },
      "process.pid": { intValue: "4242" },
    });
    // The reference's resource holds what it was given (plus the SDK's own telemetry.sdk.*).
    const theirs = attributeMap((referenceJson as unknown as ProtoRequest).resourceLogs[0]!.resource.attributes);
    expect(theirs).toMatchObject({ "service.name": { stringValue: "checkout" }, "service.version": { stringValue: "1.2.3" } });
  });

  it("difference made on purpose: exception.type is the error's type, not its code", () => {
    const line = JSON.stringify({ level: 50, time: 1, msg: "coded", err: { type: "TypeError", message: "bad", stack: "TypeError: bad", code: "E_BAD" } });
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
    logs.disable(); // the global provider is set once; replace the suite's
    logs.setGlobalLoggerProvider(provider);
    const stream = new OTelPinoStream({ messageKey: "msg", errorKey: "err", levels: pino.levels, otelTimestampFromTime: (t: number) => t });
    (stream as unknown as { lastLevel: number }).lastLevel = 50;
    stream.write(line);
    const [theirs] = recordsOf(asProto(JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(exporter.getFinishedLogRecords())))));
    expect(attributeMap(theirs!.attributes)["exception.type"]).toEqual({ stringValue: "E_BAD" });
    logs.disable();
  });
});

describe("configuration from the environment, read as the official OTLP/HTTP logs exporter reads it", () => {
  const saved = { ...process.env };
  const OTEL_KEYS = (): string[] => Object.keys(process.env).filter((k) => k.startsWith("OTEL_") || k.startsWith("LOGWEAVE_"));
  beforeEach(() => {
    for (const key of OTEL_KEYS()) delete process.env[key];
  });
  afterEach(() => {
    for (const key of OTEL_KEYS()) delete process.env[key];
    Object.assign(process.env, saved);
  });

  /** The official exporter's resolved settings for the current environment. */
  async function official(): Promise<{ url: string; timeoutMs: number; compression: string; headers: Record<string, string> }> {
    const config = convertLegacyHttpOptions({}, "LOGS", "v1/logs", { "Content-Type": "application/json" });
    const headers = { ...(await config.headers()) } as Record<string, string>;
    delete headers["Content-Type"];
    return { url: config.url, timeoutMs: config.timeoutMillis, compression: config.compression, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) };
  }

  /** logweave's resolved settings for the current environment (its own user-agent aside). */
  function logweave(): { url: string; timeoutMs: number; compression: string; headers: Record<string, string> } {
    const options = otlpSinkOptions({}, process.env);
    const headers = { ...options.headers };
    delete headers["user-agent"];
    return { url: options.url, timeoutMs: options.timeoutMs, compression: options.compression, headers };
  }

  const cases: Array<Record<string, string>> = [
    {},
    { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" },
    { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" },
    { OTEL_EXPORTER_OTLP_ENDPOINT: "https://collector.example.com/otlp/prefix" },
    { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/mypath/" },
    { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: "http://collector:4318" },
    { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: "http://collector:4318/custom/logs", OTEL_EXPORTER_OTLP_ENDPOINT: "http://other:4318" },
    { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: "not a url", OTEL_EXPORTER_OTLP_ENDPOINT: "http://fallback:4318" },
    { OTEL_EXPORTER_OTLP_HEADERS: "api-key=abc,x-tenant=t%201", OTEL_EXPORTER_OTLP_LOGS_HEADERS: "x-tenant=logs" },
    { OTEL_EXPORTER_OTLP_HEADERS: " a = 1 , b=2;meta, =x, c=" },
    { OTEL_EXPORTER_OTLP_TIMEOUT: "2500" },
    { OTEL_EXPORTER_OTLP_TIMEOUT: "2500", OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: "700" },
    { OTEL_EXPORTER_OTLP_TIMEOUT: "-1" },
    { OTEL_EXPORTER_OTLP_TIMEOUT: "soon" },
    { OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: "0", OTEL_EXPORTER_OTLP_TIMEOUT: "900" },
    { OTEL_EXPORTER_OTLP_COMPRESSION: "gzip" },
    { OTEL_EXPORTER_OTLP_COMPRESSION: " gzip " },
    { OTEL_EXPORTER_OTLP_COMPRESSION: "gzip", OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: "none" },
    { OTEL_EXPORTER_OTLP_COMPRESSION: "brotli" },
  ];
  for (const env of cases) {
    it(`resolves ${JSON.stringify(env)} as the official exporter does`, async () => {
      Object.assign(process.env, env);
      const expected = await official();
      expect(logweave()).toEqual({ ...expected, headers: expected.headers });
    });
  }

  it("a base endpoint with a query keeps it after the signal path (the official exporter appends the path after the query)", async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = "http://collector:4318/base?tenant=a";
    expect(logweave().url).toBe("http://collector:4318/base/v1/logs?tenant=a");
    expect((await official()).url).toBe("http://collector:4318/base?tenant=a/v1/logs");
  });

  it("the header list parser agrees with OpenTelemetry's on any input", () => {
    const piece = fc.constantFrom("a", "B", "k1", "=", ",", ";", " ", "%", "%20", "%2C", "%3D", "%E2%82%AC", "%E2", "é", "x=y", "\t");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }).map((parts) => parts.join("")), (text) => {
        expect({ ...parseHeaderList(text) }).toEqual(parseKeyPairsIntoRecord(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it("OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME are read as OpenTelemetry's envDetector reads them, on any input", () => {
    const piece = fc.constantFrom("a", "k.b", "=", ",", " ", "%", "%20", "%2C", "%3D", "%E2%82%AC", "%E2", "é", "service.name=s", "x".repeat(130));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }).map((parts) => parts.join("")), fc.option(fc.constantFrom("svc", " ", "checkout")), (text, service) => {
        process.env.OTEL_RESOURCE_ATTRIBUTES = text;
        if (service === null) delete process.env.OTEL_SERVICE_NAME;
        else process.env.OTEL_SERVICE_NAME = service;
        const theirs = envDetector.detect().attributes ?? {};
        const parsed = parseResourceAttributes(text);
        const mine: Record<string, unknown> = text.trim() === "" || typeof parsed === "string" ? {} : { ...parsed };
        if (service !== null && service.trim() !== "") mine["service.name"] = service;
        expect(mine).toEqual(theirs);
      }),
      { numRuns: 2_000 },
    );
  });

  it("the official exporter and logweave, configured only by the environment, send to the same path with the same headers and encoding", async () => {
    const receiver = await OtlpReceiver.start();
    try {
      Object.assign(process.env, {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url.replace(/\/v1\/logs$/, "/mypath"),
        OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=s%20e%2Ccret,x-team=core",
        OTEL_EXPORTER_OTLP_LOGS_HEADERS: "x-team=logs",
        OTEL_EXPORTER_OTLP_COMPRESSION: "gzip",
      });
      const exporter = new OTLPLogExporter();
      const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
      provider.getLogger("official").emit({ body: "hello" });
      await provider.forceFlush();
      await provider.shutdown();
      const transport = otlpTransport();
      transport.write(JSON.stringify({ level: 30, time: Date.now(), msg: "hello" }) + "\n");
      await transport.flush();
      await transport.close();
      const [theirs, mine] = receiver.requests;
      expect(mine!.path).toBe(theirs!.path);
      expect(mine!.path).toBe("/mypath/v1/logs");
      for (const header of ["x-api-key", "x-team", "content-encoding", "content-type"]) {
        expect(mine!.headers[header], header).toBe(theirs!.headers[header]);
      }
      expect(theirs!.headers["user-agent"]).toMatch(/^OTel-OTLP-Exporter-JavaScript\//);
      expect(mine!.headers["user-agent"]).toMatch(/^logweave\/\d+\.\d+\.\d+ node\/\d+/);
      expect(receiver.invalid()).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it("LOGWEAVE_SERVICE wins over OTEL_SERVICE_NAME, which wins over OTEL_RESOURCE_ATTRIBUTES; options win over all", () => {
    process.env.OTEL_RESOURCE_ATTRIBUTES = "service.name=from-attributes,service.version=0.9,deployment.environment.name=dev,team=core";
    expect(otlpSinkOptions({}, process.env).resource).toEqual({
      "service.name": "from-attributes",
      "service.version": "0.9",
      "deployment.environment.name": "dev",
      team: "core",
    });
    process.env.OTEL_SERVICE_NAME = "from-otel";
    expect(otlpSinkOptions({}, process.env).resource["service.name"]).toBe("from-otel");
    Object.assign(process.env, { LOGWEAVE_SERVICE: "from-logweave", LOGWEAVE_VERSION: "2.0.0", LOGWEAVE_ENV: "production" });
    expect(otlpSinkOptions({}, process.env).resource).toEqual({
      "service.name": "from-logweave",
      "service.version": "2.0.0",
      "deployment.environment.name": "production",
      team: "core",
    });
    expect(otlpSinkOptions({ serviceName: "opt", resourceAttributes: { "service.version": "3", team: "x" } }, process.env).resource).toEqual({
      "service.name": "opt",
      "service.version": "3",
      "deployment.environment.name": "production",
      team: "x",
    });
  });
});

// protobufjs is the decoder every strict check above relies on: make sure it is the real one.
it("protobufjs decodes with the official field numbers", () => {
  const field = (ExportLogsServiceRequest.lookupType("opentelemetry.proto.logs.v1.LogRecord") as protobuf.Type).fields.timeUnixNano;
  expect(field?.id).toBe(1);
});
