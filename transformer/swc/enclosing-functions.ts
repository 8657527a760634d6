/**
 * How a function in an SWC tree is named for its calls' `function` caller field, by the same
 * rules as the TypeScript front end (the rules themselves are in `core/caller.ts`).
 *
 * TypeScript walks up from a call through `parent` links; SWC nodes have none, so the reader
 * walks down and hands each child the name it would be bound to (a {@link NameHint}): the
 * variable it initializes, the property or class field it is the value of, the assignment
 * target, `default`. The hint passes through parentheses and type-only wrappers, as
 * TypeScript's `bindingOf` does, and nowhere else.
 */
import type { EnclosingFunction } from "../core/call.js";
import { child, text, type SwcNode } from "./ast.js";
import { numericLiteralValue, stringLiteralValue } from "./literal-text.js";

/** The name an expression is bound to by what it is written in. */
export interface NameHint {
  readonly name: string | undefined;
  /** Present for a property of an object literal or a class field: the owner's name. */
  readonly memberOf?: { readonly name: string | undefined };
}

/** The frame of an anonymous function or arrow bound by `hint` (nothing bound: no name). */
export function boundFunction(hint: NameHint | undefined): EnclosingFunction {
  if (hint === undefined) return { name: undefined };
  return hint.memberOf === undefined ? { name: hint.name } : { name: hint.name, memberOf: hint.memberOf };
}

/** The frame of a class or object-literal member named `key`, owned by `owner`. */
export function memberFunction(key: SwcNode | undefined, owner: string | undefined): EnclosingFunction {
  return { name: key === undefined ? undefined : propertyName(key), memberOf: { name: owner } };
}

/**
 * A member's name as written: identifiers, `#private` names, string keys (cooked), numeric keys
 * as `String(n)`; `undefined` for a computed or bigint key.
 */
export function propertyName(key: SwcNode): string | undefined {
  switch (key.type) {
    case "Identifier":
      return text(key, "value");
    case "PrivateName":
      return "#" + (text(key, "value") ?? "");
    default:
      return staticKey(key);
  }
}

/** An object-literal key as JavaScript computes it without running code, or `undefined` (computed, bigint). */
export function staticKey(key: SwcNode): string | undefined {
  switch (key.type) {
    case "Identifier":
      return text(key, "value");
    case "StringLiteral": {
      const raw = text(key, "raw");
      return raw === undefined ? text(key, "value") : stringLiteralValue(raw);
    }
    case "NumericLiteral": {
      const raw = text(key, "raw");
      return raw === undefined ? undefined : String(numericLiteralValue(raw));
    }
    default:
      return undefined;
  }
}

/** The name an assignment `left = …` gives its right side: a variable's name, a property's name. */
export function assignmentTargetName(left: SwcNode): string | undefined {
  if (left.type === "Identifier") return text(left, "value");
  if (left.type === "MemberExpression") {
    const property = child(left, "property");
    if (property?.type === "Identifier") return text(property, "value");
    if (property?.type === "PrivateName") return "#" + (text(property, "value") ?? "");
  }
  return undefined;
}
