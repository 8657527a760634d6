/**
 * logfmt lines read two ways, which must agree: by `logfmt` (npm, the reference reader of the
 * format, version in {@link LOGFMT_REFERENCE}) and by the strict reader below, which also
 * decodes the JSON escapes logweave writes inside quoted values (the npm reader keeps the
 * character after a backslash and drops the backslash, so `\n` reads as `n` there).
 *
 * The strict reader: a line is `key=value` pairs separated by single spaces; a key
 * has no space, `=`, `"` or control character; a value is bare (no space, `"`, `=`, `\` or control
 * character) or a double-quoted string with JSON escapes. Anything else throws, so tests can
 * assert every line is valid logfmt and read back exactly what was logged.
 */
import logfmt from "logfmt";

/** The npm `logfmt` version the lines are checked against (package.json pins it). */
export const LOGFMT_REFERENCE = "1.4.0";

export function parseLogfmt(line: string): [string, string][] {
  const pairs: [string, string][] = [];
  const raw: (string | undefined)[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new SyntaxError(`${why} at ${i} in ${JSON.stringify(line.slice(0, 300))}`);
  };
  if (/[\n\r\u2028\u2029]/.test(line)) fail("line break inside the line");
  while (i < line.length) {
    if (pairs.length > 0) {
      if (line[i] !== " ") fail("expected a space between pairs");
      i++;
    }
    const keyStart = i;
    while (i < line.length && line[i] !== "=") {
      const c = line.charCodeAt(i);
      if (c <= 0x20 || c === 0x22 || c === 0x7f) fail("bad character in key");
      i++;
    }
    if (i === keyStart) fail("empty key");
    if (line[i] !== "=") fail("expected =");
    const key = line.slice(keyStart, i);
    i++;
    let value: string;
    if (line[i] === '"') {
      const start = i;
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\") i++;
        else if (line.charCodeAt(i) < 0x20) fail("raw control character in quoted value");
        i++;
      }
      if (line[i] !== '"') fail("unterminated quoted value");
      i++;
      raw.push(line.slice(start + 1, i - 1));
      value = JSON.parse(line.slice(start, i)) as string;
    } else {
      const start = i;
      while (i < line.length && line[i] !== " ") {
        const c = line.charCodeAt(i);
        if (c < 0x20 || c === 0x22 || c === 0x3d || c === 0x5c || c === 0x7f) fail("bad character in bare value");
        i++;
      }
      if (i === start) fail("empty bare value");
      value = line.slice(start, i);
      raw.push(undefined);
    }
    pairs.push([key, value]);
  }
  agreeWithReference(line, pairs, raw);
  return pairs;
}

/**
 * Throws unless `logfmt.parse` reads the same keys in the same order with the same values:
 * bare values as they are (`true`/`false` as booleans), quoted ones as the reference unquotes
 * them (each `\X` is `X`), which is the decoded value whenever only `\"` and `\\` were needed.
 */
function agreeWithReference(line: string, pairs: [string, string][], raw: (string | undefined)[]): void {
  const reference = logfmt.parse(line) as Record<string, unknown>;
  const keys = Object.keys(reference);
  // The reference reads into a plain object, where `__proto__` sets the prototype: it cannot hold that key.
  const expected = pairs.map(([k]) => k).filter((k) => k !== "__proto__");
  // Integer-like keys come first in a JS object: compare as sets in that case.
  const sameKeys = keys.length === expected.length && expected.every((k) => Object.hasOwn(reference, k));
  if (!sameKeys) throw new SyntaxError(`logfmt (npm) reads keys ${JSON.stringify(keys)}, expected ${JSON.stringify(expected)} in ${JSON.stringify(line.slice(0, 300))}`);
  pairs.forEach(([k, v], n) => {
    if (k === "__proto__") return;
    const quoted = raw[n];
    const want = quoted === undefined ? (v === "true" ? true : v === "false" ? false : v) : quoted.replace(/\\(.)/gs, "$1");
    if (reference[k] !== want) {
      throw new SyntaxError(`logfmt (npm) reads ${k}=${JSON.stringify(reference[k])}, expected ${JSON.stringify(want)} in ${JSON.stringify(line.slice(0, 300))}`);
    }
  });
}

/** The pairs of a logfmt line as an object; throws on a repeated key. */
export function logfmtRecord(line: string): Record<string, string> {
  const record: Record<string, string> = Object.create(null);
  for (const [k, v] of parseLogfmt(line)) {
    if (k in record) throw new SyntaxError(`duplicate key ${JSON.stringify(k)} in ${JSON.stringify(line.slice(0, 300))}`);
    record[k] = v;
  }
  return record;
}
