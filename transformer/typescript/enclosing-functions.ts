/**
 * The functions around a call, read from the syntax tree for its `function` caller field (the
 * naming rules themselves are in `core/caller.ts`).
 */
import ts from "typescript";
import type { EnclosingFunction } from "../core/call.js";

/** The functions enclosing `node`, outermost first; empty at module top level. */
export function enclosingFunctions(node: ts.Node): EnclosingFunction[] {
  const chain: EnclosingFunction[] = [];
  // A function bound to a class field is named by the field; the field is then not a scope of its own.
  let boundTo: ts.Node | undefined;
  for (let n = node.parent; n !== undefined && !ts.isSourceFile(n); n = n.parent) {
    if (n === boundTo) continue;
    const scope = scopeOf(n);
    if (scope === undefined) continue;
    chain.unshift(scope.fn);
    boundTo = scope.boundTo;
  }
  return chain;
}

interface Scope {
  readonly fn: EnclosingFunction;
  /** The declaration the function took its name from, if any. */
  readonly boundTo?: ts.Node;
}

function scopeOf(n: ts.Node): Scope | undefined {
  if (ts.isFunctionDeclaration(n)) {
    return { fn: { name: n.name?.text ?? (isDefaultExport(n) ? "default" : undefined) } };
  }
  if (ts.isFunctionExpression(n) || ts.isArrowFunction(n)) {
    if (ts.isFunctionExpression(n) && n.name !== undefined) return { fn: { name: n.name.text } };
    return bindingOf(n);
  }
  if (ts.isMethodDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) {
    return { fn: { name: propertyNameText(n.name), memberOf: { name: ownerName(n.parent) } } };
  }
  if (ts.isConstructorDeclaration(n)) return { fn: { name: "constructor", memberOf: { name: ownerName(n.parent) } } };
  if (ts.isClassStaticBlockDeclaration(n)) return { fn: { name: "static", memberOf: { name: ownerName(n.parent) } } };
  if (ts.isPropertyDeclaration(n)) {
    // A field initializer that is not itself a function runs as part of construction.
    return { fn: { name: propertyNameText(n.name), memberOf: { name: ownerName(n.parent) } } };
  }
  return undefined;
}

/**
 * The name an anonymous function or class expression is bound to: a variable, a property, a
 * class field, an assignment target, a parameter default, or `export default`.
 */
function bindingOf(expr: ts.Expression): Scope {
  let current: ts.Node = expr;
  let parent = current.parent;
  while (
    ts.isParenthesizedExpression(parent) ||
    ts.isAsExpression(parent) ||
    ts.isSatisfiesExpression(parent) ||
    ts.isNonNullExpression(parent) ||
    ts.isTypeAssertionExpression(parent)
  ) {
    current = parent;
    parent = current.parent;
  }
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent)) && parent.initializer === current) {
    return { fn: { name: ts.isIdentifier(parent.name) ? parent.name.text : undefined } };
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === current) {
    return { fn: { name: propertyNameText(parent.name), memberOf: { name: ownerName(parent.parent) } } };
  }
  if (ts.isPropertyDeclaration(parent) && parent.initializer === current) {
    return { fn: { name: propertyNameText(parent.name), memberOf: { name: ownerName(parent.parent) } }, boundTo: parent };
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === current) {
    const left = parent.left;
    if (ts.isIdentifier(left)) return { fn: { name: left.text } };
    if (ts.isPropertyAccessExpression(left)) return { fn: { name: left.name.text } };
  }
  if (ts.isExportAssignment(parent) && !parent.isExportEquals) return { fn: { name: "default" } };
  return { fn: { name: undefined } };
}

/** The name of a class or object literal that owns a member, or `undefined` when it has none. */
function ownerName(owner: ts.Node): string | undefined {
  if (ts.isClassDeclaration(owner)) return owner.name?.text ?? (isDefaultExport(owner) ? "default" : undefined);
  if (ts.isClassExpression(owner) && owner.name !== undefined) return owner.name.text;
  if (ts.isClassExpression(owner) || ts.isObjectLiteralExpression(owner)) return bindingOf(owner).fn.name;
  return undefined;
}

/** A member's name as written (`#private` included), or `undefined` for a computed name. */
function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isNumericLiteral(name)) return String(Number(name.text));
  return undefined;
}

function isDefaultExport(node: ts.FunctionDeclaration | ts.ClassDeclaration): boolean {
  const flags = ts.getCombinedModifierFlags(node);
  return (flags & ts.ModifierFlags.Export) !== 0 && (flags & ts.ModifierFlags.Default) !== 0;
}
