/**
 * `otlpTransport()`'s options, the environment and the defaults, resolved once on the
 * application thread into the plain data its worker gets.
 *
 * Each setting, first found wins: the option, then the `OTEL_EXPORTER_OTLP_LOGS_*` variable,
 * then the `OTEL_EXPORTER_OTLP_*` one, then the default. Resource attributes, last wins:
 * `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_SERVICE_NAME`, logweave's own `LOGWEAVE_SERVICE` /
 * `LOGWEAVE_VERSION` / `LOGWEAVE_ENV`, the `resourceAttributes` option, the `serviceName` option.
 */
import fs from "node:fs";
import http from "node:http";
import { reportProblem } from "../diagnostics.js";
import { httpUrl } from "./otlp-endpoint.js";
import { otlpEnvironment } from "./otlp-env.js";
import type { OtlpSinkOptions } from "./otlp-sink.js";
import { createStatusBuffer } from "./otlp-status.js";
import type { TransportOptions } from "./transport.js";
import { shipSettings } from "./transport.js";

/** Options of `otlpTransport`. */
export interface OtlpTransportOptions extends TransportOptions {
  /**
   * The logs endpoint, used as is. Default: `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT` as is, else
   * `OTEL_EXPORTER_OTLP_ENDPOINT` with `v1/logs` appended to its path, else
   * `http://localhost:4318/v1/logs`.
   */
  url?: string;
  /**
   * Request headers (an API key…), over those of `OTEL_EXPORTER_OTLP_HEADERS` and
   * `OTEL_EXPORTER_OTLP_LOGS_HEADERS`. A `user-agent` here replaces logweave's.
   */
  headers?: Record<string, string>;
  /**
   * `service.name` resource attribute. Default: `LOGWEAVE_SERVICE`, else `OTEL_SERVICE_NAME`,
   * else `service.name` in `OTEL_RESOURCE_ATTRIBUTES`, else the lines' `service` field, else
   * `unknown_service:node`.
   */
  serviceName?: string;
  /**
   * More resource attributes, over those from the environment (`service.version` defaults to
   * `LOGWEAVE_VERSION`, `deployment.environment.name` to `LOGWEAVE_ENV`).
   */
  resourceAttributes?: Record<string, string | number | boolean>;
  /**
   * Deadline of one whole request — connecting, sending, reading the complete answer — in
   * milliseconds. Default: `OTEL_EXPORTER_OTLP_LOGS_TIMEOUT`, else `OTEL_EXPORTER_OTLP_TIMEOUT`,
   * else 10 000.
   */
  timeoutMs?: number;
  /**
   * `"gzip"` compresses request bodies. Default: `OTEL_EXPORTER_OTLP_LOGS_COMPRESSION`, else
   * `OTEL_EXPORTER_OTLP_COMPRESSION`, else `"none"`.
   */
  compression?: "gzip" | "none";
}

const DEFAULT_URL = "http://localhost:4318/v1/logs";
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The worker's options for `options` and `env` (default: `process.env`). Throws a `TypeError`
 * naming a bad option; an environment variable that cannot be used is reported once on stderr
 * and ignored.
 */
export function otlpSinkOptions(options: OtlpTransportOptions, env: Readonly<Record<string, string | undefined>> = process.env): OtlpSinkOptions {
  const fromEnv = otlpEnvironment(env);
  for (const problem of fromEnv.problems) reportProblem("otlpTransport", new Error(problem), "using the other settings");

  const url = options.url ?? fromEnv.url ?? DEFAULT_URL;
  const parsed = typeof url === "string" ? httpUrl(url) : undefined;
  if (parsed === undefined) throw new TypeError("otlpTransport: url must be an http(s) URL");

  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  headers["user-agent"] = userAgent();
  for (const [key, value] of Object.entries(fromEnv.headers)) {
    const problem = headerProblem(key, value);
    if (problem === undefined) headers[key.toLowerCase()] = value;
    else reportProblem("otlpTransport", new Error(`OTEL_EXPORTER_OTLP_HEADERS: ${problem}`), "that header is not sent");
  }
  if (options.headers !== undefined && (options.headers === null || typeof options.headers !== "object")) {
    throw new TypeError("otlpTransport: headers must be an object of strings");
  }
  for (const [key, value] of Object.entries(options.headers ?? {})) {
    const problem = headerProblem(key, value);
    if (problem !== undefined) throw new TypeError(`otlpTransport: ${problem}`);
    headers[key.toLowerCase()] = value;
  }

  const compression = options.compression ?? fromEnv.compression ?? "none";
  if (compression !== "gzip" && compression !== "none") {
    throw new TypeError(`otlpTransport: compression must be "gzip" or "none"; got ${JSON.stringify(compression)}`);
  }
  const timeoutMs = options.timeoutMs ?? fromEnv.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new TypeError("otlpTransport: timeoutMs must be a positive number");
  }
  const { retryMinMs, retryMaxMs } = shipSettings(options);
  return {
    url: parsed.href,
    headers: { ...headers },
    resource: resourceOf(options, fromEnv.resource, env),
    timeoutMs,
    compression,
    retryMinMs,
    retryMaxMs,
    status: createStatusBuffer(),
  };
}

function resourceOf(
  options: OtlpTransportOptions,
  fromEnv: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | number | boolean> {
  const resource: Record<string, string | number | boolean> = Object.create(null) as Record<string, string | number | boolean>;
  Object.assign(resource, fromEnv);
  // logweave's own identity variables, as the line formats read them (config.ts).
  const service = nonBlank(env.LOGWEAVE_SERVICE);
  const version = nonBlank(env.LOGWEAVE_VERSION);
  const environment = nonBlank(env.LOGWEAVE_ENV);
  if (service !== undefined) resource["service.name"] = service;
  if (version !== undefined) resource["service.version"] = version;
  if (environment !== undefined) resource["deployment.environment.name"] = environment;
  if (options.resourceAttributes !== undefined && (options.resourceAttributes === null || typeof options.resourceAttributes !== "object")) {
    throw new TypeError("otlpTransport: resourceAttributes must be an object");
  }
  for (const [key, value] of Object.entries(options.resourceAttributes ?? {})) {
    if (!["string", "number", "boolean"].includes(typeof value)) {
      throw new TypeError(`otlpTransport: resource attribute ${key} must be a string, number or boolean`);
    }
    resource[key] = value;
  }
  if (options.serviceName !== undefined) {
    if (typeof options.serviceName !== "string" || options.serviceName === "") {
      throw new TypeError("otlpTransport: serviceName must be a non-empty string");
    }
    resource["service.name"] = options.serviceName;
  }
  return { ...resource };
}

function nonBlank(value: string | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Why `key: value` cannot be sent as a request header, or `undefined` when it can. */
function headerProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== "string") return `header ${JSON.stringify(key)} must be a string`;
  try {
    http.validateHeaderName(key);
    http.validateHeaderValue(key, value);
  } catch {
    return `header ${JSON.stringify(key)} is not a valid HTTP header name and value`;
  }
  const lower = key.toLowerCase();
  if (lower === "content-type" || lower === "content-length" || lower === "content-encoding") {
    return `header ${JSON.stringify(key)} is set by the transport itself`;
  }
  return undefined;
}

let agent: string | undefined;

/**
 * `logweave/<version> node/<version>`, as the OTLP spec asks exporters to identify themselves
 * (https://opentelemetry.io/docs/specs/otlp/#otlphttp-user-agent). The version is read once from
 * logweave's own package.json; `logweave` alone if it cannot be read. Never throws.
 */
export function userAgent(): string {
  agent ??= `${product()} node/${process.versions.node}`;
  return agent;
}

function product(): string {
  // From src/transports (tests) or dist/src/transports (the package): the first package.json up.
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      const manifest = JSON.parse(fs.readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === "logweave" && typeof manifest.version === "string") return `logweave/${manifest.version}`;
    } catch {
      // Not there: try the next.
    }
  }
  return "logweave";
}
