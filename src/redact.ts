/**
 * Redaction: sensitive values never reach the log.
 *
 * Three mechanisms, all applied while serializing (the caller's objects are never copied or
 * mutated, and nothing is compiled with `new Function`):
 * - keys that look sensitive, at any depth, case-insensitive (`password`, `apiKey`, `set-cookie`…);
 * - configured paths with `*` (one key or index) and `**` (any number of keys);
 * - opt-in patterns inside strings (and keys, symbol descriptions, names, large integers): bearer
 *   tokens, JWTs, card numbers, sensitive `name=value` pairs, URL passwords, PEM private keys.
 * Node's raw request text (`rawHeaders`, `_header`, `outputData`) counts as a sensitive key.
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
  /**
   * Censor secrets found inside strings, object and Map keys, symbol descriptions, function and
   * error names, and integers (card numbers): `true` for all, or a list. Default off.
   */
  patterns?: boolean | readonly RedactPattern[];
}

/**
 * The value patterns that can be censored inside strings:
 * - `bearer`: the credential after `Bearer`, `Basic` or `Token` (any case) and spaces, `%20` or `+`,
 *   when it has 8+ characters and is not a plain word;
 * - `jwt`: three base64url parts, the first starting `eyJ`;
 * - `card`: 13–19 digits, grouped by up to two spaces, tabs, dots or dashes, starting 3/4/5/6 or
 *   2221–2720, passing Luhn (also integers and BigInts);
 * - `pairs`: the value of `name=value`, `name: value`, `"name":"value"` when `name` is sensitive;
 * - `url`: the password in `scheme://user:password@`;
 * - `pem`: a `-----BEGIN … PRIVATE KEY-----` block.
 */
export type RedactPattern = "bearer" | "jwt" | "card" | "pairs" | "url" | "pem";

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

// Node's own members that hold a request's raw header text (credentials included): matched exactly,
// as Node spells them, since their normalized forms (`header`) are ordinary names.
const NODE_RAW_KEYS = new Set(["rawHeaders", "rawTrailers", "_header", "outputData"]);

/** True when `key` is on the built-in list of sensitive names (before any configuration). */
export function isDefaultSensitiveKey(key: string): boolean {
  if (NODE_RAW_KEYS.has(key)) return true;
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
  const scrub = wanted.length > 0 ? makeScrubber(wanted, censorText, isSensitive) : null;

  return { isSensitive, rootPaths: paths.length > 0 ? rootPaths : null, step, censor, scrub };
}

const ALL_PATTERNS: readonly RedactPattern[] = ["bearer", "jwt", "card", "pairs", "url", "pem"];

// `Bearer`/`Basic`/`Token`, a separator (spaces, `%20` or `+`, as in URL-encoded text), then the credential:
// everything up to whitespace, a quote, a bracket, `&`, `,`, `;`, `<`, `>` or `\` (so `:` and `%XX` are part of it).
// A scheme word followed by another scheme (`token Bearer abc…`) is not that scheme's credential:
// the match starts at the later scheme, whose credential is the secret.
const BEARER = /\b(Bearer|Basic|Token)((?:[ \t]|%20|\+)+)(?!(?:Bearer|Basic|Token)(?:[ \t]|%20|\+))([^\s"'&,;<>\\()[\]{}]+)/gi;
const SCHEME = /bearer|basic|token/i;
// What every pattern's match contains: a digit (cards), a separator (pairs, URLs), a scheme, `eyJ`, a PEM header.
const MAYBE_SECRET = /[\d=:]|bearer|basic|token|eyJ|PRIVATE KEY/i;
// The same scheme and separator at the start of a pair's value: the value runs on over the credential.
const SCHEME_START = /^(?:Bearer|Basic|Token|Digest)(?:[ \t]|%20|\+)+/i;
// A JWT is three base64url parts, the first starting `eyJ` (`{"`); glued to a prefix or not.
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/y;
const BASE64URL = /[A-Za-z0-9_-]*/y;
// 13–19 digits, in groups separated by up to two spaces, tabs, dots or dashes; any non-digit may be glued before or after.
const CARD = /(?<!\d)\d(?:[ \t.-]{0,2}\d){12,18}(?!\d)/g;
const CARD_SEPARATORS = /[ \t.-]+/;
// `scheme://user:password@`: the password part.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:@/?#]*):([^\s@/?#]+)@/gi;
// A PEM private key block (RSA, EC, OPENSSH, ENCRYPTED, PGP …), to its END line or the end of the text.
const PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|$)/g;
// A name and its separator, in `name=value`, `name: value`, `"name":value`, `\"name\":value`, `a[name]=value`.
const PAIR = /(?<![\w.\\-])(\\?["']?)([A-Za-z_][\w.-]{0,99})(\\?["']|\])?[ \t]*([=:])[ \t]*/g;

function makeScrubber(
  wanted: readonly RedactPattern[],
  censor: string,
  isSensitive: (key: string) => boolean,
): (s: string) => string {
  const bearer = wanted.includes("bearer");
  const jwt = wanted.includes("jwt");
  const card = wanted.includes("card");
  const pairs = wanted.includes("pairs");
  const url = wanted.includes("url");
  const pem = wanted.includes("pem");
  return (s: string): string => {
    // Most strings (keys, words, identifiers) hold nothing any pattern starts from.
    if (!MAYBE_SECRET.test(s)) return s;
    let out = s;
    // Whole key blocks first; then `name=value` pairs, whose values may hold what the next patterns
    // find (`token=eyJ…`, `authorization=Bearer%20…`) and are censored whole; then the rest.
    if (pem && out.includes("PRIVATE KEY")) out = out.replace(PEM, censor);
    if (pairs && (out.includes("=") || out.includes(":"))) out = scrubPairs(out, isSensitive, censor);
    if (jwt && out.includes("eyJ")) out = scrubJwts(out, censor);
    if (url && out.includes("://")) out = out.replace(URL_PASSWORD, (_m, head: string) => `${head}:${censor}@`);
    if (bearer && SCHEME.test(out)) {
      out = out.replace(BEARER, (m, scheme: string, sep: string, credential: string) =>
        looksLikeCredential(credential) ? scheme + sep + censor : m,
      );
    }
    if (card && digitCount(out) >= 13) out = out.replace(CARD, (m) => (containsCardNumber(m) ? censor : m));
    return out;
  };
}

/**
 * Censors JWTs. Each `eyJ` is tried once: when it does not start a token, neither does a later
 * `eyJ` in the same base64url run (the run ends where the first part would), so the scan moves past
 * the run — a regex alone would retry every `eyJ` of a long run to its end.
 */
function scrubJwts(s: string, censor: string): string {
  let out = "";
  let copied = 0;
  let at = s.indexOf("eyJ");
  while (at >= 0) {
    JWT.lastIndex = at;
    const m = JWT.exec(s);
    let next: number;
    if (m !== null) {
      out += s.slice(copied, at) + censor;
      copied = next = at + m[0].length;
    } else {
      BASE64URL.lastIndex = at;
      BASE64URL.exec(s);
      next = Math.max(BASE64URL.lastIndex, at + 3);
    }
    at = s.indexOf("eyJ", next);
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/**
 * True for what follows `Bearer ` when it can be a credential: at least 8 characters, not a plain
 * word (it has a digit, a symbol, or a capital after the first letter), so prose like
 * "Basic authentication" is left alone.
 */
function looksLikeCredential(c: string): boolean {
  return c.length >= 8 && /[^A-Za-z]|.[A-Z]/.test(c);
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * True when a run of digit groups (as {@link CARD} finds them) is a card number, or holds one as
 * consecutive groups (`4111 1111 1111 1111 2024`: a card, then a year).
 */
function containsCardNumber(run: string): boolean {
  const groups = run.split(CARD_SEPARATORS);
  if (groups.length === 1) return isCardNumber(run);
  for (let i = 0; i < groups.length; i++) {
    let digits = "";
    for (let j = i; j < groups.length && digits.length < 19; j++) {
      digits += groups[j];
      if (isCardNumber(digits)) return true;
    }
  }
  return false;
}

/**
 * True when `digits` (digits only) is a payment card number: 13–19 digits, a network's leading
 * digits (3, 4, 5, 6, or 2221–2720) and a valid Luhn checksum. The leading digits keep
 * millisecond timestamps and other 1-led counters out (only 1 in 10 of them would fail Luhn).
 */
export function isCardNumber(digits: string): boolean {
  const first = digits.charCodeAt(0) - 48;
  if (first < 2 || first > 6) return false;
  if (first === 2) {
    const four = Number(digits.slice(0, 4));
    if (four < 2221 || four > 2720) return false;
  }
  return luhnValid(digits);
}

/**
 * Censors the values of sensitive `name=value` and `name: value` pairs inside text (query strings,
 * form bodies, logfmt, header lines, JSON or `util.inspect` output held as a string). A quoted value
 * is censored up to its closing quote; an unquoted `name: value` (a header line) to the end of the
 * line; any other unquoted value up to whitespace, `&`, `;`, `,`, a quote or a closing bracket.
 */
function scrubPairs(s: string, isSensitive: (key: string) => boolean, censor: string): string {
  let out = "";
  let copied = 0;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(s); m !== null; m = PAIR.exec(s)) {
    const [, open, name, close = "", sep] = m;
    const from = PAIR.lastIndex;
    if (sep === ":" && s.startsWith("//", from)) continue; // a URL's scheme
    const dot = name.lastIndexOf(".");
    if (!isSensitive(name) && !(dot >= 0 && isSensitive(name.slice(dot + 1)))) continue;
    let start = from;
    let end: number;
    const c = s[from];
    if (close.startsWith("\\") && s.startsWith('\\"', from)) {
      // JSON inside JSON: `\"name\":\"value\"`.
      start = from + 2;
      const at = s.indexOf('\\"', start);
      end = at < 0 ? s.length : at;
    } else if (c === '"') {
      start = from + 1;
      end = start;
      while (end < s.length && s[end] !== '"') end += s[end] === "\\" ? 2 : 1;
      if (end > s.length) end = s.length;
    } else if (c === "'") {
      start = from + 1;
      const at = s.indexOf("'", start);
      end = at < 0 ? s.length : at;
    } else if (sep === ":" && open === "" && close === "") {
      end = from;
      while (end < s.length && s[end] !== "\n" && s[end] !== "\r") end++;
    } else {
      end = from + (SCHEME_START.exec(s.slice(from, from + 40))?.[0].length ?? 0);
      // A censor already there is read whole (it may hold a bracket), with anything glued after it.
      if (s.startsWith(censor, end)) end += censor.length;
      while (end < s.length && !PAIR_VALUE_END.test(s[end])) end++;
    }
    // Nothing, or only the censor (an earlier pass's, or a request view's censored query): as it is.
    if (end <= start || (end - start === censor.length && s.startsWith(censor, start))) continue;
    out += s.slice(copied, start) + censor;
    copied = end;
    PAIR.lastIndex = end;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

const PAIR_VALUE_END = /[\s&;,"'<>)\]}]/;

/**
 * `url` with the values of sensitive query parameters censored (`?token=abc&page=2` →
 * `?token=[REDACTED]&page=2`); names are percent-decoded before the check. Never throws.
 */
export function censorQuery(url: string, isSensitive: (key: string) => boolean, censor: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const hash = url.indexOf("#", q);
  const end = hash < 0 ? url.length : hash;
  const parts = url.slice(q + 1, end).split("&");
  let changed = false;
  for (let i = 0; i < parts.length; i++) {
    const eq = parts[i].indexOf("=");
    if (eq < 0) continue;
    let name = parts[i].slice(0, eq).replace(/\+/g, " ");
    try {
      name = decodeURIComponent(name);
    } catch {
      // A malformed escape: check the name as written.
    }
    if (isSensitive(name) && eq + 1 < parts[i].length) {
      parts[i] = parts[i].slice(0, eq + 1) + censor;
      changed = true;
    }
  }
  return changed ? url.slice(0, q + 1) + parts.join("&") + url.slice(end) : url;
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
