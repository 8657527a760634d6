/**
 * The code a plan becomes, as TypeScript nodes: the runtime import, the hoisted site constants
 * and the positional call. Same shape as the core's `site-source.ts` text.
 */
import ts from "typescript";
import type { CallSiteSpec } from "../../src/site.js";
import { CALL_SITE_EXPORT, ENABLED_METHOD, RUNTIME_MODULE, WRITE_METHOD, type GeneratedNames } from "../core/names.js";

/**
 * `import { callSite as __lw_callSite } from "logweave";`, or for a file emitted as CommonJS
 * `const { callSite: __lw_callSite } = require("logweave");` (the CommonJS module transform
 * only rewrites references to imports it found in the source, not to one added here).
 */
export function runtimeImport(f: ts.NodeFactory, names: GeneratedNames, commonJs: boolean): ts.Statement {
  if (commonJs) {
    const pattern = f.createObjectBindingPattern([
      f.createBindingElement(undefined, CALL_SITE_EXPORT, names.callSite),
    ]);
    const require = f.createCallExpression(f.createIdentifier("require"), undefined, [f.createStringLiteral(RUNTIME_MODULE)]);
    return f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList([f.createVariableDeclaration(pattern, undefined, undefined, require)], ts.NodeFlags.Const),
    );
  }
  return f.createImportDeclaration(
    undefined,
    f.createImportClause(
      undefined,
      undefined,
      f.createNamedImports([
        f.createImportSpecifier(false, f.createIdentifier(CALL_SITE_EXPORT), f.createIdentifier(names.callSite)),
      ]),
    ),
    f.createStringLiteral(RUNTIME_MODULE),
  );
}

/** `const __lw_site_<index> = __lw_callSite({ … });` */
export function siteDeclaration(f: ts.NodeFactory, names: GeneratedNames, index: number, spec: CallSiteSpec): ts.Statement {
  const init = f.createCallExpression(f.createIdentifier(names.callSite), undefined, [dataLiteral(f, spec)]);
  return f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList(
      [f.createVariableDeclaration(f.createIdentifier(names.site(index)), undefined, undefined, init)],
      ts.NodeFlags.Const,
    ),
  );
}

/**
 * `receiver.__lwOn?.(site)?.__lwWrite(site, ...values)`, keeping an optional chain the call was part
 * of (`log?.info(…)` gives `log?.__lwOn?.(…)?.__lwWrite(…)`). Mapped to the original call in source
 * maps; comments stay with the statement around it.
 */
export function writeCall(
  f: ts.NodeFactory,
  original: ts.CallExpression,
  receiver: ts.Expression,
  siteName: string,
  values: readonly ts.Expression[],
): ts.Expression {
  const callee = original.expression as ts.PropertyAccessExpression;
  const inChain = ts.isOptionalChain(original);
  // `__lwOn?.(`: a receiver typed as a logger that is not one at run time (a test double) makes
  // the call do nothing instead of throwing into the app.
  const enabled = inChain ? f.createPropertyAccessChain(receiver, callee.questionDotToken, ENABLED_METHOD) : f.createPropertyAccessExpression(receiver, ENABLED_METHOD);
  const on = f.createCallChain(enabled, f.createToken(ts.SyntaxKind.QuestionDotToken), undefined, [f.createIdentifier(siteName)]);
  const write = f.createCallChain(
    f.createPropertyAccessChain(on, f.createToken(ts.SyntaxKind.QuestionDotToken), WRITE_METHOD),
    undefined,
    undefined,
    [f.createIdentifier(siteName), ...values],
  );
  ts.setSourceMapRange(on, original);
  ts.setSourceMapRange(write, original);
  return write;
}

/** A plain-data value (strings, numbers, booleans, arrays, objects) as a literal expression, on one line. */
export function dataLiteral(f: ts.NodeFactory, value: unknown): ts.Expression {
  if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map((v) => dataLiteral(f, v)), false);
  if (value !== null && typeof value === "object") {
    const props = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) =>
        f.createPropertyAssignment(
          /^[A-Za-z_$][\w$]*$/.test(k) ? f.createIdentifier(k) : f.createStringLiteral(k),
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
