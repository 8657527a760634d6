/**
 * What each declaration, assignment and use in a module means for its scopes (see `scope.ts`):
 * the binding a declaration makes and the scope it lands in, every value given to a binding or
 * a class field (with the type written for it, if any), the module's imports, and the places
 * each name is used as a value.
 *
 * The walk (`module-reader.ts`) calls in here as it meets each construct. An assignment or a use
 * may come before the declaration it refers to (JavaScript hoists declarations), so those are
 * kept with their scope and settled by {@link ScopeAnalysis.finish}, once every declaration of
 * the module is known.
 */
import { child, flag, isNode, items, spanOf, text, type SwcNode } from "./ast.js";
import { propertyName, staticKey } from "./enclosing-functions.js";
import { annotationOf, type Binding, ClassInfo, Scope, type Assignment, type BindingKind, type Context, type ThisClass } from "./scope.js";
import type { SourcePositions } from "./source-positions.js";

/** The classes of a module, as the logger resolver follows them. */
export interface ClassFacts {
  /** The class a class expression declares. */
  readonly classOfExpression: ReadonlyMap<SwcNode, ClassInfo>;
  /** Every class of the module (declarations and expressions). */
  readonly classes: readonly ClassInfo[];
}

/** An import's module specifier and the bindings it gives values to (type-only ones left out). */
export interface ImportedBindings {
  readonly source: string;
  readonly bindings: readonly Binding[];
}

/** A block of a namespace and the names it exports. */
interface NamespaceBlock {
  readonly block: SwcNode;
  readonly names: readonly string[];
}

/** The binding kind of a variable declaration: `var`, `let`, `const`, or `other` for any other kind. */
export function variableKind(declaration: SwcNode): BindingKind {
  const kind = text(declaration, "kind");
  return kind === "var" || kind === "let" || kind === "const" ? kind : "other";
}

/** Scopes, bindings and classes of one module, filled in by the walk. */
export class ScopeAnalysis {
  readonly #positions: SourcePositions;
  readonly #classes: ClassInfo[] = [];
  readonly #classOfExpression = new Map<SwcNode, ClassInfo>();
  /** The blocks of each namespace and the names each exports, by qualified namespace name (`A.B`). */
  readonly #namespaceExports = new Map<string, NamespaceBlock[]>();
  /** The qualified names of the namespaces being walked, innermost last. */
  readonly #namespacePaths: string[] = [];
  /** Identifier assignments, static field assignments (`Class.x = …`) and uses, settled once every declaration is known. */
  readonly #assignments: { name: string; scope: Scope; value: Assignment }[] = [];
  readonly #staticAssignments: { name: string; scope: Scope; field: string; value: Assignment }[] = [];
  readonly #references: { name: string; scope: Scope; at: number }[] = [];

  /** `statements` is the module's body: every namespace in it is read first, for declaration merging. */
  constructor(positions: SourcePositions, statements: readonly SwcNode[]) {
    this.#positions = positions;
    collectNamespaceExports(statements, "", this.#namespaceExports);
  }

  /** Settles the assignments and uses met before their declarations; returns the module's classes. */
  finish(): ClassFacts {
    for (const a of this.#assignments) a.scope.lookup(a.name)?.assignments.push(a.value);
    for (const a of this.#staticAssignments) a.scope.lookup(a.name)?.classInfo?.assign(a.field, true, a.value);
    for (const r of this.#references) r.scope.lookup(r.name)?.references.push(r.at);
    return { classOfExpression: this.#classOfExpression, classes: this.#classes };
  }

  // ── uses and assignments ───────────────────────────────────────────────────

  /** A use of the identifier `id` as a value, in `scope`. */
  reference(id: SwcNode, scope: Scope): void {
    const name = text(id, "value");
    const span = spanOf(id);
    if (name !== undefined && span !== undefined) this.#references.push({ name, scope, at: this.#positions.index(span.start) });
  }

  /** The name a JSX element is written with: `<Foo.Bar>` uses `Foo`, `<Foo>` uses `Foo`; `<div>` and `<my-tag>` name an element, not a binding. */
  jsxElementName(name: SwcNode | undefined, scope: Scope): void {
    let member = false;
    while (name?.type === "JSXMemberExpression") {
      member = true;
      name = child(name, "object");
    }
    const tag = name?.type === "Identifier" ? text(name, "value") : undefined;
    if (name !== undefined && tag !== undefined && (member || !/^[a-z]|-/.test(tag))) this.reference(name, scope);
  }

  /** A value given to the identifier `id` (`=`, `+=`, a destructuring or loop target). */
  assignName(id: SwcNode, value: Assignment, scope: Scope): void {
    const name = text(id, "value");
    if (name !== undefined) this.#assignments.push({ name, scope, value });
  }

  /** A value given to a member (`this.x = …`, `Class.x = …`): a field of the class it names; any other member is no binding. */
  assignMember(target: SwcNode, value: Assignment, where: Context): void {
    const object = child(target, "object");
    const property = child(target, "property");
    const field = property === undefined ? undefined : propertyName(property); // `undefined` for `[computed]`
    if (field !== undefined && object?.type === "ThisExpression" && where.thisClass !== undefined) {
      where.thisClass.cls.assign(field, where.thisClass.isStatic, value);
    } else if (field !== undefined && object?.type === "Identifier") {
      const name = text(object, "value");
      if (name !== undefined) this.#staticAssignments.push({ name, scope: where.scope, field, value });
    }
  }

  // ── declarations ───────────────────────────────────────────────────────────

  /**
   * A variable declared by name (`const log: Logger = init`): its type and initializer, and
   * `"unknown"` for a loop head's variable (each iteration gives it another value). Returns the
   * name (the initializer is bound to it).
   */
  variable(id: SwcNode, kind: BindingKind, init: SwcNode | undefined, loopHead: boolean, where: Context): string {
    const name = text(id, "value") ?? "";
    const binding = where.scope.declare(name, kind);
    binding.declaredType ??= annotationOf(id, where.scope);
    if (init !== undefined) binding.assignments.push({ expr: init, context: where });
    if (loopHead) binding.assignments.push("unknown");
    return name;
  }

  /** A variable declared inside a destructuring pattern: whatever it receives (when it receives anything) is unknown. */
  patternVariable(id: SwcNode, kind: BindingKind, valued: boolean, scope: Scope): void {
    const binding = scope.declare(text(id, "value") ?? "", kind);
    if (valued) binding.assignments.push("unknown");
  }

  /** A parameter (or a name in a parameter's pattern, or a `catch` binding): an unknown value, of the type written for it. */
  parameter(id: SwcNode, scope: Scope): void {
    const binding = scope.declare(text(id, "value") ?? "", "param");
    binding.assignments.push("unknown");
    binding.declaredType ??= annotationOf(id, scope);
  }

  /** A constructor parameter property (`constructor(private log: Logger)`): also an instance field of `cls`. */
  parameterProperty(pattern: SwcNode, cls: ClassInfo, scope: Scope): void {
    const target = pattern.type === "AssignmentPattern" ? child(pattern, "left") : pattern;
    const field = target === undefined ? undefined : text(target, "value");
    if (target === undefined || field === undefined) return;
    cls.assign(field, false, "unknown");
    const type = annotationOf(target, scope);
    if (type !== undefined) cls.declareType(field, false, type);
  }

  /**
   * Function `name` in `scope`; `declaration` (a function declaration, or `export default
   * function f`) also gives its declared return type. A named function expression's own name
   * has none.
   */
  declareFunction(name: string, scope: Scope, declaration?: SwcNode): void {
    const binding = scope.declare(name, "function");
    if (declaration !== undefined) binding.returnType ??= annotationOf(declaration, scope, "returnType");
  }

  /** A class: recorded, bound to `name` in `scope` when it has one, and to `expression` when it is a class expression. */
  declareClass(name: string | undefined, scope: Scope, expression?: SwcNode): ClassInfo {
    const info = new ClassInfo();
    this.#classes.push(info);
    if (expression !== undefined) this.#classOfExpression.set(expression, info);
    if (name !== undefined) scope.declare(name, "class").classInfo = info;
    return info;
  }

  /** A class's `extends` expression, read where the class is written. */
  superClass(cls: ClassInfo, expr: SwcNode, where: Context): void {
    cls.superClass = { expr, context: where };
  }

  /** A class field `name` (undefined for a computed key): its initializer is a value given to it, its annotation its type. */
  field(member: SwcNode, name: string | undefined, self: ThisClass, initializerContext: Context, scope: Scope): void {
    const value = child(member, "value");
    if (name !== undefined && value !== undefined) self.cls.assign(name, self.isStatic, { expr: value, context: initializerContext });
    const type = annotationOf(member, scope);
    if (name !== undefined && type !== undefined) self.cls.declareType(name, self.isStatic, type);
  }

  /** An enum's name: a binding, never a logger. */
  enumDeclaration(node: SwcNode, scope: Scope): void {
    const name = text(child(node, "id") ?? node, "value");
    if (name !== undefined) scope.declare(name, "other");
  }

  /**
   * `import … from "m"`: every specifier is declared (type-only ones too: annotations refer to
   * them); returns the module and the bindings that hold values — `undefined` for an `import
   * type` declaration (SWC removes it whatever the rewrite does) or a specifier it cannot read.
   */
  importDeclaration(node: SwcNode, scope: Scope): ImportedBindings | undefined {
    const sourceNode = child(node, "source");
    const source = sourceNode === undefined ? undefined : stringValue(sourceNode);
    if (source === undefined) return undefined;
    const typeOnly = flag(node, "typeOnly");
    const bindings: Binding[] = [];
    for (const s of items(node, "specifiers")) {
      if (!isNode(s)) continue;
      const local = text(child(s, "local") ?? s, "value");
      if (local === undefined) continue;
      let imported: string;
      if (s.type === "ImportDefaultSpecifier") imported = "default";
      else if (s.type === "ImportNamespaceSpecifier") imported = "*";
      else {
        const name = child(s, "imported");
        imported = name === undefined ? local : (name.type === "StringLiteral" ? stringValue(name) : text(name, "value")) ?? local;
      }
      const binding = scope.declare(local, "import", { from: source, name: imported });
      if (!typeOnly && !flag(s, "isTypeOnly")) bindings.push(binding);
    }
    return typeOnly ? undefined : { source, bindings };
  }

  /**
   * `import x = require("m")` (a namespace import of "m", returned as such) or `import x = N.y`
   * (a local alias: `N` is a use, `x` no import); nothing for `import type x = …`.
   */
  importEquals(node: SwcNode, scope: Scope): ImportedBindings | undefined {
    if (flag(node, "isTypeOnly")) return undefined;
    const name = text(child(node, "id") ?? node, "value");
    const ref = child(node, "moduleRef");
    if (name === undefined || ref === undefined) return undefined;
    if (ref.type === "TsExternalModuleReference") {
      const source = child(ref, "expression");
      const from = source === undefined ? undefined : stringValue(source);
      return from === undefined ? undefined : { source: from, bindings: [scope.declare(name, "import", { from, name: "*" })] };
    }
    scope.declare(name, "other");
    let left: SwcNode | undefined = ref;
    while (left?.type === "TsQualifiedName") left = child(left, "left");
    if (left?.type === "Identifier") this.reference(left, scope);
    return undefined;
  }

  /** `export { a, b as c }` (not a re-export, not type-only): each local name is a use. */
  exportNamed(node: SwcNode, scope: Scope): void {
    if (child(node, "source") !== undefined || flag(node, "typeOnly")) return;
    for (const s of items(node, "specifiers")) {
      if (!isNode(s) || s.type !== "ExportSpecifier" || flag(s, "isTypeOnly")) continue;
      const orig = child(s, "orig");
      if (orig?.type === "Identifier") this.reference(orig, scope);
    }
  }

  // ── namespaces ─────────────────────────────────────────────────────────────

  /**
   * Enters a namespace declared in `scope` (its name is a binding there): returns its body block
   * and the scope inside, or `undefined` for an ambient (`declare`, `global`) or bodiless one.
   * What another block of the same namespace exports is in scope inside too (declaration
   * merging): such a name is not the module's binding of that name, whatever it holds.
   * Every entered namespace is left with {@link leaveNamespace}.
   */
  enterNamespace(node: SwcNode, scope: Scope): { block: SwcNode; scope: Scope } | undefined {
    if (flag(node, "declare") || flag(node, "global")) return undefined;
    const id = child(node, "id");
    if (id?.type === "Identifier") scope.declare(text(id, "value") ?? "", "other");
    const { block, path } = namespaceBlock(node, this.#namespacePaths.at(-1) ?? "");
    if (block === undefined) return undefined;
    const inner = new Scope(scope, "function");
    for (const other of this.#namespaceExports.get(path) ?? []) {
      if (other.block === block) continue;
      for (const name of other.names) inner.declare(name, "other").assignments.push("unknown");
    }
    this.#namespacePaths.push(path);
    return { block, scope: inner };
  }

  /** Leaves the namespace {@link enterNamespace} entered last. */
  leaveNamespace(): void {
    this.#namespacePaths.pop();
  }
}

/** The value of a string literal node (a module specifier, an imported name), or `undefined` for any other node. */
function stringValue(node: SwcNode): string | undefined {
  return node.type === "StringLiteral" ? staticKey(node) : undefined;
}

/** A namespace declaration's body block and qualified name (`namespace A.B { … }` nests a declaration per dot). */
function namespaceBlock(node: SwcNode, outerPath: string): { block: SwcNode | undefined; path: string } {
  let path = outerPath;
  let current: SwcNode | undefined = node;
  for (;;) {
    const id = child(current, "id");
    const name = id?.type === "Identifier" ? text(id, "value") : undefined;
    path = path === "" ? (name ?? "?") : path + "." + (name ?? "?");
    const body = child(current, "body");
    if (body?.type === "TsNamespaceDeclaration") current = body;
    else return { block: body?.type === "TsModuleBlock" ? body : undefined, path };
  }
}

/** Records, for every namespace block under `statements`, the names it exports (`export const x`, `export function f`…). */
function collectNamespaceExports(statements: readonly unknown[], path: string, into: Map<string, NamespaceBlock[]>): void {
  for (const s of statements) {
    if (!isNode(s)) continue;
    const declaration = s.type === "ExportDeclaration" ? child(s, "declaration") : s;
    if (declaration?.type !== "TsModuleDeclaration" || flag(declaration, "global")) continue;
    const { block, path: inner } = namespaceBlock(declaration, path);
    if (block === undefined) continue;
    const names: string[] = [];
    for (const member of items(block, "body")) {
      if (!isNode(member) || member.type !== "ExportDeclaration") continue;
      const d = child(member, "declaration");
      if (d === undefined) continue;
      if (d.type === "VariableDeclaration") {
        for (const v of items(d, "declarations")) {
          const id = isNode(v) ? child(v, "id") : undefined;
          if (id?.type === "Identifier") names.push(text(id, "value") ?? "");
        }
      } else {
        const id = child(d, d.type === "ClassDeclaration" || d.type === "FunctionDeclaration" ? "identifier" : "id");
        if (id?.type === "Identifier") names.push(text(id, "value") ?? "");
      }
    }
    const list = into.get(inner) ?? [];
    list.push({ block, names });
    into.set(inner, list);
    collectNamespaceExports(items(block, "body"), inner, into);
  }
}
