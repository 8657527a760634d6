/**
 * Type-directed serialization: what the type checker proves about a dynamic field's value.
 *
 * Only a proof counts: `number`, a number literal, a numeric enum or a union of those is
 * `"number"` (likewise strings and booleans); anything that may be something else (`undefined`
 * in a union, `any`, `unknown`, type parameters, branded intersections, objects) is `"any"`. The
 * runtime checks `typeof` again before using the fast serializer, so a type that lies (a cast,
 * `strictNullChecks` off) costs speed, never a wrong line.
 */
import ts from "typescript";
import type { DynamicType } from "../../src/site.js";

/** The dynamic type of `expr` (its type at that location, after narrowing). Never throws. */
export function dynamicTypeOf(expr: ts.Node, checker: ts.TypeChecker): DynamicType {
  let type: ts.Type;
  try {
    type = checker.getTypeAtLocation(expr);
  } catch {
    return "any";
  }
  return primitiveOf(type);
}

const KINDS: readonly [ts.TypeFlags, DynamicType][] = [
  [ts.TypeFlags.StringLike, "string"],
  [ts.TypeFlags.NumberLike, "number"],
  [ts.TypeFlags.BooleanLike, "boolean"],
];

function primitiveOf(type: ts.Type): DynamicType {
  const members = type.isUnion() ? type.types : [type];
  for (const [flags, name] of KINDS) {
    if (members.every((t) => (t.flags & flags) !== 0)) return name;
  }
  return "any";
}
