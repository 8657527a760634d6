/**
 * Redaction: sensitive values never reach the log.
 *
 * Three mechanisms, all applied while serializing (the caller's objects are never copied or
 * mutated, and nothing is compiled with `new Function`):
 * - keys that look sensitive, at any depth, case-insensitive (`password`, `apiKey`, `set-cookie`…);
 * - configured paths with `*` (one key or index) and `**` (any number of keys);
 * - opt-in patterns inside strings: bearer tokens, JWTs, Luhn-valid card numbers.
 */

/** Redaction settings, for `configure({ redact })` or `getLogger(name, { redact })`. */
export interface RedactOptions {
  /** Paths whose values are censored: `"req.headers.authorization"`, `"users[*].email"`, `"**.session"`. */
  paths?: readonly string[];
  /** Extra key names censored at any depth (case-insensitive; `-`, `_` and `.` are ignored). */
  keys?: readonly string[];
  /** Whether the built-in list of sensitive key names applies. Default `true`. */
  defaultKeys?: boolean;
  /** What a censored value is written as. Default `"[REDACTED]"`. A function gets the value and its key path. */
  censor?: string | ((value: unknown, path: readonly string[]) => unknown);
  /** Censor secrets found inside strings: `true` for all, or a list. Default off. */
  patterns?: boolean | readonly RedactPattern[];
}

/** The value patterns that can be censored inside strings. */
export type RedactPattern = "bearer" | "jwt" | "card";

/** The default text a censored value is written as. */
export const DEFAULT_CENSOR = "[REDACTED]";

/** Where path matching stands: pairs of (path index, segment index), flattened. */
export type PathState = readonly number[];

/** Returned by {@link Redactor.step} when the key completes a configured path. */
export const PATH_MATCH: PathState = Object.freeze([-1]);

/** A compiled redaction plan, used by the serializer. */
export interface Redactor {
  /** True when a value under `key` must be censored wherever it appears. Never throws. */
  isSensitive(key: string): boolean;
  /** The path state before the first key, or `null` when no paths are configured. */
  readonly rootPaths: PathState | null;
  /** Moves path matching one key down: a new state, {@link PATH_MATCH}, or `null` (no path can match). */
  step(state: PathState, key: string): PathState | null;
  /** The censor: a fixed string, or a function of value and path. */
  readonly censor: string | ((value: unknown, path: readonly string[]) => unknown);
  /** Censors secrets inside a string, or `null` when patterns are off. */
  readonly scrub: ((s: string) => string) | null;
}

// Normalized (lower-case, no `-`, `_`, `.`, spaces) key names that are sensitive as a whole…
const SENSITIVE_EXACT = new Set([
  "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "auth", "authorization",
  "proxyauthorization", "cookie", "cookies", "setcookie", "apikey", "xapikey", "privatekey",
  "clientsecret", "creditcard", "cardnumber", "ccnumber", "cvv", "cvc", "cvv2", "ssn", "pin",
  "otp", "totp", "sessionid", "sessiontoken", "jwt", "bearer", "signature", "xauthtoken",
  "xcsrftoken", "secretkey", "accesskey", "secretaccesskey", "awssecretaccesskey", "iban",
]);
// …that are sensitive as the end of a longer name (`accessToken`, `dbPassword`, `stripe_secret_key`)…
const SENSITIVE_SUFFIXES = [
  "password", "passwd", "passphrase", "secret", "token", "apikey", "privatekey", "secretkey",
  "accesskey", "clientsecret", "cardnumber", "sessionid", "cookie",
];
// …or anywhere in the name.
const SENSITIVE_PARTS = ["password", "passwd", "secret", "creditcard", "authorization", "privatekey"];

const NORMALIZE = /[-_.\s]/g;

/** Normalizes a key for sensitive-name matching: lower case, without `-`, `_`, `.` and spaces. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(NORMALIZE, "");
}

/** True when `key` is on the built-in list of sensitive names (before any configuration). */
export function isDefaultSensitiveKey(key: string): boolean {
  const k = normalizeKey(key);
  if (SENSITIVE_EXACT.has(k)) return true;
  for (const s of SENSITIVE_SUFFIXES) if (k.endsWith(s)) return true;
  for (const s of SENSITIVE_PARTS) if (k.includes(s)) return true;
  return false;
}

/**
 * Parses one redaction path into key segments: `a.b`, `a[*].b`, `a["x-y"]`, `**.session`.
 * Returns `undefined` for a malformed path (the caller reports it). Never throws.
 */
export function parsePath(path: string): string[] | undefined {
  const segments: string[] = [];
  let i = 0;
  const n = path.length;
  if (n === 0) return undefined;
  while (i < n) {
    const c = path[i];
    if (c === "[") {
      const close = path.indexOf("]", i);
      if (close < 0) return undefined;
      let inner = path.slice(i + 1, close).trim();
      if ((inner.startsWith('"') && inner.endsWith('"')) || (inner.startsWith("'") && inner.endsWith("'"))) {
        if (inner.length < 2) return undefined;
        inner = inner.slice(1, -1);
      } else if (inner !== "*" && !/^\d+$/.test(inner)) return undefined;
      segments.push(inner);
      i = close + 1;
      if (path[i] === ".") i++;
    } else {
      let end = i;
      while (end < n && path[end] !== "." && path[end] !== "[") end++;
      const seg = path.slice(i, end);
      if (seg.length === 0) return undefined;
      segments.push(seg);
      i = end;
      if (path[i] === ".") {
        i++;
        if (i === n) return undefined;
      }
    }
  }
  return segments;
}

/**
 * Compiles redaction options into a {@link Redactor}. Malformed paths and unknown patterns are
 * reported in `problems` (the logger reports them once) and otherwise ignored. Never throws.
 */
export function compileRedaction(options: RedactOptions | false | undefined, problems: string[] = []): Redactor {
  const opts: RedactOptions = options === false ? { defaultKeys: false } : (options ?? {});
  const useDefaults = opts.defaultKeys !== false;
  const extra = new Set<string>();
  for (const k of Array.isArray(opts.keys) ? opts.keys : []) {
    if (typeof k === "string" && k.length > 0) extra.add(normalizeKey(k));
    else problems.push(`redact.keys: ignoring ${String(k)}`);
  }
  const paths: string[][] = [];
  for (const p of Array.isArray(opts.paths) ? opts.paths : []) {
    const segs = typeof p === "string" ? parsePath(p) : undefined;
    if (segs) paths.push(segs);
    else problems.push(`redact.paths: ignoring malformed path ${JSON.stringify(String(p))}`);
  }
  const censor =
    typeof opts.censor === "function" || typeof opts.censor === "string" ? opts.censor : DEFAULT_CENSOR;

  // Key verdicts repeat across lines, so they are cached (bounded, so hostile keys cannot grow it).
  const verdicts = new Map<string, boolean>();
  const isSensitive = (key: string): boolean => {
    const known = verdicts.get(key);
    if (known !== undefined) return known;
    const verdict = (useDefaults && isDefaultSensitiveKey(key)) || (extra.size > 0 && extra.has(normalizeKey(key)));
    if (verdicts.size < 4096) verdicts.set(key, verdict);
    return verdict;
  };

  const rootPaths: number[] = [];
  paths.forEach((_, p) => rootPaths.push(p, 0));

  const step = (state: PathState, key: string): PathState | null => {
    const next: number[] = [];
    for (let j = 0; j < state.length; j += 2) {
      const p = state[j], i = state[j + 1];
      const segs = paths[p];
      const seg = segs[i];
      if (seg === "**") {
        // `**` swallows this key and stays, or ends here and the key matches what follows it.
        next.push(p, i);
        const after = segs[i + 1];
        if (after === undefined) return PATH_MATCH;
        if (after === key || after === "*") {
          if (i + 2 === segs.length) return PATH_MATCH;
          next.push(p, i + 2);
        }
      } else if (seg === key || seg === "*") {
        if (i + 1 === segs.length) return PATH_MATCH;
        next.push(p, i + 1);
      }
    }
    return next.length > 0 ? next : null;
  };

  const wanted = opts.patterns === true ? ALL_PATTERNS : Array.isArray(opts.patterns) ? opts.patterns : [];
  for (const w of wanted) if (!ALL_PATTERNS.includes(w)) problems.push(`redact.patterns: unknown pattern ${String(w)}`);
  const censorText = typeof censor === "string" ? censor : DEFAULT_CENSOR;
  const scrub = wanted.length > 0 ? makeScrubber(wanted, censorText) : null;

  return { isSensitive, rootPaths: paths.length > 0 ? rootPaths : null, step, censor, scrub };
}

const ALL_PATTERNS: readonly RedactPattern[] = ["bearer", "jwt", "card"];

const BEARER = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
const MAYBE_SECRET = /bearer|basic|token|eyJ|\d{4}/i;

function makeScrubber(wanted: readonly RedactPattern[], censor: string): (s: string) => string {
  const bearer = wanted.includes("bearer");
  const jwt = wanted.includes("jwt");
  const card = wanted.includes("card");
  return (s: string): string => {
    if (!MAYBE_SECRET.test(s)) return s;
    let out = s;
    if (jwt) out = out.replace(JWT, censor);
    if (bearer) out = out.replace(BEARER, (_m, scheme: string) => `${scheme} ${censor}`);
    if (card) out = out.replace(CARD, (m) => (luhnValid(m.replace(/[ -]/g, "")) ? censor : m));
    return out;
  };
}

/** True when a string of 13–19 digits passes the Luhn checksum (card numbers do). */
export function luhnValid(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
