/**
 * Reading the JSON members (`,"key":value…`) that the serializer and the field layers write, for
 * the formats that rewrite some of them (logfmt all of them; ecs, gcp and otel a few keys).
 *
 * The input is serializer output, so it is valid JSON; these readers still never throw on other
 * text: they stop and hand the rest back.
 */

/** Index just past the JSON string literal that starts at `i` (at its opening quote). */
export function endOfString(json: string, i: number): number {
  for (i++; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return json.length;
}

/** Index just past the JSON value that starts at `i` (the next top-level `,` or the end). */
export function endOfValue(json: string, i: number): number {
  let depth = 0;
  for (; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      i = endOfString(json, i) - 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === 0x2c && depth === 0) return i;
  }
  return json.length;
}

/** The text of a JSON string literal: `literal` unquoted, escapes decoded. Never throws. */
export function stringOf(literal: string): string {
  if (literal.indexOf("\\") === -1) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}

/**
 * Calls `visit(key, value, member)` for each top-level member of `json` (`key` decoded, `value`
 * the JSON text, `member` the whole `,"key":value` text), in order. Returns the index where reading stopped: `json.length` when every member was
 * read, earlier when the text is not members from there on. Never throws.
 */
export function eachMember(json: string, visit: (key: string, value: string, member: string) => void): number {
  let i = 0;
  const n = json.length;
  while (i < n) {
    if (json.charCodeAt(i) !== 0x2c || json.charCodeAt(i + 1) !== 0x22) return i;
    const keyEnd = endOfString(json, i + 1);
    if (json.charCodeAt(keyEnd) !== 0x3a /* : */) return i;
    const valueEnd = endOfValue(json, keyEnd + 1);
    visit(stringOf(json.slice(i + 1, keyEnd)), json.slice(keyEnd + 1, valueEnd), json.slice(i, valueEnd));
    i = valueEnd;
  }
  return n;
}
