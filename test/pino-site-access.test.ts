/**
 * The entry transformed calls use on `logweave/pino` loggers (src/pino/site-access.ts):
 * writing a call from its members must give exactly the line of the call as written — one
 * assembler, two ways in — whatever the logger's options; and only a genuine logger with its
 * original method is recognized.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import pino from "../src/pino/index.js";
import type { PinoLogger } from "../src/pino/logger.js";
import { pinoSiteAccess } from "../src/pino/site-access.js";

type Options = Record<string, unknown>;

/** The lines of `log.info(obj, msg, ...params)` as written and through writeMembers, on fresh loggers with the same options. */
function bothWays(options: Options, bindings: Record<string, unknown> | undefined, obj: Record<string, unknown>, msg: unknown, params: unknown[]): [string[], string[]] {
  const now = Date.now;
  Date.now = () => 1_700_000_000_000;
  try {
    const written: string[] = [];
    const planned: string[] = [];
    const a = pino(options as never, { write: (s: string) => void written.push(s) });
    const b = pino(options as never, { write: (s: string) => void planned.push(s) });
    const la = bindings === undefined ? a : a.child(bindings);
    const lb = (bindings === undefined ? b : b.child(bindings)) as unknown as PinoLogger;
    la.info(obj, msg as string, ...params);
    const keys = Object.keys(obj);
    if (pinoSiteAccess.enabled(lb, 30)) {
      pinoSiteAccess.writeMembers(lb, 30, keys, keys.map((k) => "," + JSON.stringify(k) + ":"), keys.map((k) => obj[k]), msg, params);
    }
    return [written, planned];
  } finally {
    Date.now = now;
  }
}

const OPTIONS: Record<string, Options> = {
  defaults: {},
  "serializers and redaction": { serializers: { user: (u: { id?: unknown }) => ({ id: u?.id }) }, redact: ["secret", "user.token", "*.card"] },
  nestedKey: { nestedKey: "data" },
  "messageKey and errorKey": { messageKey: "message", errorKey: "error" },
  mixin: { mixin: () => ({ fromMixin: true }) },
  "formatters.log": { formatters: { log: (o: object) => ({ wrapped: o }) } },
  "hooks.logMethod": { hooks: { logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) { method.apply(this, args); } } },
  "level above info": { level: "warn" },
  "msgPrefix and name": { msgPrefix: "[svc] ", name: "svc" },
};

const err = new Error("boom");

const CALLS: Record<string, [Record<string, unknown> | undefined, Record<string, unknown>, unknown, unknown[]]> = {
  "members and a message": [undefined, { userId: 1, ip: "10.0.0.1", ok: true }, "User login", []],
  "format arguments": [undefined, { a: [1, 2] }, "n=%d s=%s j=%j", [4, "x", { y: 1 }]],
  "no message": [undefined, { a: 1 }, undefined, []],
  "an error under the error key, no message": [undefined, { err, error: err }, undefined, []],
  "the message key among the members": [undefined, { msg: "from object", message: "m", a: 1 }, "from argument", []],
  "keys the bindings have": [{ a: 1, reqId: "r" }, { a: 2, b: 3 }, "m", []],
  "undefined, functions, non-finite numbers": [undefined, { u: undefined, f: () => 1, n: NaN, i: -Infinity }, "m", []],
  "redacted and serialized keys": [{ user: { id: 1, token: "t" } }, { secret: "s", pay: { card: "4111" }, user: { id: 2, token: "u" } }, "m", []],
  "a request-shaped object": [undefined, { method: "GET", headers: {}, socket: {}, url: "/" }, "m", []],
  "level and time keys": [undefined, { level: "mine", time: "mine" }, "m", []],
};

describe("writeMembers writes the line of the call as written", () => {
  for (const [optionsName, options] of Object.entries(OPTIONS)) {
    for (const [callName, [bindings, obj, msg, params]] of Object.entries(CALLS)) {
      it(`${optionsName}: ${callName}`, () => {
        const [written, planned] = bothWays(options, bindings, obj, msg, params);
        expect(planned).toEqual(written);
      });
    }
  }

  it("for random members, bindings, messages and arguments", () => {
    const key = fc.oneof(fc.constantFrom("a", "msg", "err", "level", "time", "pid", "name"), fc.string({ maxLength: 5 }));
    const value = fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withNullPrototype: true });
    fc.assert(
      fc.property(fc.option(fc.dictionary(key, value, { maxKeys: 4 }), { nil: undefined }), fc.dictionary(key, value, { maxKeys: 5 }), fc.option(fc.string({ maxLength: 6 }), { nil: undefined }), fc.array(value, { maxLength: 2 }), (bindings, obj, msg, params) => {
        const [written, planned] = bothWays({}, bindings, obj, msg, params);
        expect(planned).toEqual(written);
      }),
      { numRuns: 300 },
    );
  });
});

describe("isGenuine", () => {
  const log = pino({}, { write() {} });
  it("accepts a logger of logweave/pino with its original method, children included", () => {
    expect(pinoSiteAccess.isGenuine(log, log.info, 30)).toBe(true);
    const child = log.child({ a: 1 });
    expect(pinoSiteAccess.isGenuine(child, child.error, 50)).toBe(true);
  });

  it("refuses a replaced method, another level's method, a stand-in, a Proxy, pino's own logger", async () => {
    const spied = pino({}, { write() {} });
    const replaced = (): void => {};
    (spied as unknown as { info: unknown }).info = replaced;
    expect(pinoSiteAccess.isGenuine(spied, spied.info, 30)).toBe(false);
    expect(pinoSiteAccess.isGenuine(log, log.warn, 30)).toBe(false);
    expect(pinoSiteAccess.isGenuine({ info: log.info }, log.info, 30)).toBe(false);
    const proxy = new Proxy(log, {});
    expect(pinoSiteAccess.isGenuine(proxy, proxy.info, 30)).toBe(false);
    const reference = (await import("pino")).default({}, { write() {} });
    expect(pinoSiteAccess.isGenuine(reference, reference.info, 30)).toBe(false);
    expect(pinoSiteAccess.isGenuine(null, undefined, 30)).toBe(false);
  });
});

describe("through the site entry (what transformed calls reach)", () => {
  /** The installed entry, as the emitted `__lw_on` finds it. */
  const entry = (globalThis as unknown as Record<symbol, (holder: unknown, receiver: unknown, optional?: unknown) => ((holder: unknown, ...values: unknown[]) => unknown) | undefined>)[Symbol.for("logweave.sites/1")];

  /** A pino site function: `log.<method>(<members>, msg, ...params)` (members kind) or the arguments as written. */
  function pinoSite(method: string, level: number, kind: "members" | "args", keys: string[], args: (...v: unknown[]) => unknown[]) {
    return () => ({ level, method, pino: kind, fields: kind === "members" ? keys.map((key) => ({ key, type: "any" })) : undefined, file: "src/app.ts", line: 3, column: 5, function: "handle", args });
  }

  function lines(options: Options = {}): { log: PinoLogger; out: string[] } {
    const out: string[] = [];
    const log = pino({ timestamp: false, base: null, ...options } as never, { write: (s: string) => void out.push(s) }) as unknown as PinoLogger;
    return { log, out };
  }

  it("a genuine logger writes the call's line with caller as its last member", () => {
    const { log, out } = lines();
    const members = pinoSite("info", 30, "members", ["a", "b"], (a, b, m, p) => [{ a, b }, m, p]);
    entry(members, log)!(members, 1, "x", "m %s", "p");
    const args = pinoSite("warn", 40, "args", [], (m, p) => [m, p]);
    entry(args, log)!(args, "w %d", 2);
    const caller = ',"caller":{"file":"src/app.ts","line":3,"column":5,"function":"handle"}}\n';
    expect(out).toEqual(['{"level":30,"a":1,"b":"x","msg":"m p"' + caller, '{"level":40,"msg":"w 2"' + caller]);
  });

  it("a disabled level evaluates nothing: the entry returns no writer", () => {
    const { log, out } = lines({ level: "warn" });
    const site = pinoSite("info", 30, "args", [], (m) => [m]);
    expect(entry(site, log)).toBeUndefined();
    expect(out).toEqual([]);
  });

  it("a stand-in, a patched method and a logweave logger get the call as written (no caller)", async () => {
    const { configure, getLogger } = await import("../src/index.js");
    const seen: unknown[][] = [];
    const site = pinoSite("info", 30, "members", ["a"], (a, m) => [{ a }, m]);
    const standIn = { info: (...a: unknown[]) => seen.push(a) };
    entry(site, standIn)!(site, 1, "stand-in");
    const { log, out } = lines();
    const original = log.info;
    (log as unknown as { info: unknown }).info = function (this: unknown, ...a: unknown[]) {
      seen.push(a);
      return (original as (...x: unknown[]) => void).apply(this, a);
    };
    entry(site, log)!(site, 2, "patched");
    expect(seen).toEqual([[{ a: 1 }, "stand-in"], [{ a: 2 }, "patched"]]);
    expect(out).toEqual(['{"level":30,"a":2,"msg":"patched"}\n']);
    // A genuine logweave logger never takes a site planned for pino: its own method gets the
    // arguments as written, so its line has no caller.
    const written: string[] = [];
    configure({ destination: { write: (l: string) => void written.push(l) }, format: "json" });
    getLogger("not-pino").info("baseline", { a: 0 });
    entry(site, getLogger("not-pino"))!(site, 3, "as written");
    expect(written).toHaveLength(2);
    const [baseline, asWritten] = written.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(asWritten).toMatchObject({ msg: "as written", a: 3 });
    expect(Object.keys(asWritten)).toEqual(Object.keys(baseline));
    expect(asWritten.caller).toBeUndefined();
    // logweave/pino loaded first, logweave's loggers after: their own sites still take their fast path.
    const own = () => ({ level: 30, method: "info", msg: '"own site"', file: "src/app.ts", line: 9, column: 1, function: "f", args: () => ["own site"] });
    entry(own, getLogger("not-pino"))!(own);
    expect(JSON.parse(written[2])).toMatchObject({ msg: "own site", caller: { file: "src/app.ts", line: 9 } });
  });

  it("a logweave site (not planned for pino) on a pino logger is called as written", () => {
    const { log, out } = lines();
    const site = () => ({ level: 30, method: "info", msg: '"plain"', file: "src/app.ts", line: 1, column: 1, args: () => ["plain"] });
    entry(site, log)!(site);
    expect(out).toEqual(['{"level":30,"msg":"plain"}\n']);
  });
});
