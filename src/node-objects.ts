/**
 * Node's own I/O objects, as the serializer writes them: never property by property.
 *
 * A request, a response or an outgoing client request (what HTTP client errors carry) is written
 * as the few facts pino's standard serializers keep — method, url, headers, peer, status — and its
 * raw header text, socket, parser and buffered bytes never are. Every other stream, socket, agent,
 * server, parser and stream state is written as its class name: walking one would reach raw
 * request text, TLS state and buffered payloads.
 *
 * Node's classes are looked up lazily through `process.getBuiltinModule`, the first time an
 * EventEmitter (or a stream state or parser) is logged, so `node:http` is never loaded by a
 * program that does not log such an object, and the runtime keeps no import of it. Off Node
 * (no `getBuiltinModule`), nothing is recognized and objects are walked as usual.
 */

/** The classes a view is chosen by (any of them `undefined` where the platform lacks it). */
interface NodeClasses {
  readonly IncomingMessage?: Function;
  readonly ServerResponse?: Function;
  readonly ClientRequest?: Function;
  readonly Stream?: Function;
  readonly ReadableState?: Function;
  readonly WritableState?: Function;
  readonly Agent?: Function;
  readonly Server?: Function;
}

type GetBuiltin = (id: string) => unknown;

const getBuiltin: GetBuiltin | undefined = (() => {
  try {
    const p = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
    return typeof p?.getBuiltinModule === "function" ? p.getBuiltinModule.bind(p) : undefined;
  } catch {
    return undefined;
  }
})();

/** `node:events`' EventEmitter: loaded at every Node start, so reading it costs nothing. */
const EventEmitter = builtin("node:events")?.EventEmitter as Function | undefined;

let classes: NodeClasses | undefined;
let http2: { Http2ServerRequest?: Function; Http2ServerResponse?: Function } | undefined;

function builtin(id: string): Record<string, unknown> | undefined {
  try {
    return getBuiltin?.(id) as Record<string, unknown> | undefined;
  } catch {
    return undefined;
  }
}

function nodeClasses(): NodeClasses {
  if (classes === undefined) {
    const http = builtin("node:http");
    const stream = builtin("node:stream");
    const net = builtin("node:net");
    const readable = stream?.Readable as { ReadableState?: Function } | undefined;
    const writable = stream?.Writable as { WritableState?: Function } | undefined;
    classes = {
      IncomingMessage: http?.IncomingMessage as Function | undefined,
      ServerResponse: http?.ServerResponse as Function | undefined,
      ClientRequest: http?.ClientRequest as Function | undefined,
      Stream: stream?.Stream as Function | undefined,
      ReadableState: readable?.ReadableState,
      WritableState: writable?.WritableState,
      Agent: http?.Agent as Function | undefined,
      Server: net?.Server as Function | undefined,
    };
  }
  return classes;
}

function is(obj: object, cls: Function | undefined): boolean {
  return typeof cls === "function" && obj instanceof cls;
}

/** Reads a property; `undefined` when the read throws. */
function read(obj: unknown, key: string): unknown {
  if (obj === null || (typeof obj !== "object" && typeof obj !== "function")) return undefined;
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Calls a method with no arguments; `undefined` when it is missing or throws. */
function call(obj: object, key: string): unknown {
  try {
    const f = (obj as Record<string, unknown>)[key];
    return typeof f === "function" ? (f as () => unknown).call(obj) : undefined;
  } catch {
    return undefined;
  }
}

function className(proto: object | null): string {
  const name = read(read(proto, "constructor"), "name");
  return typeof name === "string" && name !== "" ? name : "Object";
}

type Kind = "req" | "res" | "incoming" | "clientRequest" | "internal";

/** Which of Node's I/O objects `obj` is (and its class name), or `undefined`. Never throws. */
function classify(obj: object, proto: object | null): { kind: Kind; name: string; target: object } | undefined {
  try {
    if (EventEmitter === undefined) return undefined;
    if (!(obj instanceof EventEmitter)) {
      // Not emitters, but reached from one: a stream's buffered state, Node's HTTP parser.
      const name = className(proto);
      if (name === "HTTPParser") return { kind: "internal", name, target: obj };
      if (name !== "ReadableState" && name !== "WritableState") return undefined;
      const c = nodeClasses();
      return is(obj, c.ReadableState) || is(obj, c.WritableState) ? { kind: "internal", name, target: obj } : undefined;
    }
    const c = nodeClasses();
    const name = className(proto);
    if (is(obj, c.IncomingMessage)) return { kind: "incoming", name, target: obj };
    if (is(obj, c.ServerResponse)) return { kind: "res", name, target: obj };
    if (is(obj, c.ClientRequest)) return { kind: "clientRequest", name, target: obj };
    if (name.startsWith("Http2Server")) {
      http2 ??= (builtin("node:http2") ?? {}) as NonNullable<typeof http2>;
      if (is(obj, http2?.Http2ServerRequest)) return { kind: "req", name, target: obj };
      if (is(obj, http2?.Http2ServerResponse)) return { kind: "res", name, target: obj };
    }
    if (is(obj, c.Stream)) {
      // follow-redirects (axios's Node transport) wraps the ClientRequest it is on in a Writable
      // that HTTP client errors carry as `request`: written as that client request.
      const current = read(obj, "_currentRequest");
      if (current !== null && typeof current === "object" && is(current, c.ClientRequest)) return { kind: "clientRequest", name, target: current };
      return { kind: "internal", name, target: obj };
    }
    if (is(obj, c.Agent) || is(obj, c.Server)) return { kind: "internal", name, target: obj };
  } catch {
    // A Proxy whose traps throw: not recognized; the serializer reports it as it reads it.
  }
  return undefined;
}

/**
 * What to write for `obj` when it is one of Node's I/O objects: a plain view (a request's method,
 * url, headers…) for the serializer to walk with its usual redaction, a short text
 * (`"[Socket]"`) for internals, or `undefined` for anything else. `proto` is `obj`'s prototype;
 * `censorUrl` censors sensitive query parameters. Never throws.
 */
export function nodeView(obj: object, proto: object | null, censorUrl: (url: string) => string): object | string | undefined {
  const found = classify(obj, proto);
  if (found === undefined) return undefined;
  const { kind, name, target } = found;
  try {
    switch (kind) {
      case "incoming": {
        // A client's response is an IncomingMessage too: it has a status code where a request has none.
        const status = read(target, "statusCode");
        return typeof status === "number" ? responseView(status, withUrlsCensored(read(target, "headers"), censorUrl)) : requestView(target, censorUrl);
      }
      case "req":
        return requestView(target, censorUrl);
      case "res":
        // As pino: the status is only known once the headers are out.
        return responseView(read(target, "headersSent") === true ? read(target, "statusCode") : null, withUrlsCensored(call(target, "getHeaders"), censorUrl));
      case "clientRequest":
        return clientRequestView(target, censorUrl);
      case "internal":
        return `[${name}]`;
    }
  } catch {
    // A view that cannot be built is still never a walk of the object.
  }
  return `[${name}]`;
}

/**
 * The key under which a Node I/O object given as a whole fields argument, bindings or context is
 * best written (as an Error goes under `err`): `"req"` for a request (incoming or outgoing),
 * `"res"` for a response, `"value"` for a socket, stream, agent, server or parser; `undefined`
 * for anything else, plain objects at the cost of one prototype read. Never throws.
 */
export function nodeFieldKey(value: unknown): "req" | "res" | "value" | undefined {
  if (value === null || typeof value !== "object") return undefined;
  let proto: object | null;
  try {
    proto = Object.getPrototypeOf(value) as object | null;
  } catch {
    return undefined;
  }
  if (proto === Object.prototype || proto === null) return undefined;
  const found = classify(value, proto);
  switch (found?.kind) {
    case undefined:
      return undefined;
    case "incoming":
      return typeof read(found.target, "statusCode") === "number" ? "res" : "req";
    case "req":
    case "clientRequest":
      return "req";
    case "res":
      return "res";
    default:
      return "value";
  }
}

/** pino's request shape: id, method, url, query, params (Express), headers, remote address and port. */
function requestView(req: object, censorUrl: (url: string) => string): object {
  const view: Record<string, unknown> = {};
  const id = read(req, "id");
  if (typeof id === "string" || typeof id === "number") view.id = id;
  view.method = read(req, "method");
  const original = read(req, "originalUrl");
  const url = typeof original === "string" && original !== "" ? original : read(req, "url");
  view.url = typeof url === "string" ? censorUrl(url) : url;
  for (const key of ["query", "params"]) {
    const v = read(req, key);
    if (v !== null && typeof v === "object" && Object.keys(v).length > 0) view[key] = v;
  }
  view.headers = withUrlsCensored(read(req, "headers"), censorUrl);
  const socket = read(req, "socket");
  view.remoteAddress = read(socket, "remoteAddress");
  view.remotePort = read(socket, "remotePort");
  return view;
}

// Headers whose value is a URL or a path, whose query may carry credentials (`?token=…`).
const URL_HEADERS = [":path", "referer", "location", "content-location"];

/** `headers`, copied with the query of URL-valued headers censored when one has a query; else as given. */
function withUrlsCensored(headers: unknown, censorUrl: (url: string) => string): unknown {
  if (headers === null || typeof headers !== "object") return headers;
  let copy: Record<string, unknown> | undefined;
  for (const name of URL_HEADERS) {
    const value = read(headers, name);
    if (typeof value !== "string" || !value.includes("?")) continue;
    copy ??= Object.assign(Object.create(null) as Record<string, unknown>, headers);
    copy[name] = censorUrl(value);
  }
  return copy ?? headers;
}

/** pino's response shape: status code and headers. */
function responseView(statusCode: unknown, headers: unknown): object {
  return { statusCode, headers };
}

/** A client request (as HTTP client errors carry it): method, host and path, never its raw header text. */
function clientRequestView(req: object, censorUrl: (url: string) => string): object {
  const path = read(req, "path");
  return { method: read(req, "method"), host: read(req, "host"), path: typeof path === "string" ? censorUrl(path) : path };
}
