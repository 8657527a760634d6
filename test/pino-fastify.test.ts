/**
 * A framework that takes a pino logger: Fastify with `loggerInstance` set to a `logweave/pino`
 * logger writes the same request and error lines as with pino's (Fastify makes a child per
 * request with its own serializers, and logs errors with `err`).
 */
import Fastify, { type FastifyBaseLogger } from "fastify";
import pinoReference from "pino";
import { describe, expect, it } from "vitest";
import pino from "../src/pino/index.js";

async function serve(make: (options: object, stream: { write(s: string): void }) => unknown): Promise<string[]> {
  const lines: string[] = [];
  const logger = make({ level: "info" }, { write: (s: string) => void lines.push(s) });
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, genReqId: () => "r1" });
  app.get("/hello", async (req) => {
    req.log.info({ q: req.query }, "handling");
    return { ok: true };
  });
  app.get("/fail", async () => {
    throw new Error("nope");
  });
  await app.ready();
  await app.inject({ method: "GET", url: "/hello?x=1", headers: { "user-agent": "test" } });
  await app.inject({ method: "GET", url: "/fail" });
  await app.close();
  return lines.map((l) => l.replace(/"time":\d+/, '"time":0').replace(/"responseTime":[\d.e-]+/, '"responseTime":0'));
}

describe("Fastify with a logweave/pino logger", () => {
  it("writes the lines it writes with pino", async () => {
    const expected = await serve((o, s) => pinoReference(o, s));
    const actual = await serve((o, s) => pino(o as never, s));
    expect(expected.length).toBeGreaterThanOrEqual(6);
    expect(actual).toEqual(expected);
  });
});
