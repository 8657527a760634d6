/**
 * Field layers: base fields, child bindings and context, each serialized once and reused by
 * every line, plus the rules that keep a line free of duplicate or forged keys.
 *
 * Precedence, highest first: call fields > context > child bindings > base. A lower layer's key
 * that a higher one also writes is dropped from the line. Core keys (`level`, `time`, `msg`…)
 * belong to logweave: a user field with that name is written as `fields.<name>` (logrus's rule).
 */
import { jsonFormat } from "./format/json.js";
import { quote } from "./json-string.js";
import { nodeFieldKey } from "./node-objects.js";
import { readMember, serializeField, serializeKey, type SerializeConfig } from "./serialize.js";

/** Keys that only logweave writes, in the `json` format (each format has its own, see `LineFormat.coreKeys`). */
export const CORE_KEYS: ReadonlySet<string> = new Set(jsonFormat.coreKeys);

/**
 * A top-level key as the line writes it: renamed `fields.<key>` for a core key, then (with
 * patterns on, or past the string limit) censored and cut — as a string, not yet quoted.
 */
export function lineKey(key: string, cfg: SerializeConfig): string {
  const renamed = userKey(key, cfg);
  return cfg.redactor.scrub === null && renamed.length <= cfg.limits.maxStringLength ? renamed : (JSON.parse(serializeKey(renamed, cfg)) as string);
}

/** `key` made unique among `taken` with a ` (2)`, ` (3)`… suffix, as nested keys are. */
export function uniqueKey(key: string, taken: ReadonlySet<string>): string {
  if (!taken.has(key)) return key;
  let n = 2;
  while (taken.has(`${key} (${n})`)) n++;
  return `${key} (${n})`;
}

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
  /**
   * True when the key is not written as itself: a core key (renamed), or a key that patterns
   * censor or the string limit cuts. Such keys take the slow path, which keeps keys unique.
   */
  readonly core: boolean;
}

/** The {@link KeyEntry} of `key` (cached per configuration; bounded so hostile keys cannot grow it). */
export function keyEntry(key: string, cfg: SerializeConfig): KeyEntry {
  const table = (cfg.keys ??= new Map());
  let e = table.get(key);
  if (e === undefined) {
    const r = cfg.redactor;
    const plain = !r.isSensitive(key) && (r.rootPaths === null || r.step(r.rootPaths, key) === null);
    const core = (cfg.coreKeys ?? CORE_KEYS).has(key) || lineKey(key, cfg) !== key;
    e = { prefix: "," + quote(key) + ":", plain, core };
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
 * `undefined` values omitted, core keys renamed, keys as the line writes them, the last of two
 * colliding keys kept). Non-objects give the empty layer; a Node I/O object (a request, a
 * response, a socket) is one field, under `req`, `res` or `value`, never a bag of its internals.
 * Never throws.
 */
export function layerFromObject(fields: unknown, cfg: SerializeConfig): FieldLayer {
  if (fields === null || typeof fields !== "object") return EMPTY_LAYER;
  const whole = nodeFieldKey(fields);
  if (whole !== undefined) {
    const text = serializeField(fields, whole, cfg);
    return text === undefined ? EMPTY_LAYER : makeLayer([whole], ["," + quote(whole) + ":" + text]);
  }
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
    const named = userKey(keys[i], cfg);
    const value = readMember(fields as object, keys[i]);
    const text = serializeField(value, named, cfg);
    if (text === undefined) continue;
    const key = lineKey(keys[i], cfg);
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
