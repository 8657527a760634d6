/**
 * What every adapter (node:http, Express, Fastify) does for one request: read the options once,
 * pick the ids, build the context fields, set the response header.
 */
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { getLogger } from "../api.js";
import type { Logger } from "../logger.js";
import { openTelemetryRegistered } from "../trace.js";
import {
  MAX_REQUEST_ID_LENGTH,
  newRequestId,
  newSpanId,
  newTraceId,
  parseRequestId,
  parseTraceParent,
} from "./ids.js";

/** Options shared by {@link withRequestContext}, `requestContext` and `fastifyRequestContext`. */
export interface RequestContextOptions {
  /** Header holding the caller's request id. Default `"x-request-id"`. */
  requestIdHeader?: string;
  /**
   * Response header that carries the request id back. Default: the same name as
   * `requestIdHeader`; `false` sets none.
   */
  responseHeader?: string | false;
  /** Longest incoming request id accepted (longer ones are replaced). Default 128. */
  maxRequestIdLength?: number;
  /**
   * Makes the id of a request that came without an acceptable one. Default: a random UUID.
   * A throw, or a result that would not pass the incoming-id check, falls back to the default.
   */
  generateRequestId?: () => string;
  /**
   * Trace ids (without an OpenTelemetry SDK; with one, its active span gives them): `true` (default) continues a valid incoming W3C `traceparent` (`trace_id`,
   * `parent_span_id`) or starts a new trace, and gives the request its own `span_id`; `false`
   * adds only `request_id`.
   */
  trace?: boolean;
  /**
   * Logger for the one completion line per request (method, route, path, status, duration_ms),
   * or `false` for none. Default: `getLogger("http")`. 5xx logs at error, 4xx at warn, the rest
   * at info; a response the client abandoned logs `"request aborted"` at warn.
   */
  log?: Logger | false;
}

/** The options with defaults applied, checked once when the middleware is made. */
export interface ResolvedRequestOptions {
  readonly requestIdHeader: string;
  readonly responseHeader: string | undefined;
  readonly maxRequestIdLength: number;
  readonly generateRequestId: (() => string) | undefined;
  readonly trace: boolean;
  readonly log: Logger | undefined;
}

/** Fields put in the context of one request (names as on the log line). */
export interface RequestFields {
  request_id: string;
  trace_id?: string;
  span_id?: string;
  parent_span_id?: string;
  trace_flags?: string;
}

/**
 * Applies defaults and checks `options`. Throws a `TypeError` naming a bad option (setup time,
 * never per request).
 */
export function resolveRequestOptions(options: RequestContextOptions = {}): ResolvedRequestOptions {
  if (options === null || typeof options !== "object") {
    throw new TypeError("logweave/http: options must be an object");
  }
  const header = options.requestIdHeader ?? "x-request-id";
  if (typeof header !== "string" || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
    throw new TypeError(`logweave/http: requestIdHeader must be a header name; got ${JSON.stringify(header)}`);
  }
  const response = options.responseHeader ?? header;
  if (response !== false && (typeof response !== "string" || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(response))) {
    throw new TypeError(`logweave/http: responseHeader must be a header name or false; got ${JSON.stringify(response)}`);
  }
  const max = options.maxRequestIdLength ?? MAX_REQUEST_ID_LENGTH;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 1) {
    throw new TypeError(`logweave/http: maxRequestIdLength must be a positive integer; got ${String(max)}`);
  }
  const generate = options.generateRequestId;
  if (generate !== undefined && typeof generate !== "function") {
    throw new TypeError("logweave/http: generateRequestId must be a function");
  }
  const log = options.log;
  if (log !== undefined && log !== false && (log === null || typeof log.info !== "function")) {
    throw new TypeError("logweave/http: log must be a logweave Logger or false");
  }
  return {
    requestIdHeader: header.toLowerCase(),
    responseHeader: response === false ? undefined : response,
    maxRequestIdLength: max,
    generateRequestId: generate,
    trace: options.trace !== false,
    log: log === false ? undefined : (log ?? getLogger("http")),
  };
}

/**
 * The context fields of a request with these headers: the incoming request id when acceptable,
 * else a new one; with `trace`, the trace continued from a valid `traceparent` (an invalid one
 * is ignored) or a new trace, and a new span id for this request. Never throws.
 */
export function requestFields(headers: IncomingHttpHeaders, options: ResolvedRequestOptions): RequestFields {
  const incoming = parseRequestId(headers[options.requestIdHeader], options.maxRequestIdLength);
  const fields: RequestFields = { request_id: incoming ?? generatedId(options) };
  // With an OpenTelemetry SDK the trace is OpenTelemetry's: lines carry its active span's ids
  // (trace_id/span_id are then the line's own keys), and its propagator continues traceparent.
  if (!options.trace || openTelemetryRegistered()) return fields;
  const parent = parseTraceParent(headers.traceparent);
  fields.trace_id = parent === undefined ? newTraceId() : parent.traceId;
  fields.span_id = newSpanId();
  if (parent !== undefined) {
    fields.parent_span_id = parent.parentId;
    fields.trace_flags = parent.flags;
  }
  return fields;
}

function generatedId(options: ResolvedRequestOptions): string {
  if (options.generateRequestId === undefined) return newRequestId();
  try {
    const id = parseRequestId(options.generateRequestId(), options.maxRequestIdLength);
    if (id !== undefined) return id;
  } catch {
    // A failing generator must not fail the request.
  }
  return newRequestId();
}

/** Sets the response id header unless turned off or the headers are already out. Never throws. */
export function setResponseId(res: ServerResponse, id: string, options: ResolvedRequestOptions): void {
  if (options.responseHeader === undefined) return;
  try {
    if (!res.headersSent) res.setHeader(options.responseHeader, id);
  } catch {
    // A response object that refuses headers keeps the request going without one.
  }
}
