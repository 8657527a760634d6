/**
 * Values as pino writes them: `JSON.stringify`, and where that throws (a cycle, a BigInt, a
 * getter or `toJSON` that throws), the rules of `safe-stable-stringify` as pino configures it
 * (`depthLimit` / `edgeLimit`): keys sorted, a cycle written `"[Circular]"`, a BigInt as its
 * digits, objects deeper than the limit `"[Object]"` / `"[Array]"`, wide ones cut with a count.
 * A value that cannot be read even so is written as pino writes it:
 * `"[unable to serialize, circular reference is too complex to analyze]"`.
 *
 * Plain data costs what `JSON.stringify` costs: the careful walk runs only after it failed.
 */

/** pino's text for a value that could not be serialized at all. */
export const UNSERIALIZABLE = '"[unable to serialize, circular reference is too complex to analyze]"';

/** A `JSON.stringify` replacer: called with the holder as `this`, after `toJSON`. */
export type Replacer = (this: unknown, key: string, value: unknown) => unknown;

/** The limits of the fallback walk (pino's `depthLimit` and `edgeLimit`). */
export interface SafeLimits {
  readonly maximumDepth: number;
  readonly maximumBreadth: number;
}

/**
 * The JSON text of `value`, or `undefined` where JSON has none (`undefined`, a function, a
 * symbol). With `replacer` (a factory: a replacer may keep state for one walk), it applies at
 * every level in both walks. Never throws.
 */
export function stringifyValue(value: unknown, limits: SafeLimits, replacer?: () => Replacer): string | undefined {
  try {
    return JSON.stringify(value, replacer === undefined ? undefined : replacer());
  } catch {
    try {
      return safeStringify(value, limits, replacer === undefined ? undefined : replacer());
    } catch {
      return UNSERIALIZABLE;
    }
  }
}

/** `safe-stable-stringify`'s walk (its `stringifySimple`, or `stringifyFnReplacer` with a replacer). May throw what user code throws. */
function safeStringify(value: unknown, limits: SafeLimits, replacer: Replacer | undefined): string | undefined {
  const stack: unknown[] = [];
  if (replacer === undefined) return simple("", value, stack, limits);
  return withReplacer("", { "": value }, stack, limits, replacer);
}

// JSON needs escaping for C0 controls, quotes, backslashes and lone surrogates.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f\u0022\u005c\ud800-\udfff]/;

function strEscape(str: string): string {
  if (str.length < 5000 && !NEEDS_ESCAPE.test(str)) return `"${str}"`;
  return JSON.stringify(str);
}

function itemCount(n: number): string {
  return n === 1 ? "1 item" : `${n} items`;
}

/** Insertion sort for small arrays (stable, as the library's), native sort beyond. */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 200) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const current = keys[i];
    let position = i;
    while (position !== 0 && keys[position - 1] > current) {
      keys[position] = keys[position - 1];
      position--;
    }
    keys[position] = current;
  }
  return keys;
}

const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(new Int8Array())) as object, Symbol.toStringTag)!
  .get as (this: unknown) => string | undefined;

function isTypedArrayWithEntries(value: object): boolean {
  return typedArrayTag.call(value) !== undefined && (value as ArrayLike<unknown>).length !== 0;
}

function primitive(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return strEscape(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return String(value);
    default:
      return undefined;
  }
}

function simple(key: string, input: unknown, stack: unknown[], limits: SafeLimits): string | undefined {
  let value = input;
  if (typeof value !== "object" || value === null) return value === null ? "null" : primitive(value);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    value = toJSON.call(value, key);
    if (typeof value !== "object") return simple(key, value, stack, limits);
    if (value === null) return "null";
  }
  const obj = value as object;
  if (stack.indexOf(obj) !== -1) return '"[Circular]"';
  let res = "";
  const hasLength = (obj as { length?: unknown }).length !== undefined;
  if (hasLength && Array.isArray(obj)) {
    return arrayText(obj, stack, limits, (i) => simple(String(i), obj[i], stack, limits));
  }
  let keys = Object.keys(obj);
  const keyLength = keys.length;
  if (keyLength === 0) return "{}";
  if (limits.maximumDepth < stack.length + 1) return '"[Object]"';
  let separator = "";
  let count = Math.min(keyLength, limits.maximumBreadth);
  if (hasLength && isTypedArrayWithEntries(obj)) {
    const typed = obj as unknown as ArrayLike<number>;
    const n = Math.min(typed.length, limits.maximumBreadth);
    res += `"0":${typed[0]}`;
    for (let i = 1; i < n; i++) res += `,"${i}":${typed[i]}`;
    keys = keys.slice(typed.length);
    count -= typed.length;
    separator = ",";
  }
  keys = sortKeys(keys);
  stack.push(obj);
  for (let i = 0; i < count; i++) {
    const k = keys[i];
    const text = simple(k, (obj as Record<string, unknown>)[k], stack, limits);
    if (text !== undefined) {
      res += `${separator}${strEscape(k)}:${text}`;
      separator = ",";
    }
  }
  if (keyLength > limits.maximumBreadth) res += `${separator}"...":"${itemCount(keyLength - limits.maximumBreadth)} not stringified"`;
  stack.pop();
  return `{${res}}`;
}

function withReplacer(key: string, parent: object, stack: unknown[], limits: SafeLimits, replacer: Replacer): string | undefined {
  let value = (parent as Record<string, unknown>)[key];
  if (typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: (k: string) => unknown }).toJSON(key);
  }
  value = replacer.call(parent, key, value);
  if (typeof value !== "object" || value === null) return value === null ? "null" : primitive(value);
  const obj = value as object;
  if (stack.indexOf(obj) !== -1) return '"[Circular]"';
  let res = "";
  if (Array.isArray(obj)) {
    return arrayText(obj, stack, limits, (i) => withReplacer(String(i), obj, stack, limits, replacer));
  }
  let keys = Object.keys(obj);
  const keyLength = keys.length;
  if (keyLength === 0) return "{}";
  if (limits.maximumDepth < stack.length + 1) return '"[Object]"';
  if (!isTypedArrayWithEntries(obj)) keys = sortKeys(keys);
  const count = Math.min(keyLength, limits.maximumBreadth);
  let separator = "";
  stack.push(obj);
  for (let i = 0; i < count; i++) {
    const k = keys[i];
    const text = withReplacer(k, obj, stack, limits, replacer);
    if (text !== undefined) {
      res += `${separator}${strEscape(k)}:${text}`;
      separator = ",";
    }
  }
  if (keyLength > limits.maximumBreadth) res += `${separator}"...":"${itemCount(keyLength - limits.maximumBreadth)} not stringified"`;
  stack.pop();
  return `{${res}}`;
}

/** An array's text, each item's from `item` (`undefined`: `null`), within the depth and breadth limits. */
function arrayText(arr: readonly unknown[], stack: unknown[], limits: SafeLimits, item: (i: number) => string | undefined): string {
  if (arr.length === 0) return "[]";
  if (limits.maximumDepth < stack.length + 1) return '"[Array]"';
  stack.push(arr);
  let res = "";
  const count = Math.min(arr.length, limits.maximumBreadth);
  for (let i = 0; i < count; i++) {
    const text = item(i);
    res += (i === 0 ? "" : ",") + (text !== undefined ? text : "null");
  }
  if (arr.length - 1 > limits.maximumBreadth) res += `,"... ${itemCount(arr.length - limits.maximumBreadth - 1)} not stringified"`;
  stack.pop();
  return `[${res}]`;
}

/**
 * A string as a JSON string literal, as pino writes keys and string values (`JSON.stringify`;
 * U+2028/U+2029 stay raw, which JSON allows). Never throws.
 */
export function quoteString(str: string): string {
  if (str.length < 64) {
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(str);
    }
    return '"' + str + '"';
  }
  return JSON.stringify(str);
}
