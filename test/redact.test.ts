import { describe, expect, it } from "vitest";
import { compileRedaction, isDefaultSensitiveKey, luhnValid, parsePath, PATH_MATCH } from "../src/redact.js";
import { DEFAULT_LIMITS, serializeField, type SerializeConfig } from "../src/serialize.js";

const withRedact = (opts: Parameters<typeof compileRedaction>[0]): SerializeConfig => ({
  limits: { ...DEFAULT_LIMITS },
  redactor: compileRedaction(opts),
});

describe("default sensitive keys", () => {
  it.each([
    "password", "PASSWORD", "passwd", "secret", "token", "accessToken", "access_token", "refreshToken",
    "apiKey", "api_key", "X-Api-Key", "authorization", "Authorization", "cookie", "set-cookie",
    "privateKey", "clientSecret", "creditCard", "cardNumber", "cvv", "ssn", "dbPassword", "stripe_secret_key",
  ])("%s is sensitive", (key) => expect(isDefaultSensitiveKey(key)).toBe(true));

  it.each(["userId", "ip", "success", "promptTokens", "tokensUsed", "author", "path", "keyCount"])(
    "%s is not sensitive",
    (key) => expect(isDefaultSensitiveKey(key)).toBe(false),
  );

  it("can be turned off, and extra keys added", () => {
    const c = withRedact({ defaultKeys: false, keys: ["email"] });
    expect(JSON.parse(serializeField({ password: "p", Email: "e" }, "x", c)!)).toEqual({ password: "p", Email: "[REDACTED]" });
  });
});

describe("paths", () => {
  it("parses dots, brackets, quotes, * and **", () => {
    expect(parsePath("req.headers.authorization")).toEqual(["req", "headers", "authorization"]);
    expect(parsePath("users[*].email")).toEqual(["users", "*", "email"]);
    expect(parsePath('a["x-y"].b')).toEqual(["a", "x-y", "b"]);
    expect(parsePath("**.session")).toEqual(["**", "session"]);
    expect(parsePath("a[0]")).toEqual(["a", "0"]);
  });

  it.each(["", "a..b", "a.", "a[", "a[x]", "a[']"])("rejects malformed path %j", (p) => {
    expect(parsePath(p)).toBeUndefined();
  });

  it("censors exact, * and ** paths and nothing else", () => {
    const c = withRedact({ paths: ["req.headers.x-custom", "req.users[*].email", "**.session"] });
    const data = {
      headers: { "x-custom": "secret-1", keep: "k" },
      users: [{ email: "a@b", name: "n" }, { email: "c@d" }],
      deep: { er: { session: "s1" } },
      session: "s2",
    };
    const text = serializeField(data, "req", c)!;
    for (const s of ["secret-1", "a@b", "c@d", "s1"]) expect(text).not.toContain(s);
    const out = JSON.parse(text);
    expect(out.headers.keep).toBe("k");
    expect(out.users[0].name).toBe("n");
    expect(out.session).toBe("[REDACTED]");
  });

  it("matches a path at the top level of the fields", () => {
    const r = compileRedaction({ paths: ["user.email"] });
    const s = r.step(r.rootPaths!, "user");
    expect(s).not.toBeNull();
    expect(r.step(s!, "email")).toBe(PATH_MATCH);
    expect(r.step(s!, "name")).toBeNull();
  });

  it("reports malformed paths instead of throwing", () => {
    const problems: string[] = [];
    compileRedaction({ paths: ["ok", "bad..path"] }, problems);
    expect(problems).toEqual(['redact.paths: ignoring malformed path "bad..path"']);
  });

  it("uses a custom censor string or function", () => {
    expect(serializeField("x", "password", withRedact({ censor: "***" }))).toBe('"***"');
    const fn = withRedact({ censor: (v, path) => `${path.join(".")}:${String(v).length}` });
    expect(JSON.parse(serializeField({ token: "abcd" }, "auth2", fn)!)).toEqual({ token: "auth2.token:4" });
  });
});

describe("value patterns (opt-in)", () => {
  const c = withRedact({ patterns: true });
  it("censors bearer tokens, JWTs and Luhn-valid card numbers inside strings", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig_nature-x";
    const text = serializeField(`auth Bearer abc.def-123 and ${jwt} card 4111 1111 1111 1111 order 1234567890123`, "note", c)!;
    expect(text).not.toContain("abc.def-123");
    expect(text).not.toContain("eyJhbGciOiJIUzI1NiJ9");
    expect(text).not.toContain("4111 1111 1111 1111");
    expect(text).toContain("order 1234567890123");
  });

  it("is off by default", () => {
    const plain = withRedact(undefined);
    expect(serializeField("Bearer abc", "note", plain)).toBe('"Bearer abc"');
  });

  it("checks card numbers with Luhn", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });
});

describe("values whose structure names a secret", () => {
  const c = withRedact(undefined);

  it("a URL object is written as its href with the password and sensitive query parameters censored", () => {
    const out = JSON.parse(serializeField({ db: new URL("postgres://app:pa%40ss@db:5432/main?sslmode=require&password=pw1#f"), plain: new URL("https://h/a?b=1") }, "cfg", c)!);
    expect(out).toEqual({ db: "postgres://app:[REDACTED]@db:5432/main?sslmode=require&password=[REDACTED]#f", plain: "https://h/a?b=1" });
  });

  it("a getter under a sensitive key is never run when the censor is a string", () => {
    let runs = 0;
    const text = serializeField({ get apiKey() { return `k${++runs}`; } }, "x", c);
    expect(JSON.parse(text!)).toEqual({ apiKey: "[REDACTED]" });
    expect(runs).toBe(0);
  });

  it("a getter under a sensitive key is run once for a censor function, which receives its value", () => {
    const seen: unknown[] = [];
    const fn = withRedact({ censor: (v) => (seen.push(v), "X") });
    serializeField({ get apiKey() { return "k1"; } }, "x", fn);
    expect(seen).toEqual(["k1"]);
  });
});
