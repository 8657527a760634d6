/**
 * What syntax alone proves about a dynamic value's type (there is no type checker here).
 *
 * Only expressions whose result type the language fixes count: `!x` and comparisons are
 * booleans, `typeof x` is a string, and `String(x)`, `Number(x)`, `Boolean(x)` — when those
 * names are the globals, not local bindings — convert. Everything else is `"any"`. The runtime
 * checks `typeof` before using a typed fast path, so a weaker answer than the TypeScript front
 * end's costs a little speed, never a different line.
 */
import type { DynamicType } from "../../src/site.js";
import { child, skipTransparent, text, type SwcNode } from "./ast.js";
import type { Context } from "./scope.js";

const COMPARISONS = new Set(["==", "!=", "===", "!==", "<", "<=", ">", ">=", "instanceof", "in"]);

const CONVERSIONS: Readonly<Record<string, DynamicType>> = { String: "string", Number: "number", Boolean: "boolean" };

/** The dynamic type of `expr` written in `context`. Never throws. */
export function syntacticType(expr: SwcNode, context: Context): DynamicType {
  const e = skipTransparent(expr);
  switch (e.type) {
    case "UnaryExpression": {
      const op = text(e, "operator");
      if (op === "!") return "boolean";
      if (op === "typeof") return "string";
      return "any";
    }
    case "BinaryExpression":
      return COMPARISONS.has(text(e, "operator") ?? "") ? "boolean" : "any";
    case "TemplateLiteral":
      return "string";
    case "CallExpression": {
      const callee = child(e, "callee");
      const name = callee?.type === "Identifier" ? text(callee, "value") : undefined;
      if (name === undefined || !(name in CONVERSIONS) || context.scope.lookup(name) !== undefined) return "any";
      return CONVERSIONS[name];
    }
    default:
      return "any";
  }
}
