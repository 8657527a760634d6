/**
 * Arguments that once cost the app its line or its time (issue 13, items 9, 10, 13): binary data
 * and boxed strings as fields, bindings or context are values, bounded like any other; a huge
 * sparse array as the message is joined from its first items; a fields object that cannot be
 * read loses only its own part of the line.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { configure, getLogger, withContext, memoryDestination } from "../src/index.js";
import { parseStrict } from "./helpers/strict-json.js";

function setup(limits?: Record<string, number>) {
  const memory = memoryDestination();
  configure({ destination: memory, format: "json", level: "info", base: null, limits: { maxItems: 100, maxKeys: 100, maxDepth: 10, maxStringLength: 10_000, ...limits } });
  return memory;
}

const records = (lines: readonly string[]) => lines.map((l) => parseStrict(l) as Record<string, unknown>);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("binary data and boxed strings are values, never bags of indexed fields", () => {
  const big = Buffer.alloc(10 * 1024 * 1024, 7);

  it("a 10 MB Buffer or typed array as the fields argument is written under value, bounded, without listing its keys", () => {
    const memory = setup({ maxItems: 3 });
    const keys = vi.spyOn(Object, "keys");
    const log = getLogger("binary");
    log.info("buffer", big as never);
    log.info("typed", new Float64Array(1_000_000) as never);
    log.info("boxed", new String("x".repeat(1_000_000)) as never);
    expect(keys.mock.calls.filter(([o]) => o === big || ArrayBuffer.isView(o) || o instanceof String)).toEqual([]);
    const [buffer, typed, boxed] = records(memory.lines);
    expect(buffer.value).toEqual({ type: "Buffer", data: [7, 7, 7, "[...10485757 more items]"] });
    expect(Array.isArray(typed.value) && (typed.value as unknown[]).length).toBe(4);
    expect(typeof boxed.value === "string" && (boxed.value as string).length).toBeLessThan(10_100);
    expect(memory.lines.every((l) => l.length < 11_000)).toBe(true);
  });

  it("as child bindings or withContext fields, they bind nothing and list no key", () => {
    const memory = setup();
    const keys = vi.spyOn(Object, "keys");
    const child = getLogger("binary").child(big as never);
    withContext(big as never, () => child.info("inside"));
    withContext(new String("abc") as never, () => child.info("boxed"));
    expect(keys.mock.calls.filter(([o]) => o === big || o instanceof String)).toEqual([]);
    expect(records(memory.lines).map((r) => Object.keys(r).sort())).toEqual([["level", "msg", "name", "time"], ["level", "msg", "name", "time"]]);
  });
});

describe("a huge sparse array as the message", () => {
  it("is joined from its first maxItems items, with the count of the rest", () => {
    const memory = setup({ maxItems: 3 });
    const sparse = new Array(2 ** 32 - 1);
    sparse[0] = "a";
    sparse[2] = { toString: () => "c" };
    getLogger("sparse").info(sparse as never, { n: 1 });
    getLogger("sparse").info(new Uint8Array(10_000_000) as never, { n: 2 });
    const [array, typed] = records(memory.lines);
    expect(array.msg).toBe(`a,,c,[...${2 ** 32 - 4} more items]`);
    expect(array.n).toBe(1);
    expect(typed.msg).toBe("0,0,0,[...9999997 more items]");
  });
});

describe("a fields argument that cannot be read", () => {
  it("a Proxy whose traps throw, or a revoked Proxy, loses only the fields: message, bindings and context stay", () => {
    const memory = setup();
    const throwing = new Proxy({}, { ownKeys: () => { throw new Error("ownKeys trap"); }, getPrototypeOf: () => { throw new Error("getPrototypeOf trap"); } });
    const { proxy: revoked, revoke } = Proxy.revocable({ a: 1 }, {});
    revoke();
    const child = getLogger("proxy").child({ tenant: "t1" });
    withContext({ requestId: "r-1" }, () => {
      child.info("throwing traps", throwing as never);
      child.info("revoked", revoked as never);
      child.info(throwing as never, "pino order, throwing traps");
      child.info(revoked as never, "pino order, revoked");
    });
    const lines = records(memory.lines);
    expect(lines.map((r) => [r.msg, r.tenant, r.requestId])).toEqual([
      ["throwing traps", "t1", "r-1"],
      ["revoked", "t1", "r-1"],
      ["pino order, throwing traps", "t1", "r-1"],
      ["pino order, revoked", "t1", "r-1"],
    ]);
    for (const r of lines) expect(String(r.value)).toMatch(/^\[Unserializable: /);
    expect(lines.some((r) => "logweaveError" in r)).toBe(false);
  });
});
