/**
 * Value patterns (`redact.patterns`, issue 13 item 3): each probe a hostile tester used, and each
 * kind of text that must be left alone. A probe passes when no 8-character piece of its secret is
 * left in the written JSON; a false-positive case passes when the text is written unchanged.
 */
import { describe, expect, it } from "vitest";
import { configure, getLogger, type Destination } from "../src/index.js";
import { censorQuery, compileRedaction, isCardNumber, type RedactOptions } from "../src/redact.js";
import { DEFAULT_LIMITS, serializeField, serializeValue, type SerializeConfig } from "../src/serialize.js";
import { logfmtRecord } from "./helpers/logfmt.js";
import { parseStrict } from "./helpers/strict-json.js";

const cfg = (redact: RedactOptions = { patterns: true }): SerializeConfig => ({ limits: { ...DEFAULT_LIMITS }, redactor: compileRedaction(redact) });
const ALL = cfg();

/** Every piece of `secret` 8 characters long (the whole of a shorter one). */
function pieces(secret: string): string[] {
  if (secret.length <= 8) return [secret];
  return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
}

function expectCensored(json: string, secret: string): void {
  for (const p of pieces(secret)) expect(json, `"${p}" of ${secret}`).not.toContain(p);
  for (const p of pieces(JSON.stringify(secret).slice(1, -1))) expect(json).not.toContain(p);
  expect(json).toContain("[REDACTED]");
}

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----";

// [what, text, secret]: the secret must not survive in the written text.
const PROBES: [string, string, string][] = [
  ["a card number with spaces", "card 4111 1111 1111 1111 ok", "4111 1111 1111 1111"],
  ["a card number with dashes", "card 5555-5555-5555-4444", "5555-5555-5555-4444"],
  ["a card number with dots", "card 4111.1111.1111.1111", "4111.1111.1111.1111"],
  ["a card number with double spaces", "card 4111  1111  1111  1111", "4111  1111  1111  1111"],
  ["a card number with tabs", "card 4111\t1111\t1111\t1111", "4111\t1111\t1111\t1111"],
  ["a card number glued to a word", "card4111111111111111", "4111111111111111"],
  ["a card number glued to a symbol and a word", "cc#378282246310005x", "378282246310005"],
  ["a card number followed by a year", "4111 1111 1111 1111 2031", "4111 1111 1111 1111"],
  ["a Mastercard 2-series number", "pan=2223003122003222", "2223003122003222"],
  ["a bearer token", "Authorization: Bearer abc.DEF-123_x", "abc.DEF-123_x"],
  ["a bearer token with colons", "Bearer user:pa55:word99", "user:pa55:word99"],
  ["a bearer token with percent-encoding", "Bearer abc%2Fdef%3D%3D42", "abc%2Fdef%3D%3D42"],
  ["a basic credential", "auth header Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="],
  ["a scheme word before the scheme", "token Bearer abc.def.ghi9", "abc.def.ghi9"],
  ["a scheme word before a basic credential", "my token Basic dXNlcjpwYXNz", "dXNlcjpwYXNz"],
  ["a URL-encoded authorization parameter", "GET /cb?authorization=Bearer%20tk9Zq2Lm7Xw&x=1", "tk9Zq2Lm7Xw"],
  ["a form-encoded bearer", "authorization=Bearer+tk9Zq2Lm7Xw", "tk9Zq2Lm7Xw"],
  ["a JWT", `jwt ${JWT}`, JWT],
  ["a JWT glued to a prefix", `x${JWT}`, JWT],
  ["a sensitive query parameter", "/api?page=2&access_token=q8Zr2mWx0p&sort=asc", "q8Zr2mWx0p"],
  ["a sensitive form field", "user=ann&password=hunter2hunter2", "hunter2hunter2"],
  ["a logfmt pair", 'msg=login password="s3 cr3t phrase" ok=1', "s3 cr3t phrase"],
  ["JSON held as a string", '{"user":"ann","apiKey":"k-88aZq01mXw"}', "k-88aZq01mXw"],
  ["JSON inside JSON", '{"body":"{\\"password\\":\\"pw-98ZqLm01\\"}"}', "pw-98ZqLm01"],
  ["util.inspect output", "{ user: 'ann', client_secret: 'cs-7Yt6Rr5Ee4' }", "cs-7Yt6Rr5Ee4"],
  ["a raw header line", "POST / HTTP/1.1\r\nCookie: sid=ck29aZ00xk; theme=dark\r\nHost: x", "sid=ck29aZ00xk; theme=dark"],
  ["a password in a URL", "postgres://app:Pg-Pa55w0rd@db:5432/main", "Pg-Pa55w0rd"],
  ["a PEM private key", `key\n${PEM}\nend`, PEM.slice(40, 120)],
  ["a PEM private key cut short", `${PEM.slice(0, 150)}`, PEM.slice(40, 120)],
  ["a dotted name ending in a sensitive key", "cfg.db.password=Zx81kkqq00", "Zx81kkqq00"],
];

// Text that must come out exactly as it went in.
const KEPT = [
  "order 1234567890123 shipped",
  "at 1712345678901 ms",
  "epoch 1712345678.123456",
  "Basic authentication is not allowed",
  "Token expired, please sign in",
  "the bearer of bad news",
  "id 550e8400-e29b-41d4-a716-446655440000",
  "from 10.0.0.12 to 192.168.100.200",
  "call +1 415 555 0132",
  "v1.22.333.4444",
  "tokens used: 1234 of 5000",
  "https://example.com/a?page=2&sort=asc",
  "time: 12:30:45",
  "4111 1111 1111 1112",
];

describe("with patterns: true, a secret inside a string is censored", () => {
  it.each(PROBES)("%s", (_what, text, secret) => {
    expectCensored(serializeField(text, "note", ALL)!, secret);
  });

  it.each(PROBES)("%s, in a logfmt line too", (_what, text, secret) => {
    const lines: string[] = [];
    const collect: Destination = { write: (l) => void lines.push(l) };
    configure({ level: "info", destination: collect, format: "logfmt", base: {}, redact: { patterns: true } });
    getLogger("p").info(text, { nested: { note: text } });
    logfmtRecord(lines[0].slice(0, -1));
    for (const p of pieces(secret)) expect(lines[0]).not.toContain(p);
  });
});

describe("with patterns: true, text that holds no secret is left alone", () => {
  it.each(KEPT)("%j", (text) => {
    expect(JSON.parse(serializeField(text, "note", ALL)!)).toBe(text);
  });
});

describe("with patterns: true, secrets outside string values", () => {
  it("censors a secret in an object key, keeping keys unique", () => {
    const text = serializeValue({ inner: { "Bearer zzTop9911aa": 1, "4111111111111111": 2, "[REDACTED]": 3, plain: 4 } }, ALL);
    expectCensored(text, "zzTop9911aa");
    expectCensored(text, "4111111111111111");
    expect(parseStrict(text)).toEqual({ inner: { "Bearer [REDACTED]": 1, "[REDACTED] (2)": 2, "[REDACTED]": 3, plain: 4 } });
  });

  it("censors a secret in a Map key, of a string-keyed Map and of a pairs Map", () => {
    const text = serializeValue([new Map([["Bearer zzTop9911aa", 1]]), new Map<unknown, unknown>([["5555555555554444", 1], [2, 3]])], ALL);
    expectCensored(text, "zzTop9911aa");
    expectCensored(text, "5555555555554444");
    parseStrict(text);
  });

  it("censors a secret in an error's type, from its class name or its name", () => {
    class Leaky extends Error {}
    Object.defineProperty(Leaky, "name", { value: "Bearer zzTop9911aa" });
    const named = Object.assign(new Error("m"), { name: "token=tk-99aaZZ11" });
    const text = serializeValue([new Leaky("m"), named], ALL);
    expectCensored(text, "zzTop9911aa");
    expectCensored(text, "tk-99aaZZ11");
  });

  it("censors a secret in a function's name and a symbol's description", () => {
    const fn = Object.defineProperty(() => 1, "name", { value: JWT });
    const text = serializeValue({ fn, sym: Symbol("password=pw-77zzQQ00") }, ALL);
    expectCensored(text, JWT);
    expectCensored(text, "pw-77zzQQ00");
  });

  it("censors card numbers held as numbers and BigInts, and keeps other large integers", () => {
    const text = serializeValue({ n: 4111111111111111, b: 5555555555554444n, neg: -4111111111111111, ts: 1712345678901, big: 2n ** 64n }, ALL);
    expect(JSON.parse(text)).toEqual({ n: "[REDACTED]", b: "[REDACTED]", neg: "-[REDACTED]", ts: 1712345678901, big: "18446744073709551616" });
  });

  it("censors a card number that is a whole field value, top-level or nested, number or string", () => {
    const lines: string[] = [];
    configure({ level: "info", destination: { write: (l) => void lines.push(l) }, format: "json", base: {}, redact: { patterns: true } });
    getLogger("p").info("m", { pan: 4111111111111111, nested: { pan: "4111111111111111" } });
    expect(lines[0]).not.toContain("41111111");
  });

  it("censors a secret that straddles the string length limit", () => {
    const c: SerializeConfig = { limits: { ...DEFAULT_LIMITS, maxStringLength: 100 }, redactor: compileRedaction({ patterns: true }) };
    const text = serializeValue("x".repeat(90) + " Bearer zzTop9911aaBBcc tail", c);
    for (const p of pieces("zzTop9911aaBBcc")) expect(text).not.toContain(p.slice(0, 4));
    expect(JSON.parse(text)).toBe("x".repeat(90) + " Bearer [R...[18 more chars]");
  });

  it("a value already censored is not censored again, whatever the censor text", () => {
    const c = cfg({ patterns: true, censor: "***" });
    expect(JSON.parse(serializeValue("token=*** and password=***", c))).toBe("token=*** and password=***");
    expect(JSON.parse(serializeValue("token=[REDACTED]", ALL))).toBe("token=[REDACTED]");
  });

  it("a censor glued to more text still censors the text", () => {
    expect(JSON.parse(serializeValue("token=[REDACTED]tk-99aaZZ11", ALL))).toBe("token=[REDACTED]");
  });

  it("pairs follow the configured key names, and default ones only while they are on", () => {
    const c = cfg({ patterns: ["pairs"], defaultKeys: false, keys: ["email"] });
    expect(JSON.parse(serializeValue("email=a@b.c&password=p", c))).toBe("email=[REDACTED]&password=p");
  });
});

describe("each pattern can be chosen alone", () => {
  it.each([
    ["bearer", "Bearer zzTop9911aa", "Bearer [REDACTED]"],
    ["jwt", JWT, "[REDACTED]"],
    ["card", "4111 1111 1111 1111", "[REDACTED]"],
    ["pairs", "a=1&token=zzTop9911aa", "a=1&token=[REDACTED]"],
    ["url", "https://u:zzTop9911aa@h/", "https://u:[REDACTED]@h/"],
    ["pem", PEM, "[REDACTED]"],
  ] as const)("%s", (pattern, text, out) => {
    expect(JSON.parse(serializeValue(text, cfg({ patterns: [pattern] })))).toBe(out);
    for (const other of ["bearer", "jwt", "card", "pairs", "url", "pem"] as const) {
      if (other !== pattern) expect(JSON.parse(serializeValue(text, cfg({ patterns: [other] }))), other).toBe(text);
    }
  });
});

describe("isCardNumber", () => {
  it("wants a network's leading digits and a valid Luhn checksum", () => {
    for (const n of ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "2223003122003222", "3530111333300000"]) expect(isCardNumber(n)).toBe(true);
    for (const n of ["4111111111111112", "1234567890123452", "7992739871300000", "2720999999999999"]) expect(isCardNumber(n), n).toBe(false);
  });
});

describe("censorQuery", () => {
  const sensitive = (k: string) => /token|password/i.test(k);
  it("censors sensitive parameters, decoding names, and keeps the fragment", () => {
    expect(censorQuery("/a?access%5Ftoken=x&b=2&Password=&p=1#frag?token=y", sensitive, "[R]")).toBe("/a?access%5Ftoken=[R]&b=2&Password=&p=1#frag?token=y");
  });
  it("leaves a URL without a query or with a malformed escape in a name unharmed", () => {
    expect(censorQuery("/a", sensitive, "[R]")).toBe("/a");
    expect(censorQuery("/a?%E0%A4%A=1&token=2", sensitive, "[R]")).toBe("/a?%E0%A4%A=1&token=[R]");
  });
});

describe("hostile text", () => {
  // Each input makes a naive pattern retry a long stretch from many starting points (quadratic
  // time); 200,000 characters would then take minutes. The test's timeout only detects such a hang.
  const N = 200_000;
  const HOSTILE: [string, string][] = [
    ["eyJ repeated in one base64url run", "eyJ".repeat(N / 3)],
    ["a long dotted scheme-like run before ://", "a.".repeat(N / 2) + "://x"],
    ["names and colons", "a:".repeat(N / 2)],
    ["open JSON strings after a sensitive name", '"password":"'.repeat(N / 12)],
    ["single digits and spaces", "4 ".repeat(N / 2)],
    ["schemes without credentials", "Bearer ".repeat(N / 7)],
    ["PEM headers without an end", "-----BEGIN RSA PRIVATE KEY-----".repeat(N / 31)],
    ["a query of sensitive parameters", "?" + "token=1&".repeat(N / 8)],
  ];
  const big: SerializeConfig = { limits: { ...DEFAULT_LIMITS, maxStringLength: N + 10 }, redactor: compileRedaction({ patterns: true }) };

  it.each(HOSTILE)("%s is scanned in linear time, as a value and as a key", (_what, text) => {
    expect(JSON.parse(serializeValue(text, big)).length).toBeGreaterThan(0);
    expect(Object.keys(JSON.parse(serializeValue({ [text]: 1 }, big)))).toHaveLength(1);
  }, 20_000);
});
