import { describe, expect, it } from "vitest";
import { compileRedaction } from "../src/redact.js";
import { DEFAULT_LIMITS, serializeField, serializeValue, type SerializeConfig } from "../src/serialize.js";
import { parseStrict } from "./helpers/strict-json.js";

const cfg: SerializeConfig = { limits: { ...DEFAULT_LIMITS }, redactor: compileRedaction(undefined) };
const json = (v: unknown, c: SerializeConfig = cfg) => serializeValue(v, c);
const parsed = (v: unknown, c: SerializeConfig = cfg) => JSON.parse(json(v, c));

describe("serializeValue: every value gives valid JSON and never throws", () => {
  it("writes a circular reference as [Circular] and keeps repeated non-circular references", () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    const shared = { k: 1 };
    expect(parsed(a)).toEqual({ x: 1, self: "[Circular]" });
    expect(parsed({ p: shared, q: shared })).toEqual({ p: { k: 1 }, q: { k: 1 } });
  });

  it("writes BigInt exactly: a number while safe, a string beyond", () => {
    expect(json(12n)).toBe("12");
    expect(json(2n ** 64n)).toBe('"18446744073709551616"');
    expect(json(-(2n ** 60n))).toBe('"-1152921504606846976"');
  });

  it("writes symbols and functions as descriptive strings", () => {
    expect(parsed(Symbol("s"))).toBe("Symbol(s)");
    expect(parsed(function named() {})).toBe("[Function: named]");
    expect(parsed({ f: () => 1 })).toEqual({ f: "[Function: f]" });
  });

  it("omits undefined in objects and writes null in arrays", () => {
    expect(json({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(json([undefined, 1])).toBe("[null,1]");
  });

  it("writes NaN and ±Infinity as null", () => {
    expect(json([NaN, Infinity, -Infinity, -0])).toBe("[null,null,null,0]");
  });

  it("writes dates as ISO strings and invalid dates as Invalid Date", () => {
    expect(parsed(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
    expect(parsed(new Date("nope"))).toBe("Invalid Date");
  });

  it("writes errors with type, message, stack, code, cause chain and own properties", () => {
    const root = new Error("root");
    const err = Object.assign(new TypeError("outer", { cause: root }), { code: "E_X", status: 500 });
    const out = parsed(err);
    expect(out.type).toBe("TypeError");
    expect(out.message).toBe("outer");
    expect(out.stack).toContain("TypeError: outer");
    expect(out.code).toBe("E_X");
    expect(out.status).toBe(500);
    expect(out.cause.message).toBe("root");
  });

  it("writes AggregateError's errors and cuts circular causes", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    const agg = new AggregateError([a, new RangeError("r")], "many");
    const out = parsed(agg);
    expect(out.type).toBe("AggregateError");
    expect(out.errors).toHaveLength(2);
    expect(out.errors[0].cause.message).toBe("b");
    expect(out.errors[0].cause.cause).toBe("[Circular]");
    expect(out.errors[1].type).toBe("RangeError");
  });

  it("writes an Error under any key as an error object", () => {
    expect(parsed({ failure: new Error("x") }).failure.message).toBe("x");
  });

  it("writes Maps as objects (string keys) or pairs, and Sets as arrays", () => {
    expect(parsed(new Map([["a", 1]]))).toEqual({ a: 1 });
    expect(parsed(new Map<unknown, unknown>([[1, "x"], [{}, "y"]]))).toEqual([[1, "x"], [{}, "y"]]);
    expect(parsed(new Set([1, "a"]))).toEqual([1, "a"]);
  });

  it("bounds Buffers and typed arrays", () => {
    const big = Buffer.alloc(1000, 7);
    const out = parsed(big);
    expect(out.type).toBe("Buffer");
    expect(out.data).toHaveLength(DEFAULT_LIMITS.maxItems + 1);
    expect(out.data.at(-1)).toBe("[...900 more items]");
    expect(parsed(new Uint16Array([1, 2]))).toEqual([1, 2]);
    expect(parsed(new BigInt64Array([5n]))).toEqual([5]);
  });

  it("reports a throwing getter in place of its value", () => {
    const o = { ok: 1, get bad(): number { throw new Error("nope"); } };
    expect(parsed(o)).toEqual({ ok: 1, bad: "[getter threw: nope]" });
  });

  it("survives a Proxy whose traps throw", () => {
    const p = new Proxy({}, { ownKeys() { throw new Error("trap"); }, get() { throw new Error("get"); } });
    expect(parsed({ p })).toEqual({ p: "[Unserializable: trap]" });
  });

  it("reports a toJSON that throws and uses a toJSON that works", () => {
    expect(parsed({ toJSON() { throw new Error("tj"); } })).toBe("[toJSON threw: tj]");
    expect(parsed({ toJSON: () => ({ v: 1 }) })).toEqual({ v: 1 });
  });

  it("writes null-prototype objects, class instances and a Proxy whose getPrototypeOf throws", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1, nested: { password: "x", b: [1] } });
    expect(parsed(bare)).toEqual({ a: 1, nested: { password: "[REDACTED]", b: [1] } });
    class Point { constructor(public x: number, public y: number) {} }
    expect(parsed({ p: new Point(1, 2) })).toEqual({ p: { x: 1, y: 2 } });
    const odd = new Proxy({ k: 1 }, { getPrototypeOf() { throw new Error("proto trap"); } });
    expect(parsed({ odd })).toEqual({ odd: "[Unserializable: proto trap]" });
  });

  it("stops at the depth limit", () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    let node = parsed(deep);
    let depth = 0;
    while (typeof node === "object") {
      node = node.d;
      depth++;
    }
    expect(node).toBe("[Object]");
    expect(depth).toBe(DEFAULT_LIMITS.maxDepth);
  });

  it("bounds very wide objects and arrays", () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) wide["k" + i] = i;
    const out = parsed(wide);
    expect(Object.keys(out)).toHaveLength(DEFAULT_LIMITS.maxKeys + 1);
    expect(out["..."]).toBe("[900 more keys]");
    expect(parsed(new Array(500).fill(0))).toHaveLength(DEFAULT_LIMITS.maxItems + 1);
  });

  it("looks at no more of a huge Map's keys than it writes", () => {
    const big = new Map<unknown, number>();
    for (let i = 0; i < 200_000; i++) big.set("k" + i, i);
    big.set(1, 1);
    let reads = 0;
    const keys = big.keys.bind(big);
    big.keys = () => {
      const it = keys();
      return Object.assign(Object.create(it) as MapIterator<unknown>, { next: () => (reads++, it.next()) });
    };
    const out = parsed(big);
    expect(Object.keys(out)).toHaveLength(DEFAULT_LIMITS.maxKeys + 1);
    expect(out["..."]).toBe("[199901 more keys]");
    expect(reads).toBeLessThanOrEqual(DEFAULT_LIMITS.maxKeys + 1);
  });

  it("bounds a huge key as it bounds a huge string", () => {
    const key = "k".repeat(DEFAULT_LIMITS.maxStringLength + 50);
    expect(Object.keys(parsed({ inner: { [key]: 1 } }).inner)).toEqual(["k".repeat(DEFAULT_LIMITS.maxStringLength) + "...[50 more chars]"]);
  });

  it("writes an error's own type property once, the class winning (as pino does)", () => {
    const text = json(Object.assign(new RangeError("r"), { type: "card_error", code: "E" }));
    expect(parseStrict(text)).toMatchObject({ type: "RangeError", message: "r", code: "E" });
  });

  it("truncates huge strings without splitting a surrogate pair", () => {
    const s = "a".repeat(DEFAULT_LIMITS.maxStringLength - 1) + "😀" + "b".repeat(10);
    const out: string = parsed(s);
    expect(out.startsWith("a".repeat(DEFAULT_LIMITS.maxStringLength - 1) + "...[")).toBe(true);
    expect(out).toMatch(/\[12 more chars\]$/);
  });

  it("escapes lone surrogates, control characters and U+2028/U+2029", () => {
    const text = json("a\ud800b\u0001\n\r\u2028\u2029");
    expect(text).toBe('"a\\ud800b\\u0001\\n\\r\\u2028\\u2029"');
    expect(JSON.parse(text)).toBe("a\ud800b\u0001\n\r\u2028\u2029");
  });

  it("writes __proto__ and constructor keys as plain keys without pollution", () => {
    const o = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}');
    const text = json(o);
    const back = JSON.parse(text);
    expect(Object.keys(back)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("unwraps boxed primitives and writes RegExp as text", () => {
    expect(json([new String("s"), new Number(2), new Boolean(false), /x+/g])).toBe('["s",2,false,"/x+/g"]');
  });
});

describe("serializeField: redaction while serializing", () => {
  it("censors default sensitive keys at any depth, case-insensitive", () => {
    const v = { user: { Password: "p", apiKey: "k", "set-cookie": "c", nested: [{ access_token: "t" }] }, ok: 1 };
    const text = serializeField(v, "data", cfg)!;
    for (const secret of ['"p"', '"k"', '"c"', '"t"']) expect(text).not.toContain(secret);
    expect(JSON.parse(text).user.nested[0].access_token).toBe("[REDACTED]");
    expect(JSON.parse(text).ok).toBe(1);
  });

  it("censors the top-level key itself", () => {
    expect(serializeField("hunter2", "password", cfg)).toBe('"[REDACTED]"');
  });

  it("does not mutate the logged object", () => {
    const v = { password: "p", inner: { token: "t" } };
    const before = JSON.stringify(v);
    serializeField(v, "x", cfg);
    expect(JSON.stringify(v)).toBe(before);
  });
});
