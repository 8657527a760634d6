/**
 * A loopback OTLP/HTTP logs receiver for tests: validates every request body against a JSON
 * schema of `ExportLogsServiceRequest` (ajv), keeps what it received, and answers with the
 * statuses a test scripts.
 *
 * The schema follows the OTLP/JSON encoding — https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding
 * (proto3 JSON mapping, lowerCamelCase field names, 64-bit integers as decimal strings or
 * numbers, trace and span ids as hex, enums as integers) — over opentelemetry-proto
 * `collector/logs/v1/logs_service.proto`, `logs/v1/logs.proto`, `common/v1/common.proto` and
 * `resource/v1/resource.proto`. Every object is closed (`additionalProperties: false`), so a
 * misspelt or snake_case field name fails validation.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { Ajv } from "ajv";

const uint64 = { anyOf: [{ type: "string", pattern: "^[0-9]+$" }, { type: "integer", minimum: 0 }] };
const int64 = { anyOf: [{ type: "string", pattern: "^-?[0-9]+$" }, { type: "integer" }] };

/** The JSON schema of an OTLP/JSON `ExportLogsServiceRequest`. */
export const exportLogsServiceRequestSchema = {
  $id: "ExportLogsServiceRequest",
  type: "object",
  additionalProperties: false,
  required: ["resourceLogs"],
  properties: {
    resourceLogs: { type: "array", items: { $ref: "#/$defs/ResourceLogs" } },
  },
  $defs: {
    // common.proto AnyValue: a oneof, so at most one member (none means an empty value).
    AnyValue: {
      type: "object",
      additionalProperties: false,
      maxProperties: 1,
      properties: {
        stringValue: { type: "string" },
        boolValue: { type: "boolean" },
        intValue: int64,
        doubleValue: { type: "number" },
        arrayValue: { $ref: "#/$defs/ArrayValue" },
        kvlistValue: { $ref: "#/$defs/KeyValueList" },
        bytesValue: { type: "string", pattern: "^[A-Za-z0-9+/]*={0,2}$" },
      },
    },
    ArrayValue: {
      type: "object",
      additionalProperties: false,
      properties: { values: { type: "array", items: { $ref: "#/$defs/AnyValue" } } },
    },
    KeyValueList: {
      type: "object",
      additionalProperties: false,
      properties: { values: { type: "array", items: { $ref: "#/$defs/KeyValue" } } },
    },
    KeyValue: {
      type: "object",
      additionalProperties: false,
      required: ["key", "value"],
      properties: { key: { type: "string" }, value: { $ref: "#/$defs/AnyValue" } },
    },
    Attributes: { type: "array", items: { $ref: "#/$defs/KeyValue" } },
    // resource.proto Resource
    Resource: {
      type: "object",
      additionalProperties: false,
      properties: {
        attributes: { $ref: "#/$defs/Attributes" },
        droppedAttributesCount: { type: "integer", minimum: 0 },
        entityRefs: { type: "array" },
      },
    },
    // common.proto InstrumentationScope
    InstrumentationScope: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        version: { type: "string" },
        attributes: { $ref: "#/$defs/Attributes" },
        droppedAttributesCount: { type: "integer", minimum: 0 },
      },
    },
    ResourceLogs: {
      type: "object",
      additionalProperties: false,
      required: ["resource", "scopeLogs"],
      properties: {
        resource: { $ref: "#/$defs/Resource" },
        scopeLogs: { type: "array", items: { $ref: "#/$defs/ScopeLogs" } },
        schemaUrl: { type: "string" },
      },
    },
    ScopeLogs: {
      type: "object",
      additionalProperties: false,
      required: ["scope", "logRecords"],
      properties: {
        scope: { $ref: "#/$defs/InstrumentationScope" },
        logRecords: { type: "array", items: { $ref: "#/$defs/LogRecord" } },
        schemaUrl: { type: "string" },
      },
    },
    // logs.proto LogRecord; SeverityNumber is an enum 0–24, ids are hex (not base64) in OTLP/JSON.
    LogRecord: {
      type: "object",
      additionalProperties: false,
      required: ["timeUnixNano", "severityNumber", "severityText"],
      properties: {
        timeUnixNano: uint64,
        observedTimeUnixNano: uint64,
        severityNumber: { type: "integer", minimum: 0, maximum: 24 },
        severityText: { type: "string" },
        body: { $ref: "#/$defs/AnyValue" },
        attributes: { $ref: "#/$defs/Attributes" },
        droppedAttributesCount: { type: "integer", minimum: 0 },
        flags: { type: "integer", minimum: 0, maximum: 4294967295 },
        traceId: { type: "string", pattern: "^([0-9a-fA-F]{32})?$" },
        spanId: { type: "string", pattern: "^([0-9a-fA-F]{16})?$" },
        eventName: { type: "string" },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(exportLogsServiceRequestSchema);

/** One request as the receiver saw it. */
export interface ReceivedRequest {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
  /** Validation errors; empty when the body is a valid request. */
  readonly errors: string[];
}

/** A running receiver. */
export class OtlpReceiver {
  /** Every request, valid or not, in arrival order. */
  readonly requests: ReceivedRequest[] = [];
  /** Statuses to answer with, first to last; a 200 once empty. */
  readonly script: Array<{ status: number; headers?: Record<string, string>; body?: string; delayMs?: number }> = [];
  private constructor(
    private readonly server: http.Server,
    /** The logs endpoint URL. */
    readonly url: string,
  ) {}

  /** Starts a receiver on loopback, on `port` or a free one. */
  static async start(port = 0): Promise<OtlpReceiver> {
    let receiver: OtlpReceiver | undefined;
    const server = http.createServer((req, res) => receiver!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    receiver = new OtlpReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`);
    return receiver;
  }

  /** Log records of every accepted (2xx, valid) request, in order, with their scope and resource. */
  records(): Array<{ record: Record<string, unknown>; scope: string; resource: Record<string, unknown> }> {
    const out: Array<{ record: Record<string, unknown>; scope: string; resource: Record<string, unknown> }> = [];
    for (const request of this.requests) {
      if (request.status !== 200 || request.errors.length > 0) continue;
      const body = request.body as { resourceLogs: Array<{ resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> }; scopeLogs: Array<{ scope: { name: string }; logRecords: Record<string, unknown>[] }> }> };
      for (const rl of body.resourceLogs) {
        const resource = Object.fromEntries(rl.resource.attributes.map((kv) => [kv.key, Object.values(kv.value)[0]]));
        for (const sl of rl.scopeLogs) for (const record of sl.logRecords) out.push({ record, scope: sl.scope.name, resource });
      }
    }
    return out;
  }

  /** Validation errors of every request so far. */
  invalid(): string[] {
    return this.requests.flatMap((r) => r.errors);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const errors: string[] = [];
      let body: unknown;
      try {
        let raw = Buffer.concat(chunks);
        if (req.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
        body = JSON.parse(raw.toString("utf8"));
      } catch (err) {
        errors.push(`body is not JSON: ${String(err)}`);
      }
      if (req.method !== "POST") errors.push(`method ${req.method}`);
      if (req.url !== "/v1/logs") errors.push(`path ${req.url}`);
      if (req.headers["content-type"] !== "application/json") errors.push(`content-type ${req.headers["content-type"]}`);
      if (errors.length === 0 && !validate(body)) {
        for (const e of validate.errors ?? []) errors.push(`${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
      }
      const next = this.script.shift() ?? { status: errors.length > 0 ? 400 : 200 };
      const answer = (): void => {
        this.requests.push({ status: next.status, headers: req.headers, body, errors });
        res.writeHead(next.status, { "content-type": "application/json", ...next.headers });
        res.end(next.body ?? "{}");
      };
      if (next.delayMs === undefined) answer();
      else setTimeout(answer, next.delayMs);
    });
  }
}
