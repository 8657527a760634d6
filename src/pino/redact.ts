/**
 * pino's `redact` option: paths in pino's syntax (`a.b`, `a[*].c`, `*.x`, `a["b.c"]`, `['x'].y`),
 * a `censor` (text, or a function of the value and its path) or `remove`, with the rules of
 * pino 10 (`lib/redaction.js` over `@pinojs/redact`):
 *
 * - a path's first segment picks the top-level key it applies to; `*` first applies to every key;
 *   a one-segment path censors the whole value of that key (`*` alone: of every key, the message
 *   and the bindings included, as in pino);
 * - below, each segment matches one own key (`*`: any key or array index); only members that
 *   exist are censored, so a censor function is never called for a missing path;
 * - `%j`/`%o`/`%O` arguments are redacted with the whole paths, from their root;
 * - the caller's objects are never changed or copied: matching happens while the value is
 *   written (a `JSON.stringify` replacer), so a value costs a walk only under a key a path names.
 *
 * Invalid paths throw pino's errors when the logger is made.
 */
import type { Stringify } from "./interpolate.js";
import { stringifyValue, UNSERIALIZABLE, type Replacer, type SafeLimits } from "./stringify.js";

/** The censor text pino uses by default. */
export const DEFAULT_CENSOR = "[Redacted]";

/** A censor function: gets the value and its path (keys from the line's top level), returns the replacement. */
export type CensorFn = (value: unknown, path: string[]) => unknown;

/** pino's `redact` option: a list of paths, or paths with `censor`/`remove`. */
export type RedactOption = readonly string[] | { paths: readonly string[]; censor?: string | CensorFn | unknown; remove?: boolean };

/** Turns a top-level value into its JSON text for the line (`undefined`: leave the member out). */
export type ValueStringifier = (value: unknown, key: string) => string | undefined;

/** A compiled `redact` option. */
export interface Redaction {
  /** The stringifier of a top-level key a path names, or `undefined`. */
  forKey(key: string): ValueStringifier | undefined;
  /** The stringifier of every key without one of its own (paths starting with `*`), or `undefined`. */
  readonly wildcard: ValueStringifier | undefined;
  /** Redacts with the whole paths: for interpolated `%j`/`%o`/`%O` arguments. */
  readonly format: Stringify;
}

/** One parsed path below its top-level key: segments, `*` a wildcard. */
type Segments = readonly string[];

/**
 * Compiles pino's `redact` option, throwing pino's errors: `pino – redact must contain an array
 * of strings`, `Paths must be (non-empty) strings`, `Invalid redaction path (…)`.
 */
export function compileRedaction(option: RedactOption, limits: SafeLimits): Redaction {
  let paths: readonly unknown[];
  let censor: unknown = DEFAULT_CENSOR;
  let remove = false;
  if (Array.isArray(option)) {
    paths = option;
  } else {
    const o = option as { paths?: unknown; censor?: unknown; remove?: unknown };
    if (!Array.isArray(o.paths)) throw Error("pino – redact must contain an array of strings");
    paths = o.paths;
    if (o.censor !== undefined) censor = o.censor;
    remove = o.remove === true;
  }
  for (const path of paths) validatePath(path);
  const strings = paths as readonly string[];
  const shape = shapeOf(strings);
  const censorFn = remove ? undefined : typeof censor === "function" ? (censor as CensorFn) : undefined;
  const censorValue = remove ? undefined : censor;

  const top: ValueStringifier = (value, key) => {
    if (censorFn === undefined) return stringifyValue(censorValue, limits);
    let replaced: unknown;
    try {
      replaced = censorFn(value, [key]);
    } catch {
      return UNSERIALIZABLE; // never the value a censor failed to replace
    }
    return stringifyValue(replaced, limits);
  };
  const below = (segments: readonly Segments[]): ValueStringifier => {
    return (value, key) => stringifyValue(value, limits, () => pathReplacer(segments, [key], censorFn, censorValue, remove));
  };

  const byKey = new Map<string, ValueStringifier>();
  for (const [key, subpaths] of shape.keys) byKey.set(key, subpaths === null ? top : below(subpaths));
  const wildcard = shape.wildcard === undefined ? undefined : shape.wildcard === null ? top : below(shape.wildcard);
  const whole = strings.map(parsePath);
  return {
    forKey: (key) => byKey.get(key),
    wildcard,
    format: (value) => stringifyValue(value, limits, () => pathReplacer(whole, [], censorFn, censorValue, remove)),
  };
}

/**
 * pino's redaction "shape": for each top-level key, `null` (censor it whole) or the paths below
 * it; the same for the `*` wildcard. Built as pino builds it, so the precedence of one-segment
 * paths over longer ones, and of `*` paths, is pino's.
 */
function shapeOf(paths: readonly string[]): { keys: Map<string, Segments[] | null>; wildcard: Segments[] | null | undefined } {
  const keys = new Map<string, string[] | null>();
  let wildcard: string[] | null | undefined;
  const get = (ns: string | null): string[] | null | undefined => (ns === null ? wildcard : keys.get(ns));
  const set = (ns: string | null, v: string[] | null): void => {
    if (ns === null) wildcard = v;
    else keys.set(ns, v);
  };
  for (const str of paths) {
    const { first, rest } = splitFirst(str);
    const ns = first === "*" ? null : first; // null stands for the wildcard
    if (rest === undefined) {
      set(ns, null);
      continue;
    }
    if (get(ns) === null) continue; // already censored whole
    let list = get(ns) as string[] | undefined;
    if (list === undefined) {
      list = [];
      set(ns, list);
    }
    // A key seen for the first time gets every `*` path so far; a new `*` path goes to every key.
    if (ns !== null && list.length === 0 && wildcard) list.push(...wildcard);
    if (ns === null) for (const other of keys.values()) if (other) other.push(rest);
    list.push(rest);
  }
  const parse = (list: string[] | null): Segments[] | null => (list === null ? null : list.map(parsePath));
  const parsedKeys = new Map<string, Segments[] | null>();
  for (const [k, v] of keys) parsedKeys.set(k, parse(v));
  return { keys: parsedKeys, wildcard: wildcard === undefined ? undefined : parse(wildcard) };
}

// pino's (fast-redact's) first-segment pattern.
const SEGMENT = /[^.[\]]+|\[([^[\]]*?)\]/g;

/** A path's first segment (brackets and quotes, backticks included, removed) and the text after it. */
function splitFirst(str: string): { first: string; rest: string | undefined } {
  SEGMENT.lastIndex = 0;
  const first = SEGMENT.exec(str);
  const next = SEGMENT.exec(str);
  if (first === null) return { first: str, rest: undefined };
  const ns = first[1] !== undefined ? first[1].replace(/^(?:"|'|`)(.*)(?:"|'|`)$/, "$1") : first[0];
  return { first: ns, rest: next === null ? undefined : str.slice(next.index) };
}

/** `@pinojs/redact`'s path parser: dots, and brackets holding an index, `*` or a quoted key. */
export function parsePath(path: string): string[] {
  const parts: string[] = [];
  let current = "";
  let inBrackets = false;
  let inQuotes = false;
  let quoteChar = "";
  for (let i = 0; i < path.length; i++) {
    const char = path[i];
    if (!inBrackets && char === ".") {
      if (current) {
        parts.push(current);
        current = "";
      }
    } else if (char === "[") {
      if (current) {
        parts.push(current);
        current = "";
      }
      inBrackets = true;
    } else if (char === "]" && inBrackets) {
      parts.push(current); // an empty key (`[""]`) is a key too
      current = "";
      inBrackets = false;
      inQuotes = false;
    } else if ((char === '"' || char === "'") && inBrackets) {
      if (!inQuotes) {
        inQuotes = true;
        quoteChar = char;
      } else if (char === quoteChar) {
        inQuotes = false;
        quoteChar = "";
      } else {
        current += char;
      }
    } else {
      current += char;
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** `@pinojs/redact`'s path check, with its error messages. Throws for a bad path. */
function validatePath(path: unknown): void {
  if (typeof path !== "string") throw new Error("Paths must be (non-empty) strings");
  if (path === "") throw new Error("Invalid redaction path ()");
  if (path.includes("..") || path.includes(",")) throw new Error(`Invalid redaction path (${path})`);
  let depth = 0;
  let inQuotes = false;
  let quoteChar = "";
  for (const char of path) {
    if ((char === '"' || char === "'") && depth > 0) {
      if (!inQuotes) {
        inQuotes = true;
        quoteChar = char;
      } else if (char === quoteChar) {
        inQuotes = false;
        quoteChar = "";
      }
    } else if (char === "[" && !inQuotes) {
      depth++;
    } else if (char === "]" && !inQuotes) {
      depth--;
      if (depth < 0) throw new Error(`Invalid redaction path (${path})`);
    }
  }
  if (depth !== 0) throw new Error(`Invalid redaction path (${path})`);
}

/** Where matching stands at one object: pairs of (path index, segment index), and its key path when a censor function needs it. */
interface PathPlace {
  readonly state: readonly number[];
  readonly keys: readonly string[] | undefined;
}

/**
 * A `JSON.stringify` replacer that censors (or removes) the members `paths` reach from the
 * value's root. Each object is given the matching state of the route it is reached by just
 * before it is walked (the walk is depth-first), so an object met twice is judged by each route.
 */
function pathReplacer(paths: readonly Segments[], prefix: readonly string[], censorFn: CensorFn | undefined, censorValue: unknown, remove: boolean): Replacer {
  const places = new WeakMap<object, PathPlace>();
  const initial: number[] = [];
  for (let p = 0; p < paths.length; p++) if (paths[p].length > 0) initial.push(p, 0);
  let root = true;
  return function (this: unknown, key: string, value: unknown): unknown {
    let place: PathPlace | undefined;
    if (root) {
      root = false;
      place = { state: initial, keys: censorFn === undefined ? undefined : prefix };
    } else {
      const holder = places.get(this as object);
      if (holder === undefined) return forget(places, value);
      const next: number[] = [];
      for (let j = 0; j < holder.state.length; j += 2) {
        const p = holder.state[j];
        const i = holder.state[j + 1];
        const seg = paths[p][i];
        if (seg !== key && seg !== "*") continue;
        if (i + 1 === paths[p].length) {
          if (remove) return undefined;
          return censorFn === undefined ? censorValue : censorFn(value, [...holder.keys!, key]);
        }
        next.push(p, i + 1);
      }
      if (next.length === 0) return forget(places, value);
      place = { state: next, keys: holder.keys === undefined ? undefined : [...holder.keys, key] };
    }
    if (typeof value === "object" && value !== null) places.set(value, place);
    return value;
  };
}

/** An object reached by a route no path follows: whatever another route said about it no longer applies. */
function forget(places: WeakMap<object, PathPlace>, value: unknown): unknown {
  if (typeof value === "object" && value !== null) places.delete(value);
  return value;
}
