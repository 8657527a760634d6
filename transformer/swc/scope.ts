/**
 * Lexical scopes and bindings, as far as the SWC front end needs them to tell a logger from a
 * name that merely looks like one.
 *
 * Without a type checker, "is this a logger?" is answered by following bindings: a `const log =
 * getLogger(…)` is a logger, a parameter `log` in an inner function that shadows it is not. So
 * every declaration lands in the scope JavaScript puts it in (`var` and parameters in the
 * function, `let`/`const`/`class` in the block, imports in the module), and every value assigned
 * to a binding is kept, with where it was written, to be judged later.
 */
import { child, type SwcNode } from "./ast.js";

/** Where an expression was written: its scope and what `this` means there. */
export interface Context {
  readonly scope: Scope;
  /** The class whose instance (or constructor, when `isStatic`) `this` is; `undefined` when unknown. */
  readonly thisClass: ThisClass | undefined;
}

/** `this` inside a class body. */
export interface ThisClass {
  readonly cls: ClassInfo;
  readonly isStatic: boolean;
}

/** A value given to a binding or field: the expression and its context, or `"unknown"` (`+=`, destructuring, a parameter, a loop variable). */
export type Assignment = { readonly expr: SwcNode; readonly context: Context } | "unknown";

/** A type annotation (the type node inside `: T`) and the scope its names resolve in. */
export interface DeclaredType {
  readonly type: SwcNode;
  readonly scope: Scope;
}

/**
 * The type written in `node`'s annotation under `key` (`: T` of a binding, a field, a property
 * signature; `returnType` for a function's), read in `scope`; `undefined` when none is written.
 */
export function annotationOf(node: SwcNode, scope: Scope, key = "typeAnnotation"): DeclaredType | undefined {
  const annotation = child(node, key);
  const type = annotation === undefined ? undefined : child(annotation, "typeAnnotation");
  return type === undefined ? undefined : { type, scope };
}

/** What a class declares about its fields, instance and static, by name (`#x` for private names). */
export class ClassInfo {
  readonly instanceFields = new Map<string, Assignment[]>();
  readonly staticFields = new Map<string, Assignment[]>();
  /** Fields declared with a type (`log: Logger`, `constructor(private log: Logger)`). */
  readonly instanceTypes = new Map<string, DeclaredType>();
  readonly staticTypes = new Map<string, DeclaredType>();
  /** The `extends` expression, if any. */
  superClass: { readonly expr: SwcNode; readonly context: Context } | undefined;

  /** Records a value given to a field. */
  assign(name: string, isStatic: boolean, value: Assignment): void {
    const fields = isStatic ? this.staticFields : this.instanceFields;
    let list = fields.get(name);
    if (list === undefined) fields.set(name, (list = []));
    list.push(value);
  }

  /** Records a field's declared type. */
  declareType(name: string, isStatic: boolean, type: DeclaredType): void {
    (isStatic ? this.staticTypes : this.instanceTypes).set(name, type);
  }
}

/** How a name was declared (`import` includes type-only imports, which type annotations refer to). */
export type BindingKind = "import" | "var" | "let" | "const" | "function" | "class" | "param" | "other";

/** One declared name. */
export class Binding {
  readonly name: string;
  readonly kind: BindingKind;
  /** Every value given to it, in source order (declaration initializers, `=` assignments). */
  readonly assignments: Assignment[] = [];
  /** For an import: the module specifier and the imported name (`*` for a namespace, `default`). */
  readonly imported: { readonly from: string; readonly name: string } | undefined;
  /** For a class declaration or a named class expression's inner name. */
  classInfo: ClassInfo | undefined;
  /** The binding's type annotation (`const log: Logger`, a parameter `log: Logger`). */
  declaredType: DeclaredType | undefined;
  /** A function declaration's return type annotation. */
  returnType: DeclaredType | undefined;
  /** UTF-16 start of every value reference (type positions excluded). */
  readonly references: number[] = [];

  constructor(name: string, kind: BindingKind, imported?: { from: string; name: string }) {
    this.name = name;
    this.kind = kind;
    this.imported = imported;
  }
}

/** A scope: the module, a function (with its parameters and `var`s), or a block. */
export class Scope {
  readonly parent: Scope | undefined;
  readonly kind: "module" | "function" | "block";
  readonly #bindings = new Map<string, Binding>();

  constructor(parent: Scope | undefined, kind: "module" | "function" | "block") {
    this.parent = parent;
    this.kind = kind;
  }

  /**
   * Declares `name` here (or, for `var`, in the nearest function or module scope) and returns
   * its binding. A name declared twice in one scope (`var x; var x;`, a function and a `var`)
   * is one binding that collects both.
   */
  declare(name: string, kind: BindingKind, imported?: { from: string; name: string }): Binding {
    let scope: Scope = this;
    if (kind === "var") while (scope.kind === "block" && scope.parent !== undefined) scope = scope.parent;
    let binding = scope.#bindings.get(name);
    if (binding === undefined) {
      binding = new Binding(name, kind, imported);
      scope.#bindings.set(name, binding);
    } else if (binding.kind !== kind) {
      // `var f; function f() {}`, or an import shadowed in its own scope: not a single kind of value.
      binding.assignments.push("unknown");
    }
    return binding;
  }

  /** The binding `name` refers to from here, or `undefined` for a global. */
  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      const found = s.#bindings.get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}
