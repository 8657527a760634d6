// Vendored, unchanged but for import paths: the safe serializer as it was at commit f720f4a
// (before the fast path). The differential test and bench/serializer.ts compare today's against it.
/**
 * The safe serializer: any JavaScript value to JSON text, never throwing, always valid.
 *
 * Used for every dynamic value the line assembler cannot write with a specialized serializer.
 * Handles cycles, BigInt, symbols, functions, invalid dates, errors (cause chains, AggregateError),
 * Map/Set, binary data, throwing getters/proxies/toJSON, Node's I/O objects (see node-objects.ts),
 * and bounds depth, breadth and length. Redaction happens here too, while walking, so the caller's
 * objects are never copied or mutated: a value is censored under a sensitive key whatever holds it
 * (object, array, Map with any keys, Set, error, class instance, getter, toJSON result).
 */
import { quote, truncate } from "./json-string.js";
import { nodeView } from "../../../src/node-objects.js";
import { censorQuery, DEFAULT_CENSOR, PATH_MATCH, type PathState, type Redactor } from "../../../src/redact.js";

/** Bounds that keep one line's cost finite. */
export interface SerializeLimits {
  /** Nesting depth beyond which objects are written as `"[Object]"` / `"[Array]"`. Default 10. */
  maxDepth: number;
  /** Keys written per object (the rest are counted under `"..."`). Default 100. */
  maxKeys: number;
  /** Items written per array, Set or typed array (the rest are counted). Default 100. */
  maxItems: number;
  /** UTF-16 units kept of a string (the rest are counted). Default 10,000. */
  maxStringLength: number;
}

/** The default {@link SerializeLimits}. */
export const DEFAULT_LIMITS: Readonly<SerializeLimits> = Object.freeze({
  maxDepth: 10,
  maxKeys: 100,
  maxItems: 100,
  maxStringLength: 10_000,
});

/** What the serializer needs from the logger's configuration. */
export interface SerializeConfig {
  readonly limits: SerializeLimits;
  readonly redactor: Redactor;
  /** Keys the line format writes itself (default: the `json` format's); see `userKey` in fields.ts. */
  readonly coreKeys?: ReadonlySet<string>;
  /** Per-key facts about top-level field keys, filled on first sight (see `keyEntry` in fields.ts). */
  keys?: Map<string, { readonly prefix: string; readonly plain: boolean; readonly core: boolean }>;
  /** JSON text of recent short messages (see {@link serializeMessage}). */
  messages?: Map<string, string>;
}

/**
 * The JSON text of a value under a key known to be free of redaction rules (`KeyEntry.plain`): primitives go
 * straight out; `undefined` means omit. Never throws.
 */
export function serializePlain(value: unknown, key: string, cfg: SerializeConfig): string | undefined {
  switch (typeof value) {
    case "string":
      return serializeString(value, cfg);
    case "number":
      return numberJson(value, cfg);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return undefined;
  }
  return serializeField(value, key, cfg);
}

/** The state of one serialization walk. */
interface Walk {
  readonly cfg: SerializeConfig;
  /** Objects on the path from the root to here: a value met again among them is a cycle. */
  readonly ancestors: unknown[];
  /** Key path from the root, kept only when the censor is a function (it receives the path). */
  readonly path: string[] | null;
}

/**
 * Returns the JSON text of a message. Messages are mostly literals that repeat, so short ones
 * are cached per configuration (bounded).
 */
export function serializeMessage(s: string, cfg: SerializeConfig): string {
  if (s.length > 120) return serializeString(s, cfg);
  const cache = (cfg.messages ??= new Map());
  let json = cache.get(s);
  if (json === undefined) {
    json = serializeString(s, cfg);
    if (cache.size < 2000) cache.set(s, json);
  }
  return json;
}

/** Returns a JSON string literal for a string value, after length limit and pattern redaction. */
export function serializeString(s: string, cfg: SerializeConfig): string {
  const max = cfg.limits.maxStringLength;
  const scrub = cfg.redactor.scrub;
  if (scrub === null) return quote(s.length > max ? truncate(s, max) : s);
  if (s.length <= max) return quote(scrub(s));
  // Patterns look a little past the cut, so a secret that straddles it is censored whole, not cut
  // into a prefix they no longer recognize.
  const scrubbed = scrub(s.slice(0, max + SCRUB_MARGIN));
  if (scrubbed.length <= max) return quote(scrubbed);
  let end = max;
  const last = scrubbed.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return quote(scrubbed.slice(0, end) + `...[${s.length - end} more chars]`);
}

/** How far past the length limit patterns read (a PEM key block fits). */
const SCRUB_MARGIN = 4096;

/** Returns JSON text for a number: `null` for NaN and ±Infinity, as JSON.stringify does. */
export function serializeNumber(n: number): string {
  return n === n && n !== Infinity && n !== -Infinity ? "" + n : "null";
}

/**
 * JSON text for a number under a configuration: as {@link serializeNumber}, but an integer of 13
 * or more digits that the patterns censor (a card number held as a number) is written censored.
 */
export function numberJson(n: number, cfg: SerializeConfig): string {
  const scrub = cfg.redactor.scrub;
  if (scrub !== null && (n >= 1e12 || n <= -1e12) && n < 1e21 && n > -1e21 && Number.isInteger(n)) {
    const digits = "" + n;
    const scrubbed = scrub(digits);
    if (scrubbed !== digits) return quote(scrubbed);
  }
  return serializeNumber(n);
}

/** JSON text for a BigInt: a number while it is safe, a string beyond; censored as {@link numberJson}. */
function bigintJson(value: bigint, cfg: SerializeConfig): string {
  const digits = value.toString();
  const scrub = cfg.redactor.scrub;
  if (scrub !== null && digits.length >= 13) {
    const scrubbed = scrub(digits);
    if (scrubbed !== digits) return quote(scrubbed);
  }
  // Exact: a JSON number while it is a safe integer, a string where a number would lose precision.
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? digits : '"' + digits + '"';
}

/**
 * The JSON text of an object key: the key itself, or (with patterns on, or when it is longer than
 * the string limit) the key with its secrets censored and its length bounded. Never throws.
 */
export function serializeKey(key: string, cfg: SerializeConfig): string {
  return cfg.redactor.scrub === null && key.length <= cfg.limits.maxStringLength ? quote(key) : serializeString(key, cfg);
}

/**
 * Returns the JSON text of `value` as a field value under `key` (used for redaction and paths),
 * or `undefined` when the value is omitted (`undefined`, as JSON.stringify omits it). Never throws.
 */
export function serializeField(value: unknown, key: string, cfg: SerializeConfig): string | undefined {
  const redactor = cfg.redactor;
  let paths: PathState | null = null;
  if (redactor.rootPaths !== null) {
    paths = redactor.step(redactor.rootPaths, key);
    if (paths === PATH_MATCH) return censorValue(value, [key], cfg);
  }
  if (redactor.isSensitive(key)) return censorValue(value, [key], cfg);
  // The common cases go straight out; only objects need a walk.
  switch (typeof value) {
    case "string":
      return serializeString(value, cfg);
    case "number":
      return numberJson(value, cfg);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return undefined;
  }
  const walk: Walk = { cfg, ancestors: [], path: typeof redactor.censor === "function" ? [key] : null };
  try {
    return writeValue(walk, value, 0, paths);
  } catch (e) {
    return unserializable(e, cfg);
  }
}

/** Returns the JSON text of any value (as an array item would be written). Never throws. */
export function serializeValue(value: unknown, cfg: SerializeConfig): string {
  const walk: Walk = { cfg, ancestors: [], path: typeof cfg.redactor.censor === "function" ? [] : null };
  try {
    return writeValue(walk, value, 0, null) ?? "null";
  } catch (e) {
    return unserializable(e, cfg);
  }
}

/** The JSON text written in place of a redacted value. */
export function censorValue(value: unknown, path: readonly string[], cfg: SerializeConfig): string {
  const censor = cfg.redactor.censor;
  if (typeof censor === "string") return quote(censor);
  try {
    const replaced = censor(value, path);
    // The replacement is the user's choice; it is serialized without further redaction.
    const walk: Walk = { cfg: { limits: cfg.limits, redactor: NO_REDACTION }, ancestors: [], path: null };
    return writeValue(walk, replaced, 0, null) ?? "null";
  } catch (e) {
    return serializeString("[censor threw: " + describeError(e) + "]", cfg);
  }
}

const NO_REDACTION: Redactor = {
  isSensitive: () => false,
  rootPaths: null,
  step: () => null,
  censor: "[REDACTED]",
  scrub: null,
};

/** `url` with the values of sensitive query parameters censored (the censor text; a censor function's default). */
function censorUrl(url: string, cfg: SerializeConfig): string {
  const censor = cfg.redactor.censor;
  return censorQuery(url, cfg.redactor.isSensitive, typeof censor === "string" ? censor : DEFAULT_CENSOR);
}

/** A URL's href with its password and sensitive query parameters censored. */
function urlText(url: URL, cfg: SerializeConfig): string {
  const censor = cfg.redactor.censor;
  const text = typeof censor === "string" ? censor : DEFAULT_CENSOR;
  let href = url.href;
  if (url.password !== "") {
    const at = href.indexOf(":" + url.password + "@", href.indexOf("//"));
    if (at >= 0) href = href.slice(0, at + 1) + text + href.slice(at + 1 + url.password.length);
  }
  return censorUrl(href, cfg);
}

/** Writes one value; `undefined` means "omit" (in objects) or `null` (in arrays). */
function writeValue(walk: Walk, value: unknown, depth: number, paths: PathState | null): string | undefined {
  switch (typeof value) {
    case "string":
      return serializeString(value, walk.cfg);
    case "number":
      return numberJson(value, walk.cfg);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return bigintJson(value, walk.cfg);
    case "undefined":
      return undefined;
    case "symbol":
      return serializeString(value.toString(), walk.cfg);
    case "function": {
      const name = readProperty(value, "name"); // a Proxy's trap may throw
      return serializeString(typeof name === "string" && name !== "" ? `[Function: ${truncate(name, 200)}]` : "[Function (anonymous)]", walk.cfg);
    }
  }
  if (value === null) return "null";
  return writeObject(walk, value as object, depth, paths);
}

function writeObject(walk: Walk, obj: object, depth: number, paths: PathState | null): string {
  const ancestors = walk.ancestors;
  if (ancestors.includes(obj)) return '"[Circular]"';
  const limits = walk.cfg.limits;
  let plain: boolean;
  let proto: object | null;
  try {
    // Plain objects (the usual field value) skip the class checks. A Proxy's trap may throw here.
    proto = Object.getPrototypeOf(obj) as object | null;
    plain = proto === Object.prototype || proto === null;
    if (!plain && obj instanceof Date) {
      const t = obj.getTime();
      return t === t ? '"' + obj.toISOString() + '"' : '"Invalid Date"';
    }
    if (depth >= limits.maxDepth) return Array.isArray(obj) ? '"[Array]"' : '"[Object]"';
  } catch (e) {
    return unserializable(e, walk.cfg);
  }

  ancestors.push(obj);
  try {
    if (!plain) {
      if (obj instanceof Error) return writeError(walk, obj, depth, paths);
      if (Array.isArray(obj)) return writeArray(walk, obj, depth, paths);
      if (ArrayBuffer.isView(obj)) return writeBinary(walk, obj, depth);
      if (obj instanceof Map) return writeMap(walk, obj, depth, paths);
      if (obj instanceof Set) return writeItems(walk, obj.values(), obj.size, depth, paths);
      if (obj instanceof ArrayBuffer || obj instanceof SharedArrayBuffer) {
        return `{"type":${serializeString(obj.constructor.name, walk.cfg)},"byteLength":${obj.byteLength}}`;
      }
      if (obj instanceof RegExp) return serializeString(String(obj), walk.cfg);
      // A URL's JSON is its href: its password and sensitive query parameters are censored.
      if (typeof URL === "function" && obj instanceof URL) return serializeString(urlText(obj, walk.cfg), walk.cfg);
      if (obj instanceof String || obj instanceof Number || obj instanceof Boolean) {
        return writeValue(walk, obj.valueOf(), depth, paths) ?? "null";
      }
      // Node's requests, responses, sockets, streams…: a view, or their class name; never a walk.
      const view = nodeView(obj, proto, (url) => censorUrl(url, walk.cfg));
      if (typeof view === "string") return serializeString(view, walk.cfg);
      if (view !== undefined) return writeProperties(walk, view, Object.keys(view), depth, paths, "");
    }
    const toJSON = readProperty(obj, "toJSON");
    if (typeof toJSON === "function") {
      let replaced: unknown;
      try {
        replaced = (toJSON as (this: object, key: string) => unknown).call(obj, "");
      } catch (e) {
        return serializeString("[toJSON threw: " + describeError(e) + "]", walk.cfg);
      }
      if (replaced !== obj) return writeValue(walk, replaced, depth + 1, paths) ?? "null";
    }
    return writeProperties(walk, obj, Object.keys(obj), depth, paths, "");
  } catch (e) {
    // A Proxy whose traps throw, a host object that refuses to be read…
    return unserializable(e, walk.cfg);
  } finally {
    ancestors.pop();
  }
}

/**
 * Writes `{` + the listed properties + `extra` (pre-written members, each starting with `,`) + `}`.
 * `get` reads a property (default: `obj[key]`); `reserved` are keys `extra` or the caller writes.
 */
function writeProperties(
  walk: Walk,
  obj: object,
  keys: readonly string[],
  depth: number,
  paths: PathState | null,
  extra: string,
  reserved: readonly string[] = NO_KEYS,
  get?: (key: string) => unknown,
): string {
  const { redactor, limits } = walk.cfg;
  const cfg = walk.cfg;
  let out = "";
  const count = keys.length > limits.maxKeys ? limits.maxKeys : keys.length;
  const record = obj as Record<string, unknown>;
  // Filled once a key is written other than as itself (a secret in it censored, a huge key cut),
  // so that the rewritten key can never repeat another one.
  let used: Set<string> | undefined;
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    let text: string | undefined;
    if (get === undefined && paths === null && walk.path === null && !redactor.isSensitive(key)) {
      // No path rule and no censor function: the member needs neither a path nor a deferred read.
      const value = readMember(record, key);
      text = writeValue(walk, value, depth + 1, null);
    } else {
      text = writeMember(walk, key, get === undefined ? () => record[key] : () => get(key), depth, paths, redactor);
    }
    if (text === undefined) continue;
    let keyText = quote(key);
    if (redactor.scrub !== null || key.length > limits.maxStringLength) {
      const written = serializeKey(key, cfg);
      if (written !== keyText) {
        used ??= new Set([...keys.slice(0, count), ...reserved].map(quote));
        keyText = written;
        for (let n = 2; used.has(keyText); n++) keyText = written.slice(0, -1) + ` (${n})"`;
        used.add(keyText);
      }
    }
    out += "," + keyText + ":" + text;
  }
  if (keys.length > count) out += `,"...":"[${keys.length - count} more keys]"`;
  out += extra;
  return out.length === 0 ? "{}" : "{" + out.slice(1) + "}";
}

const NO_KEYS: readonly string[] = [];

/** Writes the value of one member, applying key and path redaction; `undefined` omits it. */
function writeMember(
  walk: Walk,
  key: string,
  read: () => unknown,
  depth: number,
  paths: PathState | null,
  redactor: Redactor,
): string | undefined {
  let childPaths: PathState | null = null;
  const path = walk.path;
  if (path !== null) path.push(key);
  try {
    if (paths !== null) {
      childPaths = redactor.step(paths, key);
      if (childPaths === PATH_MATCH) return censorMember(read, path ?? [key], walk.cfg);
    }
    if (redactor.isSensitive(key)) return censorMember(read, path ?? [key], walk.cfg);
    let value: unknown;
    try {
      value = read();
    } catch (e) {
      return serializeString("[getter threw: " + describeError(e) + "]", walk.cfg);
    }
    return writeValue(walk, value, depth + 1, childPaths);
  } finally {
    if (path !== null) path.pop();
  }
}

/** A censored member: its value is read (a getter run) only for a censor function, which receives it. */
function censorMember(read: () => unknown, path: readonly string[], cfg: SerializeConfig): string {
  const censor = cfg.redactor.censor;
  if (typeof censor === "string") return quote(censor);
  let value: unknown;
  try {
    value = read();
  } catch {
    value = undefined;
  }
  return censorValue(value, path, cfg);
}

function writeArray(walk: Walk, arr: readonly unknown[], depth: number, paths: PathState | null): string {
  const { redactor, limits } = walk.cfg;
  const n = arr.length;
  const count = n > limits.maxItems ? limits.maxItems : n;
  let out = "";
  for (let i = 0; i < count; i++) {
    let text: string | undefined;
    if (paths !== null || walk.path !== null) {
      text = writeMember(walk, String(i), () => arr[i], depth, paths, redactor);
    } else {
      const item = readMember(arr, i);
      text = writeValue(walk, item, depth + 1, null);
    }
    out += (i === 0 ? "" : ",") + (text === undefined ? "null" : text);
  }
  if (n > count) out += (count === 0 ? "" : ",") + `"[...${n - count} more items]"`;
  return "[" + out + "]";
}

function writeItems(
  walk: Walk,
  items: Iterator<unknown>,
  size: number,
  depth: number,
  paths: PathState | null,
): string {
  const max = walk.cfg.limits.maxItems;
  let out = "";
  let i = 0;
  for (let r = items.next(); !r.done && i < max; r = items.next(), i++) {
    const text =
      paths !== null || walk.path !== null
        ? writeMember(walk, String(i), () => r.value, depth, paths, walk.cfg.redactor)
        : writeValue(walk, r.value, depth + 1, null);
    out += (i === 0 ? "" : ",") + (text === undefined ? "null" : text);
  }
  if (size > i) out += (i === 0 ? "" : ",") + `"[...${size - i} more items]"`;
  return "[" + out + "]";
}

/**
 * A Map with only string keys is written as an object; with any other key, as `[key, value]` pairs.
 * Either way a value is redacted by its key's name (a symbol's description, a number's digits, an
 * object's own string form), as an object member under that name would be.
 */
function writeMap(walk: Walk, map: Map<unknown, unknown>, depth: number, paths: PathState | null): string {
  // Only the keys that can be written are looked at: a huge Map costs what its first entries cost.
  const maxKeys = walk.cfg.limits.maxKeys;
  const keys: string[] = [];
  let stringKeys = true;
  for (const k of map.keys()) {
    if (typeof k !== "string") {
      stringKeys = false;
      break;
    }
    if (keys.length === maxKeys) break;
    keys.push(k);
  }
  if (stringKeys) {
    const more = map.size - keys.length;
    return writeProperties(walk, map, keys, depth, paths, more > 0 ? `,"...":"[${more} more keys]"` : "", NO_KEYS, (key) => map.get(key));
  }
  // Keys that are not strings cannot be object keys without colliding: write [key, value] pairs.
  const { redactor, limits } = walk.cfg;
  const max = limits.maxItems;
  let out = "";
  let i = 0;
  for (const [k, v] of map.entries()) {
    if (i >= max) break;
    const keyText = writeValue(walk, k, depth + 2, null) ?? "null";
    const valueText = writeMember(walk, keyName(k), () => v, depth + 1, paths, redactor) ?? "null";
    out += (i === 0 ? "[" : ",[") + keyText + "," + valueText + "]";
    i++;
  }
  if (map.size > i) out += (i === 0 ? "" : ",") + `"[...${map.size - i} more items]"`;
  return "[" + out + "]";
}

/**
 * The name a Map key is redacted by: a string as is, a symbol's description, a number's or
 * BigInt's digits, a boxed primitive's value, an object's string form when its class gives it one
 * (`URL`, a class with `toString`); `""` for a plain object or array. Never throws.
 */
function keyName(k: unknown): string {
  try {
    switch (typeof k) {
      case "string":
        return k;
      case "symbol":
        return k.description ?? "";
      case "function":
        return typeof k.name === "string" ? k.name : "";
      case "object": {
        if (k === null) return "null";
        if (k instanceof String || k instanceof Number || k instanceof Boolean) return String(k.valueOf());
        const toString = (k as { toString?: unknown }).toString;
        if (typeof toString !== "function" || toString === Object.prototype.toString || toString === Array.prototype.toString) return "";
        const s = String(k);
        return s.length > 1000 ? s.slice(0, 1000) : s;
      }
      default:
        return String(k);
    }
  } catch {
    // A throwing toString, a Proxy: the key has no name, and the value is redacted by nothing.
    return "";
  }
}

function writeBinary(walk: Walk, view: ArrayBufferView, depth: number): string {
  if (view instanceof DataView) return `{"type":"DataView","byteLength":${view.byteLength}}`;
  const items = view as unknown as ArrayLike<number | bigint>;
  const max = walk.cfg.limits.maxItems;
  const n = items.length;
  const count = n > max ? max : n;
  let out = "";
  for (let i = 0; i < count; i++) out += (i === 0 ? "" : ",") + writeValue(walk, items[i], depth + 1, null);
  if (n > count) out += (count === 0 ? "" : ",") + `"[...${n - count} more items]"`;
  // Buffers keep Node's own JSON shape ({type, data}), bounded.
  if (typeof Buffer !== "undefined" && Buffer.isBuffer(view)) return `{"type":"Buffer","data":[${out}]}`;
  return "[" + out + "]";
}

// Members an error's object always or possibly has, written before its other own properties.
const ERROR_KEYS: readonly string[] = ["type", "message", "stack", "code", "cause", "errors"];

/**
 * Errors: type, message, stack, then code, cause (followed as a chain, cycles cut), AggregateError's
 * errors, and any other own properties. An own `type` is left out, as pino's error serializer does:
 * `type` is the error's class.
 */
function writeError(walk: Walk, err: Error, depth: number, paths: PathState | null): string {
  const type = readProperty(err, "name");
  const ctorName = readProperty(readProperty(err, "constructor"), "name");
  const typeName = typeof ctorName === "string" && ctorName !== "" && ctorName !== "Error" ? ctorName : typeof type === "string" ? type : "Error";
  let out = '"type":' + serializeString(typeName, walk.cfg);
  const message = readProperty(err, "message");
  out += ',"message":' + serializeString(typeof message === "string" ? message : safeText(message ?? ""), walk.cfg);
  const stack = readProperty(err, "stack");
  if (typeof stack === "string") out += ',"stack":' + serializeString(stack, walk.cfg);
  const skip = new Set(["name", "message", "stack", "type"]);
  let extra = "";
  for (const special of ["code", "cause", "errors"]) {
    skip.add(special);
    let present = false;
    try {
      present = Object.hasOwn(err, special) || (special === "code" && readProperty(err, "code") !== undefined);
    } catch {
      present = false;
    }
    if (!present) continue;
    const text = writeMember(walk, special, () => (err as unknown as Record<string, unknown>)[special], depth, paths, walk.cfg.redactor);
    if (text !== undefined) extra += `,"${special}":` + text;
  }
  const rest = Object.keys(err).filter((k) => !skip.has(k));
  const props = writeProperties(walk, err, rest, depth, paths, extra, ERROR_KEYS);
  return "{" + out + (props === "{}" ? "" : "," + props.slice(1, -1)) + "}";
}

/** `String(v)`, or a description of why it could not be made a string. Never throws. */
function safeText(v: unknown): string {
  try {
    return String(v);
  } catch (e) {
    return "[unprintable: " + describeError(e) + "]";
  }
}

/** Reads a property, returning `undefined` when the read throws (getters, proxies). */
function readProperty(obj: unknown, key: string): unknown {
  if (obj === null || (typeof obj !== "object" && typeof obj !== "function")) return undefined;
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * `obj[key]`, or `"[getter threw: …]"` when reading it throws (a getter, a Proxy trap): what
 * every writer logs in place of a value it cannot read. Never throws.
 */
export function readMember(obj: object, key: PropertyKey): unknown {
  try {
    return (obj as Record<PropertyKey, unknown>)[key];
  } catch (e) {
    return "[getter threw: " + describeError(e) + "]";
  }
}

/** A short, never-throwing description of something thrown. */
export function describeError(e: unknown): string {
  try {
    if (e instanceof Error) return truncate(String(e.message), 200);
    return truncate(String(e), 200);
  } catch {
    return "unknown";
  }
}

function unserializable(e: unknown, cfg: SerializeConfig): string {
  return serializeString("[Unserializable: " + describeError(e) + "]", cfg);
}
