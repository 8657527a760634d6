/**
 * HTTP/1.1 pipelining: several requests on one connection, written at once on a raw socket.
 * Node answers them in order, so a later response that is ready first waits and is flushed (and
 * its 'finish' emitted) from inside an earlier request's code; a client that goes away closes
 * every pending request from one socket event. Lines logged from a response's or request's own
 * events must still carry that request's id, on node:http, Express 5 and Fastify 5.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import express from "express";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configure, getLogger } from "../src/api.js";
import { withContext } from "../src/context.js";
import { memoryDestination } from "../src/destinations/memory.js";
import { fastifyRequestContext, requestContext, withRequestContext } from "../src/http/index.js";

const memory = memoryDestination();
const app = getLogger("app");
const PIPELINED = 40;

beforeAll(() => configure({ destination: memory, level: "trace", format: "json", base: {} }));
beforeEach(() => memory.clear());

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** The index of a request from its URL (`/…?i=3` or `/…/3`). */
function indexOf(url: string | undefined): number {
  const match = /[?&/]i[=/](\d+)/.exec(url ?? "") ?? /\/(\d+)(?:\?|$)/.exec(url ?? "");
  return match === null ? -1 : Number(match[1]);
}

/** `count` GET requests for `/work?i=<n>` with `x-request-id: req-<n>`, as one pipelined write. */
function pipelinedRequests(count: number, last: "close" | "keep-alive" = "close"): string {
  let text = "";
  for (let i = 0; i < count; i++) {
    const connection = i === count - 1 && last === "close" ? "close" : "keep-alive";
    text += `GET /work?i=${i} HTTP/1.1\r\nHost: localhost\r\nx-request-id: req-${i}\r\nConnection: ${connection}\r\n\r\n`;
  }
  return text;
}

/** Writes every request in one go on a raw socket and reads until the server closes it. */
function pipeline(port: number, count: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(pipelinedRequests(count)));
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error("the server did not answer every pipelined request")));
  });
}

/** Writes the requests, waits until `ready` holds, then resets the connection (the client goes away). */
async function pipelineThenAbort(port: number, count: number, ready: () => boolean): Promise<void> {
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => {});
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.write(pipelinedRequests(count, "keep-alive"));
  await until(ready);
  socket.resetAndDestroy();
}

/** Waits until `check` holds (at most 10 s: only there to detect a hang). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 2_000 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}

/** Lines with message `msg`, each as [its request index, its request id]. */
function linesOf(msg: string): Array<[unknown, unknown]> {
  return memory.records().filter((r) => r.msg === msg).map((r) => [r.i, r.request_id]);
}

/** One line per request, each with its own id: [[0, "req-0"], [1, "req-1"], …]. */
function expected(count = PIPELINED): Array<[unknown, unknown]> {
  return Array.from({ length: count }, (_, i) => [i, `req-${i}`]);
}

function byIndex(lines: Array<[unknown, unknown]>): Array<[unknown, unknown]> {
  return [...lines].sort((a, b) => (a[0] as number) - (b[0] as number));
}

/** Every response status line in a pipelined answer. */
function statuses(text: string): string[] {
  return text.match(/HTTP\/1\.1 \d{3} /g) ?? [];
}

/**
 * The handler's pace: later requests are ready first, so their responses wait in Node's queue
 * and are flushed from an earlier request's `end()`.
 */
function delayOf(i: number): number {
  return (PIPELINED - i) % 7;
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return (server.address() as AddressInfo).port;
}

describe("node:http withRequestContext under pipelining", () => {
  it("lines logged from res.on('finish') carry their own request's id", async () => {
    const server = http.createServer(
      withRequestContext((req, res) => {
        const i = indexOf(req.url);
        res.on("finish", () => app.info("finished", { i }));
        setTimeout(() => res.end(String(i)), delayOf(i));
      }),
    );
    const port = await listen(server);
    const answer = await pipeline(port, PIPELINED);
    expect(statuses(answer)).toHaveLength(PIPELINED);
    await until(() => linesOf("finished").length === PIPELINED);
    expect(byIndex(linesOf("finished"))).toEqual(expected());
  });

  it("lines logged from res.on('close') and req.on('close') carry their own request's id", async () => {
    const server = http.createServer(
      withRequestContext((req, res) => {
        const i = indexOf(req.url);
        res.on("close", () => app.info("response closed", { i }));
        req.on("close", () => app.info("request closed", { i }));
        setTimeout(() => res.end(String(i)), delayOf(i));
      }),
    );
    const port = await listen(server);
    await pipeline(port, PIPELINED);
    await until(() => linesOf("response closed").length === PIPELINED && linesOf("request closed").length === PIPELINED);
    expect(byIndex(linesOf("response closed"))).toEqual(expected());
    expect(byIndex(linesOf("request closed"))).toEqual(expected());
  });

  it("an event the request's own code causes keeps the fields of a withContext nested in it", async () => {
    const server = http.createServer(
      withRequestContext((req, res) => {
        const i = indexOf(req.url);
        withContext({ user: `u-${i}` }, () => {
          res.on("finish", () => app.info("finished", { i }));
          res.end(String(i)); // not pipelined: 'finish' follows from this very call
        });
      }),
    );
    const port = await listen(server);
    await pipeline(port, 1);
    await until(() => linesOf("finished").length === 1);
    expect(memory.records().find((r) => r.msg === "finished")).toMatchObject({ i: 0, request_id: "req-0", user: "u-0" });
  });

  it("the completion lines of pipelined requests carry their own ids", async () => {
    const server = http.createServer(
      withRequestContext((req, res) => {
        setTimeout(() => res.end("ok"), delayOf(indexOf(req.url)));
      }),
    );
    const port = await listen(server);
    await pipeline(port, PIPELINED);
    const done = (): Record<string, unknown>[] => memory.records().filter((r) => r.msg === "request completed");
    await until(() => done().length === PIPELINED);
    // The path has no query, so no index: each id once is the check (a stray id would repeat).
    const ids = done().map((r) => r.request_id as string);
    expect(ids.sort()).toEqual(expected().map(([, id]) => id as string).sort());
  });
});

describe("Express 5 requestContext under pipelining", () => {
  it("lines logged from res.on('finish') carry their own request's id", async () => {
    const server = http.createServer(
      express()
        .use(requestContext())
        .get("/work", (req, res) => {
          const i = indexOf(req.url);
          res.on("finish", () => app.info("finished", { i }));
          setTimeout(() => res.send(String(i)), delayOf(i));
        }),
    );
    const port = await listen(server);
    const answer = await pipeline(port, PIPELINED);
    expect(statuses(answer)).toHaveLength(PIPELINED);
    await until(() => linesOf("finished").length === PIPELINED);
    expect(byIndex(linesOf("finished"))).toEqual(expected());
  });
});

describe("Fastify 5 plugin under pipelining", () => {
  let fastify: FastifyInstance;
  async function start(setup: (app: FastifyInstance) => void): Promise<number> {
    fastify = Fastify();
    await fastify.register(fastifyRequestContext);
    setup(fastify);
    await fastify.listen({ port: 0, host: "127.0.0.1" });
    close = () => fastify.close();
    return (fastify.server.address() as AddressInfo).port;
  }

  it("lines logged from onResponse hooks carry their own request's id", async () => {
    const port = await start((f) => {
      f.addHook("onResponse", (request, _reply, done) => {
        app.info("onResponse", { i: indexOf(request.url) });
        done();
      });
      f.get("/work", async (request) => {
        const i = indexOf(request.url);
        await sleep(delayOf(i));
        return String(i);
      });
    });
    const answer = await pipeline(port, PIPELINED);
    expect(statuses(answer)).toHaveLength(PIPELINED);
    await until(() => linesOf("onResponse").length === PIPELINED);
    expect(byIndex(linesOf("onResponse"))).toEqual(expected());
  });

  it("lines logged from onRequestAbort hooks carry their own request's id", async () => {
    const ABORTED = 10;
    let started = 0;
    const port = await start((f) => {
      f.addHook("onRequestAbort", (request, done) => {
        app.info("aborted", { i: indexOf(request.url) });
        done();
      });
      f.get("/work", async () => {
        started++;
        await sleep(60_000); // never answers before the client goes away
        return "late";
      });
    });
    // Close and destroy the server's pending requests at the end without waiting a minute.
    close = async () => {
      fastify.server.closeAllConnections();
      await fastify.close();
    };
    await pipelineThenAbort(port, ABORTED, () => started === ABORTED);
    await until(() => linesOf("aborted").length === ABORTED);
    expect(byIndex(linesOf("aborted"))).toEqual(expected(ABORTED));
  });
});
