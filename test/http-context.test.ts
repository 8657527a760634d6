/**
 * Request correlation: real node:http, Express and Fastify servers on loopback, many concurrent
 * requests, and every line of a request carrying that request's ids and no other's.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import express from "express";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configure, getLogger } from "../src/api.js";
import { memoryDestination } from "../src/destinations/memory.js";
import { fastifyRequestContext, outgoingTraceParent, requestContext, withRequestContext } from "../src/http/index.js";

const memory = memoryDestination();
const app = getLogger("app");

beforeAll(() => configure({ destination: memory, level: "trace", format: "json", base: {} }));
beforeEach(() => memory.clear());

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT = "00f067aa0ba902b7";
const REQUESTS = 60;

/** Fires `REQUESTS` requests at once, each with its own x-request-id, and returns the responses. */
async function fireConcurrent(base: string, path: (i: number) => string, body?: (i: number) => unknown) {
  return Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const res = await fetch(base + path(i), {
        method: body === undefined ? "GET" : "POST",
        headers: {
          "x-request-id": `req-${i}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body(i)),
      });
      return { i, status: res.status, header: res.headers.get("x-request-id"), text: await res.text() };
    }),
  );
}

/** Every line that names a request index must carry that request's id; returns lines per index. */
function expectNoLeaks(): Map<number, Record<string, unknown>[]> {
  const byIndex = new Map<number, Record<string, unknown>[]>();
  for (const record of memory.records()) {
    if (typeof record.i !== "number") continue;
    expect(record.request_id, JSON.stringify(record)).toBe(`req-${record.i}`);
    const list = byIndex.get(record.i) ?? [];
    list.push(record);
    byIndex.set(record.i, list);
  }
  return byIndex;
}

/** Completion lines, keyed by request id. */
function completions(): Map<unknown, Record<string, unknown>> {
  const out = new Map<unknown, Record<string, unknown>>();
  for (const r of memory.records()) if (r.name === "http" && r.msg === "request completed") out.set(r.request_id, r);
  return out;
}

/** Waits until `check` holds (completion lines are logged on 'close', just after the response). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

describe("node:http withRequestContext", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer(
      withRequestContext(async (req, res) => {
        const i = Number(new URL(req.url ?? "/", "http://x").searchParams.get("i"));
        app.info("start", { i });
        await sleep((i * 7) % 13);
        setTimeout(() => {
          app.info("in timer", { i });
          res.statusCode = i % 10 === 0 ? 503 : 200;
          res.end(String(i));
        }, i % 5);
      }),
    );
    base = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("concurrent requests keep their own ids across awaits and timers", async () => {
    const responses = await fireConcurrent(base, (i) => `/work?i=${i}&secret=s${i}`);
    for (const r of responses) expect(r.header).toBe(`req-${r.i}`);
    await until(() => completions().size === REQUESTS);
    const byIndex = expectNoLeaks();
    expect(byIndex.size).toBe(REQUESTS);
    for (const lines of byIndex.values()) expect(lines.map((l) => l.msg)).toEqual(["start", "in timer"]);
  });

  it("logs one completion line per request with method, path without the query, status, duration", async () => {
    await fireConcurrent(base, (i) => `/work?i=${i}&secret=s${i}`);
    await until(() => completions().size === REQUESTS);
    const lines = memory.records().filter((r) => r.msg === "request completed");
    expect(lines).toHaveLength(REQUESTS);
    for (let i = 0; i < REQUESTS; i++) {
      const line = completions().get(`req-${i}`)!;
      expect(line).toMatchObject({ method: "GET", path: "/work", status: i % 10 === 0 ? 503 : 200 });
      expect(line.level).toBe(i % 10 === 0 ? 50 : 30);
      expect(typeof line.duration_ms).toBe("number");
      expect(JSON.stringify(line)).not.toContain("secret");
    }
  });

  it("replaces a request id with bad characters or over the length cap", async () => {
    for (const bad of ["a b", "x".repeat(129), "id\u00e9", "<script>", "a,b"]) {
      const res = await fetch(`${base}/work?i=1`, { headers: { "x-request-id": bad } });
      const id = res.headers.get("x-request-id");
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      await res.text();
    }
    const ok = await fetch(`${base}/work?i=1`, { headers: { "x-request-id": "x".repeat(128) } });
    expect(ok.headers.get("x-request-id")).toBe("x".repeat(128));
    await ok.text();
  });

  it("continues a valid traceparent with a new span of its own", async () => {
    await (await fetch(`${base}/work?i=3`, { headers: { traceparent: `00-${TRACE}-${PARENT}-01` } })).text();
    await until(() => completions().size === 1);
    const start = memory.records().find((r) => r.msg === "start")!;
    expect(start.trace_id).toBe(TRACE);
    expect(start.parent_span_id).toBe(PARENT);
    expect(start.trace_flags).toBe("01");
    expect(start.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(start.span_id).not.toBe(PARENT);
  });

  it("ignores an invalid traceparent and starts a new trace", async () => {
    const bad = [
      `00-${TRACE.toUpperCase()}-${PARENT}-01`,
      `ff-${TRACE}-${PARENT}-01`,
      `00-${"0".repeat(32)}-${PARENT}-01`,
      `00-${TRACE}-${"0".repeat(16)}-01`,
      `00-${TRACE}-${PARENT}-01-extra`,
      `00-${TRACE}-${PARENT}`,
    ];
    for (const header of bad) {
      memory.clear();
      await (await fetch(`${base}/work?i=4`, { headers: { traceparent: header } })).text();
      await until(() => completions().size === 1);
      const start = memory.records().find((r) => r.msg === "start")!;
      expect(start.trace_id, header).toMatch(/^[0-9a-f]{32}$/);
      expect(start.trace_id, header).not.toBe(TRACE);
      expect(start.parent_span_id, header).toBeUndefined();
    }
  });
});

describe("Express requestContext", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const application = express();
    application.use(requestContext());
    application.use(express.json({ limit: "1mb" }));
    const router = express.Router();
    router.post("/items/:id", async (req, res) => {
      const i = Number(req.params.id);
      app.info("handler", { i, body: req.body.n });
      await sleep((i * 3) % 11);
      app.info("after await", { i });
      res.status(i % 7 === 0 ? 404 : 201).json({ i });
    });
    application.use("/api", router);
    server = http.createServer(application);
    base = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("concurrent requests through the JSON body parser and a router keep their own ids", async () => {
    // A body of several chunks, so the parser resumes on later stream events.
    const responses = await fireConcurrent(base, (i) => `/api/items/${i}`, (i) => ({ n: i, pad: "x".repeat(200_000) }));
    for (const r of responses) {
      expect(r.header).toBe(`req-${r.i}`);
      expect(r.status).toBe(r.i % 7 === 0 ? 404 : 201);
    }
    await until(() => completions().size === REQUESTS);
    const byIndex = expectNoLeaks();
    expect(byIndex.size).toBe(REQUESTS);
    for (const [i, lines] of byIndex) {
      expect(lines.map((l) => l.msg)).toEqual(["handler", "after await"]);
      expect(lines[0]!.body).toBe(i);
    }
  });

  it("the completion line names the matched route with its base path", async () => {
    await fireConcurrent(base, (i) => `/api/items/${i}?q=1`, (i) => ({ n: i }));
    await until(() => completions().size === REQUESTS);
    for (let i = 0; i < REQUESTS; i++) {
      expect(completions().get(`req-${i}`)).toMatchObject({
        method: "POST",
        route: "/api/items/:id",
        path: `/api/items/${i}`,
        status: i % 7 === 0 ? 404 : 201,
        level: i % 7 === 0 ? 40 : 30,
      });
    }
  });
});

describe("Fastify plugin", () => {
  let fastify: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    fastify = Fastify();
    await fastify.register(fastifyRequestContext, { responseHeader: "x-request-id" });
    // An application hook after body parsing, an async one, and onSend: all inside the request.
    fastify.addHook("preValidation", (request, _reply, done) => {
      app.info("preValidation hook", { i: (request.body as { n: number }).n });
      done();
    });
    fastify.addHook("preHandler", async (request) => {
      await sleep(1);
      app.info("preHandler hook", { i: (request.body as { n: number }).n });
    });
    fastify.addHook("onSend", async (request, _reply, payload) => {
      app.info("onSend hook", { i: (request.body as { n: number }).n });
      return payload;
    });
    fastify.post("/things/:id", async (request, reply) => {
      const i = Number((request.params as { id: string }).id);
      app.info("handler", { i });
      await sleep((i * 5) % 9);
      app.info("after await", { i });
      reply.code(i % 9 === 0 ? 500 : 200);
      return { i };
    });
    await fastify.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}`;
  });
  afterAll(() => fastify.close());

  it("keeps the context through body parsing, every hook and the handler, with no leaks", async () => {
    // A body of several chunks, so the parser resumes on later stream events.
    const responses = await fireConcurrent(base, (i) => `/things/${i}`, (i) => ({ n: i, pad: "x".repeat(200_000) }));
    for (const r of responses) expect(r.header).toBe(`req-${r.i}`);
    await until(() => completions().size === REQUESTS);
    const byIndex = expectNoLeaks();
    expect(byIndex.size).toBe(REQUESTS);
    for (const lines of byIndex.values()) {
      expect(lines.map((l) => l.msg)).toEqual(["preValidation hook", "preHandler hook", "handler", "after await", "onSend hook"]);
    }
  });

  it("the completion line names the route pattern and the status", async () => {
    await fireConcurrent(base, (i) => `/things/${i}`, (i) => ({ n: i }));
    await until(() => completions().size === REQUESTS);
    for (let i = 0; i < REQUESTS; i++) {
      expect(completions().get(`req-${i}`)).toMatchObject({
        method: "POST",
        route: "/things/:id",
        path: `/things/${i}`,
        status: i % 9 === 0 ? 500 : 200,
      });
    }
  });

  it("a bad option fails registration with a clear error", async () => {
    const other = Fastify();
    await expect(other.register(fastifyRequestContext, { requestIdHeader: "bad header" }).ready()).rejects.toThrow(
      /requestIdHeader must be a header name/,
    );
  });
});

describe("options", () => {
  it("log: false logs no completion line; responseHeader: false sets no header", async () => {
    const server = http.createServer(
      withRequestContext((_req, res) => res.end("ok"), { log: false, responseHeader: false }),
    );
    const base = await listen(server);
    const res = await fetch(base);
    await res.text();
    expect(res.headers.get("x-request-id")).toBeNull();
    await sleep(20);
    expect(memory.records().filter((r) => r.msg === "request completed")).toEqual([]);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("a throwing id generator falls back to a UUID", async () => {
    const server = http.createServer(
      withRequestContext((_req, res) => res.end("ok"), {
        generateRequestId: () => {
          throw new Error("nope");
        },
      }),
    );
    const base = await listen(server);
    const res = await fetch(base);
    await res.text();
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("outgoingTraceParent carries the request's trace and span to the next service", async () => {
    const server = http.createServer(withRequestContext((_req, res) => res.end(outgoingTraceParent() ?? "none")));
    const base = await listen(server);
    const res = await fetch(base, { headers: { traceparent: `00-${TRACE}-${PARENT}-01` } });
    const header = await res.text();
    expect(header).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
    expect(header).not.toContain(PARENT);
    expect(outgoingTraceParent()).toBeUndefined();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("bad options throw a TypeError naming the option", () => {
    expect(() => withRequestContext(() => undefined, { maxRequestIdLength: 0 })).toThrow(/maxRequestIdLength/);
    expect(() => requestContext({ responseHeader: "a b" })).toThrow(/responseHeader/);
  });
});
