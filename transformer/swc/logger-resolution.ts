/**
 * Which receivers are logweave loggers, decided from syntax alone (SWC has no type checker).
 *
 * A logger is what logweave's `getLogger(…)` or a logger's `.child(…)` returns, reached through:
 * - the import of `getLogger` from "logweave" (renamed or not) or a namespace import (`lw.getLogger`);
 * - `const` aliases (and `let`/`var` whose every assignment is a logger);
 * - class fields whose every assignment (initializer, `this.x = …`, in the class and in its
 *   parents and subclasses in the module) is a logger, used as `this.x` / `this.#x` inside the
 *   class or a subclass, or `Class.x` for static ones;
 * - imports of modules named in the `loggers` option;
 * - a type written in the source that names logweave's `Logger` (imported from "logweave"):
 *   an annotated variable, parameter or field (`log: Logger`, `log?: Logger | undefined`), an
 *   assertion (`x as Logger`), a function's declared return type, a property of an annotated
 *   object type (`holder: { log?: Logger }`). That is what the TypeScript plugin's checker reads
 *   from the same text; and where a written type says something else (`any`, an interface of
 *   your own), the call is not rewritten, as in the TypeScript plugin.
 *
 * `logweave/pino`'s loggers ({@link LoggerResolver.isPinoLogger}) by binding only: what its
 * factory returns (`import pino from "logweave/pino"`, `import { pino }`, a namespace import,
 * `require("logweave/pino")`), a pino logger's `.child(…)`, and `const`/`let`/`var` bindings and
 * class fields (`this.log`, `Class.log`) whose every value is one of those, or annotated with
 * `Logger` from "logweave/pino".
 *
 * Names are followed through their scopes, so an inner `log` that shadows a logger is not one.
 * Anything else — unannotated parameters, destructured values, object literal properties,
 * elements of arrays and maps — is not proven to be a logger and its calls are left as written:
 * a missed call only loses the precomputation, a wrong one would break the program.
 */
import { RUNTIME_MODULE } from "../core/names.js";
import { child, flag, isNode, items, text, type SwcNode } from "./ast.js";
import { propertyName, staticKey } from "./enclosing-functions.js";
import type { ClassFacts } from "./scope-analysis.js";
import type { LoggerModules } from "./options.js";
import type { Assignment, Binding, ClassInfo, Context, DeclaredType, Scope } from "./scope.js";

/** logweave's logger class, as a type name. */
const LOGGER_TYPE = "Logger";

/** The module of logweave's pino factory. */
const PINO_MODULE = RUNTIME_MODULE + "/pino";

/** Answers "is this expression a logger?" for one module. Memoizes per binding and per field. */
export class LoggerResolver {
  readonly #loggers: LoggerModules;
  readonly #file: string | undefined;
  readonly #classOfExpression: ReadonlyMap<SwcNode, ClassInfo>;
  readonly #classes: readonly ClassInfo[];
  /** `true`/`false` once decided; `undefined` while being decided (a cycle is not a proof). */
  readonly #bindings = new Map<Binding, boolean | undefined>();
  readonly #fields = new Map<ClassInfo, Map<string, boolean | undefined>>();
  /** As {@link #bindings}, for `logweave/pino` loggers. */
  readonly #pinoBindings = new Map<Binding, boolean | undefined>();

  /** `module` is what the module reader found: its classes, and the class of each class expression. */
  constructor(loggers: LoggerModules, file: string | undefined, module: ClassFacts) {
    this.#loggers = loggers;
    this.#file = file;
    this.#classOfExpression = module.classOfExpression;
    this.#classes = module.classes;
  }

  /** True when `expr`, written in `context`, is proven to be a logweave logger. */
  isLogger(expr: SwcNode, context: Context): boolean {
    const e = unwrap(expr);
    switch (e.type) {
      case "TsAsExpression":
      case "TsTypeAssertion": {
        const type = child(e, "typeAnnotation");
        return type !== undefined && this.#isLoggerType(type, context.scope);
      }
      case "Identifier": {
        const binding = context.scope.lookup(text(e, "value") ?? "");
        return binding !== undefined && this.#bindingIsLogger(binding);
      }
      case "CallExpression":
        return this.#makesLogger(e, context);
      case "MemberExpression":
        return this.#memberIsLogger(e, context);
      default:
        return false;
    }
  }

  /** True when `expr`, written in `context`, is proven to be a `logweave/pino` logger (or a child of one). */
  isPinoLogger(expr: SwcNode, context: Context): boolean {
    const e = unwrap(expr);
    switch (e.type) {
      case "TsAsExpression":
      case "TsTypeAssertion": {
        const type = child(e, "typeAnnotation");
        return type !== undefined && isPinoLoggerType(type, context.scope);
      }
      case "Identifier": {
        const binding = context.scope.lookup(text(e, "value") ?? "");
        return binding !== undefined && this.#bindingIsPinoLogger(binding);
      }
      case "MemberExpression": {
        // `this.log` / `this.#log` inside the class (or a subclass), `Class.log` for a static field.
        const property = child(e, "property");
        const object = child(e, "object");
        const name = property === undefined || property.type === "Computed" ? undefined : propertyName(property);
        if (object === undefined || name === undefined) return false;
        const o = unwrap(object);
        if (o.type === "ThisExpression") {
          const self = context.thisClass;
          return self !== undefined && this.#fieldIsLogger(self.cls, name, self.isStatic, true);
        }
        const cls = this.#classOf(o, context);
        return cls !== undefined && this.#fieldIsLogger(cls, name, true, true);
      }
      case "CallExpression": {
        const callee = child(e, "callee");
        if (callee === undefined) return false;
        const c = unwrap(callee);
        if (isPinoFactory(c, context.scope)) return true;
        if (c.type !== "MemberExpression") return false;
        const property = child(c, "property");
        const object = child(c, "object");
        if (property?.type !== "Identifier" || object === undefined) return false;
        return text(property, "value") === "child" && this.isPinoLogger(object, context);
      }
      default:
        return false;
    }
  }

  #bindingIsPinoLogger(binding: Binding): boolean {
    if (this.#pinoBindings.has(binding)) return this.#pinoBindings.get(binding) === true;
    this.#pinoBindings.set(binding, undefined);
    let result = false;
    if (binding.declaredType !== undefined) {
      result = isPinoLoggerType(binding.declaredType.type, binding.declaredType.scope);
    } else if (binding.kind === "const" || binding.kind === "let" || binding.kind === "var") {
      result = binding.assignments.length > 0 && binding.assignments.every((a) => a !== "unknown" && this.isPinoLogger(a.expr, a.context));
    }
    this.#pinoBindings.set(binding, result);
    return result;
  }

  /** `getLogger(…)`, `lw.getLogger(…)`, `logger.child(…)`, a function declared to return a `Logger`. */
  #makesLogger(call: SwcNode, context: Context): boolean {
    const callee = child(call, "callee");
    if (callee === undefined) return false;
    const c = unwrap(callee);
    if (c.type === "Identifier") {
      const binding = context.scope.lookup(text(c, "value") ?? "");
      if (binding === undefined) return false;
      const imported = binding.imported;
      if (imported !== undefined) return imported.from === RUNTIME_MODULE && imported.name === "getLogger";
      const returns = this.#returnTypeOf(binding);
      return returns !== undefined && this.#isLoggerType(returns.type, returns.scope);
    }
    if (c.type !== "MemberExpression") return false;
    const property = child(c, "property");
    const object = child(c, "object");
    if (property?.type !== "Identifier" || object === undefined) return false;
    const name = text(property, "value");
    if (name === "child") return this.isLogger(object, context);
    if (name === "getLogger") return isRuntimeNamespace(object, context.scope);
    return false;
  }

  /** `this.log`, `this.#log`, `Class.shared`, `ns.log` (a `loggers` module), `holder.log` (an annotated object type). */
  #memberIsLogger(member: SwcNode, context: Context): boolean {
    const property = child(member, "property");
    const object = child(member, "object");
    if (property === undefined || object === undefined || property.type === "Computed") return false;
    const name = propertyName(property);
    if (name === undefined) return false;
    const o = unwrap(object);
    if (o.type === "ThisExpression") {
      const self = context.thisClass;
      return self !== undefined && this.#fieldIsLogger(self.cls, name, self.isStatic);
    }
    const cls = this.#classOf(o, context);
    if (cls !== undefined) return this.#fieldIsLogger(cls, name, true);
    if (o.type === "Identifier") {
      const imported = context.scope.lookup(text(o, "value") ?? "")?.imported;
      if (imported?.name === "*") return this.#loggers.exportsOf(imported.from, this.#file)?.has(name) === true;
    }
    const type = this.#declaredTypeOf(member, context);
    return type !== undefined && this.#isLoggerType(type.type, type.scope);
  }

  #bindingIsLogger(binding: Binding): boolean {
    if (this.#bindings.has(binding)) return this.#bindings.get(binding) === true;
    this.#bindings.set(binding, undefined);
    let result = false;
    if (binding.declaredType !== undefined) {
      result = this.#isLoggerType(binding.declaredType.type, binding.declaredType.scope);
    } else if (binding.imported !== undefined) {
      result = this.#loggers.exportsOf(binding.imported.from, this.#file)?.has(binding.imported.name) === true;
    } else if (binding.kind === "const" || binding.kind === "let" || binding.kind === "var") {
      result = this.#allLoggers(binding.assignments);
    }
    this.#bindings.set(binding, result);
    return result;
  }

  /**
   * A field is a logger (`pino`: a `logweave/pino` logger) when it is declared with a `Logger` type, or (undeclared) when every
   * value given to it — in the class, its parents and its subclasses in this module, which share
   * the field at run time — is one, and there is at least one. An `extends` the module cannot
   * see into ends the chain upwards: the check then rests on what this module shows.
   */
  #fieldIsLogger(cls: ClassInfo, name: string, isStatic: boolean, pino = false): boolean {
    const key = (pino ? "pino " : "") + (isStatic ? "static " : "") + name;
    let known = this.#fields.get(cls);
    if (known === undefined) this.#fields.set(cls, (known = new Map()));
    if (known.has(key)) return known.get(key) === true;
    known.set(key, undefined);
    const related = new Set(this.#ancestry(cls));
    for (const other of this.#classes) if (other !== cls && this.#ancestry(other).includes(cls)) related.add(other);
    const assignments: Assignment[] = [];
    const declared: DeclaredType[] = [];
    for (const c of related) {
      const type = (isStatic ? c.staticTypes : c.instanceTypes).get(name);
      if (type !== undefined) declared.push(type);
      assignments.push(...((isStatic ? c.staticFields : c.instanceFields).get(name) ?? []));
    }
    const result = pino
      ? declared.length > 0
        ? declared.every((d) => isPinoLoggerType(d.type, d.scope))
        : assignments.length > 0 && assignments.every((a) => a !== "unknown" && this.isPinoLogger(a.expr, a.context))
      : declared.length > 0
        ? declared.every((d) => this.#isLoggerType(d.type, d.scope))
        : this.#allLoggers(assignments);
    known.set(key, result);
    return result;
  }

  /** The class and its parents, as far as this module shows them. */
  #ancestry(cls: ClassInfo): ClassInfo[] {
    const chain: ClassInfo[] = [];
    for (let c: ClassInfo | undefined = cls; c !== undefined && !chain.includes(c); ) {
      chain.push(c);
      const parent: ClassInfo["superClass"] = c.superClass;
      c = parent === undefined ? undefined : this.#classOf(unwrap(parent.expr), parent.context);
    }
    return chain;
  }

  #allLoggers(assignments: readonly Assignment[]): boolean {
    return assignments.length > 0 && assignments.every((a) => a !== "unknown" && this.isLogger(a.expr, a.context));
  }

  /** The class an expression names: a class declaration, a class expression, a `const` bound to one. */
  #classOf(expr: SwcNode, context: Context): ClassInfo | undefined {
    if (expr.type === "ClassExpression") return this.#classOfExpression.get(expr);
    if (expr.type === "ThisExpression") return context.thisClass?.isStatic === true ? context.thisClass.cls : undefined;
    if (expr.type !== "Identifier") return undefined;
    const binding = context.scope.lookup(text(expr, "value") ?? "");
    if (binding === undefined) return undefined;
    if (binding.classInfo !== undefined) return binding.classInfo;
    const value = onlyValue(binding);
    return value?.type === "ClassExpression" ? this.#classOfExpression.get(value) : undefined;
  }

  /** A function's declared return type: a function declaration, or a `const` bound to an arrow or function expression. */
  #returnTypeOf(binding: Binding): DeclaredType | undefined {
    if (binding.returnType !== undefined) return binding.returnType;
    const only = binding.kind === "const" && binding.assignments.length === 1 ? binding.assignments[0] : undefined;
    if (only === undefined || only === "unknown") return undefined;
    const fn = unwrap(only.expr);
    if (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") return undefined;
    const annotation = child(fn, "returnType");
    const type = annotation === undefined ? undefined : child(annotation, "typeAnnotation");
    return type === undefined ? undefined : { type, scope: only.context.scope };
  }

  /** The type written for an expression: an annotated binding, an assertion, a property of either. */
  #declaredTypeOf(expr: SwcNode, context: Context): DeclaredType | undefined {
    const e = unwrap(expr);
    if (e.type === "TsAsExpression" || e.type === "TsTypeAssertion") {
      const type = child(e, "typeAnnotation");
      return type === undefined ? undefined : { type, scope: context.scope };
    }
    if (e.type === "Identifier") {
      const binding = context.scope.lookup(text(e, "value") ?? "");
      if (binding === undefined) return undefined;
      if (binding.declaredType !== undefined) return binding.declaredType;
      // `const wrapper = { … } as { log: Logger }`: the assertion types the constant.
      const only = binding.kind === "const" && binding.assignments.length === 1 ? binding.assignments[0] : undefined;
      return only === undefined || only === "unknown" ? undefined : this.#declaredTypeOf(only.expr, only.context);
    }
    if (e.type === "MemberExpression") {
      const property = child(e, "property");
      const object = child(e, "object");
      const name = property === undefined || property.type === "Computed" ? undefined : propertyName(property);
      const owner = object === undefined || name === undefined ? undefined : this.#declaredTypeOf(object, context);
      return owner === undefined || name === undefined ? undefined : propertyType(owner, name);
    }
    return undefined;
  }

  /**
   * True when `type` is logweave's `Logger` (an import from "logweave", renamed or through a
   * namespace), possibly in a union with `undefined` / `null` (optional chaining handles those).
   */
  #isLoggerType(type: SwcNode, scope: Scope): boolean {
    const t = skipParenthesizedType(type);
    if (t.type === "TsUnionType") {
      const members = items(t, "types").filter(isNode).map(skipParenthesizedType);
      const loggers = members.filter((m) => !isNullish(m));
      return loggers.length === 1 && this.#isLoggerType(loggers[0], scope);
    }
    if (t.type !== "TsTypeReference" || child(t, "typeParams") !== undefined) return false;
    const name = child(t, "typeName");
    if (name?.type === "Identifier") {
      const imported = scope.lookup(text(name, "value") ?? "")?.imported;
      return imported !== undefined && imported.from === RUNTIME_MODULE && imported.name === LOGGER_TYPE;
    }
    if (name?.type === "TsQualifiedName") {
      const left = child(name, "left");
      const right = child(name, "right");
      return left !== undefined && right !== undefined && text(right, "value") === LOGGER_TYPE && isRuntimeNamespace(left, scope);
    }
    return false;
  }
}

/** `lw` in `lw.getLogger` / `lw.Logger`: a namespace import of "logweave". */
function isRuntimeNamespace(expr: SwcNode, scope: Scope): boolean {
  const o = unwrap(expr);
  const imported = o.type === "Identifier" ? scope.lookup(text(o, "value") ?? "")?.imported : undefined;
  return imported !== undefined && imported.from === RUNTIME_MODULE && imported.name === "*";
}

/** The type of property `name` in an object type literal (or a union of one with `undefined` / `null`). */
function propertyType(owner: DeclaredType, name: string): DeclaredType | undefined {
  let t = skipParenthesizedType(owner.type);
  if (t.type === "TsUnionType") {
    const members = items(t, "types").filter(isNode).map(skipParenthesizedType).filter((m) => !isNullish(m));
    if (members.length !== 1) return undefined;
    t = members[0];
  }
  if (t.type !== "TsTypeLiteral") return undefined;
  for (const m of items(t, "members")) {
    if (!isNode(m) || m.type !== "TsPropertySignature" || flag(m, "computed")) continue;
    const key = child(m, "key");
    if (key === undefined || staticKey(key) !== name) continue;
    const annotation = child(m, "typeAnnotation");
    const type = annotation === undefined ? undefined : child(annotation, "typeAnnotation");
    return type === undefined ? undefined : { type, scope: owner.scope };
  }
  return undefined;
}

function skipParenthesizedType(type: SwcNode): SwcNode {
  let t = type;
  while (t.type === "TsParenthesizedType") t = child(t, "typeAnnotation") ?? t;
  return t;
}

function isNullish(type: SwcNode): boolean {
  const kind = type.type === "TsKeywordType" ? text(type, "kind") : undefined;
  return kind === "undefined" || kind === "null";
}

/** The one value of a `const`. */
function onlyValue(binding: Binding): SwcNode | undefined {
  const only = binding.kind === "const" && binding.assignments.length === 1 ? binding.assignments[0] : undefined;
  return only === undefined || only === "unknown" ? undefined : unwrap(only.expr);
}

/** Wrappers a logger reads through: grouping and type syntax that keeps the type (`x as T` is not one: its type decides). */
const SEE_THROUGH = new Set(["ParenthesisExpression", "TsSatisfiesExpression", "TsNonNullExpression", "TsConstAssertion"]);

/** Looks through {@link SEE_THROUGH} wrappers and optional-chain wrappers (`a?.b` reads as `a.b`). */
function unwrap(expr: SwcNode): SwcNode {
  let e = expr;
  for (;;) {
    const next = SEE_THROUGH.has(e.type) ? child(e, "expression") : e.type === "OptionalChainingExpression" ? child(e, "base") : undefined;
    if (next === undefined) return e;
    e = next;
  }
}

/**
 * `logweave/pino`'s factory as a callee: a binding imported from it (default, `pino`, the
 * namespace, `import x = require(…)`), a `const` bound to `require("logweave/pino")`, or
 * `.pino` / `.default` of either.
 */
function isPinoFactory(callee: SwcNode, scope: Scope): boolean {
  const c = unwrap(callee);
  if (c.type === "Identifier") {
    const binding = scope.lookup(text(c, "value") ?? "");
    if (binding === undefined) return false;
    const imported = binding.imported;
    if (imported !== undefined) return imported.from === PINO_MODULE && (imported.name === "default" || imported.name === "pino" || imported.name === "*");
    const only = binding.kind === "const" && binding.assignments.length === 1 ? binding.assignments[0] : undefined;
    return only !== undefined && only !== "unknown" && isPinoRequire(only.expr, only.context.scope);
  }
  if (c.type === "MemberExpression") {
    const property = child(c, "property");
    const object = child(c, "object");
    const name = property?.type === "Identifier" ? text(property, "value") : undefined;
    return object !== undefined && (name === "pino" || name === "default") && (isPinoFactory(object, scope) || isPinoRequire(object, scope));
  }
  return isPinoRequire(c, scope);
}

/** `require("logweave/pino")`, with `require` not a binding of the module's own. */
function isPinoRequire(expr: SwcNode, scope: Scope): boolean {
  const e = unwrap(expr);
  if (e.type !== "CallExpression") return false;
  const callee = child(e, "callee");
  if (callee?.type !== "Identifier" || text(callee, "value") !== "require" || scope.lookup("require") !== undefined) return false;
  const args = items(e, "arguments");
  if (args.length !== 1) return false;
  const a = args[0] as { spread?: unknown; expression?: unknown };
  if (a.spread !== null && a.spread !== undefined) return false;
  const arg = isNode(a.expression) ? a.expression : undefined;
  return arg?.type === "StringLiteral" && text(arg, "value") === PINO_MODULE;
}

/**
 * `Logger` imported from "logweave/pino" (`import { Logger }` or `import type`), or
 * `pino.Logger` with `pino` an import of it; type arguments allowed (`Logger<"audit">`).
 */
function isPinoLoggerType(type: SwcNode, scope: Scope): boolean {
  const t = skipParenthesizedType(type);
  if (t.type === "TsUnionType") {
    const members = items(t, "types").filter(isNode).map(skipParenthesizedType).filter((m) => !isNullish(m));
    return members.length === 1 && isPinoLoggerType(members[0], scope);
  }
  if (t.type !== "TsTypeReference") return false;
  const name = child(t, "typeName");
  if (name?.type === "Identifier") {
    const imported = scope.lookup(text(name, "value") ?? "")?.imported;
    return imported !== undefined && imported.from === PINO_MODULE && imported.name === LOGGER_TYPE;
  }
  if (name?.type === "TsQualifiedName") {
    const left = child(name, "left");
    const right = child(name, "right");
    if (left?.type !== "Identifier" || right === undefined || text(right, "value") !== LOGGER_TYPE) return false;
    const imported = scope.lookup(text(left, "value") ?? "")?.imported;
    return imported !== undefined && imported.from === PINO_MODULE && (imported.name === "default" || imported.name === "pino" || imported.name === "*");
  }
  return false;
}
