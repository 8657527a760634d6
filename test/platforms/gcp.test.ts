/**
 * The `gcp` format judged by Google's own `@google-cloud/pino-logging-gcp-config` fed the same
 * calls (field by field; differences listed and asserted) and by Google's `HttpRequest` proto
 * (google/logging/type/http_request.proto, as shipped in `@google-cloud/logging-api`).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createGcpLoggingPinoConfig } from "@google-cloud/pino-logging-gcp-config";
import pino from "pino";
import protobuf from "protobufjs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withRequestContext } from "../../src/http/index.js";
import { configure, getLogger, withContext, type Destination } from "../../src/index.js";
import { parseStrict } from "../helpers/strict-json.js";

const REFERENCES = { "@google-cloud/pino-logging-gcp-config": "1.3.6", "@google-cloud/logging-api": "0.3.0" };
const PROTOS = path.resolve("node_modules/@google-cloud/logging-api/build/protos");

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };
const entry = (l: string): Record<string, any> => parseStrict(l.slice(0, -1)) as Record<string, any>;

const savedProject = process.env.GOOGLE_CLOUD_PROJECT;
beforeAll(() => {
  process.env.GOOGLE_CLOUD_PROJECT = "my-project";
});
afterAll(() => {
  if (savedProject === undefined) delete process.env.GOOGLE_CLOUD_PROJECT;
  else process.env.GOOGLE_CLOUD_PROJECT = savedProject;
});
beforeEach(() => {
  lines.length = 0;
  configure({ level: "trace", destination: collect, format: "gcp", base: { pid: 7, hostname: "web-1", service: "checkout", version: "1.2" }, limits: {}, redact: {}, eventIds: false, sample: undefined });
});

it("the references are the versions this suite was written against", () => {
  const version = (name: string) => (JSON.parse(fs.readFileSync(path.resolve("node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  for (const [name, v] of Object.entries(REFERENCES)) expect(version(name), name).toBe(v);
});

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";
const err = Object.assign(new TypeError("boom", { cause: new Error("inner") }), { code: "E1" });

/** The reference: pino with Google's configuration; serviceContext and project given, so it never asks the metadata server. */
function reference(): { log: pino.Logger; out: string[] } {
  const out: string[] = [];
  const config = createGcpLoggingPinoConfig(
    { serviceContext: { service: "checkout", version: "1.2" }, traceGoogleCloudProjectId: "my-project", inihibitDiagnosticMessage: true } as never,
    { level: "trace", name: "auth", base: { pid: 7, hostname: "web-1" } },
  );
  return { log: pino(config, { write: (s: string) => void out.push(s) }), out };
}

describe(`the same calls through @google-cloud/pino-logging-gcp-config ${REFERENCES["@google-cloud/pino-logging-gcp-config"]}`, () => {
  let theirs: Record<string, any>[];
  let ours: Record<string, any>[];
  beforeEach(() => {
    const ref = reference();
    ref.log.info({ userId: 1, nested: { a: [1] } }, "User login");
    ref.log.error({ err, orderId: "o-1" }, "Payment failed");
    // OpenTelemetry's pino instrumentation puts these on the entry; logweave/http puts them in the context.
    ref.log.warn({ trace_id: TRACE, span_id: SPAN, trace_flags: "01", step: 2 }, "in a trace");
    theirs = ref.out.map((l) => JSON.parse(l) as Record<string, any>);
    const log = getLogger("auth");
    log.info("User login", { userId: 1, nested: { a: [1] } });
    log.error("Payment failed", { err, orderId: "o-1" });
    withContext({ trace_id: TRACE, span_id: SPAN, trace_flags: "01" }, () => log.warn("in a trace", { step: 2 }));
    ours = lines.map(entry);
  });

  it("write the same severity, message, serviceContext, stack_trace, trace fields and user fields", () => {
    expect(ours).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      const mine = { ...ours[i] };
      const ref = { ...theirs[i] };
      // On purpose: `time` (ISO) where the reference writes `timestamp` {seconds, nanos}; both are read as the entry's time.
      expect(Math.abs(Date.parse(mine.time) - ref.timestamp.seconds * 1000)).toBeLessThan(60_000);
      // On purpose: no pino level number, no insertId (Cloud Logging orders entries of one millisecond by arrival).
      // On purpose: `err` keeps its cause as an object (the reference folds it into message and stack).
      for (const k of ["time", "timestamp", "level", "logging.googleapis.com/insertId", "err"]) {
        delete mine[k];
        delete ref[k];
      }
      expect(mine).toEqual(ref);
    }
  });

  it("the error entry has what Error Reporting reads: stack_trace (the error's own stack) beside serviceContext", () => {
    expect(ours[1]!.stack_trace).toBe(err.stack);
    expect(ours[1]!.serviceContext).toEqual({ service: "checkout", version: "1.2" });
    expect(theirs[1]!.stack_trace).toBe(err.stack);
    expect(ours[1]!.err).toMatchObject({ type: "TypeError", message: "boom", code: "E1", cause: { message: "inner" } });
  });

  it("difference made on purpose: fields Cloud Logging reads as entry metadata are renamed, where the reference passes them through", () => {
    const forged = {
      timestamp: 5, timestampSeconds: 1, timestampNanos: 2, httpRequest: { status: 200 }, stack_trace: "fake", serviceContext: { service: "evil" },
      "logging.googleapis.com/insertId": "dup", "logging.googleapis.com/operation": { id: "x" }, "logging.googleapis.com/labels": { a: "b" },
      "logging.googleapis.com/anything": 1, "logging.googleapis.com/trace": "projects/x/traces/y", "@type": "type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent",
    };
    const ref = reference();
    ref.log.info(forged, "forge");
    expect(JSON.parse(ref.out[0]!)).toMatchObject({ timestampSeconds: 1, "logging.googleapis.com/operation": { id: "x" }, stack_trace: "fake" });
    lines.length = 0;
    getLogger("auth").info("forge", forged);
    const e = entry(lines[0]!);
    for (const [k, v] of Object.entries(forged)) {
      // serviceContext is logweave's own (from the service identity); the others are not written at all.
      if (k !== "serviceContext") expect(e, k).not.toHaveProperty([k]);
      expect(e["fields." + k], k).toEqual(v);
    }
    expect(e.serviceContext).toEqual({ service: "checkout", version: "1.2" });
  });

  it("labels are set on purpose with base.labels (and LOGWEAVE_ENV): logging.googleapis.com/labels, values as strings", () => {
    configure({ base: { service: "checkout", env: "prod", labels: { team: "payments", tier: 2 } } });
    getLogger().info("m", { labels: { mine: "stays in jsonPayload" } });
    expect(entry(lines.at(-1)!)).toMatchObject({ "logging.googleapis.com/labels": { team: "payments", tier: "2", env: "prod" }, labels: { mine: "stays in jsonPayload" } });
  });
});

describe("the request completion line is httpRequest, as google.logging.type.HttpRequest", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  const root = new protobuf.Root();
  root.resolvePath = (_o, target) => (target.startsWith("google/protobuf/") ? target : path.join(PROTOS, target));
  root.loadSync("google/logging/type/http_request.proto");
  const HttpRequest = root.lookupType("google.logging.type.HttpRequest");

  /** Problems of `value` as the proto3 JSON form of HttpRequest: unknown fields, wrong types. */
  function httpRequestProblems(value: Record<string, unknown>): string[] {
    const problems: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const field = HttpRequest.fields[k];
      if (field === undefined) problems.push(`${k}: not a field of HttpRequest`);
      else if (field.type === "string" && typeof v !== "string") problems.push(`${k}: not a string`);
      else if (field.type === "int32" && !Number.isInteger(v)) problems.push(`${k}: not an int32`);
      else if (field.type === "int64" && !(typeof v === "string" && /^\d+$/.test(v))) problems.push(`${k}: not an int64 string`);
      else if (field.type === "google.protobuf.Duration" && !(typeof v === "string" && /^\d+(\.\d{1,9})?s$/.test(v))) problems.push(`${k}: not a Duration`);
    }
    return problems;
  }

  it("the check knows the proto's fields", () => {
    expect(httpRequestProblems({ requestMethod: "GET", status: 200, latency: "0.25s" })).toEqual([]);
    expect(httpRequestProblems({ method: "GET" })).not.toEqual([]);
    expect(httpRequestProblems({ latency: 0.25 })).not.toEqual([]);
    expect(httpRequestProblems({ status: "200" })).not.toEqual([]);
  });

  it("with the request's trace as logging.googleapis.com/trace and spanId on every line of it", async () => {
    server = http.createServer(withRequestContext((_req, res) => {
      getLogger("app").info("handling");
      res.statusCode = 404;
      res.end();
    }));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve, reject) => {
      http.get({ port, host: "127.0.0.1", path: "/a/b?token=s", headers: { traceparent: `00-${TRACE}-${SPAN}-01` } }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      }).on("error", reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    const entries = lines.map(entry);
    const done = entries.find((e) => e.message === "request completed")!;
    expect(done.severity).toBe("WARNING");
    expect(httpRequestProblems(done.httpRequest)).toEqual([]);
    expect(done.httpRequest).toMatchObject({ requestMethod: "GET", requestUrl: "/a/b", status: 404, latency: expect.stringMatching(/^\d+(\.\d+)?s$/) });
    for (const e of entries) {
      expect(e["logging.googleapis.com/trace"]).toBe(`projects/my-project/traces/${TRACE}`);
      expect(e["logging.googleapis.com/spanId"]).toMatch(/^[0-9a-f]{16}$/);
      expect(e["logging.googleapis.com/trace_sampled"]).toBe(true);
      expect(e).not.toHaveProperty("trace_id");
    }
  });
});

describe("without GOOGLE_CLOUD_PROJECT", () => {
  it("says once, on stderr, that trace ids cannot be linked and how to set the project", () => {
    const dist = path.resolve("dist/src/index.js");
    if (!fs.existsSync(dist)) throw new Error("run `npm run build` first");
    const program = `
      const { configure, getLogger, withContext } = await import(${JSON.stringify(dist)});
      configure({ format: "gcp" });
      withContext({ trace_id: "${TRACE}", span_id: "${SPAN}" }, () => { getLogger("a").info("one"); getLogger("b").info("two"); });
      configure({ level: "info" });
      getLogger("a").info("three");`;
    const env = { ...process.env };
    delete env.GOOGLE_CLOUD_PROJECT;
    delete env.GCLOUD_PROJECT;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", program], { env, encoding: "utf8" });
    const out = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((e) => e["logging.googleapis.com/trace"])).toEqual([TRACE, TRACE, undefined]);
    const warnings = result.stderr.split("\n").filter((l) => l.includes("GOOGLE_CLOUD_PROJECT"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^logweave: .*cannot link .*set GOOGLE_CLOUD_PROJECT/);
  });
});
