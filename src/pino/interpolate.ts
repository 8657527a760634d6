/**
 * The message interpolation of pino's log methods (`log.info("user %s did %d things", a, n)`):
 * the rules of `quick-format-unescaped` 4.0.4, which pino uses, written again without the
 * dependency. Its quirks are pino's output, so they are kept:
 *
 * - `%s` is `String(arg)`; `%d`/`%f` `Number(arg)`; `%i` `Math.floor(Number(arg))`; `%j`, `%o`, `%O`
 *   the JSON text of the argument (a string in single quotes, a function its name or
 *   `<anonymous>`); `%%` is `%`.
 * - `%d`/`%f`/`%i` leave the placeholder as written for `null`/`undefined`; `%j`/`%o`/`%O` for
 *   `undefined`; any placeholder when the arguments have run out.
 * - Every `%` followed by a character consumes an argument position, even an unknown one (`%x`),
 *   except `%%`. Arguments beyond the placeholders are dropped (not appended, unlike `util.format`).
 * - Where the library would throw (a `%s` of an object whose `toString` throws, a `%d` of a
 *   Symbol), the placeholder becomes `[unprintable: <reason>]` instead: a log call never throws.
 * - A message that is not a string is returned as it is (an object message with extra arguments
 *   becomes their JSON texts joined with spaces, reading the arguments one position late, as the
 *   library does).
 */

/** Turns a value into JSON text for `%j`/`%o`/`%O` (pino's: JSON, with redaction when configured). */
export type Stringify = (value: unknown) => string | undefined;

/**
 * The message `f` with `args` interpolated, as pino writes it. `stringify` may throw only if
 * the caller's does. Returns `f` itself when there is nothing to interpolate.
 */
export function interpolate(f: unknown, args: readonly unknown[], stringify: Stringify): unknown {
  if (typeof f === "object" && f !== null) {
    const len = args.length + 1;
    if (len === 1) return f;
    const objects: (string | undefined)[] = new Array(len);
    objects[0] = stringify(f);
    // quick-format-unescaped reads args[index], one position past the one it means: kept.
    for (let index = 1; index < len; index++) objects[index] = stringify(args[index]);
    return objects.join(" ");
  }
  if (typeof f !== "string") return f;
  const argLen = args.length;
  if (argLen === 0) return f;
  let str = "";
  let a = 0;
  let lastPos = -1;
  const flen = f.length;
  for (let i = 0; i < flen; ) {
    if (f.charCodeAt(i) === 37 /* % */ && i + 1 < flen) {
      lastPos = lastPos > -1 ? lastPos : 0;
      switch (f.charCodeAt(i + 1)) {
        case 100: // d
        case 102: // f
          if (a >= argLen || args[a] == null) break;
          if (lastPos < i) str += f.slice(lastPos, i);
          str += convert(Number, args[a]);
          lastPos = i + 2;
          i++;
          break;
        case 105: // i
          if (a >= argLen || args[a] == null) break;
          if (lastPos < i) str += f.slice(lastPos, i);
          str += convert(toInteger, args[a]);
          lastPos = i + 2;
          i++;
          break;
        case 79: // O
        case 111: // o
        case 106: {
          // j
          if (a >= argLen || args[a] === undefined) break;
          if (lastPos < i) str += f.slice(lastPos, i);
          const arg = args[a];
          if (typeof arg === "string") str += "'" + arg + "'";
          else if (typeof arg === "function") str += (arg as { name?: string }).name || "<anonymous>";
          else str += stringify(arg);
          lastPos = i + 2;
          i++;
          break;
        }
        case 115: // s
          if (a >= argLen) break;
          if (lastPos < i) str += f.slice(lastPos, i);
          str += convert(String, args[a]);
          lastPos = i + 2;
          i++;
          break;
        case 37: // %
          if (lastPos < i) str += f.slice(lastPos, i);
          str += "%";
          lastPos = i + 2;
          i++;
          a--;
          break;
      }
      ++a;
    }
    ++i;
  }
  if (lastPos === -1) return f;
  if (lastPos < flen) str += f.slice(lastPos);
  return str;
}

function toInteger(value: unknown): number {
  return Math.floor(Number(value));
}

/** `fn(value)` as text, or `[unprintable: <reason>]` when the conversion throws. Never throws. */
function convert(fn: (value: unknown) => unknown, value: unknown): string {
  try {
    return "" + (fn(value) as string);
  } catch (e) {
    let reason = "unknown";
    try {
      reason = e instanceof Error ? e.message : String(e);
    } catch {
      // keep "unknown"
    }
    return "[unprintable: " + reason + "]";
  }
}
