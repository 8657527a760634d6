/**
 * The scenarios: pino's own benchmark suite (pino's `benchmarks/` folder, pino 10.4.0 as
 * installed in node_modules) and logweave's own. Each is implemented by every implementation
 * module in bench/suite/child/impl/ under the same id.
 */

/** Where a scenario's lines go. */
export type Dest = "sink" | "fd";

import type { ContentKind } from "./content.js";

/** One scenario. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** The call, as pino's benchmark (or logweave's user) writes it. */
  readonly call: string;
  /** pino's benchmark file it comes from, when it does. */
  readonly pinoFile?: string;
  readonly dests: readonly Dest[];
  /** Scenarios held to the goals (transformed ≥ 2x pino, never slower). */
  readonly goal: boolean;
  /** How the content check reads its lines. */
  readonly content: Exclude<ContentKind, "logfmt">;
  /** What a reader of its table needs to know. */
  readonly note?: string;
}

const BOTH: readonly Dest[] = ["sink", "fd"];

/** Every scenario, in table order. */
export const SCENARIOS: readonly Scenario[] = [
  { id: "basic", title: "basic", call: `log.info("hello world")`, pinoFile: "basic.bench.js", dests: BOTH, goal: true, content: "fields" },
  { id: "object", title: "object", call: `log.info({ hello: "world" })`, pinoFile: "object.bench.js", dests: BOTH, goal: true, content: "fields" },
  {
    id: "deep-object", title: "deep-object", call: "log.info(deep) — pino's package.json, 3.4 KB of JSON", pinoFile: "deep-object.bench.js", dests: BOTH, goal: true, content: "fields",
    note: "pino's benchmark adds `level: \"info\"` to the object, which makes pino write a second `level` key; it is left out here so lines compare field by field.",
  },
  { id: "long-string", title: "long-string", call: "log.info(longString) — 2,000 random bytes as UTF-8", pinoFile: "long-string.bench.js", dests: BOTH, goal: true, content: "fields" },
  { id: "multi-arg-interpolate", title: "multi-arg: interpolate", call: `pino: log.info("hello %s", "world") · logweave: log.info(\`hello \${world}\`)`, pinoFile: "multi-arg.bench.js", dests: BOTH, goal: true, content: "fields" },
  { id: "multi-arg-all", title: "multi-arg: interpolate all", call: `pino: log.info("hello %s %j %d", "world", { obj: true }, 4) · logweave: a template literal, %j as JSON.stringify`, pinoFile: "multi-arg.bench.js", dests: BOTH, goal: true, content: "fields" },
  {
    id: "multi-arg-extra", title: "multi-arg: interpolate extra", call: `pino: log.info("hello %s %j %d", "world", { obj: true }, 4, { another: "obj" })`, pinoFile: "multi-arg.bench.js", dests: BOTH, goal: true, content: "fields",
    note: "pino drops the argument that has no placeholder; logweave's call is the same template literal as in \"interpolate all\".",
  },
  {
    id: "multi-arg-deep", title: "multi-arg: interpolate deep", call: `pino: log.info("hello %j", deep) · logweave: log.info(\`hello \${JSON.stringify(deep)}\`) — 24 KB message`, pinoFile: "multi-arg.bench.js", dests: BOTH, goal: true, content: "fields",
    note: "logweave cuts strings at 10,000 characters by default; this scenario raises `limits.maxStringLength` so both write the whole 24 KB message.",
  },
  { id: "child", title: "child", call: `log.child({ a: "property" }).info({ hello: "world" })`, pinoFile: "child.bench.js", dests: BOTH, goal: true, content: "fields" },
  { id: "child-child", title: "child-child", call: `log.child({ a: "property" }).child({ sub: "child" }).info({ hello: "world" })`, pinoFile: "child-child.bench.js", dests: BOTH, goal: true, content: "fields" },
  {
    id: "child-creation", title: "child-creation (per op: a child + 10 lines)", call: `const c = log.child({ a: "property" }); 10 × c.info({ hello: "world" })`, pinoFile: "child-creation.bench.js", dests: BOTH, goal: true, content: "fields",
    note: "As in pino's benchmark, one operation makes a child and writes 10 lines with it; times are per operation.",
  },
  {
    id: "formatters", title: "formatters", call: "pino: formatters for level, bindings and log · logweave: format \"ecs\" + base { foo }", pinoFile: "formatters.bench.js", dests: BOTH, goal: true, content: "fields",
    note: "pino's formatters write `log.level`, `process.pid`, `host.name` and add `foo`; logweave's nearest documented setup is the ECS format (`log.level`, `process.pid`, `host.hostname`) with `base: { foo: \"bar\" }`. The content check compares level, `foo` and `hello`.",
  },
  { id: "quickstart", title: "quickstart", call: `log.info("User login", { userId, ip, success }) · pino: log.info({ userId, ip, success }, "User login")`, dests: BOTH, goal: true, content: "fields" },
  { id: "quickstart-pino-order", title: "quickstart, pino's argument order", call: `log.info({ userId, ip, success }, "User login") in both`, dests: BOTH, goal: true, content: "fields" },
  {
    id: "error-cause", title: "Error with cause", call: `log.error("Payment failed", { err: new Error("card declined", { cause }) }) · pino: log.error({ err }, "Payment failed")`, dests: BOTH, goal: true, content: "error",
    note: "Both errors are made in the operation (as a failing call makes them); most of the time is V8 capturing and formatting the two stacks. pino's serializer folds the cause into the message and stack (`caused by:`); logweave writes it under `err.cause`. The content check asks both for the two messages and the two stacks.",
  },
  {
    id: "request-scope", title: "request scope (per op: 5 lines)", call: "logweave: withContext({ requestId }, () => 5 lines) · pino: log.child({ requestId }) + 5 lines", dests: BOTH, goal: true, content: "fields",
    note: "One operation is one request: its request id bound once (logweave `withContext`, pino a child per request), then 5 lines with one or two fields each; times are per operation.",
  },
  // logweave's own cases (the in-process sink only).
  { id: "ten-fields", title: "ten fields, half static", call: `log.info("Order placed", { …10 fields })`, dests: ["sink"], goal: false, content: "fields" },
  { id: "template", title: "template message, two holes", call: "log.info(`User ${i} bought ${i % 7} items`)", dests: ["sink"], goal: false, content: "fields" },
  {
    id: "disabled-debug", title: "disabled debug, expensive argument", call: `log.debug("Payload", { payload: JSON.stringify(big) })`, dests: ["sink"], goal: false, content: "fields",
    note: "The floor is an empty operation (one loop iteration). Elided calls are gone from the code; a runtime-disabled transformed call checks the level before its arguments run.",
  },
  { id: "caller", title: "call-site info (quickstart)", call: "logweave transformed (caller inlined) · pino with pino-caller (a stack per call)", dests: ["sink"], goal: false, content: "fields" },
  { id: "shared-site-configs", title: "one site, loggers of two configurations", call: "login(l, i) called with two loggers of different limits, alternately", dests: ["sink"], goal: false, content: "fields" },
  { id: "shared-site-names", title: "one site, two loggers of one configuration", call: "login(l, i) called with loggers \"auth\" and \"auth-2\", alternately", dests: ["sink"], goal: false, content: "fields" },
];

/** The line formats of the formats table (the quickstart scenario in each). */
export const FORMATS = ["json", "ecs", "otel", "gcp", "logfmt"] as const;
