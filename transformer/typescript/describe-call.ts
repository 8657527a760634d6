/**
 * Reads a TypeScript call into the core's neutral {@link CallDescription}: argument shapes,
 * static values, checker-proven types of dynamic values, location and enclosing functions.
 * Describes only; every decision is the core's.
 */
import ts from "typescript";
import type {
  ArgumentDescription,
  CallDescription,
  LoggerMethod,
  MemberDescription,
  ValueDescription,
} from "../core/call.js";
import { enclosingFunctions } from "./enclosing-functions.js";
import { dynamicTypeOf } from "./value-type.js";

/** Describes `call` (a parse-tree node of `sourceFile`) as a call of `method`. */
export function describeCall(
  call: ts.CallExpression,
  method: LoggerMethod,
  sourceFile: ts.SourceFile,
  checker: ts.TypeChecker,
): CallDescription<ts.Expression> {
  // The call's first token, not its `pos` (which includes leading trivia); UTF-16 columns.
  const start = sourceFile.getLineAndCharacterOfPosition(call.getStart(sourceFile));
  const callee = call.expression as ts.PropertyAccessExpression;
  return {
    method,
    optional: ts.isOptionalChain(call),
    optionalMethod: callee.questionDotToken !== undefined,
    receiverChain: lastOptionalLink(callee.expression)?.kind ?? "none",
    arguments: call.arguments.map((arg): ArgumentDescription<ts.Expression> =>
      ts.isSpreadElement(arg) ? { kind: "spread" } : describeValue(arg, checker),
    ),
    location: { file: sourceFile.fileName, line: start.line + 1, column: start.character + 1 },
    enclosing: enclosingFunctions(call),
  };
}

/** Describes one value expression; `expr` is always the expression as written. */
export function describeValue(expr: ts.Expression, checker: ts.TypeChecker): ValueDescription<ts.Expression> {
  const e = skipTypeSyntax(expr);
  switch (e.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return { kind: "literal", value: (e as ts.StringLiteral).text, expr };
    case ts.SyntaxKind.NumericLiteral:
      return { kind: "literal", value: Number((e as ts.NumericLiteral).text), expr };
    case ts.SyntaxKind.TrueKeyword:
      return { kind: "literal", value: true, expr };
    case ts.SyntaxKind.FalseKeyword:
      return { kind: "literal", value: false, expr };
    case ts.SyntaxKind.NullKeyword:
      return { kind: "literal", value: null, expr };
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const u = e as ts.PrefixUnaryExpression;
      const operand = skipTypeSyntax(u.operand);
      if (ts.isNumericLiteral(operand) && (u.operator === ts.SyntaxKind.MinusToken || u.operator === ts.SyntaxKind.PlusToken)) {
        const n = Number(operand.text);
        return { kind: "literal", value: u.operator === ts.SyntaxKind.MinusToken ? -n : n, expr };
      }
      break;
    }
    case ts.SyntaxKind.TemplateExpression: {
      const t = e as ts.TemplateExpression;
      return {
        kind: "template",
        parts: [t.head.text, ...t.templateSpans.map((s) => s.literal.text)],
        holes: t.templateSpans.map((s) => s.expression),
        expr,
      };
    }
    case ts.SyntaxKind.ObjectLiteralExpression:
      return {
        kind: "object",
        members: (e as ts.ObjectLiteralExpression).properties.map((p) => describeMember(p, checker)),
        expr,
      };
    case ts.SyntaxKind.ArrayLiteralExpression:
      return {
        kind: "array",
        items: (e as ts.ArrayLiteralExpression).elements.map((item) =>
          ts.isSpreadElement(item) ? { kind: "spread" } : ts.isOmittedExpression(item) ? { kind: "hole" } : describeValue(item, checker),
        ),
        expr,
      };
    case ts.SyntaxKind.ArrowFunction:
      return { kind: "anonymous-function", expr };
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ClassExpression:
      if ((e as ts.FunctionExpression | ts.ClassExpression).name === undefined) return { kind: "anonymous-function", expr };
      break;
  }
  return { kind: "expression", type: dynamicTypeOf(e, checker), expr };
}

function describeMember(p: ts.ObjectLiteralElementLike, checker: ts.TypeChecker): MemberDescription<ts.Expression> {
  if (ts.isSpreadAssignment(p)) return { kind: "spread" };
  if (ts.isMethodDeclaration(p)) return { kind: "method" };
  if (ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) return { kind: "accessor" };
  if (ts.isShorthandPropertyAssignment(p)) {
    // `{ userId }`: the value is the identifier itself.
    return { kind: "property", key: p.name.text, value: { kind: "expression", type: dynamicTypeOf(p.name, checker), expr: p.name }, shorthand: true };
  }
  const key = staticKey(p.name);
  if (key === undefined) return { kind: "computed" };
  return { kind: "property", key, value: describeValue(p.initializer, checker) };
}

/** A property name's key as JavaScript computes it, or `undefined` for a computed name. */
function staticKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isNumericLiteral(name)) return String(Number(name.text));
  return undefined;
}

/** Looks through syntax that only exists for the type checker (and parentheses). */
export function skipTypeSyntax(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) {
      e = e.expression;
    } else if (ts.isPartiallyEmittedExpression(e)) {
      e = e.expression;
    } else {
      return e;
    }
  }
}

/** The last `?.` of the optional chain that runs through a receiver (`a?.b` in `a?.b.c`). */
export interface OptionalLink {
  /** `"member"`: `?.name` or `?.[key]`; `"call"`: `?.(…)`. */
  readonly kind: "member" | "call";
  /** The link itself: the access or call written with `?.`. */
  readonly node: ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression;
}

/** The last `?.` link of the chain running through `receiver` up to the call, or `undefined` outside any chain. */
export function lastOptionalLink(receiver: ts.Expression): OptionalLink | undefined {
  let e: ts.Expression = receiver;
  while (ts.isOptionalChain(e)) {
    if (ts.isNonNullExpression(e)) {
      e = e.expression;
      continue;
    }
    if (e.questionDotToken !== undefined) return { kind: ts.isCallExpression(e) ? "call" : "member", node: e };
    e = e.expression;
  }
  return undefined;
}
