/**
 * Field layers: base fields, child bindings and context, each serialized once and reused by
 * every line, plus the rules that keep a line free of duplicate or forged keys.
 *
 * Precedence, highest first: call fields > context > child bindings > base. A lower layer's key
 * that a higher one also writes is dropped from the line. Core keys (`level`, `time`, `msg`…)
 * belong to logweave: a user field with that name is written as `fields.<name>` (logrus's rule).
 */
import { quote } from "./json-string.js";
import { readMember, serializeField, type SerializeConfig } from "./serialize.js";

/** Keys that only logweave writes, in the `json` format (each format has its own, see `LineFormat.coreKeys`). */
export const CORE_KEYS: ReadonlySet<string> = new Set([
  "level", "time", "pid", "hostname", "name", "msg", "caller",
]);

/** The key a user field named `key` is written under: `fields.<key>` for the configuration's core keys. */
export function userKey(key: string, cfg?: SerializeConfig): string {
  return (cfg?.coreKeys ?? CORE_KEYS).has(key) ? "fields." + key : key;
}

/** What is known about a top-level field key under one configuration. */
export interface KeyEntry {
  /** `,"key":` */
  readonly prefix: string;
  /** True when no redaction rule (sensitive name, path) can apply to the key's value. */
  readonly plain: boolean;
  /** True for a core key (the field is written renamed). */
  readonly core: boolean;
}

/** The {@link KeyEntry} of `key` (cached per configuration; bounded so hostile keys cannot grow it). */
export function keyEntry(key: string, cfg: SerializeConfig): KeyEntry {
  const table = (cfg.keys ??= new Map());
  let e = table.get(key);
  if (e === undefined) {
    const r = cfg.redactor;
    const plain = !r.isSensitive(key) && (r.rootPaths === null || r.step(r.rootPaths, key) === null);
    e = { prefix: "," + quote(key) + ":", plain, core: (cfg.coreKeys ?? CORE_KEYS).has(key) };
    if (table.size < 10_000) table.set(key, e);
  }
  return e;
}

/** A set of fields already serialized: one member text per key, in order. */
export interface FieldLayer {
  /** Keys as written (after core-key renaming), in order. */
  readonly keys: readonly string[];
  /** `,"key":value` for each key, parallel to `keys`. */
  readonly members: readonly string[];
  /** All members joined: what a line appends. */
  readonly json: string;
  /** `keys` as a set, for collision checks. */
  readonly keySet: ReadonlySet<string>;
}

/** The layer with no fields. */
export const EMPTY_LAYER: FieldLayer = Object.freeze({
  keys: [],
  members: [],
  json: "",
  keySet: new Set<string>(),
});

/**
 * Serializes an object's own enumerable fields into a layer (redaction and limits applied,
 * `undefined` values omitted, core keys renamed, the last of two colliding keys kept).
 * Non-objects give the empty layer. Never throws.
 */
export function layerFromObject(fields: unknown, cfg: SerializeConfig): FieldLayer {
  if (fields === null || typeof fields !== "object") return EMPTY_LAYER;
  let keys: string[];
  try {
    keys = Object.keys(fields);
  } catch {
    return EMPTY_LAYER;
  }
  if (keys.length === 0) return EMPTY_LAYER;
  const outKeys: string[] = [];
  const members: string[] = [];
  const max = cfg.limits.maxKeys;
  for (let i = 0; i < keys.length && i < max; i++) {
    const key = userKey(keys[i], cfg);
    const value = readMember(fields as object, keys[i]);
    const text = serializeField(value, key, cfg);
    if (text === undefined) continue;
    const at = outKeys.indexOf(key);
    if (at >= 0) {
      outKeys.splice(at, 1);
      members.splice(at, 1);
    }
    outKeys.push(key);
    members.push("," + quote(key) + ":" + text);
  }
  return makeLayer(outKeys, members);
}

/** Builds a layer from parallel keys and member texts. */
export function makeLayer(keys: string[], members: string[]): FieldLayer {
  if (keys.length === 0) return EMPTY_LAYER;
  return { keys, members, json: members.join(""), keySet: new Set(keys) };
}

/** `upper` over `lower`: lower's members whose key `upper` also has are dropped. */
export function mergeLayers(lower: FieldLayer, upper: FieldLayer): FieldLayer {
  if (upper.keys.length === 0) return lower;
  if (lower.keys.length === 0) return upper;
  const keys: string[] = [];
  const members: string[] = [];
  for (let i = 0; i < lower.keys.length; i++) {
    if (upper.keySet.has(lower.keys[i])) continue;
    keys.push(lower.keys[i]);
    members.push(lower.members[i]);
  }
  keys.push(...upper.keys);
  members.push(...upper.members);
  return makeLayer(keys, members);
}

/** The layer without the given keys (a call's fields took them over). */
export function withoutKeys(layer: FieldLayer, drop: ReadonlySet<string> | readonly string[]): string {
  const has = Array.isArray(drop) ? (k: string) => drop.includes(k) : (k: string) => (drop as ReadonlySet<string>).has(k);
  let json = "";
  for (let i = 0; i < layer.keys.length; i++) if (!has(layer.keys[i])) json += layer.members[i];
  return json;
}
