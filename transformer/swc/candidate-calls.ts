/**
 * The calls the SWC step may rewrite: `receiver.method(…)` with a logger method name, each kept
 * with what the rewrite must know about the place it is written in — its scope and `this` (to
 * ask later whether the receiver is a logger), the functions around it (its `caller`), and the
 * syntactic slot it fills (a whole statement, a tight position, an optional chain).
 *
 * Only the name is checked here: the receiver may be anything, and whether it is a logger is
 * asked afterwards (`logger-resolution.ts`), once every declaration of the module is known.
 */
import type { EnclosingFunction, LoggerMethod } from "../core/call.js";
import { LOGGER_METHODS } from "../core/call.js";
import { child, flag, spanOf, text, type SwcNode } from "./ast.js";
import type { StatementSlot } from "./edit-facts.js";
import type { Context } from "./scope.js";
import type { Range, SourcePositions } from "./source-positions.js";

/** A `receiver.method(…)` call whose method is a logger method name. */
export interface CandidateCall {
  /** The call node (its arguments are what the core describes). */
  readonly call: SwcNode;
  /** The call's range (an optional chain around it has the same). */
  readonly range: Range;
  /** The method name called (`info`, `isLevelEnabled`…). */
  readonly method: LoggerMethod;
  /** The receiver expression (`log`, `this.log`, `a?.b`). */
  readonly receiver: SwcNode;
  /** `receiver?.method(…)`: the method itself is reached through `?.`. */
  readonly optional: boolean;
  /** The call is part of an optional chain (`log?.info(…)`, `a?.log.info(…)`): it may short-circuit. */
  readonly inChain: boolean;
  /** Where the call is written: the scope its names resolve in and what `this` is there. */
  readonly context: Context;
  /** The functions around the call, outermost first. */
  readonly enclosing: readonly EnclosingFunction[];
  /** Set when the call is the whole expression of an expression statement. */
  readonly statement: StatementSlot | undefined;
  /** True where `void 0` in place of the call would need parentheses (`log.debug().x`). */
  readonly tight: boolean;
}

/** What a call's parent tells it about the slot it fills. */
export interface CallSlot {
  /** `void 0` here would need parentheses: the call is an operand of a member access, a call, `new`, a tag… */
  readonly tight?: boolean;
  /** The call is the base of `?.(…)`: `log.info?.(…)`. */
  readonly optionalCall?: boolean;
  /** The call is the base of an optional chain. */
  readonly inChain?: boolean;
  /** The expression statement the call is the whole of. */
  readonly statement?: StatementSlot;
}

/** Where the walk is when it meets a call: scope, `this` and the functions around it. */
export interface CallContext extends Context {
  /** The functions around the call, outermost first. */
  readonly frames: readonly EnclosingFunction[];
}

/**
 * The call an expression statement consists of — through parentheses and an optional chain
 * that ends with the call (`(log.info(…))`, `log?.info(…)`) — or `undefined` when the statement
 * is something else. Such a call owns the statement: eliding it may remove the statement.
 */
export function statementCall(expression: SwcNode): SwcNode | undefined {
  let inner: SwcNode | undefined = expression;
  while (inner?.type === "ParenthesisExpression") inner = child(inner, "expression");
  if (inner?.type === "OptionalChainingExpression" && !flag(inner, "optional")) inner = child(inner, "base");
  return inner?.type === "CallExpression" ? inner : undefined;
}

/** Collects the candidate calls of one module, in the order the walk meets them. */
export class CandidateCalls {
  /** Candidate calls in pre-order (an outer call before the calls in its arguments). */
  readonly found: CandidateCall[] = [];
  readonly #positions: SourcePositions;

  constructor(positions: SourcePositions) {
    this.#positions = positions;
  }

  /** Records `call` (whose callee is `callee`) when it calls a logger method name by `.name`; leaves anything else out. */
  call(call: SwcNode, callee: SwcNode, where: CallContext, slot: CallSlot): void {
    // Only `receiver.method(…)` and `receiver?.method(…)` are candidates, as in the TypeScript plugin: not `log.info?.(…)`.
    if (slot.optionalCall === true) return;
    const optional = callee.type === "OptionalChainingExpression" && flag(callee, "optional");
    const member = callee.type === "OptionalChainingExpression" ? child(callee, "base") : callee;
    const property = member?.type === "MemberExpression" ? child(member, "property") : undefined;
    const method = property?.type === "Identifier" ? text(property, "value") : undefined;
    const receiver = member === undefined ? undefined : child(member, "object");
    const span = spanOf(call);
    if (method === undefined || !LOGGER_METHODS.has(method) || receiver === undefined || span === undefined) return;
    this.found.push({
      call,
      range: this.#positions.range(span),
      method: method as LoggerMethod,
      receiver,
      optional,
      inChain: slot.inChain === true,
      context: { scope: where.scope, thisClass: where.thisClass },
      enclosing: where.frames,
      statement: slot.statement,
      tight: slot.tight === true,
    });
  }
}
