/**
 * The scenarios as pino's users write them (pino's own benchmark calls, from pino's
 * `benchmarks/` folder), with pino's defaults, in its documented fast setups for a file:
 * `pino.destination({ dest, sync: true })` and `pino.destination({ dest, minLength: 4096, sync: false })`.
 */
import pino from "pino";
import * as pinoCallerModule from "pino-caller";
import { deepNested } from "../fixtures/deep-nested.js";
import { longString } from "../fixtures/long-string.js";
import { pinoPackageJson } from "../fixtures/pino-package.js";
import { bigObject, errorWithCause, tenFields } from "../fixtures/values.js";
import { openPinoFile } from "../pino-file.js";
import type { Make, Prepared } from "../target.js";

/** pino's formatters scenario (benchmarks/formatters.bench.js). */
const formatters = {
  level(label: string) {
    return { log: { level: label } };
  },
  bindings(bindings: pino.Bindings) {
    return { process: { pid: bindings.pid }, host: { name: bindings.hostname } };
  },
  log(obj: Record<string, unknown>) {
    return { foo: "bar", ...obj };
  },
};

/** Every pino scenario. */
export const make: Make = async (id, target, options) => {
  let stream: pino.DestinationStream;
  let flushSync = (): void => {};
  let settle: (() => Promise<void>) | undefined;
  if (target.kind === "sink") {
    stream = target.sink;
  } else {
    const file = await openPinoFile(target.path, target.pino ?? "sync");
    stream = file.stream;
    flushSync = file.flushSync;
    settle = file.settle;
  }
  // A logger that has had a child: pino's child() is Object.create(parent).
  const state = <T extends pino.Logger>(l: T): T => {
    if (options.primed) l.child({});
    return l;
  };
  const prepared = (op: (i: number) => void, linesPerOp = 1, counters?: () => Record<string, number>): Prepared => ({
    op,
    linesPerOp,
    flushSync,
    settle,
    counters,
  });
  switch (id) {
    case "basic": {
      const log = state(pino({}, stream));
      return prepared(() => log.info("hello world"));
    }
    case "object": {
      const log = state(pino({}, stream));
      return prepared(() => log.info({ hello: "world" }));
    }
    case "deep-object": {
      const log = state(pino({}, stream));
      return prepared(() => log.info(pinoPackageJson));
    }
    case "long-string": {
      const log = state(pino({}, stream));
      return prepared(() => log.info(longString));
    }
    case "multi-arg-interpolate": {
      const log = state(pino({}, stream));
      return prepared(() => log.info("hello %s", "world"));
    }
    case "multi-arg-all": {
      const log = state(pino({}, stream));
      return prepared(() => log.info("hello %s %j %d", "world", { obj: true }, 4));
    }
    case "multi-arg-extra": {
      // pino's types refuse an argument past the placeholders; pino's benchmark passes one.
      const log = state(pino({}, stream)) as unknown as { info(...args: unknown[]): void };
      return prepared(() => log.info("hello %s %j %d", "world", { obj: true }, 4, { another: "obj" }));
    }
    case "multi-arg-deep": {
      const log = state(pino({}, stream));
      return prepared(() => log.info("hello %j", deepNested));
    }
    case "child": {
      const child = state(pino({}, stream).child({ a: "property" }));
      return prepared(() => child.info({ hello: "world" }));
    }
    case "child-child": {
      const child = state(pino({}, stream).child({ a: "property" }).child({ sub: "child" }));
      return prepared(() => child.info({ hello: "world" }));
    }
    case "child-creation": {
      const log = state(pino({}, stream));
      return prepared(() => {
        const child = log.child({ a: "property" });
        for (let k = 0; k < 10; k++) child.info({ hello: "world" });
      }, 10);
    }
    case "formatters": {
      const log = state(pino({ formatters }, stream));
      return prepared(() => log.info({ hello: "world" }));
    }
    case "quickstart":
    case "quickstart-pino-order": {
      const log = state(pino({ name: "auth" }, stream));
      return prepared((i) => log.info({ userId: i, ip: "192.168.1.1", success: true }, "User login"));
    }
    case "error-cause": {
      const log = state(pino({ name: "auth" }, stream));
      return prepared((i) => log.error({ err: errorWithCause(i) }, "Payment failed"));
    }
    case "request-scope": {
      // pino's way to put a request id on every line of a request: a child per request.
      const log = state(pino({ name: "api" }, stream));
      return prepared((i) => handleRequest(log.child({ requestId: `req-${i}` }), i), 5);
    }
    case "ten-fields": {
      const log = state(pino({ name: "auth" }, stream));
      return prepared((i) => log.info(tenFields(i), "Order placed"));
    }
    case "template": {
      const log = state(pino({ name: "auth" }, stream));
      return prepared((i) => log.info(`User ${i} bought ${i % 7} items`));
    }
    case "disabled-debug": {
      const log = state(pino({ name: "auth" }, stream));
      let evaluated = 0;
      return prepared(() => log.debug({ payload: JSON.stringify(bigObject), n: ++evaluated }, "Payload"), 0, () => ({ evaluated }));
    }
    case "caller": {
      // pino's documented way to a call site on each line: pino-caller (reads a stack per call).
      const pinoCaller = ((pinoCallerModule as { default?: unknown }).default ?? pinoCallerModule) as (l: pino.Logger, o: object) => pino.Logger;
      const log = pinoCaller(state(pino({ name: "auth" }, stream)), { relativeTo: process.cwd() });
      return prepared((i) => log.info({ userId: i, ip: "192.168.1.1", success: true }, "User login"));
    }
    default:
      return undefined;
  }
};

/** The five lines of one request (the request-scope scenario). */
function handleRequest(log: pino.Logger, i: number): void {
  log.info({ method: "GET", url: "/api/orders" }, "request received");
  log.info({ userId: i }, "user loaded");
  log.info({ key: "orders:" + i }, "cache miss");
  log.info({ rows: 12, ms: 3 }, "query done");
  log.info({ status: 200, durationMs: 7 }, "request completed");
}
