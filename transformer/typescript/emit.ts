/**
 * The code a plan becomes, as TypeScript nodes: the rewritten call, the site function and the
 * file's helpers — the shape `core/site-source.ts` defines as text (the helpers are that very
 * text, parsed).
 */
import ts from "typescript";
import type { CallSiteSpec } from "../../src/site.js";
import type { GeneratedNames } from "../core/names.js";
import type { PlannedValue } from "../core/plan.js";
import { fileHelpersSource, isPlainPropertyName } from "../core/site-source.js";

/**
 * `(__lw_on(site, receiver)?.(site, ...values))`, with `, 1` after the receiver for `receiver?.m(…)`
 * and each template hole as `` `${hole}` ``. Mapped to the original call in source maps.
 */
export function writeCall(
  f: ts.NodeFactory,
  original: ts.CallExpression,
  names: GeneratedNames,
  siteName: string,
  receiver: ts.Expression,
  optionalMethod: boolean,
  values: readonly { readonly expr: ts.Expression; readonly hole: boolean }[],
  heldBase?: ts.Expression,
): ts.Expression {
  const enterArgs = [f.createIdentifier(siteName), receiver];
  if (optionalMethod) enterArgs.push(f.createNumericLiteral(1));
  const enter = f.createCallExpression(f.createIdentifier(names.on), undefined, enterArgs);
  const passed = values.map((v) => (v.hole ? asString(f, v.expr) : v.expr));
  const call = f.createCallChain(enter, f.createToken(ts.SyntaxKind.QuestionDotToken), undefined, [f.createIdentifier(siteName), ...passed]);
  ts.setSourceMapRange(enter, original);
  ts.setSourceMapRange(call, original);
  if (heldBase !== undefined) {
    // `((__lw_t = a) == null ? void 0 : …)`: the receiver's chain, short-circuiting as written.
    const held = f.createParenthesizedExpression(f.createAssignment(f.createIdentifier(names.temp), heldBase));
    const test = f.createBinaryExpression(held, ts.SyntaxKind.EqualsEqualsToken, f.createNull());
    const conditional = f.createConditionalExpression(test, f.createToken(ts.SyntaxKind.QuestionToken), f.createVoidZero(), f.createToken(ts.SyntaxKind.ColonToken), call);
    ts.setSourceMapRange(conditional, original);
    return f.createParenthesizedExpression(conditional);
  }
  // The parentheses end the optional chain: `(…).toString()` throws on `undefined` as the call's result would.
  return f.createParenthesizedExpression(call);
}

/**
 * The receiver of a call an optional chain runs through, rebuilt on the file's temporary: the
 * chain's last optional link (`?.b` in `a?.b.c`) becomes `__lw_t.b`, and the links after it plain
 * accesses and calls (`__lw_t.b.c`). `visit` transforms the expressions kept inside.
 */
export function receiverOnTemp(f: ts.NodeFactory, receiver: ts.Expression, link: ts.Expression, temp: string, visit: (e: ts.Expression) => ts.Expression): ts.Expression {
  const rebuild = (e: ts.Expression): ts.Expression => {
    if (e === link) {
      const t = f.createIdentifier(temp);
      if (ts.isPropertyAccessExpression(e)) return f.createPropertyAccessExpression(t, e.name);
      if (ts.isElementAccessExpression(e)) return f.createElementAccessExpression(t, visit(e.argumentExpression));
    }
    if (ts.isNonNullExpression(e)) return f.createNonNullExpression(rebuild(e.expression));
    if (ts.isPropertyAccessExpression(e)) return f.createPropertyAccessExpression(rebuild(e.expression), e.name);
    if (ts.isElementAccessExpression(e)) return f.createElementAccessExpression(rebuild(e.expression), visit(e.argumentExpression));
    if (ts.isCallExpression(e)) return f.createCallExpression(rebuild(e.expression), e.typeArguments, e.arguments.map(visit));
    return visit(e);
  };
  return rebuild(receiver);
}

/** `` `${expr}` ``: the value converted to a string exactly where and how the template literal converts it. */
function asString(f: ts.NodeFactory, expr: ts.Expression): ts.Expression {
  return f.createTemplateExpression(f.createTemplateHead(""), [f.createTemplateSpan(expr, f.createTemplateTail(""))]);
}

/** An elided call in expression position: `(void 0)` (parenthesized: `(void 0) ** 2` is valid, `void 0 ** 2` is not). */
export function elidedExpression(f: ts.NodeFactory): ts.Expression {
  return f.createParenthesizedExpression(f.createVoidZero());
}

/**
 * `function __lw_site_<n>() { return { …spec, args: (__lw_0, …) => [<arguments>] }; }`: the call's
 * arguments as written, each planned value replaced by its parameter (a shorthand field
 * `{ userId }` by `userId: __lw_0`), so static parts are the very nodes of the source.
 */
export function siteFunction(
  f: ts.NodeFactory,
  context: ts.TransformationContext,
  names: GeneratedNames,
  siteName: string,
  spec: CallSiteSpec,
  callArguments: readonly ts.Expression[],
  values: readonly PlannedValue<ts.Expression>[],
): ts.Statement {
  const index = new Map<ts.Node, number>();
  values.forEach((v, i) => index.set(v.expr, i));
  const param = (i: number) => f.createIdentifier(names.arg(i));
  const rebuild = (node: ts.Node): ts.Node => {
    const i = index.get(node);
    if (i !== undefined) return param(i);
    if (ts.isShorthandPropertyAssignment(node)) {
      const j = index.get(node.name);
      if (j !== undefined) return f.createPropertyAssignment(f.createIdentifier(node.name.text), param(j));
    }
    return ts.visitEachChild(node, rebuild, context);
  };
  const args = f.createArrowFunction(
    undefined,
    undefined,
    values.map((_, i) => f.createParameterDeclaration(undefined, undefined, names.arg(i))),
    undefined,
    f.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
    f.createArrayLiteralExpression(callArguments.map((a) => rebuild(a) as ts.Expression), false),
  );
  const data = dataLiteral(f, spec) as ts.ObjectLiteralExpression;
  const body = f.createObjectLiteralExpression([...data.properties, f.createPropertyAssignment("args", args)], false);
  return f.createFunctionDeclaration(undefined, undefined, siteName, undefined, [], undefined, f.createBlock([f.createReturnStatement(body)], false));
}

/** The file's helpers (`var __lw_entry; function __lw_on…; function __lw_plain…`), parsed from their one definition. */
export function fileHelpers(names: GeneratedNames): ts.Statement[] {
  const parsed = ts.createSourceFile("logweave-helpers.js", fileHelpersSource(names), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  // Nodes of another text, made synthesized (no position, the Synthesized flag): the printer writes
  // their own text and maps nothing, and later transforms never ask the checker about them.
  const synthesize = (node: ts.Node): void => {
    ts.setTextRange(node, { pos: -1, end: -1 });
    (node as { flags: ts.NodeFlags }).flags |= ts.NodeFlags.Synthesized;
    ts.forEachChild(node, synthesize);
  };
  for (const statement of parsed.statements) synthesize(statement);
  return [...parsed.statements];
}

/** A plain-data value (strings, numbers, booleans, arrays, objects) as a literal expression, on one line. */
export function dataLiteral(f: ts.NodeFactory, value: unknown): ts.Expression {
  if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map((v) => dataLiteral(f, v)), false);
  if (value !== null && typeof value === "object") {
    const props = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) =>
        f.createPropertyAssignment(
          isPlainPropertyName(k) ? f.createIdentifier(k) : f.createStringLiteral(k),
          dataLiteral(f, v),
        ),
      );
    return f.createObjectLiteralExpression(props, false);
  }
  if (typeof value === "string") return f.createStringLiteral(value);
  if (typeof value === "number") {
    return value < 0 ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-value)) : f.createNumericLiteral(value);
  }
  if (typeof value === "boolean") return value ? f.createTrue() : f.createFalse();
  return f.createNull();
}
