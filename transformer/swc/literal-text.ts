/**
 * The values of string, template and numeric literals, computed from their source text.
 *
 * SWC's own `value` fields are not trusted for this: a lone surrogate (`"\ud800"`) comes back as
 * the six characters `\uD800`, and `1e400` as `null`. The raw text is exact, and cooking it is
 * what TypeScript's `.text` does for the other front end, so both see the same values.
 */

/** The value of a string literal from its raw text, quotes included (`'a\'b'` → `a'b`). */
export function stringLiteralValue(raw: string): string {
  return cook(raw.slice(1, -1), false);
}

/**
 * The cooked value of a template part from its raw text (between the backtick or `}` and the
 * `${` or backtick). Line terminators `\r\n` and `\r` read as `\n`, as the language says.
 */
export function templatePartValue(raw: string): string {
  return cook(raw, true);
}

/** The value of a numeric literal from its raw text (`1_000`, `0xff`, `1e400`, legacy `017`). */
export function numericLiteralValue(raw: string): number {
  const digits = raw.replace(/_/g, "");
  if (/^0[0-7]+$/.test(digits)) return parseInt(digits, 8);
  return Number(digits);
}

const SIMPLE: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v" };

function cook(body: string, template: boolean): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\r" && template) {
      if (body[i + 1] === "\n") i++;
      out += "\n";
      continue;
    }
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) break;
    if (e in SIMPLE) {
      out += SIMPLE[e];
    } else if (e === "x") {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === "u") {
      if (body[i + 1] === "{") {
        const close = body.indexOf("}", i);
        out += String.fromCodePoint(parseInt(body.slice(i + 2, close), 16));
        i = close;
      } else {
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
        i += 4;
      }
    } else if (e === "\r") {
      // A line continuation: the backslash and the line terminator vanish.
      if (body[i + 1] === "\n") i++;
    } else if (e === "\n" || e === "\u2028" || e === "\u2029") {
      // Line continuation.
    } else if (e >= "0" && e <= "7") {
      // `\0`, or a legacy octal escape (only in sloppy-mode strings; a template has just `\0`).
      let digits = e;
      const max = e <= "3" ? 3 : 2;
      while (!template && digits.length < max && body[i + 1] >= "0" && body[i + 1] <= "7") digits += body[++i];
      out += String.fromCharCode(parseInt(digits, 8));
    } else {
      out += e;
    }
  }
  return out;
}
