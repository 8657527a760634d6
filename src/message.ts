/**
 * The message of a line: from a call's `(msg, fields)` as users of the runtime API write them
 * (message first, or pino's order: `log.info({ a }, "msg")`, `log.error(err)`), and from a
 * transformer site's template parts and hole values.
 */
import type { CompiledSite } from "./compiled-site.js";
import { escapeInner } from "./json-string.js";
import { describeError, serializeMessage, serializeString, type SerializeConfig } from "./serialize.js";

/**
 * True when a call is written in pino's order — the fields (an object, or an Error alone) come
 * first and the message, if any, second — so the fields are `msg` and the message is `fields`.
 * Never throws (a Proxy whose traps throw is just an object).
 */
export function isPinoOrder(msg: unknown, fields: unknown): boolean {
  if (typeof msg === "string" || msg === null || typeof msg !== "object") return false;
  if (fields === undefined) return true;
  return typeof fields === "string";
}

/**
 * The message of a call as JSON text: `msg` when it is a string; in pino's order the second
 * argument, or an Error's own message when it came alone; anything else made a string as
 * `String(msg)` would, bounded (a sparse array of a billion slots costs what 100 items cost).
 * Never throws.
 */
export function messageJson(msg: unknown, fields: unknown, pinoOrder: boolean, cfg: SerializeConfig): string {
  if (typeof msg === "string") return serializeMessage(msg, cfg);
  if (!pinoOrder) return serializeString(msg === undefined ? "" : boundedString(msg, cfg.limits.maxItems), cfg);
  if (typeof fields === "string") return serializeMessage(fields, cfg);
  return serializeString(isError(msg) ? errorMessage(msg as Error) : "", cfg);
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

/**
 * `String(v)`, except that an array or typed array longer than `maxItems` is joined from its
 * first `maxItems` items and says how many it left out: `String` of a huge sparse array walks
 * every slot. Never throws.
 */
export function boundedString(v: unknown, maxItems: number): string {
  try {
    if ((Array.isArray(v) || ArrayBuffer.isView(v)) && (v as ArrayLike<unknown>).length > maxItems) {
      const items = v as ArrayLike<unknown>;
      let out = "";
      for (let i = 0; i < maxItems; i++) {
        const item = items[i];
        out += (i === 0 ? "" : ",") + (item === undefined || item === null ? "" : safeString(item));
      }
      return out + `,[...${items.length - maxItems} more items]`;
    }
  } catch (e) {
    return "[unprintable: " + describeError(e) + "]";
  }
  return safeString(v);
}

/**
 * A template message from a compiled site's parts and the hole values, from `values[at]` on (strings already, as the
 * emitted code converts each hole where the template literal would). Joined as escaped text when
 * it fits `maxStringLength` and no pattern redaction applies; otherwise joined raw and written as
 * any string is (cut, scrubbed), so the line is the untransformed call's. Never throws.
 */
export function templateMessageJson(c: CompiledSite, values: readonly unknown[], at: number, cfg: SerializeConfig): string {
  const t = c.template;
  if (t !== undefined) {
    let out = '"' + t[0];
    let length = t[0].length;
    for (let i = 1; i < t.length; i++) {
      const hole = safeString(values[at + i - 1]);
      length += hole.length + t[i].length;
      out += escapeInner(hole) + t[i];
    }
    if (length <= cfg.limits.maxStringLength) return out + '"';
  }
  const raw = c.rawTemplate ?? [];
  let s = raw[0] ?? "";
  for (let i = 1; i < raw.length; i++) s += safeString(values[at + i - 1]) + raw[i];
  return serializeString(s, cfg);
}

function isError(v: unknown): boolean {
  try {
    return v instanceof Error;
  } catch {
    return false;
  }
}

function errorMessage(err: Error): string {
  try {
    return safeString(err.message);
  } catch {
    return "";
  }
}
