/**
 * Static values to JSON text at build time, exactly as the runtime would write them, so a call
 * site can carry the finished text and the runtime never serializes it again.
 *
 * A value is static when it is made only of literals: strings, numbers, booleans, `null`, and
 * arrays and object literals of those. Anything whose JSON the build cannot be sure of is not
 * static (and is passed at run time instead): holes and spreads in arrays, object literals whose
 * key order or keys JavaScript itself would rearrange (see {@link isReorderedKey}), duplicate keys.
 */
import { quote } from "../../src/json-string.js";
import type { ValueDescription } from "./call.js";

/**
 * Returns the JSON text of a static value (strings escaped as the runtime's `quote`, numbers as
 * `String(n)`, NaN and ±Infinity as `null`), or `undefined` when the value is not static.
 */
export function staticJson<E>(value: ValueDescription<E>): string | undefined {
  switch (value.kind) {
    case "literal":
      return literalJson(value.value);
    case "array": {
      let out = "[";
      for (let i = 0; i < value.items.length; i++) {
        const item = value.items[i];
        if (item.kind === "spread" || item.kind === "hole") return undefined;
        const text = staticJson(item);
        if (text === undefined) return undefined;
        out += (i === 0 ? "" : ",") + text;
      }
      return out + "]";
    }
    case "object": {
      let out = "{";
      const seen = new Set<string>();
      for (const member of value.members) {
        if (member.kind !== "property") return undefined;
        if (isReorderedKey(member.key) || seen.has(member.key)) return undefined;
        seen.add(member.key);
        const text = staticJson(member.value);
        if (text === undefined) return undefined;
        out += (seen.size === 1 ? "" : ",") + quote(member.key) + ":" + text;
      }
      return out + "}";
    }
    default:
      return undefined;
  }
}

/** JSON text of a literal value. */
export function literalJson(value: string | number | boolean | null): string {
  if (typeof value === "string") return quote(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  return String(value);
}

/**
 * True when a key written in an object literal does not end up where it was written: array-index
 * keys (`0`, `"1"`) are listed before every other key, and `__proto__: v` sets the prototype
 * instead of making a property. Such literals keep their run-time object so the order is
 * JavaScript's own.
 */
export function isReorderedKey(key: string): boolean {
  if (key === "__proto__") return true;
  return /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}
