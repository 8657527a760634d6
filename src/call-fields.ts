/**
 * A call's own fields as JSON members, written against the lower layers (base fields, child
 * bindings, context): the two field writers — a fields object (untransformed calls, and
 * transformed calls on the object path) and a compiled site's parts with its positional values.
 *
 * A lower layer's member whose key the call also writes is dropped, so a line never has a
 * duplicate key. Both writers return that lower text with the fields, computed after every piece
 * of user code they run (getters, `toJSON`, `toString`): such code may log, and nothing of that
 * call can leak into this one.
 */
import type { CompiledSite, DynamicSlot } from "./compiled-site.js";
import { SlotKind } from "./compiled-site.js";
import { keyEntry, lineKey, uniqueKey, userKey, withoutKeys, type FieldLayer } from "./fields.js";
import { completionMembers, HttpCompletion } from "./format/http-completion.js";
import { quote } from "./json-string.js";
import { nodeFieldKey } from "./node-objects.js";
import { censorValue, describeError, numberJson, readMember, serializeField, serializePlain, serializeString, type SerializeConfig } from "./serialize.js";

/** A call's fields and what is left of the lower layers, both as JSON members. */
export interface WrittenFields {
  /** The call's members (`,"key":value…`), JSON. */
  readonly fields: string;
  /** The lower layers' members the call did not take over. */
  readonly lower: string;
}

/** How a fields argument is written: as members, or whole under one key, or not at all. */
type FieldsShape = "none" | "members" | "value" | "error" | "req" | "res" | "unreadable" | "completion";

/**
 * What kind of fields argument `fields` is, without running user code that could throw (a
 * revoked Proxy throws from `Array.isArray`, a Proxy's `getPrototypeOf` trap from `instanceof`).
 * Binary data and boxed strings are values, not bags of indexed members: a 10 MB Buffer must
 * cost what any other bounded value costs.
 */
function shapeOf(fields: unknown): FieldsShape {
  if (fields === undefined || fields === null) return "none";
  if (typeof fields !== "object") return "value";
  try {
    if (Array.isArray(fields) || ArrayBuffer.isView(fields) || fields instanceof ArrayBuffer || fields instanceof String) return "value";
    if (fields instanceof Error) return "error";
    if (fields instanceof HttpCompletion) return "completion";
  } catch {
    return "unreadable";
  }
  // A Node request, response or socket: written whole (its own serializer), never as its internals.
  return nodeFieldKey(fields) ?? "members";
}

/**
 * Writes a fields argument against `lower`: an object's own enumerable fields (keys kept in
 * order, core keys renamed, the first `maxKeys`), an Error under `err`, anything else under
 * `value`, and a fields object that cannot even be read as `"value":"[Unserializable: …]"` (the
 * rest of the line is kept). Never throws.
 */
export function objectFields(fields: unknown, cfg: SerializeConfig, lower: FieldLayer): WrittenFields {
  let shape = shapeOf(fields);
  if (shape === "none") return { fields: "", lower: lower.json };
  if (shape === "completion") {
    // logweave/http's completion line: the format's own fields when it has them.
    const own = completionMembers(fields as HttpCompletion, cfg);
    if (own !== undefined) return { fields: own.json, lower: own.keys.some((k) => lower.keySet.has(k)) ? withoutKeys(lower, own.keys) : lower.json };
    fields = (fields as HttpCompletion).plain();
    shape = "members";
  }
  if (shape !== "members" && shape !== "unreadable") {
    const key = shape === "error" ? "err" : shape;
    const text = serializeField(fields, key, cfg);
    return {
      fields: text === undefined ? "" : "," + quote(key) + ":" + text,
      lower: text !== undefined && lower.keySet.has(key) ? withoutKeys(lower, [key]) : lower.json,
    };
  }
  let keys: string[] | undefined;
  let failure: unknown;
  if (shape === "members") {
    try {
      keys = Object.keys(fields as object);
    } catch (e) {
      failure = e;
    }
  }
  if (keys === undefined) {
    const unreadable = ',"value":' + serializeString("[Unserializable: " + describeError(failure) + "]", cfg);
    return { fields: unreadable, lower: lower.keySet.has("value") ? withoutKeys(lower, ["value"]) : lower.json };
  }
  const n = keys.length;
  const max = cfg.limits.maxKeys;
  const checkLower = lower.keys.length > 0;
  let taken: string[] | undefined;
  let out = "";
  for (let i = 0; i < n && i < max; i++) {
    const key = keys[i];
    const entry = keyEntry(key, cfg);
    if (entry.core) return renamedFields(fields as Record<string, unknown>, keys, cfg, lower);
    const value = readMember(fields as object, key);
    const text = entry.plain ? serializePlain(value, key, cfg) : serializeField(value, key, cfg);
    if (text === undefined) continue;
    out += entry.prefix + text;
    if (checkLower && lower.keySet.has(key)) (taken ??= []).push(key);
  }
  if (n > max) out += `,"...":"[${n - max} more keys]"`;
  return { fields: out, lower: taken === undefined ? lower.json : withoutKeys(lower, taken) };
}

/**
 * The slow path for keys not written as themselves: core keys renamed (the first of two equal
 * names wins, as a user's `fields.msg` beside `msg`), keys censored by patterns or cut by the
 * string limit made unique with a ` (2)` suffix.
 */
function renamedFields(fields: Record<string, unknown>, keys: string[], cfg: SerializeConfig, lower: FieldLayer): WrittenFields {
  const written = new Set<string>();
  const renamed = new Set<string>();
  const max = cfg.limits.maxKeys;
  let out = "";
  for (let i = 0; i < keys.length && i < max; i++) {
    const named = userKey(keys[i], cfg);
    if (renamed.has(named)) continue;
    const value = readMember(fields, keys[i]);
    const text = serializeField(value, named, cfg);
    if (text === undefined) continue;
    renamed.add(named);
    const key = uniqueKey(lineKey(keys[i], cfg), written);
    written.add(key);
    out += "," + quote(key) + ":" + text;
  }
  if (keys.length > max) out += `,"...":"[${keys.length - max} more keys]"`;
  return { fields: out, lower: lower.keys.some((k) => written.has(k)) ? withoutKeys(lower, written) : lower.json };
}

/**
 * Writes a compiled site's fields with the call's dynamic values (`values[offset…]`), in the
 * format's encoding, for a call with no lower layer (no base fields, bindings or context: the
 * common case, and the fastest). `bare`: the first member written comes without its leading
 * comma (a format whose fields open an object, see `LineFormat.bareFields`). Never throws.
 */
export function siteFields(parts: readonly (string | DynamicSlot)[], cfg: SerializeConfig, values: readonly unknown[], offset: number, bare: boolean): string {
  let out = "";
  let slot = offset;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === "string") {
      out += bare && out === "" ? p.slice(1) : p;
      continue;
    }
    const text = slotText(p, values[slot++], cfg);
    if (text !== undefined) out += (bare && out === "" ? p.prefix.slice(1) : p.prefix) + text;
  }
  return out;
}

/** {@link siteFields} against a lower layer with members: also says what is left of it. Never throws. */
export function siteFieldsOver(c: CompiledSite, cfg: SerializeConfig, lower: FieldLayer, values: readonly unknown[], offset: number): WrittenFields {
  const parts = c.parts ?? [];
  let out = "";
  let slot = offset;
  let taken: string[] | undefined;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === "string") {
      out += p;
      continue;
    }
    const text = slotText(p, values[slot++], cfg);
    if (text === undefined) continue;
    out += p.prefix + text;
    if (lower.keySet.has(p.key)) (taken ??= []).push(p.key);
  }
  for (const k of c.staticKeys) if (lower.keySet.has(k)) (taken ??= []).push(k);
  return { fields: out, lower: taken === undefined ? lower.json : withoutKeys(lower, taken) };
}

/** One dynamic value's text in the format's encoding, or `undefined` to leave the field out. */
function slotText(p: DynamicSlot, v: unknown, cfg: SerializeConfig): string | undefined {
  const json = slotJson(p, v, cfg);
  return json === undefined || p.encode === undefined ? json : p.encode(json);
}

/** One dynamic value, with the serializer the type checker allowed (checked again: types can lie). */
function slotJson(p: DynamicSlot, v: unknown, cfg: SerializeConfig): string | undefined {
  switch (p.kind) {
    case SlotKind.String:
      if (typeof v === "string") return serializeString(v, cfg);
      break;
    case SlotKind.Number:
      if (typeof v === "number") return numberJson(v, cfg);
      break;
    case SlotKind.Boolean:
      if (typeof v === "boolean") return v ? "true" : "false";
      break;
    case SlotKind.Censored:
      // Censored even when undefined, as the untransformed path (serializeField) does.
      return censorValue(v, [p.key], cfg);
  }
  return serializeField(v, p.key, cfg);
}
