/**
 * Maps and redaction (issue 13, item 1): a value under a sensitive key is censored whatever the
 * Map's keys are — all strings (written as an object) or any other key (written as `[key, value]`
 * pairs) — with the key's name taken from a symbol's description, a number's digits, a boxed
 * string or an object's own string form; in every format, in child bindings and in context.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { configure, getLogger, withContext, type Destination } from "../src/index.js";
import { compileRedaction } from "../src/redact.js";
import { DEFAULT_LIMITS, serializeField, serializeValue, type SerializeConfig } from "../src/serialize.js";
import { logfmtRecord } from "./helpers/logfmt.js";
import { parseStrict } from "./helpers/strict-json.js";

const SECRET = "Zq9-map-secret-7Hk";
const cfg = (redact?: Parameters<typeof compileRedaction>[0]): SerializeConfig => ({
  limits: { ...DEFAULT_LIMITS },
  redactor: compileRedaction(redact),
});

describe("a Map with keys that are not all strings", () => {
  it("censors the value under a sensitive string key among other keys", () => {
    const text = serializeValue(new Map<unknown, unknown>([[1, "one"], ["password", SECRET]]), cfg());
    expect(JSON.parse(text)).toEqual([[1, "one"], ["password", "[REDACTED]"]]);
  });

  it.each([
    ["a symbol whose description is sensitive", Symbol("apiKey"), "Symbol(apiKey)"],
    ["a registered symbol", Symbol.for("Authorization"), "Symbol(Authorization)"],
    ["a boxed string", new String("set-cookie"), "set-cookie"],
    ["an object whose string form is sensitive", { toString: () => "access_token" }, { toString: "[Function: toString]" }],
    ["a URL-like class instance", new (class Key { toString() { return "clientSecret"; } })(), {}],
  ])("censors the value under %s", (_what, key, keyJson) => {
    const text = serializeValue(new Map<unknown, unknown>([[key, SECRET]]), cfg());
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual([[keyJson, "[REDACTED]"]]);
  });

  it("censors by a configured key name given as a number key's digits", () => {
    const text = serializeValue(new Map<unknown, unknown>([[4242, SECRET], [7, "kept"]]), cfg({ keys: ["4242"] }));
    expect(JSON.parse(text)).toEqual([[4242, "[REDACTED]"], [7, "kept"]]);
  });

  it("censors at a configured path through the pair's key name", () => {
    const m = new Map<unknown, unknown>([[Symbol("vault"), { pin2: SECRET }], [1, { pin2: "kept" }]]);
    const text = serializeField({ m }, "data", cfg({ paths: ["data.m.vault.pin2"] }))!;
    expect(JSON.parse(text)).toEqual({ m: [["Symbol(vault)", { pin2: "[REDACTED]" }], [1, { pin2: "kept" }]] });
  });

  it("gives a censor function the path through the pair's key name", () => {
    const paths: string[] = [];
    const c = cfg({ censor: (_v, path) => (paths.push(path.join(".")), "X") });
    serializeField(new Map<unknown, unknown>([[Symbol("token"), SECRET]]), "m", c);
    expect(paths).toEqual(["m.token"]);
  });

  it("redacts inside keys that are objects, and values nested under a pair", () => {
    const m = new Map<unknown, unknown>([[{ password: SECRET }, { inner: new Map<unknown, unknown>([[2, { apiKey: SECRET }]]) }]]);
    const text = serializeValue(m, cfg());
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual([[{ password: "[REDACTED]" }, { inner: [[2, { apiKey: "[REDACTED]" }]] }]]);
  });

  it("a key whose name cannot be read (a throwing toString, a Proxy) keeps the other pairs and their redaction", () => {
    const fn = new Proxy(function f() {}, { get() { throw new Error("trap"); } });
    const m = new Map<unknown, unknown>([[fn, "v"], [{ toString() { throw new Error("ts"); } }, "w"], [Symbol("token"), SECRET]]);
    expect(JSON.parse(serializeValue(m, cfg()))).toEqual([["[Function (anonymous)]", "v"], [{ toString: "[Function: toString]" }, "w"], ["Symbol(token)", "[REDACTED]"]]);
  });

  it("still bounds the pairs it writes", () => {
    const m = new Map<unknown, unknown>();
    for (let i = 0; i < 150; i++) m.set(i, i % 2 === 0 ? "x" : SECRET);
    m.set(Symbol("secret"), SECRET);
    const text = serializeValue(m, cfg({ keys: Array.from({ length: 75 }, (_, i) => String(2 * i + 1)) }));
    expect(text).not.toContain(SECRET);
    const out = JSON.parse(text) as unknown[];
    expect(out).toHaveLength(DEFAULT_LIMITS.maxItems + 1);
    expect(out.at(-1)).toBe("[...51 more items]");
  });
});

describe("a Map with string keys only", () => {
  it("is an object whose sensitive members are censored", () => {
    const text = serializeValue(new Map([["user", "ann"], ["Api-Key", SECRET]]), cfg());
    expect(JSON.parse(text)).toEqual({ user: "ann", "Api-Key": "[REDACTED]" });
  });
});

describe("through the logger", () => {
  const lines: string[] = [];
  const collect: Destination = { write: (l) => void lines.push(l) };
  const mixed = () => new Map<unknown, unknown>([[1, "one"], ["authorization", SECRET], [Symbol("password"), SECRET], [new String("apiKey"), SECRET]]);

  beforeEach(() => {
    lines.length = 0;
    configure({ level: "trace", destination: collect, format: "json", base: {}, limits: {}, redact: {} });
  });

  it.each(["json", "logfmt", "ecs", "otel", "gcp"] as const)("no value under a sensitive key reaches a %s line", (format) => {
    configure({ format });
    getLogger("maps").info("m", { headers: mixed() });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    const line = lines[0].slice(0, -1);
    if (format === "logfmt") expect(logfmtRecord(line)).toBeTruthy();
    else parseStrict(line);
    expect(line.split("[REDACTED]")).toHaveLength(4);
  });

  it("no value under a sensitive key reaches the line from child bindings", () => {
    getLogger("maps").child({ headers: mixed() }).info("m");
    expect(lines[0]).not.toContain(SECRET);
    expect((parseStrict(lines[0].slice(0, -1)) as { headers: unknown[] }).headers).toHaveLength(4);
  });

  it("no value under a sensitive key reaches the line from context", () => {
    withContext({ headers: mixed() }, () => getLogger("maps").warn("m"));
    expect(lines[0]).not.toContain(SECRET);
    expect((parseStrict(lines[0].slice(0, -1)) as { headers: unknown[] }).headers).toHaveLength(4);
  });
});
