/**
 * The few facts the SWC front end needs about `@swc/core`'s syntax tree, read defensively.
 *
 * `parse` returns plain JSON whose shape moves between SWC releases faster than `@swc/types`
 * follows it (a getter's body sits under `function` in 1.16, directly on the node in the
 * typings). So nodes are read as loose records through these accessors: a field that is not
 * there reads as `undefined` and the caller leaves the code alone, rather than crash on a shape
 * it did not expect.
 */

/** A span as SWC reports it: 1-based UTF-8 byte offsets, shifted by the parse's base. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Any node of the tree. */
export interface SwcNode {
  readonly type: string;
  readonly span?: Span;
  readonly [key: string]: unknown;
}

/** True when `value` is a node (an object with a string `type`). */
export function isNode(value: unknown): value is SwcNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** The node under `key`, or `undefined` when there is none (or something else is there). */
export function child(node: SwcNode, key: string): SwcNode | undefined {
  const value = node[key];
  return isNode(value) ? value : undefined;
}

/** The array under `key` (empty when there is none). Items are left as they are: nodes, `null` holes, `{ spread, expression }`. */
export function items(node: SwcNode, key: string): readonly unknown[] {
  const value = node[key];
  return Array.isArray(value) ? value : [];
}

/** The string under `key`, or `undefined`. */
export function text(node: SwcNode, key: string): string | undefined {
  const value = node[key];
  return typeof value === "string" ? value : undefined;
}

/** The boolean under `key` (`false` when absent). */
export function flag(node: SwcNode, key: string): boolean {
  return node[key] === true;
}

/** The node's own span, or `undefined` (argument wrappers and a few property nodes have none). */
export function spanOf(node: SwcNode): Span | undefined {
  const span = node.span;
  return span !== undefined && typeof span.start === "number" && typeof span.end === "number" ? span : undefined;
}

/**
 * Expression wrappers that exist only for the type checker or for grouping: a value looks
 * through them (`("x" as string)` is the literal `"x"`), and so does a name binding (TypeScript's
 * `bindingOf` walks up through the same set).
 */
const TRANSPARENT = new Set([
  "ParenthesisExpression",
  "TsAsExpression",
  "TsSatisfiesExpression",
  "TsNonNullExpression",
  "TsTypeAssertion",
  "TsConstAssertion",
]);

/** True for a wrapper {@link skipTransparent} looks through. */
export function isTransparent(node: SwcNode): boolean {
  return TRANSPARENT.has(node.type);
}

/** The expression inside any number of parentheses and type-only wrappers. */
export function skipTransparent(node: SwcNode): SwcNode {
  let e = node;
  while (TRANSPARENT.has(e.type)) {
    const inner = child(e, "expression");
    if (inner === undefined) return e;
    e = inner;
  }
  return e;
}

/**
 * The function part of a function-like node: class methods and object getters/setters keep it
 * under `function`, function expressions, arrows and object methods carry it themselves.
 */
export function functionPart(node: SwcNode): SwcNode {
  // The `function` record has no `type` of its own.
  const fn = node.function;
  return typeof fn === "object" && fn !== null && !Array.isArray(fn) ? ({ type: "Function", ...fn } as SwcNode) : node;
}
