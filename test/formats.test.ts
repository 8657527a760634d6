/**
 * Output formats (json, logfmt, ecs, otel, gcp): each line's shape for untransformed calls and
 * for transformer call sites, core keys renamed per format, and every line valid (strict JSON
 * without duplicate keys, or strict logfmt).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { configure, getLogger, withContext, type Destination } from "../src/index.js";
import { enter, site as makeSite } from "./helpers/site-call.js";
import { logfmtRecord } from "./helpers/logfmt.js";
import { parseStrict } from "./helpers/strict-json.js";
import { readOtelLine } from "./platforms/otlp-line.js";

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };

beforeEach(() => {
  lines.length = 0;
  configure({ level: "trace", destination: collect, format: "json", base: {}, limits: {}, redact: {}, eventIds: false });
});

function json(i = -1): Record<string, any> {
  const line = lines.at(i)!;
  expect(line.endsWith("\n")).toBe(true);
  expect(line.slice(0, -1)).not.toMatch(/[\n\r\u2028\u2029]/);
  return parseStrict(line.slice(0, -1)) as Record<string, any>;
}

function logfmt(i = -1): Record<string, string> {
  const line = lines.at(i)!;
  expect(line.endsWith("\n")).toBe(true);
  return logfmtRecord(line.slice(0, -1));
}

/** A call site as the transformer emits it for `log.warn("User login", { userId, ip: "1.2.3.4" })`. */
const loginSite = makeSite({
  level: 40,
  msg: '"User login"',
  fields: [{ key: "userId", type: "number" }, { key: "ip", json: '"1.2.3.4"' }],
  file: "src/auth.ts",
  line: 12,
  column: 5,
  function: "AuthService.login",
});

describe("ecs", () => {
  it("writes ECS field names, an ISO @timestamp, and user fields beside them", () => {
    configure({ format: "ecs", base: { pid: 7, hostname: "web-1" } });
    const before = Date.now();
    getLogger("auth").info("User login", { userId: 1 });
    const r = json();
    expect(Object.keys(r)).toEqual(["@timestamp", "log.level", "message", "ecs.version", "process.pid", "host.hostname", "log.logger", "userId"]);
    expect(r["log.level"]).toBe("info");
    expect(r["@timestamp"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(r["@timestamp"])).toBeGreaterThanOrEqual(before);
    expect(r).toMatchObject({ "ecs.version": "8.11.0", "process.pid": 7, "host.hostname": "web-1", "log.logger": "auth", message: "User login", userId: 1 });
  });

  it("puts a call site in log.origin and renames user fields that use ECS names", () => {
    configure({ format: "ecs" });
    enter(getLogger("auth"), loginSite)?.(loginSite, 42);
    getLogger("auth").info("m", { message: "mine", "log.level": "mine too", msg: "free in ecs" });
    expect(json(0)).toMatchObject({
      "log.level": "warn", message: "User login", userId: 42, ip: "1.2.3.4",
      "log.origin.file.name": "src/auth.ts", "log.origin.file.line": 12, "log.origin.function": "AuthService.login",
    });
    expect(json(1)).toMatchObject({ message: "m", "fields.message": "mine", "fields.log%2Elevel": "mine too", msg: "free in ecs" });
  });

  it("renames every user field under an ECS top-level name, so none can clash with ECS types or forge metadata", () => {
    configure({ format: "ecs", base: null });
    const forged = { host: "x", "host.name": "h", log: { level: "fatal" }, "event.dataset": "d", error: "e", url: 1, trace: { id: "t" }, labels: { a: 1 }, fields: "f", tags: "t" };
    getLogger().info("m", forged);
    const r = json();
    for (const key of Object.keys(forged)) {
      expect(r, key).not.toHaveProperty([key]);
      // Dots in a renamed key are %2E: `fields.host` and `fields.host%2Ename` never nest.
      expect(r["fields." + key.replace(/\./g, "%2E")], key).toEqual(forged[key as keyof typeof forged]);
    }
    expect(r["log.level"]).toBe("info");
  });

  it("writes an error as ECS error.type, error.message, error.stack_trace, error.code, its cause under err", () => {
    configure({ format: "ecs", base: null });
    const err = Object.assign(new TypeError("boom", { cause: new Error("inner") }), { code: 42, extra: "x" });
    getLogger().error("failed", { err });
    const r = json();
    expect(r.error).toEqual({ type: "TypeError", message: "boom", stack_trace: err.stack, code: "42" });
    expect(r.err.cause).toMatchObject({ type: "Error", message: "inner" });
    expect(r.err.extra).toBe("x");
    expect(r).not.toHaveProperty(["err", "stack"]);
  });

  it("writes event.dataset as <service.name>.log and base.labels as ECS labels", () => {
    configure({ format: "ecs", base: { service: "checkout", labels: { team: "pay", "a.b": 1 } } });
    getLogger().info("m");
    expect(json()).toMatchObject({ "service.name": "checkout", "event.dataset": "checkout.log", labels: { team: "pay", a_b: "1" } });
  });
});

describe("otel", () => {
  it("writes one OTLP/JSON export request: resource, scope, record with severity, nanosecond time, body, attributes", () => {
    configure({ format: "otel", base: { pid: 7, hostname: "web-1" } });
    const before = Date.now();
    getLogger("auth").error("User login", { userId: 1, nested: { a: [1] } });
    const r = readOtelLine(lines[0]);
    expect(r.record.severityNumber).toBe(17);
    expect(r.record.severityText).toBe("error");
    expect(r.record.timeUnixNano).toMatch(/^\d+000000$/);
    expect(r.record.observedTimeUnixNano).toBe(r.record.timeUnixNano);
    expect(BigInt(r.record.timeUnixNano) / 1_000_000n).toBeGreaterThanOrEqual(BigInt(before));
    expect(r.resource).toEqual({ "service.name": `unknown_service:${process.argv0}`, "host.name": "web-1", "process.pid": 7 });
    expect(r.scope).toBe("auth");
    expect(r.body).toBe("User login");
    expect(r.attributes).toEqual({ userId: 1, nested: { a: [1] } });
  });

  it("maps every level to its severity number and writes empty attributes as []", () => {
    configure({ format: "otel" });
    const log = getLogger();
    log.trace("t"); log.debug("d"); log.info("i"); log.warn("w"); log.error("e"); log.fatal("f");
    expect(lines.map((l) => readOtelLine(l).record.severityNumber)).toEqual([1, 5, 9, 13, 17, 21]);
    expect(lines.map((l) => readOtelLine(l).record.severityText)).toEqual(["trace", "debug", "info", "warn", "error", "fatal"]);
    expect(readOtelLine(lines[0]).record.attributes).toEqual([]);
    expect(readOtelLine(lines[0]).scope).toBe("logweave");
  });

  it("writes a call site as code.* attributes, with bindings and context inside attributes", () => {
    configure({ format: "otel" });
    withContext({ requestId: "r-1" }, () => enter(getLogger("auth").child({ tenant: "t" }), loginSite)?.(loginSite, 42));
    expect(readOtelLine(lines[0]).attributes).toEqual({
      tenant: "t", requestId: "r-1", userId: 42, ip: "1.2.3.4",
      "code.file.path": "src/auth.ts", "code.line.number": 12, "code.column.number": 5, "code.function.name": "AuthService.login",
    });
  });

  it("writes an error as exception.type, exception.message, exception.stacktrace, the rest under err", () => {
    configure({ format: "otel" });
    const err = Object.assign(new RangeError("bad", { cause: new Error("inner") }), { code: "E1" });
    const site = makeSite({ level: 50, msg: '"failed"', fields: [{ key: "err", type: "any" }] });
    getLogger().error("failed", { err });
    enter(getLogger(), site)?.(site, err);
    getLogger().error(err);
    for (const line of lines) {
      const a = readOtelLine(line).attributes;
      expect(a).toMatchObject({ "exception.type": "RangeError", "exception.message": "bad", "exception.stacktrace": err.stack });
      expect(a.err).toMatchObject({ code: "E1", cause: { type: "Error", message: "inner" } });
    }
  });
});

describe("otel call sites without a location (fields open the attributes)", () => {
  it("writes the same attributes as the untransformed call whatever part comes first, is left out, or comes before", () => {
    configure({ format: "otel", base: {} });
    const dynamicFirst = makeSite({ level: 30, msg: '"m"', fields: [{ key: "a", type: "any" }, { key: "b", json: "2" }, { key: "c", type: "number" }] });
    const staticFirst = makeSite({ level: 30, msg: '"m"', fields: [{ key: "b", json: "2" }, { key: "c", type: "number" }] });
    const strip = (l: string) => l.replace(/"(timeUnixNano|observedTimeUnixNano)":"\d+"/g, "T");
    const log = getLogger("o");
    const cases: [() => void, () => void][] = [
      [() => enter(log, dynamicFirst)?.(dynamicFirst, { x: 1 }, 3), () => log.info("m", { a: { x: 1 }, b: 2, c: 3 })],
      [() => enter(log, dynamicFirst)?.(dynamicFirst, undefined, 3), () => log.info("m", { a: undefined, b: 2, c: 3 })],
      [() => enter(log, dynamicFirst)?.(dynamicFirst, undefined, undefined), () => log.info("m", { a: undefined, b: 2, c: undefined })],
      [() => enter(log, staticFirst)?.(staticFirst, 4), () => log.info("m", { b: 2, c: 4 })],
      [() => withContext({ r: "1" }, () => enter(log, dynamicFirst)?.(dynamicFirst, 1, 3)), () => withContext({ r: "1" }, () => log.info("m", { a: 1, b: 2, c: 3 }))],
    ];
    for (const [transformed, plain] of cases) {
      lines.length = 0;
      transformed();
      plain();
      expect(readOtelLine(lines[0]).attributes).toEqual(readOtelLine(lines[1]).attributes);
      expect(strip(lines[0])).toBe(strip(lines[1]));
    }
  });
});

describe("gcp", () => {
  it("writes severity, message and time, and the call site as logging.googleapis.com/sourceLocation", () => {
    configure({ format: "gcp", base: null });
    enter(getLogger("auth"), loginSite)?.(loginSite, 42);
    const r = json();
    expect(r).toEqual({
      severity: "WARNING",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      name: "auth",
      message: "User login",
      userId: 42,
      ip: "1.2.3.4",
      "logging.googleapis.com/sourceLocation": { file: "src/auth.ts", line: "12", function: "AuthService.login" },
    });
  });

  it("maps levels to Cloud Logging severities and renames fields named like its special keys", () => {
    configure({ format: "gcp" });
    const log = getLogger("g");
    log.trace("t"); log.debug("d"); log.info("i"); log.warn("w"); log.error("e"); log.fatal("f", { severity: "mine", message: "m" });
    expect(lines.map((_, i) => json(i).severity)).toEqual(["DEBUG", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]);
    expect(json()).toMatchObject({ message: "f", "fields.severity": "mine", "fields.message": "m" });
  });
});

describe("logfmt", () => {
  it("writes key=value pairs: bare when safe, quoted and escaped otherwise, objects as quoted JSON", () => {
    configure({ format: "logfmt", base: { pid: 7, hostname: "web-1" } });
    getLogger("auth").info("User login", { userId: 1, ip: "192.168.1.1", ok: true, none: null, note: 'a "b" = c\nd', obj: { a: [1, "x y"] }, empty: "" });
    const line = lines[0];
    expect(line).toMatch(/^level=info time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z pid=7 hostname=web-1 name=auth msg="User login" userId=1 ip=192\.168\.1\.1 ok=true none=null note="a \\"b\\" = c\\nd" obj="\{\\"a\\":\[1,\\"x y\\"\]\}" empty=""\n$/);
    expect(logfmt()).toMatchObject({ msg: "User login", note: 'a "b" = c\nd', obj: '{"a":[1,"x y"]}', empty: "" });
  });

  it("percent-encodes keys logfmt cannot hold, so different keys stay different", () => {
    configure({ format: "logfmt" });
    getLogger().info("m", { "a b": 1, a_b: 2, "x=y": 3, "50%": 4, "": 5, "line\nbreak": 6 });
    expect(logfmt()).toMatchObject({ "a%20b": "1", a_b: "2", "x%3dy": "3", "50%25": "4", "%": "5", "line%0abreak": "6" });
  });

  it("checks every line with the npm logfmt reader: a key the reference splits differently fails", () => {
    expect(() => logfmtRecord("a\\b=1")).toThrow(/logfmt \(npm\)/);
    configure({ format: "logfmt" });
    getLogger().info("m", { "a\\b": 1, 'q"': 2, "k=v": "x y" });
    expect(logfmt()).toMatchObject({ "a%5cb": "1", "q%22": "2", "k%3dv": "x y" });
  });

  it("writes a call site as caller and caller_function, and renames core keys", () => {
    configure({ format: "logfmt" });
    enter(getLogger("auth"), loginSite)?.(loginSite, 42);
    getLogger("auth").info("m", { level: "mine", msg: "mine too" });
    expect(logfmt(0)).toMatchObject({ level: "warn", msg: "User login", userId: "42", ip: "1.2.3.4", caller: "src/auth.ts:12:5", caller_function: "AuthService.login" });
    expect(logfmt(1)).toMatchObject({ level: "info", msg: "m", "fields.level": "mine", "fields.msg": "mine too" });
  });
});

describe("every format", () => {
  const formats = ["json", "logfmt", "ecs", "otel", "gcp"] as const;

  it("writes the same fields for a transformer call site and the same untransformed call", () => {
    const site = makeSite({ level: 30, msg: '"Order placed"', fields: [{ key: "orderId", type: "number" }, { key: "sku", json: '"SKU-1"' }, { key: "meta", type: "any" }] });
    for (const format of formats) {
      lines.length = 0;
      configure({ format, base: { pid: 1, hostname: "h" } });
      const log = getLogger("shop");
      enter(log, site)?.(site, 5, { a: 1 });
      log.info("Order placed", { orderId: 5, sku: "SKU-1", meta: { a: 1 } });
      const strip = (l: string) => l.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z|"time":\d+|"(observedT|t)imeUnixNano":"\d+"/g, "T");
      expect(strip(lines[0]), format).toBe(strip(lines[1]));
    }
  });

  it("rejects an unknown format by name, and takes LOGWEAVE_FORMAT", () => {
    expect(() => configure({ format: "xml" as never })).toThrow(/format must be one of json, logfmt, ecs, otel, gcp, github, pretty, auto/);
    const saved = process.env.LOGWEAVE_FORMAT;
    process.env.LOGWEAVE_FORMAT = "logfmt";
    try {
      configure({ format: undefined });
      getLogger().info("from env");
      expect(lines.at(-1)).toMatch(/^level=info .* msg="from env"\n$/);
    } finally {
      if (saved === undefined) delete process.env.LOGWEAVE_FORMAT;
      else process.env.LOGWEAVE_FORMAT = saved;
    }
  });

  it("keeps the pretty format on json lines", () => {
    configure({ format: "pretty", base: null });
    getLogger("p").info("hello", { a: 1 });
    expect(lines[0]).toMatch(/INFO .*p: hello a=1/);
  });
});
