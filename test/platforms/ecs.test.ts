/**
 * The `ecs` format judged by references it did not write: Elastic's own `@elastic/ecs-pino-format`
 * fed the same calls (field by field, differences listed and asserted), and the ECS field
 * reference (`ecs_flat.yml`, vendored at a pinned commit): every field of every line is an ECS
 * field of the right type, or a custom field outside every ECS name.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ecsFormat as ecsPinoFormat } from "@elastic/ecs-pino-format";
import fc from "fast-check";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ECS_TOP_LEVEL_NAMES, ECS_VERSION } from "../../src/format/ecs.js";
import { withRequestContext } from "../../src/http/index.js";
import { configure, getLogger, withContext, type Destination } from "../../src/index.js";
import { enter, site as makeSite } from "../helpers/site-call.js";
import { parseStrict } from "../helpers/strict-json.js";
import { ECS_FIELDS, ECS_REFERENCE, ECS_TOP_NAMES, ecsProblems } from "./ecs-reference.js";

const REFERENCES = { "@elastic/ecs-pino-format": "1.5.0", pino: "10" };

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };
const doc = (i = -1): Record<string, any> => parseStrict(lines.at(i)!.slice(0, -1)) as Record<string, any>;

beforeEach(() => {
  lines.length = 0;
  configure({ level: "trace", destination: collect, format: "ecs", base: { pid: 7, hostname: "web-1", service: "checkout", version: "1.2", env: "prod" }, limits: {}, redact: {}, eventIds: false, sample: undefined });
});

it("the references are the versions this suite was written against", () => {
  const version = (name: string) => (JSON.parse(fs.readFileSync(path.resolve("node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  expect(version("@elastic/ecs-pino-format")).toBe(REFERENCES["@elastic/ecs-pino-format"]);
  expect(version("pino").split(".")[0]).toBe(REFERENCES.pino);
  expect(fs.readFileSync("test/vendor/ecs/README.md", "utf8")).toContain(ECS_REFERENCE.split(" ")[1]!.slice(1, -1));
  expect(ECS_REFERENCE).toContain(ECS_VERSION);
});

it("the names the format renames are exactly the ECS top-level names of the vendored reference", () => {
  expect(new Set(ECS_TOP_LEVEL_NAMES)).toEqual(ECS_TOP_NAMES);
  expect(ECS_FIELDS.get("error.stack_trace")?.type).toBe("wildcard");
});

describe("the reference check itself", () => {
  it("rejects what Elasticsearch would reject or what is not ECS", () => {
    expect(ecsProblems({ host: "x", "host.hostname": "h" })).not.toEqual([]);
    expect(ecsProblems({ "log.level": { a: 1 } })).not.toEqual([]);
    expect(ecsProblems({ "http.response.status_code": "200" })).not.toEqual([]);
    expect(ecsProblems({ "event.made_up": "x" })).not.toEqual([]);
    expect(ecsProblems({ a: 1, "a.b": 2 })).not.toEqual([]);
    expect(ecsProblems({ "": 1 })).not.toEqual([]);
    expect(ecsProblems({ "a..b": 1 })).not.toEqual([]);
    expect(ecsProblems({ "@timestamp": "2026-01-01T00:00:00.000Z", "log.level": "info", custom: { any: [1] }, labels: { a: "b" } })).toEqual([]);
  });
});

/** The same calls through ecs-pino-format (pino) and through logweave. */
function bothWays(calls: (log: { info(f: object, m: string): void; error(f: object, m: string): void }) => void): [Record<string, any>[], Record<string, any>[]] {
  const theirs: string[] = [];
  const ref = pino(
    { ...ecsPinoFormat({ serviceName: "checkout", serviceVersion: "1.2", serviceEnvironment: "prod" }), name: "auth", base: { pid: 7, hostname: "web-1" }, level: "trace" },
    { write: (s: string) => void theirs.push(s) },
  );
  calls({ info: (f, m) => ref.info(f, m), error: (f, m) => ref.error(f, m) });
  lines.length = 0;
  const log = getLogger("auth");
  calls({ info: (f, m) => log.info(m, f), error: (f, m) => log.error(m, f) });
  return [theirs.map((l) => JSON.parse(l) as Record<string, any>), lines.map((l) => parseStrict(l.slice(0, -1)) as Record<string, any>)];
}

describe(`the same calls through @elastic/ecs-pino-format ${REFERENCES["@elastic/ecs-pino-format"]}`, () => {
  const err = Object.assign(new TypeError("boom", { cause: new Error("inner") }), { code: "E_BOOM" });
  const calls = (log: { info(f: object, m: string): void; error(f: object, m: string): void }) => {
    log.info({ userId: 1, ok: true, nested: { a: [1, "x"] } }, "User login");
    log.error({ err, orderId: "o-1" }, "Payment failed");
  };

  it("write the same fields with the same values, apart from the differences below", () => {
    const [theirs, ours] = bothWays(calls);
    expect(ours).toHaveLength(theirs.length);
    for (let i = 0; i < ours.length; i++) {
      const mine = { ...ours[i] };
      const ref = { ...theirs[i] };
      // On purpose: the ECS version of the vendored reference; event.dataset as the ecs-logging spec asks.
      expect(mine["ecs.version"]).toBe(ECS_VERSION);
      expect(ref["ecs.version"]).toBe("8.10.0");
      expect(mine["event.dataset"]).toBe("checkout.log");
      expect(ref["event.dataset"]).toBe("checkout");
      // Both write an ISO time; the calls ran a moment apart.
      expect(Math.abs(Date.parse(mine["@timestamp"]) - Date.parse(ref["@timestamp"]))).toBeLessThan(60_000);
      // The error's code is kept (see below).
      if (mine.error !== undefined) mine.error = { ...mine.error, code: undefined };
      if (ref.error !== undefined) ref.error = { ...ref.error, code: undefined };
      for (const k of ["ecs.version", "event.dataset", "@timestamp", "err"]) {
        delete mine[k];
        delete ref[k];
      }
      expect(mine).toEqual(ref);
    }
  });

  it("difference made on purpose: the error's cause and code are kept (the reference drops them)", () => {
    const [theirs, ours] = bothWays(calls);
    expect(ours[1]!.error).toEqual({ ...theirs[1]!.error, code: "E_BOOM" });
    expect(theirs[1]!.err).toBeUndefined();
    expect(ours[1]!.err.cause).toMatchObject({ type: "Error", message: "inner" });
  });

  it("differences made on purpose: @timestamp, log.level and message come first, as the ecs-logging spec orders them", () => {
    const [theirs, ours] = bothWays(calls);
    expect(Object.keys(ours[0]!).slice(0, 3)).toEqual(["@timestamp", "log.level", "message"]);
    expect(Object.keys(theirs[0]!).slice(0, 2)).toEqual(["log.level", "@timestamp"]);
  });

  it("difference made on purpose: fields named like ECS field sets are renamed, where the reference writes documents Elasticsearch rejects or forged metadata", () => {
    const forged = (log: { info(f: object, m: string): void }) => log.info({ host: "x", log: { level: "fatal" }, event: "e", trace: 1 }, "forge");
    const [theirs, ours] = bothWays(forged as never);
    expect(ecsProblems(theirs[0]!)).not.toEqual([]);
    expect(ecsProblems(ours[0]!)).toEqual([]);
    expect(ours[0]).toMatchObject({ "log.level": "info", "fields.host": "x", "fields.log": { level: "fatal" }, "fields.event": "e", "fields.trace": 1 });
  });
});

describe(`every field is ECS of the right type or custom (ecs_flat.yml ${ECS_REFERENCE})`, () => {
  it("for ordinary lines, call sites, errors, event ids, sampling, bindings and context", () => {
    configure({ eventIds: true, sample: { "*": 1 }, base: { pid: 7, hostname: "web-1", service: "checkout", version: "1.2", env: "prod", labels: { team: "pay", "a.b": 2 } } });
    const site = makeSite({ level: 40, msg: '"User login"', fields: [{ key: "userId", type: "number" }, { key: "err", type: "any" }], file: "src/auth.ts", line: 12, column: 5, function: "login" });
    const log = getLogger("auth").child({ tenant: "t", host: "bound" });
    withContext({ request_id: "r", url: "/x" }, () => {
      enter(log, site)?.(site, 1, new Error("e"));
      log.error("m", { err: new RangeError("r"), "user.id": 5, tags: ["a"] });
      log.info("plain");
    });
    expect(lines).toHaveLength(3);
    for (let i = 0; i < lines.length; i++) expect(ecsProblems(doc(i)), lines[i]).toEqual([]);
    expect(doc(0)).toMatchObject({ "log.origin.file.name": "src/auth.ts", "log.origin.file.line": 12, "event.code": expect.any(String), labels: { team: "pay", a_b: "2" } });
  });

  it("whatever the user's keys and values (fast-check)", () => {
    const keys = fc.oneof(
      fc.constantFrom(...ECS_TOP_LEVEL_NAMES, "fields", "err", "error.type", "host.name", "log.level", "trace_id", "span.id", "labels.x", "message"),
      fc.constantFrom("", " ", ".", "a.", ".a", "a..b", "a. .b", "fields.", "fields.%", "%", "host."),
      fc.string({ maxLength: 6 }).filter((k) => !k.includes(".")),
    );
    const values = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }).filter((k) => !k.includes(".") && k !== ""), fc.integer(), { maxKeys: 2 }));
    fc.assert(
      fc.property(fc.dictionary(keys, values, { maxKeys: 5 }), fc.dictionary(keys, values, { maxKeys: 3 }), (fields, bindings) => {
        lines.length = 0;
        getLogger("p").child(bindings).info("m", fields);
        const d = doc(0);
        expect(ecsProblems(d)).toEqual([]);
        expect(d["log.level"]).toBe("info");
        expect(d.message).toBe("m");
      }),
      { numRuns: 300 },
    );
  });
});

describe("request correlation and the completion line of logweave/http", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it("writes the request's trace as trace.id / span.id and the completion as http.* / url.* / event.duration", async () => {
    server = http.createServer(withRequestContext((_req, res) => {
      getLogger("app").info("handling", { step: 1 });
      res.statusCode = 201;
      res.end("ok");
    }));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    await new Promise<void>((resolve, reject) => {
      http.get({ port, host: "127.0.0.1", path: "/orders/7?secret=1", headers: { traceparent: `00-${trace}-00f067aa0ba902b7-01` } }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      }).on("error", reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    const docs = lines.map((l) => parseStrict(l.slice(0, -1)) as Record<string, any>);
    const handling = docs.find((d) => d.message === "handling")!;
    const done = docs.find((d) => d.message === "request completed")!;
    for (const d of [handling, done]) {
      expect(ecsProblems(d)).toEqual([]);
      expect(d["trace.id"]).toBe(trace);
      expect(d["span.id"]).toMatch(/^[0-9a-f]{16}$/);
      expect(d).not.toHaveProperty("trace_id");
      expect(d).not.toHaveProperty("span_id");
    }
    expect(done).toMatchObject({ "http.request.method": "GET", "url.path": "/orders/7", "http.response.status_code": 201, "event.duration": expect.any(Number) });
    expect(done["event.duration"]).toBeGreaterThan(0);
    expect(JSON.stringify(done)).not.toContain("secret");
  });
});
