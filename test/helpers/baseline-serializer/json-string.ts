// Vendored, unchanged but for import paths: the safe serializer as it was at commit f720f4a
// (before the fast path). The differential test and bench/serializer.ts compare today's against it.
/**
 * JSON string literals that can never split or forge a log line.
 *
 * `JSON.stringify` already escapes quotes, backslashes, control characters (CR, LF, …) and lone
 * surrogates; it leaves U+2028/U+2029 raw, which some line readers treat as line breaks, so those
 * are escaped here too.
 */

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;
const LINE_SEPARATORS = /[\u2028\u2029]/g;

/** Returns `s` as a JSON string literal, with U+2028/U+2029 escaped. Never throws. */
export function quote(s: string): string {
  // Most log strings are short and clean: a plain scan beats a regex call for them.
  if (s.length < 64) {
    let clean = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029) {
        clean = false;
        break;
      }
    }
    if (clean) return '"' + s + '"';
  } else if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  const json = JSON.stringify(s);
  return json.indexOf("\u2028") === -1 && json.indexOf("\u2029") === -1
    ? json
    : json.replace(LINE_SEPARATORS, escapeSeparator);
}

/**
 * `s` escaped for use inside a JSON string literal (without the quotes): `s` itself when it
 * needs no escaping, the common case, so template holes cost no copy. Never throws.
 */
export function escapeInner(s: string): string {
  if (s.length < 64) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029) {
        return quote(s).slice(1, -1);
      }
    }
    return s;
  }
  return NEEDS_ESCAPE.test(s) ? quote(s).slice(1, -1) : s;
}

function escapeSeparator(c: string): string {
  return c === "\u2028" ? "\\u2028" : "\\u2029";
}

/**
 * Cuts `s` to at most `max` UTF-16 units (never inside a surrogate pair) and says how much was
 * cut, so a huge string costs a bounded amount of output.
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return s.slice(0, end) + `...[${s.length - end} more chars]`;
}
