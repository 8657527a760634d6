/**
 * OpenTelemetry trace ids on lines, with the real @opentelemetry/api and SDK: nothing before an
 * SDK registers, the active span's ids in every format once it has, and nothing outside a span.
 */
import { context, trace, type Span } from "@opentelemetry/api";
import { AsyncHooksContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure, getLogger, type Destination } from "../src/index.js";
import { enter, site as makeSite } from "./helpers/site-call.js";
import { logfmtRecord } from "./helpers/logfmt.js";
import { requestFields, resolveRequestOptions } from "../src/http/request-context.js";
import { parseStrict } from "./helpers/strict-json.js";
import { readOtelLine } from "./platforms/otlp-line.js";

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };
const record = () => parseStrict(lines.at(-1)!.slice(0, -1)) as Record<string, any>;

function inSpan<T>(fn: (span: Span) => T): T {
  return trace.getTracer("test").startActiveSpan("work", (span) => {
    try {
      return fn(span);
    } finally {
      span.end();
    }
  });
}

describe("without an OpenTelemetry SDK", () => {
  it("the runtime imports nothing from OpenTelemetry, so it loads when the api is not installed", () => {
    const src = path.join(import.meta.dirname, "..", "src");
    const files = fs.readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      expect(fs.readFileSync(path.join(src, f), "utf8"), f).not.toMatch(/(?:from|import\(|require\()\s*["']@opentelemetry/);
    }
  });

  it("writes no trace fields and reserves no trace keys", () => {
    configure({ level: "info", destination: collect, format: "json", base: null });
    getLogger("t").info("m", { trace_id: "mine" });
    expect(record()).toEqual({ level: 30, time: expect.any(Number), name: "t", msg: "m", trace_id: "mine" });
  });
});

const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

describe("logweave/http without an OpenTelemetry SDK", () => {
  it("puts the request's own trace ids in its context", () => {
    const fields = requestFields({ traceparent: TRACEPARENT }, resolveRequestOptions());
    expect(fields).toMatchObject({ trace_id: "4bf92f3577b34da6a3ce929d0e0e4736", parent_span_id: "00f067aa0ba902b7" });
  });
});

describe("with the SDK registered (BasicTracerProvider + AsyncHooksContextManager)", () => {
  const manager = new AsyncHooksContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider());
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it("logweave/http leaves the trace to OpenTelemetry: only request_id, so its ids are never renamed fields.trace_id", () => {
    const fields = requestFields({ traceparent: TRACEPARENT, "x-request-id": "r-1" }, resolveRequestOptions());
    expect(fields).toEqual({ request_id: "r-1" });
    configure({ format: "json" });
    getLogger("t").info("no span, no renamed ids");
    expect(Object.keys(record()).filter((k) => k.startsWith("fields."))).toEqual([]);
  });

  it("json: trace_id, span_id and trace_flags of the active span, on plain and transformer calls", () => {
    configure({ format: "json" });
    const site = makeSite({ level: 30, msg: '"from site"', file: "src/a.ts", line: 1 });
    const ids = inSpan((span) => {
      getLogger("t").info("m");
      enter(getLogger("t"), site)?.(site);
      return span.spanContext();
    });
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    for (const line of lines.slice(-2)) {
      expect(parseStrict(line.slice(0, -1))).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId, trace_flags: "01" });
    }
  });

  it("writes nothing outside a span, and follows the active span across awaits", async () => {
    configure({ format: "json" });
    getLogger("t").info("outside");
    expect(record().trace_id).toBeUndefined();
    const spanId = await trace.getTracer("test").startActiveSpan("async", async (span) => {
      await new Promise((r) => setTimeout(r, 1));
      getLogger("t").info("after await");
      span.end();
      return span.spanContext().spanId;
    });
    expect(record().span_id).toBe(spanId);
  });

  it("renames a user field named trace_id, so a line never has the key twice", () => {
    configure({ format: "json" });
    inSpan(() => getLogger("t").info("m", { trace_id: "mine" }));
    expect(record()["fields.trace_id"]).toBe("mine");
    expect(record().trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("otel: traceId, spanId and flags at the top level", () => {
    configure({ format: "otel" });
    const sc = inSpan((span) => {
      getLogger("t").info("m", { a: 1 });
      return span.spanContext();
    });
    const r = readOtelLine(lines.at(-1)!);
    expect(r.record).toMatchObject({ traceId: sc.traceId, spanId: sc.spanId, flags: 1 });
    expect(r.attributes).toEqual({ a: 1 });
  });

  it("gcp: logging.googleapis.com/trace (with the project when known), spanId and trace_sampled", () => {
    const saved = process.env.GOOGLE_CLOUD_PROJECT;
    process.env.GOOGLE_CLOUD_PROJECT = "my-project";
    try {
      configure({ format: "gcp" });
      const sc = inSpan((span) => {
        getLogger("t").info("m");
        return span.spanContext();
      });
      expect(record()).toMatchObject({
        "logging.googleapis.com/trace": `projects/my-project/traces/${sc.traceId}`,
        "logging.googleapis.com/spanId": sc.spanId,
        "logging.googleapis.com/trace_sampled": true,
      });
    } finally {
      if (saved === undefined) delete process.env.GOOGLE_CLOUD_PROJECT;
      else process.env.GOOGLE_CLOUD_PROJECT = saved;
    }
  });

  it("ecs: trace.id and span.id; logfmt: trace_id, span_id, trace_flags", () => {
    configure({ format: "ecs" });
    const sc = inSpan((span) => {
      getLogger("t").info("m");
      return span.spanContext();
    });
    expect(record()).toMatchObject({ "trace.id": sc.traceId, "span.id": sc.spanId });
    configure({ format: "logfmt" });
    const sc2 = inSpan((span) => {
      getLogger("t").info("m");
      return span.spanContext();
    });
    expect(logfmtRecord(lines.at(-1)!.slice(0, -1))).toMatchObject({ trace_id: sc2.traceId, span_id: sc2.spanId, trace_flags: "01" });
  });

  it("traceIds: false turns it off", () => {
    configure({ format: "json", traceIds: false });
    inSpan(() => getLogger("t").info("m"));
    expect(record().trace_id).toBeUndefined();
    configure({ traceIds: true });
  });

  it("a span whose ids are not hex is never written, and a throwing context manager does not escape", () => {
    configure({ format: "json" });
    const fake = trace.wrapSpanContext({ traceId: 'x"}\n', spanId: "0000000000000001", traceFlags: 1 });
    context.with(trace.setSpan(context.active(), fake), () => getLogger("t").info("bad ids"));
    expect(record().trace_id).toBeUndefined();
    const active = manager.active;
    manager.active = () => {
      throw new Error("broken manager");
    };
    try {
      expect(() => getLogger("t").info("still logs")).not.toThrow();
      expect(record().msg).toBe("still logs");
    } finally {
      manager.active = active;
    }
  });
});
