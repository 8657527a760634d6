/**
 * What `logweave/pino` promises beyond pino: a log call never throws into the app (pino throws
 * from a throwing getter, serializer, mixin, formatter, timestamp, hook or stream), every line
 * is one valid JSON object (pino can write `"msg":undefined` or a broken key), nothing a censor
 * failed to replace is written, and the logger's level follows pino's rules for children.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import pino from "../src/pino/index.js";

type Log = ReturnType<typeof pino>;

let lines: string[];
const stream = { write: (s: string) => void lines.push(s) };
let stderr: string[];

beforeEach(() => {
  lines = [];
  stderr = [];
  // logweave's one-time reports go to fd 2 through fs.writeSync.
  const original = fs.writeSync;
  vi.spyOn(fs, "writeSync").mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 2 && typeof data === "string") {
      stderr.push(data);
      return data.length;
    }
    return (original as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every line written: one JSON object, one `\n` at its end. */
function parsed(): Record<string, unknown>[] {
  return lines.map((line) => {
    expect(line.indexOf("\n")).toBe(line.length - 1);
    return JSON.parse(line) as Record<string, unknown>;
  });
}

function make(options: Record<string, unknown> = {}): Log {
  return pino(options as never, stream);
}

describe("a log call never throws", () => {
  it("a getter that throws on the logged object is written as its reason", () => {
    const obj = {
      get broken(): never {
        throw new Error("no access");
      },
      kept: 1,
    };
    expect(() => make().info(obj, "m")).not.toThrow();
    expect(parsed()[0]).toMatchObject({ broken: "[getter threw: no access]", kept: 1, msg: "m" });
  });

  it("a revoked Proxy as the logged object keeps the level, time and message", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => make().info(proxy, "still here")).not.toThrow();
    const [line] = parsed();
    expect(line).toMatchObject({ level: 30, msg: "still here" });
    expect(typeof line.time).toBe("number");
    expect(String(line.logweaveError)).toMatch(/^the logged object could not be read: /);
  });

  it("child bindings that cannot be read (a revoked Proxy) give a child that logs, saying why", () => {
    const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
    revoke();
    const child = make().child(proxy);
    child.info("m");
    expect(parsed()[0]).toMatchObject({ msg: "m", logweaveError: expect.stringMatching(/^the bindings could not be read: /) });
  });

  it("a serializer that throws is written as its reason; the other members stay", () => {
    make({ serializers: { user: () => { throw new Error("bad user"); } } }).info({ user: {}, id: 7 });
    expect(parsed()[0]).toMatchObject({ user: "[serializer threw: bad user]", id: 7 });
  });

  it("a mixin that throws gives a line with the message and the reason", () => {
    expect(() => make({ mixin: () => { throw new Error("mixin down"); } }).info("m")).not.toThrow();
    expect(parsed()[0]).toMatchObject({ level: 30, msg: "m", logweaveError: "mixin down" });
  });

  it("formatters.log that throws gives a line with the message and the reason", () => {
    expect(() => make({ formatters: { log: () => { throw new Error("fmt") } } }).info({ a: 1 }, "m")).not.toThrow();
    expect(parsed()[0]).toMatchObject({ msg: "m", logweaveError: "fmt" });
  });

  it("a timestamp function that throws neither stops the logger being made nor a call", () => {
    const log = make({ timestamp: () => { throw new Error("clock") } });
    expect(() => log.info("m")).not.toThrow();
    const [line] = parsed();
    expect(line).toMatchObject({ msg: "m", logweaveError: "clock" });
    expect("time" in line).toBe(false);
  });

  it("hooks.logMethod that throws is reported once, not thrown", () => {
    const log = make({ hooks: { logMethod() { throw new Error("hook") } } });
    expect(() => (log.info("a"), log.info("b"))).not.toThrow();
    expect(stderr.filter((s) => s.includes("hooks.logMethod threw (hook)"))).toHaveLength(1);
  });

  it("a stream whose write throws is reported, not thrown, fatal() included", () => {
    const log = pino({}, { write() { throw new Error("disk gone"); }, flushSync() { throw new Error("no flush"); } } as never);
    expect(() => (log.info("x"), log.fatal("y"))).not.toThrow();
    expect(stderr.some((s) => s.includes("the destination threw (disk gone)"))).toBe(true);
  });

  it("%s of an object whose toString throws, %d of a Symbol: the placeholder says why", () => {
    make().info("%s|%d", { toString() { throw new Error("nope"); } }, Symbol("s") as unknown as number);
    expect(parsed()[0].msg).toBe("[unprintable: nope]|[unprintable: Cannot convert a Symbol value to a number]");
  });

  it("a prefix on a message whose toString throws still writes a line", () => {
    const child = make().child({}, { msgPrefix: "p " });
    expect(() => child.info({}, { toString() { throw new Error("ts"); } } as never)).not.toThrow();
    expect(parsed()[0]).toMatchObject({ level: 30, logweaveError: "ts" });
  });
});

describe("every line is valid JSON", () => {
  it("a message serializer that returns undefined or a Symbol leaves the message out (pino writes \"msg\":undefined)", () => {
    make({ serializers: { msg: () => undefined } }).info("a");
    make({ serializers: { msg: () => Symbol("s") } }).info("b");
    expect(parsed().map((l) => "msg" in l)).toEqual([false, false]);
  });

  it("a messageKey with a quote is escaped (pino writes it raw)", () => {
    make({ messageKey: 'say "it"' }).info("m");
    expect(parsed()[0]['say "it"']).toBe("m");
  });

  it("text from a timestamp function that is not JSON members is left out and reported once", () => {
    const log = make({ timestamp: () => ',"time":1}\n{"forged":true' });
    log.info("a");
    log.info("b");
    expect(parsed().map((l) => [l.msg, "forged" in l, "time" in l])).toEqual([
      ["a", false, false],
      ["b", false, false],
    ]);
    expect(stderr.filter((s) => s.includes("timestamp() returned"))).toHaveLength(1);
  });

  it("a custom timestamp with members is written as given", () => {
    make({ timestamp: () => ',"@timestamp":"2020-01-01T00:00:00.000Z","seq":1' }).info("m");
    expect(parsed()[0]).toMatchObject({ "@timestamp": "2020-01-01T00:00:00.000Z", seq: 1 });
  });

  it("formatters.level that returns something other than an object fails when the logger is made", () => {
    expect(() => make({ formatters: { level: (label: string) => label } })).toThrow(/formatters.level must return an object/);
  });

  it("formatters.level that returns an empty object still gives valid lines (pino writes {,\"time\"…)", () => {
    const log = make({ formatters: { level: () => ({}) }, mixin: () => { throw new Error("m"); } });
    log.info({ a: 1 }, "m");
    make({ formatters: { level: () => ({}) }, timestamp: false, base: null }).info("n");
    expect(parsed()).toEqual([expect.objectContaining({ msg: "m", logweaveError: "m" }), { msg: "n" }]);
  });

  it("a censor function that throws never lets the value through", () => {
    make({ redact: { paths: ["secret", "deep.key"], censor: () => { throw new Error("censor"); } } }).info({ secret: "s1", deep: { key: "s2" } });
    expect(lines[0]).not.toMatch(/s1|s2/);
    expect(parsed()[0]).toMatchObject({ secret: expect.stringMatching(/^\[unable to serialize/), deep: expect.stringMatching(/^\[unable to serialize/) });
  });

  it("a key is written once when the logged object, a binding and the head share it, the later one winning as in pino", () => {
    const log = make({ name: "root" }).child({ reqId: "from-binding", msg: "binding msg" });
    log.info({ reqId: "from-call", level: "user level", time: "user time", name: "user name" }, "arg msg");
    const line = lines[0];
    for (const key of ["reqId", "level", "time", "name", "msg"]) expect(line.split(`"${key}":`).length - 1).toBe(1);
    expect(JSON.parse(line)).toMatchObject({ reqId: "from-call", level: "user level", time: "user time", name: "user name", msg: "arg msg" });
  });

  it("a binding named like the time member replaces it", () => {
    make().child({ time: "bound" }).info("m");
    expect(lines[0].split('"time":').length - 1).toBe(1);
    expect(parsed()[0].time).toBe("bound");
  });
});

describe("levels as pino", () => {
  it("a child follows its parent's level until it has one of its own", () => {
    const root = make();
    const follows = root.child({ c: 1 });
    const own = root.child({ c: 2 }, { level: "warn" });
    root.level = "debug";
    expect([follows.level, own.level]).toEqual(["debug", "warn"]);
    follows.debug("d");
    own.info("not written");
    follows.level = "error";
    root.level = "trace";
    expect([follows.level, own.level, root.level]).toEqual(["error", "warn", "trace"]);
    expect(parsed().map((l) => l.msg)).toEqual(["d"]);
  });

  it("level-change listeners of the root hear its children", () => {
    const root = make();
    const heard: unknown[] = [];
    root.on("level-change", (label: string, value: number, _p: unknown, _pv: unknown, logger: unknown) => heard.push([label, value, logger === child]));
    const child = root.child({});
    child.level = "trace";
    root.level = "warn";
    expect(heard).toEqual([
      ["trace", 10, true],
      ["warn", 40, false],
    ]);
  });

  it("with useOnlyCustomLevels, pino's six methods are absent", () => {
    const log = make({ customLevels: { low: 1 }, useOnlyCustomLevels: true, level: "low" }) as unknown as Record<string, unknown>;
    expect([log.info, log.error, typeof log.low]).toEqual([undefined, undefined, "function"]);
  });

  it("the level methods are the class's own, on its prototype (what a transformed call checks)", () => {
    const a = make();
    const b = a.child({ x: 1 });
    for (const name of ["trace", "debug", "info", "warn", "error", "fatal"] as const) {
      expect(Object.hasOwn(a, name)).toBe(false);
      expect(b[name]).toBe(a[name]);
    }
  });
});
