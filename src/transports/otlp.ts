/**
 * `otlpTransport()`: ships logweave lines to an OpenTelemetry collector (or any OTLP/HTTP logs
 * endpoint) from a worker thread, as JSON `ExportLogsServiceRequest`s.
 */
import type { OtlpSinkOptions } from "./otlp-sink.js";
import { WorkerTransport, type TransportDestination, type TransportOptions } from "./transport.js";

/** Options of {@link otlpTransport}. */
export interface OtlpTransportOptions extends TransportOptions {
  /**
   * The logs endpoint. Default: `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT`, else
   * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/logs`, else `http://localhost:4318/v1/logs`.
   */
  url?: string;
  /** Extra request headers (an API key…). */
  headers?: Record<string, string>;
  /** `service.name` resource attribute. Default: `OTEL_SERVICE_NAME`, else `unknown_service:node`. */
  serviceName?: string;
  /** More resource attributes (`service.version`, `deployment.environment.name`…). */
  resourceAttributes?: Record<string, string | number | boolean>;
  /** Request timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** `"gzip"` compresses request bodies. Default `"none"`. */
  compression?: "gzip" | "none";
}

function defaultUrl(): string {
  const logs = process.env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT;
  if (logs !== undefined && logs !== "") return logs;
  const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (base !== undefined && base !== "") return base.replace(/\/+$/, "") + "/v1/logs";
  return "http://localhost:4318/v1/logs";
}

/** Applies defaults; throws a `TypeError` naming a bad option. */
export function otlpSinkOptions(options: OtlpTransportOptions): OtlpSinkOptions {
  const url = options.url ?? defaultUrl();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`otlpTransport: url must be an http(s) URL; got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`otlpTransport: url must be an http(s) URL; got ${JSON.stringify(url)}`);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {})) {
    if (typeof value !== "string") throw new TypeError(`otlpTransport: header ${key} must be a string`);
    headers[key.toLowerCase()] = value;
  }
  const compression = options.compression ?? "none";
  if (compression !== "gzip" && compression !== "none") {
    throw new TypeError(`otlpTransport: compression must be "gzip" or "none"; got ${JSON.stringify(compression)}`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0)) throw new TypeError("otlpTransport: timeoutMs must be a positive number");
  const serviceName = options.serviceName ?? process.env.OTEL_SERVICE_NAME ?? "unknown_service:node";
  const resource: Record<string, string | number | boolean> = { "service.name": serviceName };
  for (const [key, value] of Object.entries(options.resourceAttributes ?? {})) {
    if (!["string", "number", "boolean"].includes(typeof value)) {
      throw new TypeError(`otlpTransport: resource attribute ${key} must be a string, number or boolean`);
    }
    resource[key] = value;
  }
  return { url: parsed.href, headers, resource, timeoutMs, compression };
}

/**
 * A destination that ships every line to an OTLP/HTTP logs endpoint from a worker thread:
 * `configure({ destination: otlpTransport({ url, serviceName }) })`. Each line becomes one log
 * record (see `otlp-records.ts` for the mapping). Batched; retried with backoff on network
 * errors and on 429/502/503/504 (honouring `Retry-After`); dropped and counted on other
 * refusals or when the bounded queue is full; bounded wait on exit. Throws a `TypeError` for
 * bad options.
 */
export function otlpTransport(options: OtlpTransportOptions = {}): TransportDestination {
  const sink = otlpSinkOptions(options);
  return new WorkerTransport({ kind: "otlp", options: sink }, options, `OTLP ${sink.url}`);
}
