/**
 * The neutral description of one logger call, as a front end reads it from its syntax tree.
 *
 * A front end (TypeScript, SWC) finds a call on a logweave logger and describes it with these
 * types: which method, each argument's shape, where the call is. The core decides everything
 * else (see `plan.ts`). `E` is the front end's own handle on an expression (a TypeScript node,
 * an SWC span): the core never looks inside one, it only hands handles back in the plan, in the
 * order the emitted call must pass them.
 */
import type { DynamicType } from "../../src/site.js";
import type { LevelName } from "../../src/levels.js";

/** The logger methods a front end reports: the six level methods and `isLevelEnabled`. */
export type LoggerMethod = LevelName | "isLevelEnabled";

/** The method names a front end looks for before asking its resolver (a cheap syntactic filter). */
export const LOGGER_METHODS: ReadonlySet<string> = new Set<LoggerMethod>([
  "trace",
  "debug",
  "info",
  "warn",
  "error",
  "fatal",
  "isLevelEnabled",
]);

/**
 * A logger method name after a dot (`.info`, `. warn`): a file without one cannot hold a logger
 * call, and both front ends skip it unread. Made from {@link LOGGER_METHODS}.
 */
export const MAYBE_LOGGER_CALL = new RegExp(`\\.\\s*(?:${[...LOGGER_METHODS].join("|")})\\b`);

/**
 * A literal: a string (string literal or template without holes, cooked text), a number
 * (numeric literal, with a leading `-` or `+` folded in; `1e400` is `Infinity`), a boolean, `null`.
 */
export interface LiteralValue<E> {
  readonly kind: "literal";
  readonly value: string | number | boolean | null;
  readonly expr: E;
}

/** An untagged template literal with at least one hole. */
export interface TemplateValue<E> {
  readonly kind: "template";
  /** The static parts, cooked (escapes resolved), holes + 1 of them. */
  readonly parts: readonly string[];
  /** The hole expressions, in order. */
  readonly holes: readonly E[];
  readonly expr: E;
}

/** An object literal, member by member, in written order. */
export interface ObjectValue<E> {
  readonly kind: "object";
  readonly members: readonly MemberDescription<E>[];
  readonly expr: E;
}

/**
 * One member of an object literal. `property` is `key: value` or shorthand `key` with a key the
 * front end can spell statically (identifier, string literal, numeric literal as `String(n)`);
 * every other member is named only by what it is.
 */
export type MemberDescription<E> =
  | {
      readonly kind: "property";
      readonly key: string;
      readonly value: ValueDescription<E>;
      /** Written `{ key }`: the value is the key's identifier, and rebuilding it needs `key: …`. */
      readonly shorthand?: boolean;
    }
  | { readonly kind: "spread" | "computed" | "method" | "accessor" };

/** An array literal, item by item. */
export interface ArrayValue<E> {
  readonly kind: "array";
  readonly items: readonly (ValueDescription<E> | { readonly kind: "spread" } | { readonly kind: "hole" })[];
  readonly expr: E;
}

/**
 * An anonymous function, arrow function or class expression. Such a value takes its `name`
 * from the property it is written under, so moving it out of its object literal would change it.
 */
export interface AnonymousFunctionValue<E> {
  readonly kind: "anonymous-function";
  readonly expr: E;
}

/** Any other expression; `type` is what the front end could prove about its value (`any`: nothing). */
export interface ExpressionValue<E> {
  readonly kind: "expression";
  readonly type: DynamicType;
  readonly expr: E;
}

/**
 * A value as written in the source. Front ends look through syntax that does not exist at run
 * time (parentheses, `as`, `satisfies`, `!`) before choosing a kind, but keep the whole written
 * expression as `expr`.
 */
export type ValueDescription<E> =
  | LiteralValue<E>
  | TemplateValue<E>
  | ObjectValue<E>
  | ArrayValue<E>
  | AnonymousFunctionValue<E>
  | ExpressionValue<E>;

/** One argument of the call: a value, or a spread (`...args`), which the core never rewrites. */
export type ArgumentDescription<E> = ValueDescription<E> | { readonly kind: "spread" };

/** Where the call is: its first character in the original source. */
export interface CallLocation {
  /** The source file's path, absolute (either slash). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units (as editors and V8 stack traces count). */
  readonly column: number;
}

/**
 * One function around the call (see `caller.ts` for how a chain becomes a name).
 * `name` is the function's own name or the name it is bound to (variable, property, class
 * member, `default` for a default export); `undefined` when it has none.
 */
export interface EnclosingFunction {
  readonly name: string | undefined;
  /** Present for members of a class or object literal: the owner's name, if it has one. */
  readonly memberOf?: { readonly name: string | undefined };
}

/** One call on a logweave logger, described by a front end. */
export interface CallDescription<E> {
  readonly method: LoggerMethod;
  /**
   * True when the call is part of an optional chain (`log?.info(…)`, `a?.log.info(…)`): it may
   * short-circuit to `undefined` without calling anything.
   */
  readonly optional: boolean;
  /** The method is reached with `?.` from the receiver (`log?.info(…)`): a nullish receiver ends the call. */
  readonly optionalMethod: boolean;
  /**
   * Whether an optional chain runs through the receiver, and the kind of its last optional link:
   * `"member"` for `a?.log.info(…)` or `a?.[k].info(…)` (the call is skipped when `a` is
   * nullish), `"call"` for `getLog?.().info(…)`, `"none"` for a receiver outside any chain.
   */
  readonly receiverChain: "none" | "member" | "call";
  readonly arguments: readonly ArgumentDescription<E>[];
  readonly location: CallLocation;
  /** The enclosing functions, outermost first; empty at module top level. */
  readonly enclosing: readonly EnclosingFunction[];
}
