/**
 * The peers, each set up as its documentation recommends for JSON output, writing to the same
 * in-process sink, with the same line content where the API allows.
 */
import { configure as logtapeConfigure, getLogger as logtapeGetLogger, jsonLinesFormatter, withContext as logtapeWithContext } from "@logtape/logtape";
import bunyan from "bunyan";
import pino from "pino";
import * as pinoCallerModule from "pino-caller";
import { Logger as TsLogger } from "tslog";
import winston from "winston";
import { sink, writableSink } from "./sink.js";

/** A peer: a name and its case functions (missing cases are not supported by its API). */
export interface Peer {
  name: string;
  cases: Partial<Record<string, (i: number) => void>>;
  /** Runs a group inside the peer's own request scope, when it has one. */
  inRequest?: <T>(fn: () => T) => T;
}

const bigObject = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ["a", "b"] })) };
const tenFields = (i: number) => ({
  orderId: i, sku: "SKU-123", customer: `c-${i}`, qty: 2, total: i * 2.5,
  express: true, gift: i % 2 === 0, currency: "EUR", region: { zone: "eu-west-1", dc: i % 3 }, channel: "web",
});
const errorWithCause = (i: number) => new Error("card declined", { cause: new Error(`issuer timeout ${i}`) });

/** pino with its defaults (the recommended setup), to the sink. */
export function pinoPeer(): Peer {
  const log = pino({ name: "auth", level: "info" }, sink);
  const child = pino({ name: "api", level: "info" }, sink).child({ service: "checkout", region: "eu-west-1", version: "1.4.2", requestId: "req-7f3a" });
  const pinoCaller = ((pinoCallerModule as { default?: unknown }).default ?? pinoCallerModule) as (l: pino.Logger, o: object) => pino.Logger;
  const withCaller = pinoCaller(pino({ name: "auth", level: "info" }, sink), { relativeTo: process.cwd() });
  return {
    name: "pino",
    cases: {
      quickstart: (i) => log.info({ userId: i, ip: "192.168.1.1", success: true }, "User login"),
      messageOnly: () => log.info("Cache warmed"),
      tenFields: (i) => log.info(tenFields(i), "Order placed"),
      childWithContext: (i) => child.info({ status: 200, durationMs: i % 100 }, "Request handled"),
      errorWithCause: (i) => log.error({ err: errorWithCause(i) }, "Payment failed"),
      disabledDebug: () => log.debug({ payload: JSON.stringify(bigObject) }, "Payload"),
      template: (i) => log.info(`User ${i} bought ${i % 7} items`),
      callerQuickstart: (i) => withCaller.info({ userId: i, ip: "192.168.1.1", success: true }, "User login"),
    },
  };
}

/** winston with timestamp + json formats, to a stream over the sink. */
export function winstonPeer(): Peer {
  const make = (meta: object) =>
    winston.createLogger({
      level: "info",
      defaultMeta: meta,
      format: winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: true }), winston.format.json()),
      transports: [new winston.transports.Stream({ stream: writableSink() })],
    });
  const log = make({ name: "auth" });
  const child = make({ name: "api" }).child({ service: "checkout", region: "eu-west-1", version: "1.4.2", requestId: "req-7f3a" });
  return {
    name: "winston",
    cases: {
      quickstart: (i) => log.info("User login", { userId: i, ip: "192.168.1.1", success: true }),
      messageOnly: () => log.info("Cache warmed"),
      tenFields: (i) => log.info("Order placed", tenFields(i)),
      childWithContext: (i) => child.info("Request handled", { status: 200, durationMs: i % 100 }),
      errorWithCause: (i) => log.error("Payment failed", { err: errorWithCause(i) }),
      disabledDebug: () => log.debug("Payload", { payload: JSON.stringify(bigObject) }),
      template: (i) => log.info(`User ${i} bought ${i % 7} items`),
    },
  };
}

/** bunyan with a raw string stream over the sink. */
export function bunyanPeer(): Peer {
  const log = bunyan.createLogger({ name: "auth", level: "info", streams: [{ stream: sink as unknown as NodeJS.WritableStream }] });
  const child = bunyan
    .createLogger({ name: "api", level: "info", streams: [{ stream: sink as unknown as NodeJS.WritableStream }] })
    .child({ service: "checkout", region: "eu-west-1", version: "1.4.2", requestId: "req-7f3a" });
  return {
    name: "bunyan",
    cases: {
      quickstart: (i) => log.info({ userId: i, ip: "192.168.1.1", success: true }, "User login"),
      messageOnly: () => log.info("Cache warmed"),
      tenFields: (i) => log.info(tenFields(i), "Order placed"),
      childWithContext: (i) => child.info({ status: 200, durationMs: i % 100 }, "Request handled"),
      errorWithCause: (i) => log.error({ err: errorWithCause(i) }, "Payment failed"),
      disabledDebug: () => log.debug({ payload: JSON.stringify(bigObject) }, "Payload"),
      template: (i) => log.info(`User ${i} bought ${i % 7} items`),
    },
  };
}

/** LogTape with its JSON Lines formatter, to a sink function. */
export async function logtapePeer(): Promise<Peer> {
  await logtapeConfigure({
    reset: true,
    sinks: { bench: (record) => sink.write(jsonLinesFormatter(record)) },
    loggers: [
      { category: ["auth"], sinks: ["bench"], lowestLevel: "info" },
      { category: ["api"], sinks: ["bench"], lowestLevel: "info" },
      { category: ["logtape", "meta"], sinks: [], lowestLevel: "error" },
    ],
    contextLocalStorage: new (await import("node:async_hooks")).AsyncLocalStorage(),
  });
  const log = logtapeGetLogger(["auth"]);
  const child = logtapeGetLogger(["api"]).with({ service: "checkout", region: "eu-west-1", version: "1.4.2" });
  return {
    name: "LogTape",
    inRequest: (fn) => logtapeWithContext({ requestId: "req-7f3a" }, fn),
    cases: {
      quickstart: (i) => log.info("User login", { userId: i, ip: "192.168.1.1", success: true }),
      messageOnly: () => log.info("Cache warmed"),
      tenFields: (i) => log.info("Order placed", tenFields(i)),
      childWithContext: (i) => child.info("Request handled", { status: 200, durationMs: i % 100 }),
      errorWithCause: (i) => log.error("Payment failed", { err: errorWithCause(i) }),
      disabledDebug: () => log.debug("Payload", { payload: JSON.stringify(bigObject) }),
      template: (i) => log.info(`User ${i} bought ${i % 7} items`),
    },
  };
}

/** tslog in JSON mode, console hidden, a transport writing JSON lines to the sink. */
export function tslogPeer(): Peer {
  const make = (name: string) => {
    const l = new TsLogger({ type: "hidden", name, minLevel: 3 });
    l.attachTransport((record: unknown) => {
      sink.write(JSON.stringify(record) + "\n");
    });
    return l;
  };
  const log = make("auth");
  const child = make("api").getSubLogger({ name: "api" });
  return {
    name: "tslog",
    cases: {
      quickstart: (i) => log.info({ userId: i, ip: "192.168.1.1", success: true }, "User login"),
      messageOnly: () => log.info("Cache warmed"),
      tenFields: (i) => log.info(tenFields(i), "Order placed"),
      childWithContext: (i) => child.info({ service: "checkout", region: "eu-west-1", version: "1.4.2", requestId: "req-7f3a", status: 200, durationMs: i % 100 }, "Request handled"),
      errorWithCause: (i) => log.error(errorWithCause(i), "Payment failed"),
      disabledDebug: () => log.debug({ payload: JSON.stringify(bigObject) }, "Payload"),
      template: (i) => log.info(`User ${i} bought ${i % 7} items`),
    },
  };
}
