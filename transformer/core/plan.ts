/**
 * The plan for one call: the decisions a front end must not make on its own.
 *
 * From a neutral {@link CallDescription} and the options, decide whether the call disappears
 * (elided level), folds to a constant (`isLevelEnabled` of an elided level), stays as written
 * (a shape the runtime's positional entry cannot take), or becomes a hoisted call site plus a
 * positional call. For a site, the plan holds the finished {@link CallSiteSpec} and the
 * expressions the call passes, in the order the runtime reads them: the template holes (or the
 * dynamic message), then the dynamic field values (or the whole fields argument).
 */
import type { CallSiteSpec, DynamicType, FieldSpec } from "../../src/site.js";
import { LEVEL_VALUES, parseLevel } from "../../src/levels.js";
import { quote } from "../../src/json-string.js";
import type { ArgumentDescription, CallDescription, MemberDescription } from "./call.js";
import { callerFile, functionName } from "./caller.js";
import { isReorderedKey, staticJson } from "./static-json.js";

/** What planning needs from the options. */
export interface PlanOptions {
  /** Level number below which calls are elided. */
  readonly minLevelValue: number;
  /** Inline caller metadata. */
  readonly caller: boolean;
  /** Absolute directory `file` is relative to. */
  readonly root: string;
}

/** Leave the call exactly as written (`reason` says why, for reports and tests). */
export interface LeavePlan {
  readonly action: "leave";
  readonly reason: string;
}

/** Remove the call: a statement disappears, an expression becomes `void 0`. No argument is evaluated. */
export interface ElidePlan {
  readonly action: "elide";
}

/** Replace the call with a constant (`isLevelEnabled` of an elided level: `false`). */
export interface FoldPlan {
  readonly action: "fold";
  readonly value: boolean;
}

/**
 * One expression the rewritten call passes, in order, and what rebuilding the call's original
 * arguments from it needs.
 */
export interface PlannedValue<E> {
  readonly expr: E;
  /** A template hole: passed converted to a string where the template would convert it (`` `${expr}` ``). */
  readonly hole: boolean;
  /** The key of a shorthand field (`{ userId }`): rebuilt as `userId: value`. */
  readonly shorthandKey: string | undefined;
}

/**
 * Replace the call with `__lw_on(site, receiver)?.(site, ...values)` (see `site-source.ts`) and
 * hoist the site function, whose spec is `spec` and whose `args` rebuilds the call's arguments.
 */
export interface SitePlan<E> {
  readonly action: "site";
  readonly spec: CallSiteSpec;
  /** The expressions passed after the site, in order. */
  readonly values: readonly PlannedValue<E>[];
  /** The call was written `receiver?.method(…)`: a nullish receiver ends it. */
  readonly optionalMethod: boolean;
  /**
   * An optional chain runs through the receiver (`a?.log.info(…)`): the part before its last `?.`
   * is held in the file's temporary, and the call happens only when that is not nullish.
   */
  readonly receiverChain: boolean;
  /**
   * True when message and fields are fully precomputed (static or template message, fields
   * split); false for a fallback (dynamic message or fields passed whole).
   */
  readonly precomputed: boolean;
}

/** The plan for one call. */
export type CallPlan<E> = LeavePlan | ElidePlan | FoldPlan | SitePlan<E>;

/** Plans one call. Never throws. */
export function planCall<E>(call: CallDescription<E>, options: PlanOptions): CallPlan<E> {
  const args = call.arguments;
  if (call.method === "isLevelEnabled") {
    const arg = args[0];
    if (args.length !== 1 || arg.kind !== "literal" || typeof arg.value !== "string") {
      return leave("isLevelEnabled folds only with one literal level name");
    }
    const level = parseLevel(arg.value);
    if (level === undefined || level === Infinity || level >= options.minLevelValue) {
      return leave("isLevelEnabled of a level the build keeps");
    }
    // `log?.isLevelEnabled(…)` is `undefined` without a logger; `false` would change that.
    if (call.optional) return leave("isLevelEnabled in an optional chain");
    return { action: "fold", value: false };
  }

  if (args.some((a) => a.kind === "spread")) return leave("spread argument");
  if (args.length < 1 || args.length > 2) return leave(`expected (message, fields?), got ${args.length} arguments`);
  const level = LEVEL_VALUES[call.method];
  if (level < options.minLevelValue) return { action: "elide" };
  // `f?.().info(…)`: the part before `?.` cannot be held in a temporary without losing its `this`.
  if (call.receiverChain === "call") return leave("optional call inside the receiver");

  const first = args[0] as Exclude<ArgumentDescription<E>, { kind: "spread" }>;
  const second = args[1] as Exclude<ArgumentDescription<E>, { kind: "spread" }> | undefined;
  // pino's order, `log.info({ a }, "msg")` or `log.info({ a })`: an object literal first, then a
  // message (or none). Planned like message first; the values still go in source order.
  const fieldsFirst = first.kind === "object" && (second === undefined || (second.kind === "literal" && typeof second.value === "string") || second.kind === "template");
  const message = fieldsFirst ? (second ?? { kind: "literal" as const, value: "", expr: first.expr }) : first;
  const fieldsArg = fieldsFirst ? first : second;
  const values: PlannedValue<E>[] = [];
  let spec: { -readonly [K in keyof CallSiteSpec]: CallSiteSpec[K] } = { level, method: call.method };
  if (fieldsFirst) spec.fieldsFirst = true;
  let staticMessage = true;
  const holes: PlannedValue<E>[] = [];

  if (message.kind === "literal" && typeof message.value === "string") {
    spec.msg = quote(message.value);
  } else if (message.kind === "template") {
    spec.template = message.parts.map((p) => quote(p).slice(1, -1));
    for (const hole of message.holes) holes.push({ expr: hole, hole: true, shorthandKey: undefined });
  } else {
    // A dynamic message: the runtime applies its argument rules (pino order, Error as message)
    // to the message and the fields object together, so the fields go whole.
    staticMessage = false;
    values.push(plain(message.expr));
  }

  let splitFields = false;
  const fieldValues: PlannedValue<E>[] = [];
  if (fieldsArg !== undefined) {
    const split = staticMessage && fieldsArg.kind === "object" ? planFields(fieldsArg.members) : undefined;
    if (split !== undefined) {
      spec.fields = split.fields;
      fieldValues.push(...split.values);
      splitFields = true;
    } else {
      spec.fields = "object";
      fieldValues.push(plain(fieldsArg.expr));
    }
  }
  // In source order: the arguments are evaluated as written.
  if (fieldsFirst) values.push(...fieldValues, ...holes);
  else values.push(...holes, ...fieldValues);

  if (options.caller) spec = withCaller(spec, call, options);
  return { action: "site", spec, values, optionalMethod: call.optionalMethod, receiverChain: call.receiverChain === "member", precomputed: staticMessage && (fieldsArg === undefined || splitFields) };
}

/**
 * Splits an object literal into field specs, or returns `undefined` when the literal must be
 * passed whole: a spread, computed key, method or accessor; a duplicate key; a key JavaScript
 * would move (array index) or that sets the prototype; an anonymous function that takes its
 * name from its key.
 */
export function planFields<E>(
  members: readonly MemberDescription<E>[],
): { fields: FieldSpec[]; values: PlannedValue<E>[] } | undefined {
  const fields: FieldSpec[] = [];
  const values: PlannedValue<E>[] = [];
  const seen = new Set<string>();
  for (const member of members) {
    if (member.kind !== "property") return undefined;
    const key = member.key;
    if (seen.has(key) || isReorderedKey(key)) return undefined;
    seen.add(key);
    const value = member.value;
    if (value.kind === "anonymous-function") return undefined;
    const json = staticJson(value);
    if (json !== undefined) {
      fields.push({ key, json });
      continue;
    }
    const type: DynamicType = value.kind === "expression" ? value.type : value.kind === "template" ? "string" : "any";
    fields.push({ key, type });
    values.push({ expr: value.expr, hole: false, shorthandKey: member.shorthand === true ? key : undefined });
  }
  return { fields, values };
}

/** `spec` with the call's site: file (relative to the root), line, column, enclosing function. */
export function withCaller<E>(spec: CallSiteSpec, call: CallDescription<E>, options: PlanOptions): CallSiteSpec {
  return {
    ...spec,
    file: callerFile(options.root, call.location.file),
    line: call.location.line,
    column: call.location.column,
    function: functionName(call.enclosing),
  };
}

/** A value passed as it is (not a template hole, no shorthand key). */
export function plain<E>(expr: E): PlannedValue<E> {
  return { expr, hole: false, shorthandKey: undefined };
}

function leave(reason: string): LeavePlan {
  return { action: "leave", reason };
}
