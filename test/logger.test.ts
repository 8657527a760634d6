import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { configure, getLogger, withContext, type Destination } from "../src/index.js";
import { enter, site as makeSite } from "./helpers/site-call.js";
import { parseStrict } from "./helpers/strict-json.js";

/**
 * A destination that keeps lines as written. Each is checked after the test (one valid JSON
 * object without duplicate keys, one line): a check inside `write` would throw into the logger,
 * which swallows it, and show only as a missing line.
 */
class Collect implements Destination {
  readonly raw: string[] = [];
  write(line: string): void {
    this.raw.push(line);
  }
  get lines(): string[] {
    return this.raw.map((l) => l.slice(0, -1));
  }
  get records(): Record<string, any>[] {
    return this.lines.map((l) => JSON.parse(l));
  }
  get last(): Record<string, any> {
    return JSON.parse(this.lines.at(-1)!);
  }
}

let out: Collect;
beforeEach(() => {
  out = new Collect();
  configure({ level: "info", destination: out, format: "json", redact: {}, base: {}, limits: {} });
});
afterEach(() => {
  for (const line of out.raw) {
    expect(line.endsWith("\n"), line).toBe(true);
    expect(line.slice(0, -1), line).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(() => parseStrict(line.slice(0, -1)), line).not.toThrow();
  }
});

describe("line format", () => {
  it("writes the quickstart line with core keys first, in pino's order and numbers", () => {
    getLogger("auth").info("User login", { userId: 12345, ip: "192.168.1.1", success: true });
    const line = out.lines[0];
    expect(line).toMatch(/^\{"level":30,"time":\d+,"pid":\d+,"hostname":"[^"]*","name":"auth","msg":"User login","userId":12345,"ip":"192.168.1.1","success":true\}$/);
  });

  it("uses pino's level numbers for each method", () => {
    configure({ level: "trace" });
    const log = getLogger("levels");
    log.trace("t"); log.debug("d"); log.info("i"); log.warn("w"); log.error("e"); log.fatal("f");
    expect(out.records.map((r) => r.level)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it("returns the same logger for the same name", () => {
    expect(getLogger("same")).toBe(getLogger("same"));
    expect(getLogger("same")).not.toBe(getLogger("other"));
  });

  it("escapes newlines in messages so a line cannot be forged, and interprets nothing", () => {
    getLogger("x").info('ok\n{"level":60,"msg":"forged"} %s ${x}', { k: "a\r\nb" });
    expect(out.lines).toHaveLength(1);
    expect(out.last.msg).toBe('ok\n{"level":60,"msg":"forged"} %s ${x}');
    expect(out.last.k).toBe("a\r\nb");
  });

  it("writes an Error passed as fields under err", () => {
    getLogger("x").error("failed", new TypeError("bad input"));
    expect(out.last.err.type).toBe("TypeError");
    expect(out.last.err.message).toBe("bad input");
  });

  it("accepts pino's argument order", () => {
    const log = getLogger("x") as any;
    log.info({ a: 1 }, "hello");
    expect(out.last).toMatchObject({ msg: "hello", a: 1 });
    log.error(new Error("boom"));
    expect(out.last).toMatchObject({ msg: "boom", err: { message: "boom" } });
  });

  it("renames user keys that collide with core keys instead of writing duplicates", () => {
    getLogger("x").info("m", { level: 99, time: "t", msg: "forged", name: "n", pid: 1, hostname: "h", caller: "c" } as any);
    const r = out.last;
    expect(r.level).toBe(30);
    expect(r.msg).toBe("m");
    expect(r.name).toBe("x");
    expect(r["fields.level"]).toBe(99);
    expect(r["fields.msg"]).toBe("forged");
    expect(r["fields.caller"]).toBe("c");
  });

  it("never writes a duplicate key when a renamed key meets its literal twin", () => {
    getLogger("x").info("m", { level: 1, "fields.level": 2 } as any);
    expect(out.last["fields.level"]).toBe(1);
  });
});

describe("levels", () => {
  it("drops calls below the level and reports it with isLevelEnabled", () => {
    const log = getLogger("lv");
    log.debug("hidden");
    log.info("shown");
    expect(out.records.map((r) => r.msg)).toEqual(["shown"]);
    expect(log.isLevelEnabled("debug")).toBe(false);
    expect(log.isLevelEnabled("info")).toBe(true);
    expect(log.isLevelEnabled("nonsense")).toBe(false);
  });

  it("lets a logger's level be read and set", () => {
    const log = getLogger("lv2");
    expect(log.level).toBe("info");
    log.level = "debug";
    log.debug("now shown");
    expect(out.last.msg).toBe("now shown");
    expect(() => ((log as any).level = "loud")).toThrow(/unknown level/);
  });

  it("reads LOG_LEVEL when no level is configured", () => {
    const saved = process.env.LOG_LEVEL;
    try {
      process.env.LOG_LEVEL = "warn";
      configure({ level: undefined });
      const log = getLogger("env-level");
      log.info("no");
      log.warn("yes");
      expect(out.records.map((r) => r.msg)).toEqual(["yes"]);
    } finally {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    }
  });

  it("rejects an invalid option with a message that names it", () => {
    expect(() => configure({ level: "loud" as any })).toThrow(/level must be one of/);
    expect(() => configure({ format: "xml" as any })).toThrow(/format must be one of/);
    expect(() => getLogger("bad", { destination: 5 as any })).toThrow(/destination/);
  });

  it("does not evaluate a getter of a disabled call's fields", () => {
    let reads = 0;
    getLogger("lazy").debug("x", { get v() { reads++; return 1; } });
    expect(reads).toBe(0);
  });
});

describe("child loggers", () => {
  it("puts the bindings on every line of the child, serialized once", () => {
    let reads = 0;
    const child = getLogger("svc").child({ get reqId() { reads++; return "r-1"; }, region: "eu" });
    child.info("a");
    child.info("b", { extra: 1 });
    expect(out.records.map((r) => [r.reqId, r.region, r.msg])).toEqual([["r-1", "eu", "a"], ["r-1", "eu", "b"]]);
    expect(reads).toBe(1);
    expect(out.records[0].name).toBe("svc");
  });

  it("nests bindings, the inner child winning", () => {
    const c = getLogger("svc").child({ a: 1, b: 1 }).child({ b: 2 });
    c.info("m");
    expect(out.last).toMatchObject({ a: 1, b: 2 });
  });

  it("binds an own __proto__ key as a member, changing no prototype", () => {
    const bindings = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    const c = getLogger("svc").child(bindings);
    c.info("m");
    c.info("n");
    expect(out.lines[0]).toContain('"__proto__":{"polluted":true}');
    expect(out.records.map((r) => [r.a, r.msg])).toEqual([[1, "m"], [1, "n"]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("follows configuration changes made after the child was created", () => {
    const c = getLogger("svc").child({ a: 1 });
    configure({ level: "error" });
    c.warn("hidden");
    expect(out.lines).toHaveLength(0);
  });
});

describe("precedence and duplicates", () => {
  it("ranks call fields over context over bindings over base", async () => {
    configure({ base: { k: "base", b: "base" } });
    const child = getLogger("p").child({ k: "binding", c: "binding" });
    await withContext({ k: "context", d: "context" }, async () => {
      child.info("m", { k: "call" });
      child.info("n");
    });
    expect(out.records[0]).toMatchObject({ k: "call", b: "base", c: "binding", d: "context" });
    expect(out.records[1].k).toBe("context");
  });
});

describe("withContext", () => {
  it("follows awaits, timers and promise chains, and nested scopes merge", async () => {
    const log = getLogger("ctx");
    await withContext({ requestId: "r1" }, async () => {
      log.info("start");
      await new Promise((r) => setTimeout(r, 1));
      log.info("after timer");
      await Promise.resolve().then(() => log.info("in then"));
      await withContext({ user: "u" }, async () => {
        await null;
        log.info("nested");
      });
    });
    log.info("outside");
    const r = out.records;
    expect(r.slice(0, 3).every((x) => x.requestId === "r1")).toBe(true);
    expect(r[3]).toMatchObject({ requestId: "r1", user: "u" });
    expect(r[4].requestId).toBeUndefined();
  });

  it("keeps concurrent scopes apart", async () => {
    const log = getLogger("ctx");
    await Promise.all(
      ["a", "b", "c"].map((id) =>
        withContext({ id }, async () => {
          await new Promise((r) => setTimeout(r, 3 - id.charCodeAt(0) + 97));
          log.info(id);
        }),
      ),
    );
    expect(out.records.every((r) => r.id === r.msg)).toBe(true);
  });

  it("serializes the context once, not per line", () => {
    let reads = 0;
    withContext({ get id() { reads++; return 7; } }, () => {
      for (let i = 0; i < 5; i++) getLogger("ctx").info("m");
    });
    expect(reads).toBe(1);
    expect(out.records.every((r) => r.id === 7)).toBe(true);
  });
});

describe("a log call never throws", () => {
  it("survives a destination that throws, and says so once on stderr", () => {
    const writes = vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    try {
      configure({ destination: { write() { throw new Error("disk"); } } });
      expect(() => getLogger("x").info("m")).not.toThrow();
      expect(() => getLogger("x").info("m")).not.toThrow();
      expect(writes.mock.calls.filter(([fd]) => fd === 2).map(([, text]) => text)).toEqual(["logweave: the destination threw (disk); lines may be lost\n"]);
    } finally {
      writes.mockRestore();
    }
  });

  it("survives hostile fields and messages", () => {
    const evil = new Proxy({}, { ownKeys() { throw new Error("no"); } });
    const log = getLogger("x") as any;
    expect(() => log.info("m", evil)).not.toThrow();
    expect(() => log.info({ toString() { throw new Error("ts"); } }, 5)).not.toThrow();
    expect(() => log.info(Symbol("s"))).not.toThrow();
    expect(out.lines.length).toBe(3);
  });
});

describe("call sites (the transformer's way in)", () => {
  const runBoth = (fn: () => void) => {
    fn();
    return out.records.map(({ time, caller, ...rest }) => rest);
  };

  it("writes the same line as the plain call, plus caller", () => {
    const log = getLogger("auth");
    const site = makeSite({
      level: 30,
      msg: '"User login"',
      fields: [{ key: "userId", type: "number" }, { key: "ip", json: '"192.168.1.1"' }, { key: "success", json: "true" }],
      file: "src/auth.ts", line: 12, column: 5, function: "AuthService.login",
    });
    const lines = runBoth(() => {
      log.info("User login", { userId: 12345, ip: "192.168.1.1", success: true });
      enter(log, site)?.(site, 12345);
    });
    expect(lines[1]).toEqual(lines[0]);
    expect(out.records[1].caller).toEqual({ file: "src/auth.ts", line: 12, column: 5, function: "AuthService.login" });
    expect(out.lines[1]).toMatch(/"success":true,"caller":\{"file":"src\/auth.ts","line":12,"column":5,"function":"AuthService.login"\}\}$/);
  });

  it("does not evaluate arguments of a disabled site", () => {
    const site = makeSite({ level: 20, msg: '"x"', fields: [{ key: "v", type: "any" }] });
    let evaluated = false;
    enter(getLogger("x"), site)?.(site, (evaluated = true));
    expect(evaluated).toBe(false);
    expect(out.lines).toHaveLength(0);
  });

  it("builds template messages from escaped parts and holes", () => {
    const site = makeSite({ level: 30, template: ["User ", " said \\\"", "\\\""] });
    const id = 7, text = "hi\n";
    const lines = runBoth(() => {
      getLogger("t").info(`User ${id} said "${text}"`);
      enter(getLogger("t"), site)?.(site, id, text);
    });
    expect(lines[1]).toEqual(lines[0]);
  });

  it("writes template holes of every kind exactly as the plain call's message", () => {
    const site = makeSite({ level: 30, template: ["a ", " b ", " c"] });
    const holes: [unknown, unknown][] = [
      [NaN, -0],
      [1.5e300, Infinity],
      ["\u2028x\ud800", "q\"\\"],
      ["x".repeat(70) + "\n", "y".repeat(80)],
      [{ toString: () => "obj" }, Symbol("s")],
      [10n, null],
    ];
    for (const [h1, h2] of holes) {
      const lines = runBoth(() => {
        getLogger("t").info(`a ${String(h1)} b ${String(h2)} c`);
        enter(getLogger("t"), site)?.(site, h1, h2);
      });
      expect(lines[1]).toEqual(lines[0]);
    }
  });

  it("redacts static and dynamic site fields like plain calls", () => {
    const site = makeSite({ level: 30, msg: '"m"', fields: [{ key: "password", json: '"static-secret"' }, { key: "token", type: "string" }, { key: "nested", json: '{"apiKey":"k"}' }] });
    enter(getLogger("r"), site)?.(site, "dynamic-secret");
    expect(out.lines[0]).not.toMatch(/static-secret|dynamic-secret|"k"/);
    expect(out.last).toMatchObject({ password: "[REDACTED]", token: "[REDACTED]", nested: { apiKey: "[REDACTED]" } });
  });

  it("falls back to the object path for a whole fields argument, an Error included", () => {
    const site = makeSite({ level: 50, msg: '"failed"', fields: "object" });
    const err = new Error("x");
    const lines = runBoth(() => {
      getLogger("f").error("failed", err);
      enter(getLogger("f"), site)?.(site, err);
    });
    expect(lines[1]).toEqual(lines[0]);
  });

  it("keeps lines valid when a site spec is malformed", () => {
    const site = makeSite({ level: 30, msg: '"unterminated', fields: [{ key: "a", json: "{bad" }, { key: "b", json: '1\n,"level":60' }] } as any);
    enter(getLogger("m"), site)?.(site);
    expect(out.last.level).toBe(30);
    expect(out.last.b).toBe('1\n,"level":60');
  });

  it("takes a colliding key from the lower layers when the call writes it", () => {
    const site = makeSite({ level: 30, msg: '"m"', fields: [{ key: "k", json: '"call"' }] });
    enter(getLogger("c").child({ k: "binding" }), site)?.(site);
    expect(out.last.k).toBe("call");
  });
});

describe("per-logger options and formats", () => {
  it("lets getLogger(name, options) override the global configuration for one logger", () => {
    const own = new Collect();
    const special = getLogger("special-" + Math.random(), { level: "debug", destination: own });
    special.debug("to own");
    getLogger("plain").debug("dropped");
    getLogger("plain").info("to global");
    expect(own.records.map((r) => r.msg)).toEqual(["to own"]);
    expect(out.records.map((r) => r.msg)).toEqual(["to global"]);
  });

  it("writes pretty lines when the destination is a terminal and format is auto", () => {
    const lines: string[] = [];
    configure({ format: "auto", destination: { isTTY: true, write: (l: string) => void lines.push(l) } });
    getLogger("tty").info("hello", { a: 1 });
    expect(lines[0]).toMatch(/INFO .*tty:.*hello.*a=.*1/);
    expect(() => JSON.parse(lines[0])).toThrow();
  });

  it("honours LOGWEAVE_FORMAT when no format is configured", () => {
    const saved = process.env.LOGWEAVE_FORMAT;
    try {
      process.env.LOGWEAVE_FORMAT = "pretty";
      const lines: string[] = [];
      configure({ format: undefined, destination: { write: (l: string) => void lines.push(l) } });
      getLogger("envfmt").info("hello");
      expect(lines[0]).toMatch(/INFO .*envfmt: hello/);
    } finally {
      if (saved === undefined) delete process.env.LOGWEAVE_FORMAT;
      else process.env.LOGWEAVE_FORMAT = saved;
    }
  });

  it("adds base fields and can drop pid and hostname", () => {
    configure({ base: { service: "api", pid: undefined } });
    getLogger("b").info("m");
    expect(out.last.service).toBe("api");
    expect(out.last.pid).toBeUndefined();
    expect(typeof out.last.hostname).toBe("string");
    configure({ base: null });
    getLogger("b").info("m");
    expect(out.last.hostname).toBeUndefined();
  });
});

describe("a log call made while another call's values are written", () => {
  const inner = () => getLogger("inner").child({ innerBinding: 1 }).info("inner line", { innerField: 2 });

  it("leaves the outer plain call's line whole: its bindings, fields and message", () => {
    const outer = getLogger("outer").child({ outerBinding: "o" });
    outer.info("outer line", { b: "outer-field", x: { toJSON() { inner(); return "x"; } }, c: 3 });
    getLogger("outer").info({ toString() { inner(); return "m"; } } as unknown as string, { f: 2 });
    const err = new Error("boom");
    Object.defineProperty(err, "message", { get() { inner(); return "boom"; } });
    getLogger("outer").error(err as unknown as string);
    const outerLines = out.records.filter((r) => r.name === "outer");
    expect(outerLines[0]).toMatchObject({ msg: "outer line", outerBinding: "o", b: "outer-field", x: "x", c: 3 });
    expect(outerLines[0]).not.toHaveProperty("innerBinding");
    expect(outerLines[1]).toMatchObject({ msg: "m", f: 2 });
    expect(outerLines[1]).not.toHaveProperty("innerField");
    expect(outerLines[2]).toMatchObject({ msg: "boom", err: { message: "boom" } });
    expect(out.records.filter((r) => r.name === "inner")).toHaveLength(5);
  });

  it("leaves the outer call site's line whole, also when the inner call goes through the same site", () => {
    const site = makeSite({ level: 30, msg: '"site line"', fields: [{ key: "v", type: "any" }, { key: "s", json: '"static"' }] });
    const a = getLogger("a").child({ aBinding: true });
    const b = getLogger("b");
    const value = { toJSON() { enter(b, site)?.(site, "from b"); inner(); return "from a"; } };
    enter(a, site)?.(site, value);
    const lineOfA = out.records.find((r) => r.name === "a")!;
    expect(lineOfA).toMatchObject({ name: "a", msg: "site line", aBinding: true, v: "from a", s: "static" });
    expect(out.records.find((r) => r.name === "b")).toMatchObject({ name: "b", v: "from b" });
  });

  it("context fields whose getters throw values without a string form never make withContext throw", () => {
    const fields = { get bad(): unknown { throw Object.create(null); } };
    expect(() => withContext(fields, () => getLogger("ctx").info("inside"))).not.toThrow();
    expect(out.last.bad).toMatch(/^\[getter threw: /);
  });
});

describe("options are checked where they are given", () => {
  it("rejects unknown options, with a hint, and options of another entry point", () => {
    expect(() => configure({ levle: "debug" } as never)).toThrow(/configure\(\): unknown option levle/);
    expect(() => configure({ Level: "debug" } as never)).toThrow(/did you mean level\?/);
    expect(() => getLogger("o", { sample: { "*": 0.5 } } as never)).toThrow(/getLogger\(\): sample is not an option here/);
    expect(() => getLogger("o").child({}, { format: "json" } as never)).toThrow(/child\(\): format is not an option here/);
  });

  it("checks redact's members and base's shape", () => {
    expect(() => configure({ redact: { paths: "card" } as never })).toThrow(/redact\.paths must be an array of strings/);
    expect(() => configure({ redact: { censor: 5 } as never })).toThrow(/redact\.censor must be a string or a function/);
    expect(() => configure({ redact: { pathz: ["a"] } as never })).toThrow(/redact\.pathz is not a redact option/);
    expect(() => configure({ base: [1, 2] as never })).toThrow(/base must be an object or null/);
    expect(() => configure({ redact: { paths: ["a.b"], keys: ["k"], defaultKeys: true, censor: "x", patterns: true } })).not.toThrow();
  });
});

describe("pino's argument order, typed", () => {
  it("takes (fields, msg) and (err) without casts, as the plain order", () => {
    const log = getLogger("pino-order");
    log.info({ a: 1 }, "fields first");
    log.error(new Error("alone"));
    log.warn("msg first", { a: 1 });
    expect(out.records.map((r) => [r.msg, r.a ?? r.err?.message])).toEqual([["fields first", 1], ["alone", "alone"], ["msg first", 1]]);
  });
});
