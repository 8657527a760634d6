/**
 * A typical pino application: an HTTP service with a child logger per request, pino's standard
 * serializers, redaction of credentials, error logging with causes, debug lines, format strings.
 * test/pino-sample-app.test.ts runs it as written (with `pino`) and with its import replaced by
 * `logweave/pino`, and compares the lines. It serves a fixed list of requests to itself and exits.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";

class OrderError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "OrderError";
  }
}

const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  name: "orders",
  redact: { paths: ["req.headers.authorization", "req.headers.cookie", "payment.card", "*.password"], censor: "[hidden]" },
  serializers: { req: pino.stdSerializers.req, res: pino.stdSerializers.res, err: pino.stdSerializers.err },
});

const stock = new Map([
  ["apple", 3],
  ["pear", 0],
]);
let nextRequest = 1;

function reserve(item: string, qty: number): void {
  const left = stock.get(item);
  if (left === undefined) throw new OrderError(`unknown item ${item}`, "E_UNKNOWN");
  if (left < qty) {
    throw new OrderError("cannot reserve", "E_STOCK", { cause: new RangeError(`only ${left} ${item} left`) });
  }
  stock.set(item, left - qty);
}

const server = http.createServer((req, res) => {
  const log = logger.child({ reqId: `req-${nextRequest++}` });
  log.info({ req }, "request received");
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => (body += chunk));
  req.on("end", () => {
    try {
      if (req.method === "POST" && req.url === "/orders") {
        const order = JSON.parse(body) as { item: string; qty: number; user: { name: string; password: string }; payment: { card: string } };
        log.debug({ order }, "parsed order");
        reserve(order.item, order.qty);
        log.info({ item: order.item, qty: order.qty, user: order.user, payment: order.payment }, "reserved %d x %s", order.qty, order.item);
        res.statusCode = 201;
      } else if (req.method === "GET" && req.url === "/health") {
        log.trace("health check");
        res.statusCode = 200;
      } else {
        log.warn({ method: req.method, url: req.url }, "no route");
        res.statusCode = 404;
      }
    } catch (err) {
      log.error({ err }, "order failed");
      res.statusCode = err instanceof OrderError ? 409 : 400;
    }
    res.setHeader("content-type", "text/plain");
    res.end(String(res.statusCode));
    log.info({ res }, "request completed");
  });
});

/** Sends one request and waits for its answer. */
function send(port: number, method: string, url: string, body?: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { port, method, path: url, headers: { host: "orders.test", authorization: "Bearer s3cr3t", cookie: "sid=abc", "content-type": "application/json" }, agent: false },
      (response) => {
        response.resume();
        response.on("end", resolve);
      },
    );
    request.on("error", reject);
    request.end(body === undefined || typeof body === "string" ? body : JSON.stringify(body));
  });
}

server.listen(0, "127.0.0.1", async () => {
  const { port } = server.address() as AddressInfo;
  logger.info({ port: "<port>" }, "listening");
  const user = { name: "ada", password: "hunter2" };
  const payment = { card: "4111 1111 1111 1111" };
  await send(port, "GET", "/health");
  await send(port, "POST", "/orders", { item: "apple", qty: 2, user, payment });
  await send(port, "POST", "/orders", { item: "pear", qty: 1, user, payment });
  await send(port, "POST", "/orders", { item: "kiwi", qty: 1, user, payment });
  await send(port, "POST", "/orders", "{not json");
  await send(port, "DELETE", "/orders");
  server.close(() => {
    logger.info("stopped");
    logger.flush();
  });
});
