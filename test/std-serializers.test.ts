/**
 * Node's own HTTP objects (issue 13, item 2): a request, a response and an outgoing client request
 * (as HTTP client errors carry it) are written as pino's standard serializers write them, headers
 * and query parameters redacted, and no socket, parser, agent, server or stream state is ever
 * walked — whatever key they are logged under, at any depth. Real servers and clients on loopback
 * (node:http, HTTP/2, Express, Fastify, axios); pino's own serializers are the reference shapes.
 */
import { execFile } from "node:child_process";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import axios, { AxiosError } from "axios";
import express from "express";
import Fastify from "fastify";
import stdPino from "pino-std-serializers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configure, getLogger, stdSerializers, type Destination } from "../src/index.js";
import { nodeFieldKey } from "../src/node-objects.js";
import { parseStrict } from "./helpers/strict-json.js";

const TOKEN = "Bearer tok-Qw8x:Zr%2F41kLm";
const COOKIE = "sid=ck-Pp93nVx0aa";
const API_KEY = "key-Hh27LmQz01";
const QUERY_TOKEN = "qt-8fJ2mWq0zz";
const SET_COOKIE = "session=sc-Yt61bnQe77; HttpOnly";
const SECRETS = [TOKEN, "tok-Qw8x", "Zr%2F41kLm", COOKIE, "ck-Pp93nVx0aa", API_KEY, QUERY_TOKEN, "sc-Yt61bnQe77"];

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };

beforeEach(() => {
  lines.length = 0;
  configure({ level: "trace", destination: collect, format: "json", base: {}, limits: {}, redact: {} });
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

function record(i = -1): Record<string, any> {
  return parseStrict(lines.at(i)!.slice(0, -1)) as Record<string, any>;
}

function expectNoSecret(): void {
  for (const line of lines) for (const s of SECRETS) expect(line).not.toContain(s);
}

/** Starts a node:http server running `handle`; resolves with its port. */
async function serve(handle: http.RequestListener): Promise<number> {
  const server = http.createServer(handle);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return (server.address() as AddressInfo).port;
}

/** Sends a GET with credentials in its headers and query; resolves with the response body. */
function get(port: number, pathname = `/orders/7?token=${QUERY_TOKEN}&page=2`): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: pathname, headers: { Authorization: TOKEN, Cookie: COOKIE, "X-Api-Key": API_KEY, "X-Trace": "t-1" }, agent: false },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d));
        res.on("end", () => resolve(body));
      },
    );
    req.on("error", reject);
  });
}

describe("an incoming request", () => {
  it("is written as method, url, headers (sensitive ones censored) and peer, under any key and depth", async () => {
    const port = await serve((req, res) => {
      getLogger("http").info("request", { req, nested: { list: [{ incoming: req }] } });
      res.end("ok");
    });
    await get(port);
    expectNoSecret();
    const { req, nested } = record();
    expect(req).toEqual({
      method: "GET",
      url: "/orders/7?token=[REDACTED]&page=2",
      headers: { authorization: "[REDACTED]", cookie: "[REDACTED]", "x-api-key": "[REDACTED]", "x-trace": "t-1", host: `127.0.0.1:${port}`, connection: "close" },
      remoteAddress: "127.0.0.1",
      remotePort: expect.any(Number),
    });
    expect(nested.list[0].incoming).toEqual(req);
  });

  it("has pino's stdSerializers.req shape and values, sensitive headers and query values aside", async () => {
    let pinoView: Record<string, any> = {};
    const port = await serve((req, res) => {
      pinoView = JSON.parse(JSON.stringify(stdPino.req(req)));
      getLogger("http").info("request", { req });
      res.end("ok");
    });
    await get(port, "/plain?page=2");
    const mine = record().req;
    expect(Object.keys(mine)).toEqual(Object.keys(pinoView).filter((k) => pinoView[k] !== "" && k !== "query" && k !== "params"));
    expect({ ...mine, headers: undefined }).toEqual({ ...pinoView, headers: undefined, id: undefined, query: undefined, params: undefined });
    for (const [name, value] of Object.entries(pinoView.headers)) {
      expect(mine.headers[name]).toBe(["authorization", "cookie", "x-api-key"].includes(name) ? "[REDACTED]" : value);
    }
  });

  it("never writes rawHeaders, the socket or the stream state", async () => {
    const port = await serve((req, res) => {
      getLogger("http").info("request", { req });
      res.end("ok");
    });
    await get(port);
    const line = lines[0];
    for (const internal of ["rawHeaders", "_readableState", "socket", "client", "_events", "parser"]) expect(line).not.toContain(`"${internal}"`);
  });

  it("passed as the whole fields argument, leaks none of its headers and walks none of its internals", async () => {
    const port = await serve((req, res) => {
      getLogger("http").info("request", req as unknown as Record<string, unknown>);
      getLogger("http").info(req as unknown as Record<string, unknown>, "request");
      getLogger("http").child(req as unknown as Record<string, unknown>).info("request");
      res.end("ok");
    });
    await get(port, "/plain");
    expect(lines).toHaveLength(3);
    expectNoSecret();
    // Neither the raw header list nor the socket's or the stream's state is walked.
    for (const line of lines) expect(line).not.toMatch(/"rawHeaders":\[|"_readableState":\{|"socket":\{|"highWaterMark"|"_events":\{"/);
  });

  it("through Express, is written with its originalUrl", async () => {
    const app = express();
    app.use("/api", (req, res) => {
      getLogger("http").info("request", { req });
      res.send("ok");
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    await get((server.address() as AddressInfo).port, `/api/orders?access_token=${QUERY_TOKEN}`);
    expectNoSecret();
    const { req } = record();
    expect(req.url).toBe("/api/orders?access_token=[REDACTED]");
    expect(req.query).toEqual({ access_token: "[REDACTED]" });
    expect(req.headers.authorization).toBe("[REDACTED]");
  });

  it("through Fastify, its request object and raw request leak nothing", async () => {
    const app = Fastify();
    app.get("/f", async (request) => {
      getLogger("http").info("request", { request, raw: request.raw });
      return "ok";
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    closers.push(() => app.close());
    await get((app.server.address() as AddressInfo).port, `/f?token=${QUERY_TOKEN}`);
    expectNoSecret();
    const r = record();
    expect(r.raw).toMatchObject({ method: "GET", url: "/f?token=[REDACTED]", headers: { authorization: "[REDACTED]" } });
    expect(r.request.raw).toEqual(r.raw);
    expect(r.request.query).toEqual({ token: "[REDACTED]" });
  });

  it("of an HTTP/2 compatibility server, is written like an HTTP/1 request", async () => {
    const server = http2.createServer((req, res) => {
      getLogger("http").info("request", { req });
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    closers.push(() => new Promise((r) => server.close(() => r())));
    const client = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    closers.push(async () => void client.close());
    await new Promise<void>((resolve, reject) => {
      const stream = client.request({ ":path": `/h2?token=${QUERY_TOKEN}`, authorization: TOKEN, cookie: COOKIE });
      stream.on("error", reject);
      stream.resume();
      stream.on("end", () => resolve());
      stream.end();
    });
    expectNoSecret();
    const { req } = record();
    expect(req).toMatchObject({ method: "GET", url: "/h2?token=[REDACTED]", headers: { ":path": "/h2?token=[REDACTED]", authorization: "[REDACTED]", cookie: "[REDACTED]" } });
    expect(JSON.stringify(req)).not.toContain("session");
  });
});

describe("a server response", () => {
  it("is written as status and headers (set-cookie censored), as pino's stdSerializers.res", async () => {
    let pinoView: Record<string, any> = {};
    const port = await serve((_req, res) => {
      res.setHeader("Set-Cookie", SET_COOKIE);
      res.setHeader("Content-Type", "text/plain");
      res.end("ok");
      pinoView = JSON.parse(JSON.stringify(stdPino.res(res)));
      getLogger("http").info("response", { res });
    });
    await get(port);
    expectNoSecret();
    const { res } = record();
    expect(res).toEqual({ ...pinoView, headers: { ...pinoView.headers, "set-cookie": "[REDACTED]" } });
    expect(res.statusCode).toBe(200);
  });

  it("before its headers are out, has no status yet (as pino writes it)", async () => {
    const port = await serve((_req, res) => {
      getLogger("http").info("response", { res });
      res.end("ok");
    });
    await get(port);
    expect(record().res).toEqual({ statusCode: null, headers: {} });
  });

  it("never writes its raw header text or output buffers", async () => {
    const port = await serve((_req, res) => {
      res.setHeader("Set-Cookie", SET_COOKIE);
      res.writeHead(200);
      getLogger("http").info("response", { res });
      getLogger("http").info("response", res as unknown as Record<string, unknown>);
      res.end("ok");
    });
    await get(port);
    expectNoSecret();
    expect(lines[0]).not.toMatch(/"_header"|"outputData"/);
    // As the whole fields argument, its members are walked by the fields layer: never the raw text.
    expect(lines[1]).not.toMatch(/"_header":"HTTP|"outputData":\[\{/);
  });
});

describe("an outgoing client request and its response", () => {
  it("the request is written as method, host and path; the response as status and headers", async () => {
    const port = await serve((_req, res) => {
      res.setHeader("Set-Cookie", SET_COOKIE);
      res.end("ok");
    });
    await new Promise<void>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port, path: `/p?api_key=${QUERY_TOKEN}`, headers: { Authorization: TOKEN }, agent: false }, (res) => {
        getLogger("client").info("response", { req, res });
        res.resume();
        res.on("end", resolve);
      });
      req.end();
    });
    expectNoSecret();
    const r = record();
    expect(r.req).toEqual({ method: "GET", host: "127.0.0.1", path: "/p?api_key=[REDACTED]" });
    expect(r.res).toMatchObject({ statusCode: 200, headers: { "set-cookie": "[REDACTED]" } });
  });
});

describe("HTTP client errors", () => {
  it("an axios error's request is method, host and path, and its config and response leak nothing", async () => {
    const port = await serve((_req, res) => {
      res.statusCode = 500;
      res.setHeader("Set-Cookie", SET_COOKIE);
      res.end("no");
    });
    const err = await axios
      .get(`http://127.0.0.1:${port}/pay?page=2`, { headers: { Authorization: TOKEN, "X-Api-Key": API_KEY, Cookie: COOKIE } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AxiosError);
    getLogger("client").error("payment call failed", { err });
    getLogger("client").error(err as Error);
    expectNoSecret();
    for (const r of [record(0).err, record(1).err]) {
      expect(r.type).toBe("AxiosError");
      expect(r.request).toEqual({ method: "GET", host: "127.0.0.1", path: "/pay?page=2" });
      expect(r.response.request).toEqual(r.request);
      expect(r.response.status).toBe(500);
      expect(r.config.headers.Authorization).toBe("[REDACTED]");
    }
    expect(lines.join("")).not.toMatch(/"_header"|"outputData"|"rawHeaders"/);
  });

  it("a token in the query of an axios URL is censored in the request's path, and with patterns in its config's url", async () => {
    configure({ redact: { patterns: ["pairs"] } });
    const port = await serve((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    const err = await axios.get(`http://127.0.0.1:${port}/pay?token=${QUERY_TOKEN}`).catch((e: unknown) => e);
    getLogger("client").error("call failed", { err });
    expectNoSecret();
    const r = record().err;
    expect(r.request.path).toBe("/pay?token=[REDACTED]");
    expect(r.config.url).toBe(`http://127.0.0.1:${port}/pay?token=[REDACTED]`);
  });

  it("an axios error from a refused connection carries the request without its header text", async () => {
    const closed = await serve(() => undefined);
    await closers.pop()!();
    const err = await axios.get(`http://127.0.0.1:${closed}/x`, { headers: { Authorization: TOKEN } }).catch((e: unknown) => e);
    getLogger("client").error("call failed", { err });
    expectNoSecret();
    const r = record().err;
    expect(r.code).toBe("ECONNREFUSED");
    // axios's Node transport (follow-redirects) wraps the ClientRequest in a Writable of its own.
    expect(r.request).toEqual({ method: "GET", host: "127.0.0.1", path: "/x" });
  });

  it("an error that carries a node:http ClientRequest under any key shows method, host and path only", async () => {
    const port = await serve((req) => req.socket.destroy());
    const err = await new Promise<Error>((resolve) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/hang", method: "POST", headers: { Authorization: TOKEN }, agent: false });
      req.on("error", (e) => resolve(Object.assign(new Error("upstream failed", { cause: e }), { upstream: { call: req } })));
      req.end("{}");
    });
    getLogger("client").error("upstream", { err });
    expectNoSecret();
    expect(record().err.upstream.call).toEqual({ method: "POST", host: "127.0.0.1", path: "/hang" });
  });
});

describe("Node's internals are never walked", () => {
  it("a socket, agent, server, parser and stream state are written as their class name", async () => {
    const seen: Record<string, unknown> = {};
    const port = await serve((req, res) => {
      const r = req as unknown as Record<string, any>;
      getLogger("x").info("internals", {
        socket: req.socket,
        parser: r.socket.parser,
        state: r._readableState,
        writable: r.socket._writableState,
        agent: http.globalAgent,
        server: r.socket.server,
        file: fs.createReadStream(import.meta.filename),
      });
      Object.assign(seen, record());
      res.end("ok");
    });
    await get(port);
    expect(seen).toMatchObject({
      socket: "[Socket]",
      parser: "[HTTPParser]",
      state: "[ReadableState]",
      writable: "[WritableState]",
      agent: "[Agent]",
      server: "[Server]",
      file: "[ReadStream]",
    });
  });

  it("no property of a socket is read, even an enumerable getter of its own", () => {
    const socket = new net.Socket();
    let reads = 0;
    Object.defineProperty(socket, "probe", { enumerable: true, get: () => ++reads });
    getLogger("x").info("socket", { socket, deep: [[new Set([socket])]] });
    expect(reads).toBe(0);
    expect(record().deep).toEqual([[["[Socket]"]]]);
  });

  it("an EventEmitter of the application's own is still written member by member", () => {
    class Job extends EventEmitter {
      id = 7;
      password = "pw-Zz81kq";
    }
    getLogger("x").info("job", { job: new Job() });
    expect(record().job).toMatchObject({ id: 7, password: "[REDACTED]" });
  });
});

describe("nodeFieldKey (for a Node object given as the whole fields argument)", () => {
  it("names requests req, responses res, other I/O objects value, and nothing else", async () => {
    const keys: unknown[] = [];
    const port = await serve((req, res) => {
      keys.push(nodeFieldKey(req), nodeFieldKey(res), nodeFieldKey(req.socket));
      res.end("ok");
    });
    await new Promise<void>((resolve) => {
      const creq = http.get({ host: "127.0.0.1", port, agent: false }, (cres) => {
        keys.push(nodeFieldKey(creq), nodeFieldKey(cres), nodeFieldKey(http.globalAgent));
        cres.resume();
        cres.on("end", resolve);
      });
    });
    expect(keys).toEqual(["req", "res", "value", "req", "res", "value"]);
    for (const other of [{}, Object.create(null), [], new Map(), new Error("x"), new EventEmitter(), "s", 1, null, undefined]) expect(nodeFieldKey(other)).toBeUndefined();
  });
});

describe("stdSerializers (exported)", () => {
  it("return the plain data a line holds for a request, a response and an error", async () => {
    let views: unknown[] = [];
    const port = await serve((req, res) => {
      res.setHeader("Set-Cookie", SET_COOKIE);
      res.end("ok");
      views = [stdSerializers.req(req), stdSerializers.res(res)];
      getLogger("x").info("m", { req, res });
    });
    await get(port);
    const r = record();
    expect(views).toEqual([r.req, r.res]);
    expect(JSON.stringify(views)).not.toContain("sc-Yt61bnQe77");
    const err = Object.assign(new TypeError("bad", { cause: new Error("root") }), { password: "pw-Zz81kq" });
    const e = stdSerializers.err(err);
    expect(e).toMatchObject({ type: "TypeError", message: "bad", password: "[REDACTED]", cause: { type: "Error", message: "root" } });
  });
});

describe("loading", () => {
  it("a program that logs no Node I/O object never loads node:http", async () => {
    const index = path.resolve("dist/src/index.js");
    if (!fs.existsSync(index)) throw new Error(`${index} is missing: run \`npm run build\` first`);
    const program = `
      const { configure, getLogger } = await import(${JSON.stringify(pathToFileURL(index).href)});
      configure({ destination: { write() {} }, format: "json" });
      class Point { constructor() { this.x = 1; } }
      getLogger("a").info("m", { a: 1, p: new Point(), m: new Map([[1, 2]]), e: new Error("x"), d: new Date(), b: Buffer.from("x") });
      const loaded = (m) => process.moduleLoadList.includes("NativeModule " + m);
      console.log(JSON.stringify({ http: loaded("http"), http2: loaded("http2") }));`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["--input-type=module", "-e", program], (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    expect(JSON.parse(out)).toEqual({ http: false, http2: false });
  });
});
