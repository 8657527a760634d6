/**
 * The benchmark cases as a logweave user writes them. `bench/run.ts` imports this file three
 * ways: as written (untransformed runtime), built through the TypeScript plugin with caller
 * metadata, and built without caller metadata — and with `minLevel: "info"` for the elided case.
 */
import { configure, getLogger, withContext, type Destination, type Logger } from "logweave";

/** Points logweave at the benchmark sink. */
export function setup(destination: Destination): void {
  configure({ destination, format: "json", level: "info" });
}

const log = getLogger("auth");
// The same logger in the other line formats (per-logger options: configure() is global).
const ecsLog = getLogger("auth-ecs", { format: "ecs" });
const otelLog = getLogger("auth-otel", { format: "otel" });
const gcpLog = getLogger("auth-gcp", { format: "gcp" });
const logfmtLog = getLogger("auth-logfmt", { format: "logfmt" });
const child = getLogger("api").child({ service: "checkout", region: "eu-west-1", version: "1.4.2" });
// One call site reached through loggers of two configurations, and through two loggers of one.
const otherConfig = getLogger("auth-other", { limits: { maxDepth: 9 } });
const otherName = getLogger("auth-2");
function login(l: Logger, i: number): void {
  l.info("User login", { userId: i, ip: "192.168.1.1", success: true });
}
const bigObject = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ["a", "b"] })) };
let evaluated = 0;

/** Case functions, each logging one line (or none, for disabled levels) for iteration `i`. */
export const cases = {
  quickstart: (i: number) => log.info("User login", { userId: i, ip: "192.168.1.1", success: true }),
  messageOnly: (_i: number) => log.info("Cache warmed"),
  tenFields: (i: number) =>
    log.info("Order placed", {
      orderId: i, sku: "SKU-123", customer: `c-${i}`, qty: 2, total: i * 2.5,
      express: true, gift: i % 2 === 0, currency: "EUR", region: { zone: "eu-west-1", dc: i % 3 }, channel: "web",
    }),
  childWithContext: (i: number) => child.info("Request handled", { status: 200, durationMs: i % 100 }),
  errorWithCause: (i: number) => log.error("Payment failed", { err: new Error("card declined", { cause: new Error(`issuer timeout ${i}`) }) }),
  disabledDebug: (_i: number) => log.debug("Payload", { payload: JSON.stringify(bigObject), n: ++evaluated }),
  template: (i: number) => log.info(`User ${i} bought ${i % 7} items`),
  quickstartEcs: (i: number) => ecsLog.info("User login", { userId: i, ip: "192.168.1.1", success: true }),
  quickstartOtel: (i: number) => otelLog.info("User login", { userId: i, ip: "192.168.1.1", success: true }),
  quickstartGcp: (i: number) => gcpLog.info("User login", { userId: i, ip: "192.168.1.1", success: true }),
  sharedSiteOneLogger: (i: number) => login(i % 2 === 0 ? log : log, i),
  sharedSiteTwoConfigs: (i: number) => login(i % 2 === 0 ? log : otherConfig, i),
  sharedSiteTwoNames: (i: number) => login(i % 2 === 0 ? log : otherName, i),
  quickstartLogfmt: (i: number) => logfmtLog.info("User login", { userId: i, ip: "192.168.1.1", success: true }),
};

/** Runs `fn` inside a request scope (case 4). */
export function inRequest<T>(fn: () => T): T {
  return withContext({ requestId: "req-7f3a" }, fn);
}

/** How many times the expensive argument of the disabled case was evaluated. */
export function evaluations(): number {
  return evaluated;
}
