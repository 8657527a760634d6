/**
 * The standard serializers, for code outside logweave's own lines (another logger, an error
 * report, a test). logweave applies the same shapes by itself wherever such an object is logged,
 * at any depth, so nothing needs configuring: see node-objects.ts.
 *
 * Each returns plain JSON data — exactly what a logweave line holds for the value under the
 * default settings: sensitive headers, query parameters and keys censored as `"[REDACTED]"`, limits
 * applied, sockets and streams written as their class name.
 */
import { compileRedaction } from "./redact.js";
import { DEFAULT_LIMITS, serializeValue, type SerializeConfig } from "./serialize.js";

/**
 * Header names and values as written (sensitive values censored). Declared here rather than taken
 * from `node:http`, so the package's types never need `@types/node`.
 */
export type SerializedHeaders = Record<string, string | string[] | number | undefined>;

/** A request as logweave writes it (pino's `stdSerializers.req` shape). */
export interface SerializedRequest {
  /** The request's `id`, when a framework set one. */
  id?: string | number;
  method?: string;
  /** `originalUrl` (Express) or `url`, with sensitive query parameters censored. */
  url?: string;
  /** Express's parsed query and route parameters, when there are any. */
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  /** The request headers, sensitive ones (`authorization`, `cookie`, `x-api-key`…) censored. */
  headers?: SerializedHeaders;
  remoteAddress?: string;
  remotePort?: number;
}

/** A response as logweave writes it (pino's `stdSerializers.res` shape). */
export interface SerializedResponse {
  statusCode?: number;
  /** The response headers, sensitive ones (`set-cookie`…) censored. */
  headers?: SerializedHeaders;
}

/** An error as logweave writes it. */
export interface SerializedError {
  /** The error's class (`TypeError`, `AxiosError`…), else its `name`. */
  type: string;
  message: string;
  stack?: string;
  code?: unknown;
  /** The cause chain, each written the same way (cycles cut as `"[Circular]"`). */
  cause?: unknown;
  /** An AggregateError's errors. */
  errors?: unknown[];
  /**
   * Other own properties; a client request among them (`err.request` of an HTTP client error) is
   * `{ method, host, path }`, a response `{ statusCode, headers }`.
   */
  [key: string]: unknown;
}

const DEFAULTS: SerializeConfig = { limits: DEFAULT_LIMITS, redactor: compileRedaction(undefined) };

/** The value as a logweave line holds it under the default settings, as JSON data. Never throws. */
function asLogged(value: unknown): unknown {
  return JSON.parse(serializeValue(value, DEFAULTS)) as unknown;
}

/**
 * pino-compatible standard serializers: `req` (an `IncomingMessage`, Express or Fastify raw
 * request, or HTTP/2 compatibility request), `res` (a `ServerResponse`, or a client's
 * `IncomingMessage` response) and `err` (any error, HTTP client errors included). Each returns
 * new plain data and never mutates or walks the object's socket, parser or buffers; given any
 * other value, it returns that value as a line would hold it. Never throws.
 */
export const stdSerializers: {
  readonly req: (req: object) => SerializedRequest;
  readonly res: (res: object) => SerializedResponse;
  readonly err: (err: Error) => SerializedError;
} = Object.freeze({
  req: (req: object) => asLogged(req) as SerializedRequest,
  res: (res: object) => asLogged(res) as SerializedResponse,
  err: (err: Error) => asLogged(err) as SerializedError,
});
