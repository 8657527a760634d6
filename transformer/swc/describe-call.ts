/**
 * Reads a candidate call from the SWC tree into the core's neutral {@link CallDescription}, with
 * UTF-16 source ranges as the expression handles. Describes only; every decision is the core's.
 */
import type { ArgumentDescription, CallDescription, MemberDescription, ValueDescription } from "../core/call.js";
import { child, flag, isNode, items, skipTransparent, spanOf, text, type SwcNode } from "./ast.js";
import { staticKey } from "./enclosing-functions.js";
import { numericLiteralValue, stringLiteralValue, templatePartValue } from "./literal-text.js";
import type { CandidateCall } from "./candidate-calls.js";
import type { Context } from "./scope.js";
import type { Range, SourcePositions } from "./source-positions.js";
import { syntacticType } from "./value-type.js";

/** Describes `candidate` (a call in `file`, an absolute path). */
export function describeCall(candidate: CandidateCall, file: string, positions: SourcePositions): CallDescription<Range> {
  const reader = new ValueReader(positions, candidate.context);
  const start = positions.lineColumn(candidate.range.start);
  return {
    method: candidate.method,
    optional: candidate.inChain,
    optionalMethod: candidate.optional,
    receiverChain: lastOptionalLink(candidate.receiver)?.kind ?? "none",
    arguments: items(candidate.call, "arguments").map((arg): ArgumentDescription<Range> => {
      const a = arg as { spread?: unknown; expression?: unknown };
      if (a.spread !== null && a.spread !== undefined) return { kind: "spread" };
      return isNode(a.expression) ? reader.value(a.expression) : { kind: "spread" };
    }),
    location: { file, line: start.line, column: start.column },
    enclosing: candidate.enclosing,
  };
}

/** The last optional link of a chain running through a receiver (`?.b` in `a?.b.c`). */
export interface OptionalLink {
  /** `"member"`: `?.name` or `?.[key]`; `"call"`: `?.(…)`. */
  readonly kind: "member" | "call";
  /** What comes before the `?.` (`a`). */
  readonly base: SwcNode;
  /** For a member link: `?.name` (true) or `?.[key]` (false). */
  readonly named: boolean;
}

/**
 * The last `?.` of the optional chain that runs through `receiver` up to the call (`a?.b` in
 * `a?.b.c.info(…)`), or `undefined` when the receiver is outside any chain.
 */
export function lastOptionalLink(receiver: SwcNode): OptionalLink | undefined {
  let e: SwcNode | undefined = receiver;
  while (e !== undefined) {
    switch (e.type) {
      case "OptionalChainingExpression": {
        const base = child(e, "base");
        if (base === undefined) return undefined;
        if (!flag(e, "optional")) {
          e = base;
          break;
        }
        if (base.type === "CallExpression") {
          const callee = child(base, "callee");
          return callee === undefined ? undefined : { kind: "call", base: callee, named: false };
        }
        const object = child(base, "object");
        if (base.type !== "MemberExpression" || object === undefined) return undefined;
        return { kind: "member", base: object, named: child(base, "property")?.type !== "Computed" };
      }
      case "MemberExpression":
        e = child(e, "object");
        break;
      case "CallExpression":
        e = child(e, "callee");
        break;
      case "TsNonNullExpression":
        e = child(e, "expression");
        break;
      default:
        // Parentheses end a chain: `(a?.log).info(…)` calls `info` on whatever `a?.log` gave.
        return undefined;
    }
  }
  return undefined;
}

class ValueReader {
  readonly #positions: SourcePositions;
  readonly #context: Context;

  constructor(positions: SourcePositions, context: Context) {
    this.#positions = positions;
    this.#context = context;
  }

  #range(node: SwcNode): Range {
    const span = spanOf(node);
    return span === undefined ? { start: 0, end: 0 } : this.#positions.range(span);
  }

  /** One value; `expr` is always the expression as written (wrappers included). */
  value(written: SwcNode): ValueDescription<Range> {
    const expr = this.#range(written);
    const e = skipTransparent(written);
    switch (e.type) {
      case "StringLiteral": {
        const raw = text(e, "raw");
        if (raw !== undefined) return { kind: "literal", value: stringLiteralValue(raw), expr };
        break;
      }
      case "TemplateLiteral": {
        const quasis = items(e, "quasis").filter(isNode);
        const holes = items(e, "expressions").filter(isNode);
        const parts = quasis.map((q) => text(q, "raw"));
        if (parts.some((p) => p === undefined) || parts.length !== holes.length + 1) break;
        const cooked = (parts as string[]).map(templatePartValue);
        if (holes.length === 0) return { kind: "literal", value: cooked[0], expr };
        return { kind: "template", parts: cooked, holes: holes.map((h) => this.#range(h)), expr };
      }
      case "NumericLiteral": {
        const raw = text(e, "raw");
        if (raw !== undefined) return { kind: "literal", value: numericLiteralValue(raw), expr };
        break;
      }
      case "BooleanLiteral":
        return { kind: "literal", value: e.value === true, expr };
      case "NullLiteral":
        return { kind: "literal", value: null, expr };
      case "UnaryExpression": {
        const op = text(e, "operator");
        const operand = child(e, "argument");
        const inner = operand === undefined ? undefined : skipTransparent(operand);
        const raw = inner?.type === "NumericLiteral" ? text(inner, "raw") : undefined;
        if ((op === "-" || op === "+") && raw !== undefined) {
          const n = numericLiteralValue(raw);
          return { kind: "literal", value: op === "-" ? -n : n, expr };
        }
        break;
      }
      case "ObjectExpression":
        return { kind: "object", members: items(e, "properties").filter(isNode).map((p) => this.#member(p)), expr };
      case "ArrayExpression":
        return {
          kind: "array",
          items: items(e, "elements").map((item) => {
            if (item === null || item === undefined) return { kind: "hole" } as const;
            const el = item as { spread?: unknown; expression?: unknown };
            if (el.spread !== null && el.spread !== undefined) return { kind: "spread" } as const;
            return isNode(el.expression) ? this.value(el.expression) : ({ kind: "hole" } as const);
          }),
          expr,
        };
      case "ArrowFunctionExpression":
        return { kind: "anonymous-function", expr };
      case "FunctionExpression":
      case "ClassExpression":
        if (child(e, "identifier") === undefined) return { kind: "anonymous-function", expr };
        break;
    }
    return { kind: "expression", type: syntacticType(e, this.#context), expr };
  }

  #member(p: SwcNode): MemberDescription<Range> {
    switch (p.type) {
      case "SpreadElement":
        return { kind: "spread" };
      case "MethodProperty":
        return { kind: "method" };
      case "GetterProperty":
      case "SetterProperty":
        return { kind: "accessor" };
      case "Identifier": {
        // `{ userId }`: the value is the identifier itself.
        const key = text(p, "value");
        if (key === undefined) return { kind: "computed" };
        return { kind: "property", key, value: { kind: "expression", type: "any", expr: this.#range(p) }, shorthand: true };
      }
      case "KeyValueProperty": {
        const keyNode = child(p, "key");
        const value = child(p, "value");
        const key = keyNode === undefined ? undefined : staticKey(keyNode);
        if (key === undefined || value === undefined) return { kind: "computed" };
        return { kind: "property", key, value: this.value(value) };
      }
      default:
        return { kind: "computed" };
    }
  }
}
