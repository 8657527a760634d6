/**
 * The standard OpenTelemetry environment variables an OTLP logs exporter reads
 * (https://opentelemetry.io/docs/specs/otel/protocol/exporter/ and
 * https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/), read the
 * way the OpenTelemetry JS SDK reads them (`@opentelemetry/otlp-exporter-base`,
 * `@opentelemetry/resources` `envDetector`): the tests compare both on the same inputs.
 *
 * A variable that cannot be used is ignored, with a sentence saying why in `problems`.
 */

/** What the environment says about the logs exporter; `undefined` where it says nothing usable. */
export interface OtlpEnvironment {
  /** The logs endpoint: `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT` as is, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `v1/logs`. */
  readonly url: string | undefined;
  /** `OTEL_EXPORTER_OTLP_HEADERS` overridden key by key by `OTEL_EXPORTER_OTLP_LOGS_HEADERS`. */
  readonly headers: Readonly<Record<string, string>>;
  /** `OTEL_EXPORTER_OTLP_LOGS_TIMEOUT`, else `OTEL_EXPORTER_OTLP_TIMEOUT` (milliseconds). */
  readonly timeoutMs: number | undefined;
  /** `OTEL_EXPORTER_OTLP_LOGS_COMPRESSION`, else `OTEL_EXPORTER_OTLP_COMPRESSION`. */
  readonly compression: "gzip" | "none" | undefined;
  /** `OTEL_RESOURCE_ATTRIBUTES`, with `service.name` from `OTEL_SERVICE_NAME` when set. */
  readonly resource: Readonly<Record<string, string>>;
  /** One sentence per variable that was ignored, and why. */
  readonly problems: readonly string[];
}

import { httpUrl } from "./otlp-endpoint.js";

type Env = Readonly<Record<string, string | undefined>>;

/** The longest resource attribute key or value the SDK accepts from the environment. */
const MAX_RESOURCE_TEXT = 255;

/** Reads the exporter's variables from `env`. Never throws. */
export function otlpEnvironment(env: Env): OtlpEnvironment {
  const problems: string[] = [];
  return {
    url: endpoint(env, problems),
    headers: Object.assign(
      parseHeaderList(text(env, "OTEL_EXPORTER_OTLP_HEADERS")),
      parseHeaderList(text(env, "OTEL_EXPORTER_OTLP_LOGS_HEADERS")),
    ),
    timeoutMs: timeout(env, "OTEL_EXPORTER_OTLP_LOGS_TIMEOUT", problems) ?? timeout(env, "OTEL_EXPORTER_OTLP_TIMEOUT", problems),
    compression: compression(env, "OTEL_EXPORTER_OTLP_LOGS_COMPRESSION", problems) ?? compression(env, "OTEL_EXPORTER_OTLP_COMPRESSION", problems),
    resource: resource(env, problems),
    problems: protocol(env, problems),
  };
}

/** A variable's text, or `undefined` when unset or blank (as the SDK's `getStringFromEnv`). */
function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function endpoint(env: Env, problems: string[]): string | undefined {
  const logs = text(env, "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");
  if (logs !== undefined) {
    // The signal's own endpoint is used as is (an empty path becomes "/").
    const url = httpUrl(logs);
    if (url !== undefined) return url.href;
    // The value is not quoted: a URL may hold credentials.
    problems.push("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT is not an http(s) URL; it is ignored");
  }
  const base = text(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
  if (base === undefined) return undefined;
  const url = httpUrl(base);
  if (url === undefined) {
    problems.push("OTEL_EXPORTER_OTLP_ENDPOINT is not an http(s) URL; it is ignored");
    return undefined;
  }
  // The base endpoint gets the signal's path appended to its own path, never replacing it:
  // http://collector:4318/mypath → http://collector:4318/mypath/v1/logs.
  url.pathname = url.pathname.replace(/\/?$/, "/") + "v1/logs";
  return url.href;
}

function timeout(env: Env, name: string, problems: string[]): number | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0) return value;
  problems.push(`${name}=${JSON.stringify(raw)} is not a number of milliseconds above 0; it is ignored`);
  return undefined;
}

function compression(env: Env, name: string, problems: string[]): "gzip" | "none" | undefined {
  const raw = text(env, name)?.trim();
  if (raw === undefined || raw === "gzip" || raw === "none") return raw;
  problems.push(`${name}=${JSON.stringify(raw)} is not "gzip" or "none"; it is ignored`);
  return undefined;
}

function resource(env: Env, problems: string[]): Record<string, string> {
  const attributes = record();
  const raw = text(env, "OTEL_RESOURCE_ATTRIBUTES");
  if (raw !== undefined) {
    const parsed = parseResourceAttributes(raw);
    if (typeof parsed === "string") problems.push(`OTEL_RESOURCE_ATTRIBUTES is ignored: ${parsed}`);
    else Object.assign(attributes, parsed);
  }
  const service = text(env, "OTEL_SERVICE_NAME");
  if (service !== undefined) attributes["service.name"] = service;
  return attributes;
}

/** This transport speaks OTLP/HTTP with JSON bodies; a gRPC endpoint will not answer it. */
function protocol(env: Env, problems: string[]): string[] {
  for (const name of ["OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"]) {
    const raw = text(env, name)?.trim();
    if (raw === undefined) continue;
    if (raw === "grpc") problems.push(`${name}=grpc is not supported: logweave sends OTLP/HTTP (http/json) to the logs endpoint`);
    break;
  }
  return problems;
}

/**
 * `OTEL_RESOURCE_ATTRIBUTES`: `key=value` pairs separated by commas, keys and values
 * percent-decoded and trimmed, blank entries skipped. Returns the attributes, or a sentence saying
 * what is wrong: as the specification says, one malformed entry (a second `=`, an empty key, bad
 * percent-encoding, a key or value over 255 characters) discards the whole variable. The object
 * has no prototype. Never throws.
 */
export function parseResourceAttributes(text: string): Record<string, string> | string {
  const attributes = record();
  for (const entry of text.split(",")) {
    if (entry.trim() === "") continue;
    const parts = entry.split("=");
    if (parts.length !== 2) return `${JSON.stringify(entry)} is not key=value (',' and '=' must be percent-encoded)`;
    const key = decode((parts[0] as string).trim());
    const value = decode((parts[1] as string).trim());
    if (key === "") return `${JSON.stringify(entry)} has an empty key`;
    if (key === undefined || value === undefined) return `${JSON.stringify(entry)} is not valid percent-encoding`;
    if (key.length > MAX_RESOURCE_TEXT || value.length > MAX_RESOURCE_TEXT) {
      return `${JSON.stringify(entry)} is longer than ${MAX_RESOURCE_TEXT} characters`;
    }
    attributes[key] = value;
  }
  return attributes;
}

/**
 * `OTEL_EXPORTER_OTLP_HEADERS` (W3C Baggage syntax): `key=value` pairs separated by commas,
 * each trimmed and percent-decoded, anything after a `;` in an entry dropped (baggage
 * properties); an entry without a key or value, or with bad percent-encoding, is skipped.
 * `undefined` gives an empty list. The object has no prototype. Never throws.
 */
export function parseHeaderList(text: string | undefined): Record<string, string> {
  const headers = record();
  if (text === undefined) return headers;
  for (const entry of text.split(",")) {
    const semicolon = entry.indexOf(";");
    const pair = semicolon === -1 ? entry : entry.slice(0, semicolon);
    const equals = pair.indexOf("=");
    if (equals <= 0) continue;
    const key = decode(pair.slice(0, equals).trim());
    const value = decode(pair.slice(equals + 1).trim());
    if (!key || !value) continue;
    headers[key] = value;
  }
  return headers;
}

/** An empty object without a prototype: a key such as `__proto__` is kept as a key. */
function record(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
