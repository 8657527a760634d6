/**
 * `pino.stdSerializers`: the serializers of `pino-std-serializers` 7 (`err`, `errWithCause`,
 * `req`, `res`, `mapHttpRequest`, `mapHttpResponse`, `wrap*Serializer`), with the same shapes and
 * key order, so lines read the same to pino's tools. Written again so the runtime has no
 * dependency; two differences, both invisible in lines: the caller's error is never tagged
 * (cycles are tracked on the side, so a frozen error serializes too), and `raw` is kept the same
 * way (a non-enumerable accessor on the prototype).
 *
 * logweave's own `stdSerializers` (src/std-serializers.ts) censor sensitive headers; these
 * follow pino, which does not (use `redact` paths for that, as with pino).
 */

/** An error as the `err` serializer returns it. */
export interface SerializedError {
  /** The constructor's name (`TypeError`), else `name`. */
  type: string;
  /** The message; `err` appends the causes' (`outer: inner`). */
  message: string;
  /** The stack; `err` appends the causes' (`caused by: …`). */
  stack: string;
  /** An AggregateError's errors, each serialized the same way. */
  aggregateErrors?: SerializedError[];
  /** `errWithCause` only: the cause, serialized. */
  cause?: SerializedError;
  /** The original error (not enumerable: never written). */
  raw: Error;
  [key: string]: unknown;
}

/** A request as the `req` serializer returns it. */
export interface SerializedRequest {
  id: string | number | undefined;
  method: string;
  url: string;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string;
  remotePort: number;
  /** The original request (not enumerable). */
  raw: unknown;
}

/** A response as the `res` serializer returns it. */
export interface SerializedResponse {
  /** `null` until the headers were sent. */
  statusCode: number | null;
  headers: Record<string, unknown>;
  /** The original response (not enumerable). */
  raw: unknown;
}

type Anything = Record<string, unknown>;

/** A prototype with pino's enumerable defaults and a non-enumerable `raw` accessor. */
function rawProto(defaults: Record<string, unknown>, name: string): object {
  const raw = Symbol(name);
  const descriptors: PropertyDescriptorMap = {};
  for (const [key, value] of Object.entries(defaults)) descriptors[key] = { enumerable: true, writable: true, value };
  descriptors.raw = {
    enumerable: false,
    get(this: Anything) {
      return this[raw as unknown as string];
    },
    set(this: Anything, val: unknown) {
      this[raw as unknown as string] = val;
    },
  };
  const proto = Object.create({}, descriptors) as object;
  Object.defineProperty(proto, raw, { writable: true, value: {} });
  return proto;
}

const errProto = rawProto({ type: undefined, message: undefined, stack: undefined, aggregateErrors: undefined }, "pino-raw-err-ref");
const reqProto = rawProto({ id: "", method: "", url: "", query: "", params: "", headers: {}, remoteAddress: "", remotePort: "" }, "pino-raw-req-ref");
const resProto = rawProto({ statusCode: 0, headers: "" }, "pino-raw-res-ref");

/** True for anything with a string `message` (pino's test for an error). */
function isErrorLike(err: unknown): err is Error {
  return Boolean(err) && typeof (err as Anything).message === "string";
}

/** The cause of `err` (VError-style `cause()` functions too), when it is error-like. */
function causeOf(err: Error): Error | undefined {
  const cause = (err as unknown as Anything).cause;
  if (typeof cause === "function") {
    const result = (cause as () => unknown).call(err);
    return isErrorLike(result) ? result : undefined;
  }
  return isErrorLike(cause) ? cause : undefined;
}

function stackWithCauses(err: unknown, seen: Set<unknown>): string {
  if (!isErrorLike(err)) return "";
  const stack = err.stack || "";
  if (seen.has(err)) return stack + "\ncauses have become circular...";
  const cause = causeOf(err);
  if (cause === undefined) return stack;
  seen.add(err);
  return stack + "\ncaused by: " + stackWithCauses(cause, seen);
}

function messageWithCauses(err: unknown, seen: Set<unknown>, skip: boolean): string {
  if (!isErrorLike(err)) return "";
  const message = skip ? "" : err.message || "";
  if (seen.has(err)) return message + ": ...";
  const cause = causeOf(err);
  if (cause === undefined) return message;
  seen.add(err);
  const vErrorStyle = typeof (err as unknown as Anything).cause === "function";
  return message + (vErrorStyle ? "" : ": ") + messageWithCauses(cause, seen, vErrorStyle);
}

/** Errors being serialized right now, outermost first: a property leading back to one is skipped. */
const inProgress = new Set<unknown>();

function typeOf(err: Error): string {
  const ctor = (err as unknown as Anything).constructor;
  return Object.prototype.toString.call(ctor) === "[object Function]" ? (ctor as { name: string }).name : err.name;
}

function serializeError(err: unknown, withCause: boolean): unknown {
  if (!isErrorLike(err)) return err;
  const fresh = !inProgress.has(err);
  inProgress.add(err);
  try {
    const out = Object.create(errProto) as Anything;
    out.type = typeOf(err);
    out.message = withCause ? err.message : messageWithCauses(err, new Set(), false);
    out.stack = withCause ? err.stack : stackWithCauses(err, new Set());
    const errors = (err as unknown as Anything).errors;
    if (Array.isArray(errors)) out.aggregateErrors = errors.map((e: unknown) => serializeError(e, withCause));
    if (withCause) {
      const cause = (err as unknown as Anything).cause;
      if (isErrorLike(cause) && !inProgress.has(cause)) out.cause = serializeError(cause, true);
    }
    for (const key in err) {
      if (out[key] !== undefined) continue;
      const val = (err as unknown as Anything)[key];
      if (isErrorLike(val)) {
        // `err` folds causes into message and stack, so its `cause` property is not repeated.
        if ((withCause || key !== "cause") && !inProgress.has(val)) out[key] = serializeError(val, withCause);
      } else {
        out[key] = val;
      }
    }
    out.raw = err;
    return out;
  } finally {
    if (fresh) inProgress.delete(err);
  }
}

/**
 * pino's default `err` serializer: `{ type, message, stack, aggregateErrors?, …own and inherited
 * enumerable properties }`, causes folded into `message` (`a: b`) and `stack` (`caused by: …`).
 * Anything without a string `message` is returned as it is.
 */
export function err(error: unknown): SerializedError {
  return serializeError(error, false) as SerializedError;
}

/** As {@link err}, but the cause is kept as its own serialized `cause` instead of being folded in. */
export function errWithCause(error: unknown): SerializedError {
  return serializeError(error, true) as SerializedError;
}

/** pino's `req` serializer: `{ id, method, url, query?, params?, headers, remoteAddress, remotePort }` (Express, hapi, Fastify raw requests). */
export function req(request: unknown): SerializedRequest {
  const r = request as Anything;
  const connection = (r.info || r.socket) as Anything | undefined;
  const out = Object.create(reqProto) as Anything;
  out.id = typeof r.id === "function" ? (r.id as () => unknown)() : r.id || (r.info ? (r.info as Anything).id : undefined);
  out.method = r.method;
  if (r.originalUrl) {
    out.url = r.originalUrl;
  } else {
    const path = r.path;
    out.url = typeof path === "string" ? path : r.url ? (r.url as Anything).path || r.url : undefined;
  }
  if (r.query) out.query = r.query;
  if (r.params) out.params = r.params;
  out.headers = r.headers;
  // pino writes `null` (not nothing) when the socket is null: `&&`, not `?.`.
  // biome-ignore lint/complexity/useOptionalChain: pino's output for a null socket
  out.remoteAddress = connection && connection.remoteAddress;
  // biome-ignore lint/complexity/useOptionalChain: pino's output for a null socket
  out.remotePort = connection && connection.remotePort;
  out.raw = r.raw || r;
  return out as unknown as SerializedRequest;
}

/** pino's `res` serializer: `{ statusCode (null before the headers went), headers }`. */
export function res(response: unknown): SerializedResponse {
  const r = response as Anything;
  const out = Object.create(resProto) as Anything;
  out.statusCode = r.headersSent ? r.statusCode : null;
  out.headers = typeof r.getHeaders === "function" ? (r.getHeaders as () => unknown).call(r) : r._headers;
  out.raw = r;
  return out as unknown as SerializedResponse;
}

/** `{ req: req(request) }`: what a log method does with a request given as its first argument. */
export function mapHttpRequest(request: unknown): { req: SerializedRequest } {
  return { req: req(request) };
}

/** `{ res: res(response) }`: what a log method does with a response given as its first argument. */
export function mapHttpResponse(response: unknown): { res: SerializedResponse } {
  return { res: res(response) };
}

/** A serializer that gets what {@link err} made of the error. */
export function wrapErrorSerializer(custom: (e: SerializedError) => unknown): (e: unknown) => unknown {
  if (custom === (err as unknown)) return custom as (e: unknown) => unknown;
  return (e: unknown) => custom(err(e));
}

/** A serializer that gets what {@link req} made of the request. */
export function wrapRequestSerializer(custom: (r: SerializedRequest) => unknown): (r: unknown) => unknown {
  if (custom === (req as unknown)) return custom as (r: unknown) => unknown;
  return (r: unknown) => custom(req(r));
}

/** A serializer that gets what {@link res} made of the response. */
export function wrapResponseSerializer(custom: (r: SerializedResponse) => unknown): (r: unknown) => unknown {
  if (custom === (res as unknown)) return custom as (r: unknown) => unknown;
  return (r: unknown) => custom(res(r));
}

/** `pino.stdSerializers`. */
export const stdSerializers = {
  err,
  errWithCause,
  mapHttpRequest,
  mapHttpResponse,
  req,
  res,
  wrapErrorSerializer,
  wrapRequestSerializer,
  wrapResponseSerializer,
};
