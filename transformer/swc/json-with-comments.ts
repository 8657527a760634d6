/**
 * Reading configuration files written as JSON with comments (`.swcrc`, `tsconfig.json`): `//` and
 * `/* *\/` comments, trailing commas and a leading byte order mark are allowed, as the tools that
 * own those files allow them.
 */
import fs from "node:fs";

/** The value `text` holds, or `undefined` when it is not JSON even without comments and trailing commas. Never throws. */
export function parseJsonWithComments(text: string): unknown {
  try {
    return JSON.parse(plainJson(text));
  } catch {
    return undefined;
  }
}

/** The value in `file`, or `undefined` when it cannot be read or parsed. Never throws. */
export function readJsonWithComments(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  return parseJsonWithComments(text);
}

/** `text` without its comments, trailing commas and byte order mark; strings are copied as they are. */
function plainJson(text: string): string {
  let out = "";
  // Where a comma was copied and nothing but space followed yet: dropped if a `}` or `]` comes next.
  let pendingComma = -1;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      out += text.slice(start, i + 1);
      pendingComma = -1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? text.length : close + 1;
      out += " ";
    } else if ((c === "}" || c === "]") && pendingComma !== -1) {
      out = out.slice(0, pendingComma) + " " + out.slice(pendingComma + 1) + c;
      pendingComma = -1;
    } else {
      if (c === ",") pendingComma = out.length;
      else if (!/\s/.test(c)) pendingComma = -1;
      out += c;
    }
  }
  return out;
}
