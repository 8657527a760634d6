/**
 * A strict logfmt reader for tests: a line is `key=value` pairs separated by single spaces; a key
 * has no space, `=`, `"` or control character; a value is bare (no space, `"`, `=`, `\` or control
 * character) or a double-quoted string with JSON escapes. Anything else throws, so tests can
 * assert every line is valid logfmt and read back exactly what was logged.
 */
export function parseLogfmt(line: string): [string, string][] {
  const pairs: [string, string][] = [];
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
    }
    pairs.push([key, value]);
  }
  return pairs;
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
