/**
 * The line assembler: the one place a log line is put together, for plain runtime calls and for
 * transformer-precomputed call sites alike.
 *
 * A line is static text (level head, base, name, precomputed site fragments, caller) around the
 * few things only known at call time: the time, the message when it is dynamic, and the dynamic
 * field values. Both ways in produce identical lines for the same call.
 */
import type { ResolvedConfig } from "./config.js";
import { keyEntry, userKey, withoutKeys, type FieldLayer } from "./fields.js";
import { escapeInner, quote } from "./json-string.js";
import { censorValue, describeError, readMember, serializeField, serializeMessage, serializeNumber, serializePlain, serializeString, type SerializeConfig } from "./serialize.js";
import type { CallSite, CompiledSite, DynamicSlot } from "./site.js";

/**
 * Finishes a line. In the fast case (`json`, no trace ids, no sampling):
 * `{"level":N,"time":T` + pid/hostname/name + msg + lower layers + call fields + site text + `}`.
 * Otherwise the configuration's format joins the same pieces (see {@link formatLine}).
 * `mid` is the logger's middle in the format (`,"pid":…,"name":…,"msg":`, built once per logger);
 * `lowerJson` is JSON members; `fieldsJson` is in the format's encoding (see {@link encodedMembers});
 * `extra` holds JSON members only some lines have (the sampled-out count).
 */
export function assembleLine(
  cfg: ResolvedConfig,
  level: number,
  mid: string,
  msgJson: string,
  lowerJson: string,
  fieldsJson: string,
  siteText: string,
  extra = "",
): string {
  if (cfg.fast) return cfg.heads[level] + Date.now() + mid + msgJson + lowerJson + fieldsJson + siteText + "}\n";
  return formatLine(cfg, level, mid + cfg.format.message(msgJson), lowerJson, fieldsJson, siteText, extra);
}

/** JSON members in the configuration's member encoding (unchanged for JSON formats). */
export function encodedMembers(cfg: ResolvedConfig, json: string): string {
  const enc = cfg.format.encoding;
  return enc === undefined || json === "" ? json : enc.members(json);
}

/**
 * A line in the configuration's format from its pieces: `midMsg` is the logger's middle and the
 * message already in the format, `lowerJson` the lower layers' members (JSON), `fields` the call's
 * members in the format's encoding, `siteText` the site's static text in the format, `extra` JSON
 * members. Adds the active span's ids when OpenTelemetry is there.
 */
export function formatLine(
  cfg: ResolvedConfig,
  level: number,
  midMsg: string,
  lowerJson: string,
  fields: string,
  siteText: string,
  extra: string,
  fieldsBare = false,
): string {
  const enc = cfg.format.encoding;
  const trace = cfg.trace === undefined ? "" : cfg.trace();
  if (enc === undefined) return cfg.format.line(cfg.heads[level], midMsg, lowerJson, fields, siteText, extra, trace, fieldsBare);
  return cfg.format.line(cfg.heads[level], midMsg, lowerJson === "" ? "" : enc.lower(lowerJson), fields, siteText, extra === "" ? "" : enc.members(extra), trace);
}

/** The member that reports how many calls of a site sampling left out before this line, or `""`. */
export function sampledMember(cfg: ResolvedConfig, dropped: number): string {
  return dropped === 0 ? "" : ',"' + cfg.format.sampledKey + '":' + dropped;
}

/**
 * The lower layer's JSON left after the call's fields took their keys (set by the field writers).
 * Like {@link normalizedFields}, it is written only after the writer ran every piece of user code
 * (getters, `toJSON`, `toString`) it will run: such code may log, and that call's writers must
 * not leak into this one's line.
 */
export let lowerJsonOut = "";

/**
 * A call's `(msg, fields)` as written by users of the runtime API, normalized: a non-string
 * message is made a string; pino's argument order (`log.info({ a }, "msg")`, `log.error(err)`)
 * is accepted. Sets {@link normalizedFields} and returns the message JSON text. Never throws.
 */
export function normalizeMessage(msg: unknown, fields: unknown, cfg: SerializeConfig): string {
  let json: string;
  let out = fields;
  if (typeof msg === "string") json = serializeMessage(msg, cfg);
  else if (msg instanceof Error && fields === undefined) {
    json = serializeString(safeString(readMessage(msg)), cfg);
    out = msg;
  } else if (msg !== null && typeof msg === "object" && (fields === undefined || typeof fields === "string")) {
    json = serializeString(fields === undefined ? "" : fields, cfg);
    out = msg;
  } else {
    json = serializeString(msg === undefined ? "" : safeString(msg), cfg);
  }
  normalizedFields = out;
  return json;
}

/** The fields argument after {@link normalizeMessage}. */
export let normalizedFields: unknown = undefined;

/**
 * Serializes a call's fields argument (an object, an Error, or anything else) against the lower
 * layer: returns the fields' members and sets {@link lowerJsonOut}. Never throws.
 *
 * An Error is written under `err`; a non-object value under `value`; core keys are renamed.
 */
export function objectFieldsJson(fields: unknown, cfg: SerializeConfig, lower: FieldLayer): string {
  if (fields === undefined || fields === null) {
    lowerJsonOut = lower.json;
    return "";
  }
  if (typeof fields !== "object" || Array.isArray(fields) || fields instanceof Error) {
    const key = fields instanceof Error ? "err" : "value";
    const text = serializeField(fields, key, cfg);
    lowerJsonOut = text !== undefined && lower.keySet.has(key) ? withoutKeys(lower, [key]) : lower.json;
    return text === undefined ? "" : "," + quote(key) + ":" + text;
  }
  let keys: string[];
  try {
    keys = Object.keys(fields);
  } catch (e) {
    lowerJsonOut = lower.json;
    return ',"value":' + quote("[Unserializable: " + describeError(e) + "]");
  }
  const n = keys.length;
  const max = cfg.limits.maxKeys;
  const checkLower = lower.keys.length > 0;
  let taken: string[] | undefined;
  let out = "";
  for (let i = 0; i < n && i < max; i++) {
    const key = keys[i];
    const entry = keyEntry(key, cfg);
    if (entry.core) return renamedFieldsJson(fields as Record<string, unknown>, keys, cfg, lower);
    const value = readMember(fields as object, key);
    const text = entry.plain ? serializePlain(value, key, cfg) : serializeField(value, key, cfg);
    if (text === undefined) continue;
    out += entry.prefix + text;
    if (checkLower && lower.keySet.has(key)) (taken ??= []).push(key);
  }
  if (n > max) out += `,"...":"[${n - max} more keys]"`;
  lowerJsonOut = taken === undefined ? lower.json : withoutKeys(lower, taken);
  return out;
}

/** The slow path for fields that use core key names: renamed, and the first of two equal names wins. */
function renamedFieldsJson(fields: Record<string, unknown>, keys: string[], cfg: SerializeConfig, lower: FieldLayer): string {
  const written = new Set<string>();
  const max = cfg.limits.maxKeys;
  let out = "";
  for (let i = 0; i < keys.length && i < max; i++) {
    const key = userKey(keys[i], cfg);
    if (written.has(key)) continue;
    const value = readMember(fields, keys[i]);
    const text = serializeField(value, key, cfg);
    if (text === undefined) continue;
    written.add(key);
    out += "," + quote(key) + ":" + text;
  }
  if (keys.length > max) out += `,"...":"[${keys.length - max} more keys]"`;
  lowerJsonOut = lower.keys.some((k) => written.has(k)) ? withoutKeys(lower, written) : lower.json;
  return out;
}

/**
 * Serializes a compiled site's fields — `parts`: its `parts`, or its `bareParts` — with the call's
 * dynamic values (`values[offset…]`), against the lower layer; sets {@link lowerJsonOut}. Only
 * for sites whose `parts` is not `null`.
 */
export function siteFieldsJson(
  c: CompiledSite,
  parts: readonly (string | DynamicSlot)[],
  cfg: SerializeConfig,
  lower: FieldLayer,
  values: readonly unknown[],
  offset: number,
): string {
  let out = "";
  let slot = offset;
  let taken: string[] | undefined;
  const checkLower = lower.keys.length > 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === "string") {
      out += p;
      continue;
    }
    const v = values[slot++];
    const text = slotJson(p, p.kind, v, cfg);
    if (text === undefined) continue;
    out += p.prefix + text;
    if (checkLower && lower.keySet.has(p.key)) (taken ??= []).push(p.key);
  }
  if (checkLower) {
    for (const k of c.staticKeys) if (lower.keySet.has(k)) (taken ??= []).push(k);
  }
  lowerJsonOut = taken === undefined ? lower.json : withoutKeys(lower, taken);
  return out;
}

/**
 * One dynamic value, with the serializer the type checker allowed (checked again: types can lie);
 * kind 5 encodes that text for a format that is not JSON.
 */
function slotJson(p: DynamicSlot, kind: DynamicSlot["kind"], v: unknown, cfg: SerializeConfig): string | undefined {
  switch (kind) {
    case 0:
      if (typeof v === "string") return serializeString(v, cfg);
      break;
    case 1:
      if (typeof v === "number") return serializeNumber(v);
      break;
    case 2:
      if (typeof v === "boolean") return v ? "true" : "false";
      break;
    case 4:
      // Censored even when undefined, as the untransformed path (serializeField) does.
      return censorValue(v, [p.key], cfg);
    case 5: {
      const text = slotJson(p, p.inner!, v, cfg);
      return text === undefined ? undefined : p.encode!(text);
    }
  }
  return serializeField(v, p.key, cfg);
}

/** A template-literal message from its precompiled parts and the hole values. Never throws. */
export function templateMessageJson(c: CompiledSite, values: readonly unknown[], cfg: SerializeConfig): string {
  const t = c.template;
  if (t !== undefined) {
    let out = '"' + t[0];
    let length = t[0].length;
    for (let i = 1; i < t.length; i++) {
      const v = values[i - 1];
      // A number's text never needs escaping; anything else is made a string as `${v}` would.
      const hole = typeof v === "number" ? "" + v : safeString(v);
      length += hole.length + t[i].length;
      out += (typeof v === "number" ? hole : escapeInner(hole)) + t[i];
    }
    if (length <= cfg.limits.maxStringLength) return out + '"';
  }
  const raw = c.rawTemplate ?? [];
  let s = raw[0] ?? "";
  for (let i = 1; i < raw.length; i++) s += safeString(values[i - 1]) + raw[i];
  return serializeString(s, cfg);
}

/**
 * Rebuilds the fields object a site's call wrote, from its static values and dynamic values, so
 * the object path can serialize it exactly as an untransformed call would.
 */
export function rebuildFields(site: CallSite, c: CompiledSite, values: readonly unknown[], offset: number): unknown {
  const fields = site.spec.fields;
  if (fields === undefined) return undefined;
  if (fields === "object") return values[offset];
  const obj: Record<string, unknown> = {};
  let slot = offset;
  for (const f of fields) {
    const value = "json" in f ? c.staticValues.get(String(f.key)) : values[slot++];
    Object.defineProperty(obj, String(f.key), { value, enumerable: true, writable: true, configurable: true });
  }
  return obj;
}

/** `String(v)` that never throws (a throwing `toString`, a revoked Proxy). */
export function safeString(v: unknown): string {
  if (typeof v === "string") return v;
  try {
    return String(v);
  } catch (e) {
    return "[unprintable: " + describeError(e) + "]";
  }
}

function readMessage(err: Error): unknown {
  try {
    return err.message;
  } catch {
    return "";
  }
}
