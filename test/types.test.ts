/**
 * The public types under `strict`, checked by `tsc` (`npm run typecheck` type-checks `test/`):
 * what users write compiles — an `unknown` caught error, fields typed by an interface or a class,
 * pino's argument order — and misuse does not (`@ts-expect-error` fails the type check when the
 * line it marks compiles). The runtime part only makes sure each line runs without throwing.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { configure, getLogger, Logger, memoryDestination, withContext, type Fields, type LoggerOptions } from "../src/index.js";

interface User {
  readonly id: number;
  readonly name: string;
}

class Order {
  constructor(readonly id: string, readonly total: number) {}
}

describe("public types", () => {
  it("accept what pino accepts: unknown errors, interface and class-typed fields, pino's order", () => {
    configure({ destination: memoryDestination(), level: "trace" });
    const log = getLogger("types");
    expectTypeOf(log).toEqualTypeOf<Logger>();
    try {
      throw new Error("x");
    } catch (err) {
      expectTypeOf(err).toBeUnknown();
      log.error(err);
      log.error("failed", err);
      log.error(err, "failed");
    }
    const user: User = { id: 1, name: "ann" };
    log.info("user", user);
    log.info(user, "user, pino's order");
    log.info("order", new Order("o-1", 9.5));
    log.child(user).warn("bound");
    log.child(new Order("o-2", 1), { level: "debug" }).debug("bound to a class instance");
    withContext(user as never, () => log.info("in context"));
    expectTypeOf<User>().toMatchTypeOf<Fields>();
    expectTypeOf(log.isLevelEnabled("debug")).toBeBoolean();
    expectTypeOf(log.level).toEqualTypeOf<LoggerOptions["level"] & string>();
    expect(true).toBe(true);
  });

  it("refuse misuse", () => {
    const log = getLogger("types");
    // @ts-expect-error -- three arguments: (message, fields) or (fields, message) only
    expect(() => log.info("a", { b: 1 }, 3)).not.toThrow();
    // @ts-expect-error -- the constructor is private: loggers come from getLogger() and child()
    const made = new Logger("x", undefined); // (plain JavaScript can still make one: a working logger)
    expect(made).toBeInstanceOf(Logger);
    // @ts-expect-error -- not a level
    expect(() => configure({ level: "verbose" })).toThrow(TypeError);
    // @ts-expect-error -- not an option
    expect(() => configure({ colour: true })).toThrow(TypeError);
    // @ts-expect-error -- child() takes only a level
    expect(() => log.child({}, { format: "json" })).toThrow(TypeError);
  });
});
