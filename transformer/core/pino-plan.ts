/**
 * The plan for one call on a `logweave/pino` logger, in pino's argument order
 * (`log.info({ a, b: x }, "msg %s", y)`, `log.info("msg")`, `log.info(obj)`, `log.error(err, "msg")`).
 *
 * The same decisions as {@link planCall} makes for logweave's loggers, in pino's terms:
 * - a call below the build's `minLevel` is elided (none of its arguments is evaluated);
 * - an object literal first, then a string message (literal or template) and format arguments:
 *   a `"members"` site — the literal's members are passed one by one, their keys (and the keys'
 *   JSON text) are the site's static part, so the object is never built on the fast path;
 * - any other call: an `"args"` site — the arguments as written, in order, with the caller added;
 * - `isLevelEnabled`, a spread argument, an optional call in the receiver: left as written.
 * Interpolation, hooks, mixin, formatters, serializers and redaction stay run-time work of the
 * logger (`src/pino/site-access.ts`): the line is the plain call's, plus `caller`.
 */
import { LEVEL_VALUES } from "../../src/levels.js";
import type { CallSiteSpec, FieldSpec } from "../../src/site.js";
import type { ArgumentDescription, CallDescription } from "./call.js";
import { plain, planFields, withCaller, type CallPlan, type PlanOptions, type PlannedValue } from "./plan.js";

/** Plans one call on a `logweave/pino` logger. Never throws. */
export function planPinoCall<E>(call: CallDescription<E>, options: PlanOptions): CallPlan<E> {
  if (call.method === "isLevelEnabled") return { action: "leave", reason: "pino's isLevelEnabled is not folded" };
  const level = LEVEL_VALUES[call.method];
  if (level === undefined) return { action: "leave", reason: "not a standard level" };
  const args = call.arguments;
  if (args.some((a) => a.kind === "spread")) return { action: "leave", reason: "spread argument" };
  if (level < options.minLevelValue) return { action: "elide" };
  if (call.receiverChain === "call") return { action: "leave", reason: "optional call inside the receiver" };

  const values: PlannedValue<E>[] = [];
  let spec: { -readonly [K in keyof CallSiteSpec]: CallSiteSpec[K] } = { level, method: call.method, pino: "args" };
  const first = args[0] as Exclude<ArgumentDescription<E>, { kind: "spread" }> | undefined;
  const second = args[1] as Exclude<ArgumentDescription<E>, { kind: "spread" }> | undefined;
  const split = first?.kind === "object" && isStringMessage(second) ? planFields(first.members) : undefined;
  let precomputed = false;
  if (first?.kind === "object" && split !== undefined) {
    // Every member is passed (a literal one too): the logger's serializers and redaction get the value itself.
    const fields: FieldSpec[] = [];
    for (const member of first.members) {
      if (member.kind !== "property") return { action: "leave", reason: "unexpected member" };
      fields.push({ key: member.key, type: "any" });
      values.push({ expr: member.value.expr, hole: false, shorthandKey: member.shorthand === true ? member.key : undefined });
    }
    spec = { ...spec, pino: "members", fields };
    for (const a of args.slice(1)) values.push(plain((a as Exclude<ArgumentDescription<E>, { kind: "spread" }>).expr));
    precomputed = true;
  } else {
    for (const a of args) values.push(plain((a as Exclude<ArgumentDescription<E>, { kind: "spread" }>).expr));
  }
  if (options.caller) spec = withCaller(spec, call, options);
  return { action: "site", spec, values, optionalMethod: call.optionalMethod, receiverChain: call.receiverChain === "member", precomputed };
}

/** A message pino takes as a string whatever it holds: a string literal or a template literal. */
function isStringMessage<E>(arg: ArgumentDescription<E> | undefined): boolean {
  return arg !== undefined && ((arg.kind === "literal" && typeof arg.value === "string") || arg.kind === "template");
}
