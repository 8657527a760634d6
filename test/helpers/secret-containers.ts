/**
 * Secrets planted in every kind of container, from a JSON spec, for the redaction property tests.
 *
 * A spec names the secret, the sensitive key it sits under, the container that holds it under that
 * key (the holder) and the containers wrapped around the holder, outermost first. Specs are plain
 * JSON so a compiled fixture program can rebuild the same values (this file is compiled with it):
 * it imports nothing but Node.
 */
import http from "node:http";
import net from "node:net";
import { Duplex } from "node:stream";

/** How the secret is held under its key. */
export const HOLDERS = [
  "object", "mapString", "mapPairsString", "mapSymbol", "mapBoxed", "mapObjectKey", "instance", "getter", "toJSON",
  "errorProperty", "nullProto", "proxy", "proxyTrap", "frozen", "url", "incomingMessage", "serverResponse", "clientRequest",
] as const;
export type HolderKind = (typeof HOLDERS)[number];

/** Holders that are Node request objects (see {@link ContainerSpec.queryKey}). */
export const REQUEST_HOLDERS: readonly HolderKind[] = ["incomingMessage", "serverResponse", "clientRequest"];

/** What can be wrapped around a holder. */
export const WRAPPERS = [
  "object", "array", "mapString", "mapPairs", "set", "instance", "getter", "toJSON", "errorProperty", "errorCause",
  "aggregate", "nullProto", "proxy", "frozen",
] as const;
export type WrapperKind = (typeof WRAPPERS)[number];

export interface ContainerSpec {
  readonly secret: string;
  /** The sensitive key (a default name in any case and `-`/`_` form, a configured key or a path's key). */
  readonly key: string;
  /** True when the key is sensitive by name (so it also censors a URL query parameter of that name). */
  readonly queryKey: boolean;
  readonly holder: HolderKind;
  readonly wrappers: readonly WrapperKind[];
  /** Text written next to the secret that must stay visible. */
  readonly visible: string;
}

class Holder {
  other: string;
  constructor(key: string, secret: string, visible: string) {
    (this as unknown as Record<string, string>)[key] = secret;
    this.other = visible;
  }
}

class Box {
  constructor(readonly inner: unknown) {}
}

/** An error with a fixed stack, so two builds of one program write the same line for it. */
function fixedStack<E extends Error>(err: E): E {
  Object.defineProperty(err, "stack", { value: `${err.name}: ${err.message}`, writable: true, configurable: true });
  return err;
}

function idle(): Duplex {
  return new Duplex({ read() {}, write(_c, _e, cb) { cb(); } });
}

function holder(spec: ContainerSpec, disposers: (() => void)[]): unknown {
  const { key, secret, visible } = spec;
  const query = "/p?" + (spec.queryKey ? encodeURIComponent(key) + "=" + encodeURIComponent(secret) + "&" : "") + "v=" + visible;
  switch (spec.holder) {
    case "object":
      return { [key]: secret, other: visible };
    case "mapString":
      return new Map([[key, secret], ["other", visible]]);
    case "mapPairsString":
      return new Map<unknown, unknown>([[key, secret], [1, visible]]);
    case "mapSymbol":
      return new Map<unknown, unknown>([[Symbol(key), secret], [2, visible]]);
    case "mapBoxed":
      return new Map<unknown, unknown>([[new String(key), secret], [3, visible]]);
    case "mapObjectKey":
      return new Map<unknown, unknown>([[{ toString: () => key }, secret], [4, visible]]);
    case "instance":
      return new Holder(key, secret, visible);
    case "getter":
      return Object.defineProperty({ other: visible }, key, { enumerable: true, get: () => secret });
    case "toJSON":
      return { toJSON: () => ({ [key]: secret, other: visible }) };
    case "errorProperty":
      return Object.assign(fixedStack(new Error("holder")), { [key]: secret, other: visible });
    case "nullProto":
      return Object.assign(Object.create(null) as object, { [key]: secret, other: visible });
    case "proxy":
      return new Proxy({ [key]: secret, other: visible }, {});
    case "proxyTrap":
      return new Proxy({ [key]: "decoy", other: visible }, { get: (t, p) => (p === key ? secret : Reflect.get(t, p)) });
    case "frozen":
      return Object.freeze({ [key]: secret, other: visible });
    case "url":
      // The secret as the URL's password, and in its query under the key.
      return new URL(`https://app:${encodeURIComponent(secret)}@example.com${query}`);
    case "incomingMessage": {
      const socket = new net.Socket();
      const req = new http.IncomingMessage(socket);
      req.method = "POST";
      req.url = query;
      req.rawHeaders = [key, secret, "X-Visible", visible];
      req.headers = { [key.toLowerCase()]: secret, "x-visible": visible };
      disposers.push(() => socket.destroy());
      return req;
    }
    case "serverResponse": {
      const req = new http.IncomingMessage(new net.Socket());
      req.method = "GET";
      const res = new http.ServerResponse(req);
      res.setHeader(key, secret);
      res.setHeader("X-Visible", visible);
      res.writeHead(200); // the raw header text (`_header`) now holds the secret too
      return res;
    }
    case "clientRequest": {
      const req = http.request({ host: "example.invalid", path: query, method: "PUT", headers: { [key]: secret, "X-Visible": visible }, createConnection: idle });
      req.on("error", () => undefined);
      req.flushHeaders(); // `_header` and `outputData` now hold the secret
      disposers.push(() => req.destroy());
      return req;
    }
  }
}

function wrap(kind: WrapperKind, inner: unknown): unknown {
  switch (kind) {
    case "object":
      return { a: inner };
    case "array":
      return [1, inner];
    case "mapString":
      return new Map([["a", inner]]);
    case "mapPairs":
      return new Map<unknown, unknown>([[Symbol("a"), inner], [1, 2]]);
    case "set":
      return new Set([1, inner]);
    case "instance":
      return new Box(inner);
    case "getter":
      return { get a() { return inner; } };
    case "toJSON":
      return { toJSON: () => ({ a: inner }) };
    case "errorProperty":
      return Object.assign(fixedStack(new Error("wrapper")), { detail: inner });
    case "errorCause":
      return fixedStack(new Error("wrapper", { cause: inner }));
    case "aggregate":
      return fixedStack(new AggregateError([inner], "wrapper"));
    case "nullProto":
      return Object.assign(Object.create(null) as object, { a: inner });
    case "proxy":
      return new Proxy({ a: inner }, {});
    case "frozen":
      return Object.freeze({ a: inner });
  }
}

/** The value a spec describes, and a function that releases what it holds open (sockets). */
export function buildContainer(spec: ContainerSpec): { value: unknown; dispose: () => void } {
  const disposers: (() => void)[] = [];
  let value = holder(spec, disposers);
  for (let i = spec.wrappers.length - 1; i >= 0; i--) value = wrap(spec.wrappers[i], value);
  return { value, dispose: () => disposers.forEach((d) => d()) };
}

/** Every piece of `text` 8 characters long (the whole of a shorter one). */
export function pieces(text: string): string[] {
  if (text.length <= 8) return [text];
  return Array.from({ length: text.length - 7 }, (_, i) => text.slice(i, i + 8));
}

/** The first piece of the spec's secret (as written, JSON-escaped or URI-encoded) found in `line`, or `undefined`. */
export function leakIn(line: string, secret: string): string | undefined {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  for (const form of forms) for (const p of pieces(form)) if (line.includes(p)) return p;
  return undefined;
}
