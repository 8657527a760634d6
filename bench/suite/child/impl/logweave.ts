/**
 * The scenarios as a logweave user writes them. The bench builds this file three ways: as
 * written (the untransformed runtime), and through the TypeScript plugin with caller metadata,
 * without it, and with `minLevel: "info"` (the disabled-debug case elided at build time).
 *
 * pino's scenarios keep pino's argument order where logweave takes it (`log.info({ hello })`,
 * `log.info(deep)`): that is how code migrating from pino reads. pino's printf-style calls
 * (`'hello %s %j %d'`) become template literals, logweave's way to put values in a message; `%j`
 * becomes `JSON.stringify`, as pino does it.
 */
import { configure, fileDestination, flush, flushSync, getLogger, withContext, type Logger, type LoggerOptions } from "logweave";
import { deepNested } from "../fixtures/deep-nested.js";
import { longString } from "../fixtures/long-string.js";
import { pinoPackageJson } from "../fixtures/pino-package.js";
import { bigObject, errorWithCause } from "../fixtures/values.js";
import type { Make, Prepared } from "../target.js";

/** Every logweave scenario. */
export const make: Make = async (id, target, options) => {
  const destination = target.kind === "sink" ? target.sink : fileDestination({ path: target.path });
  const format = (options.format ?? "json") as NonNullable<LoggerOptions["format"]>;
  // pino writes a 24 KB message whole; logweave cuts strings at 10,000 characters by default.
  // Raised for that scenario, so both write the same line (the content check compares them).
  const limits = id === "multi-arg-deep" ? { maxStringLength: 1_000_000 } : undefined;
  configure({ destination, format, level: "info", limits });
  const prepared = (op: (i: number) => void, linesPerOp = 1, counters?: () => Record<string, number>): Prepared => ({
    op,
    linesPerOp,
    flushSync,
    // Resolves once every line written so far reached the file (nothing in flight; no fsync).
    settle: target.kind === "fd" ? flush : undefined,
    counters,
  });
  const log = getLogger();
  const world = "world";
  const obj = { obj: true };
  const four = 4;
  switch (id) {
    // pino's benchmarks/ (pino's own calls; see the catalog in bench/suite/scenarios.ts).
    case "basic":
      return prepared(() => log.info("hello world"));
    case "object":
      return prepared(() => log.info({ hello: "world" }));
    case "deep-object":
      return prepared(() => log.info(pinoPackageJson));
    case "long-string":
      return prepared(() => log.info(longString));
    case "multi-arg-interpolate":
      return prepared(() => log.info(`hello ${world}`));
    case "multi-arg-all":
      return prepared(() => log.info(`hello ${world} ${JSON.stringify(obj)} ${four}`));
    case "multi-arg-extra":
      // pino drops the argument that has no placeholder; so does this line.
      return prepared(() => log.info(`hello ${world} ${JSON.stringify(obj)} ${four}`));
    case "multi-arg-deep":
      return prepared(() => log.info(`hello ${JSON.stringify(deepNested)}`));
    case "child": {
      const child = log.child({ a: "property" });
      return prepared(() => child.info({ hello: "world" }));
    }
    case "child-child": {
      const child = log.child({ a: "property" }).child({ sub: "child" });
      return prepared(() => child.info({ hello: "world" }));
    }
    case "child-creation":
      return prepared(() => {
        const child = log.child({ a: "property" });
        for (let k = 0; k < 10; k++) child.info({ hello: "world" });
      }, 10);
    case "formatters":
      // pino's formatters reshape level, pid and hostname and add a field to every line;
      // logweave's nearest documented setup is a line format that names them so (ECS), plus a base field.
      configure({ format: "ecs", base: { foo: "bar" } });
      return prepared(() => log.info({ hello: "world" }));
    // logweave's scenarios.
    case "quickstart": {
      const auth = getLogger("auth");
      return prepared((i) => auth.info("User login", { userId: i, ip: "192.168.1.1", success: true }));
    }
    case "quickstart-pino-order": {
      const auth = getLogger("auth");
      return prepared((i) => auth.info({ userId: i, ip: "192.168.1.1", success: true }, "User login"));
    }
    case "error-cause": {
      const auth = getLogger("auth");
      return prepared((i) => auth.error("Payment failed", { err: errorWithCause(i) }));
    }
    case "request-scope": {
      const api = getLogger("api");
      return prepared((i) => withContext({ requestId: `req-${i}` }, () => handleRequest(api, i)), 5);
    }
    case "ten-fields": {
      const auth = getLogger("auth");
      return prepared((i) =>
        auth.info("Order placed", {
          orderId: i, sku: "SKU-123", customer: `c-${i}`, qty: 2, total: i * 2.5,
          express: true, gift: i % 2 === 0, currency: "EUR", region: { zone: "eu-west-1", dc: i % 3 }, channel: "web",
        }),
      );
    }
    case "template": {
      const auth = getLogger("auth");
      return prepared((i) => auth.info(`User ${i} bought ${i % 7} items`));
    }
    case "disabled-debug": {
      const auth = getLogger("auth");
      let evaluated = 0;
      return prepared(
        () => auth.debug("Payload", { payload: JSON.stringify(bigObject), n: ++evaluated }),
        0,
        () => ({ evaluated }),
      );
    }
    case "caller": {
      const auth = getLogger("auth");
      return prepared((i) => auth.info("User login", { userId: i, ip: "192.168.1.1", success: true }));
    }
    case "shared-site-configs": {
      const auth = getLogger("auth");
      const other = getLogger("auth-other", { limits: { maxDepth: 9 } });
      return prepared((i) => login(i % 2 === 0 ? auth : other, i));
    }
    case "shared-site-names": {
      const auth = getLogger("auth");
      const other = getLogger("auth-2");
      return prepared((i) => login(i % 2 === 0 ? auth : other, i));
    }
    default:
      return undefined;
  }
};

/** One call site reached through loggers of different configurations or names. */
function login(l: Logger, i: number): void {
  l.info("User login", { userId: i, ip: "192.168.1.1", success: true });
}

/** The five lines of one request (the request-scope scenario). */
function handleRequest(log: Logger, i: number): void {
  log.info("request received", { method: "GET", url: "/api/orders" });
  log.info("user loaded", { userId: i });
  log.info("cache miss", { key: "orders:" + i });
  log.info("query done", { rows: 12, ms: 3 });
  log.info("request completed", { status: 200, durationMs: 7 });
}
