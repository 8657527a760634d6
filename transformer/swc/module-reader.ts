/**
 * One walk over an SWC module that collects what the rewrite needs: scopes and bindings (with
 * every value given to them and the type written for them, if any), class fields, the module's
 * imports, and the candidate logger calls — `receiver.level(…)` with a logger method name — each
 * with its scope, its `this`, the functions around it and the syntactic slot it sits in. Type
 * syntax is not walked as code: a name used only in a type is no use of its import.
 *
 * Nothing is decided here: whether a receiver is a logger is asked afterwards
 * (`logger-resolution.ts`), once every declaration of the module is known (JavaScript hoists
 * them, so a use can come before its declaration in the text).
 */
import type { EnclosingFunction, LoggerMethod } from "../core/call.js";
import { LOGGER_METHODS } from "../core/call.js";
import { child, flag, functionPart, isNode, isTransparent, items, skipTransparent, spanOf, text, type SwcNode } from "./ast.js";
import { assignmentTargetName, boundFunction, memberFunction, propertyName, type NameHint } from "./enclosing-functions.js";
import { stringLiteralValue } from "./literal-text.js";
import { Binding, ClassInfo, Scope, type Assignment, type BindingKind, type Context, type DeclaredType, type ThisClass } from "./scope.js";
import type { Range, SourcePositions } from "./source-positions.js";

/** A `receiver.method(…)` call whose method is a logger method name. */
export interface CandidateCall {
  readonly call: SwcNode;
  /** The call's range (an optional chain around it has the same). */
  readonly range: Range;
  readonly method: LoggerMethod;
  /** The receiver expression (`log`, `this.log`, `a?.b`). */
  readonly receiver: SwcNode;
  /** `receiver?.method(…)`: the method itself is reached through `?.`. */
  readonly optional: boolean;
  /** The call is part of an optional chain (`log?.info(…)`, `a?.log.info(…)`): it may short-circuit. */
  readonly inChain: boolean;
  readonly context: Context;
  /** The functions around the call, outermost first. */
  readonly enclosing: readonly EnclosingFunction[];
  /** Set when the call is the whole expression of an expression statement. */
  readonly statement: StatementSlot | undefined;
  /** True where `void 0` in place of the call would need parentheses (`log.debug().x`). */
  readonly tight: boolean;
}

/** An expression statement that is exactly one call. */
export interface StatementSlot {
  readonly range: Range;
  /**
   * True when the statement may simply disappear: it sits in a statement list (not as the body
   * of an `if` or a loop), and removing it cannot join its neighbours into one statement (the
   * previous statement ends with `;` or a block).
   */
  readonly removable: boolean;
}

/** A top-level import declaration with value bindings. */
export interface ImportFacts {
  readonly range: Range;
  readonly source: string;
  readonly bindings: readonly Binding[];
}

/** What the walk found. */
export interface ModuleFacts {
  /** Candidate calls in pre-order (an outer call before the calls in its arguments). */
  readonly candidates: readonly CandidateCall[];
  readonly imports: readonly ImportFacts[];
  /** Where each expression statement of a statement list starts (a rewrite that opens with `(` there needs a `;` first). */
  readonly listStatementStarts: ReadonlySet<number>;
  /** The class a class expression declares. */
  readonly classOfExpression: ReadonlyMap<SwcNode, ClassInfo>;
  /** Every class of the module (declarations and expressions). */
  readonly classes: readonly ClassInfo[];
}

/** The walk's state at a node. */
interface Ctx extends Context {
  readonly frames: readonly EnclosingFunction[];
}

/** What a node's parent tells it about its slot. */
interface Slot {
  readonly hint?: NameHint;
  readonly tight?: boolean;
  /** The statement's previous sibling in a statement list (`null`: first in its list). */
  readonly listPrevious?: SwcNode | null;
  /** The call is the base of `?.(…)`: `log.info?.(…)`. */
  readonly optionalCall?: boolean;
  /** The call is the base of an optional chain. */
  readonly inChain?: boolean;
  readonly statement?: StatementSlot;
}

const NONE: Slot = {};

/** Keys that never hold runtime code (types) or positions. */
const SKIP_KEYS = new Set([
  "span",
  "ctxt",
  "typeAnnotation",
  "typeParameters",
  "typeParams",
  "typeArguments",
  "returnType",
  "superTypeParams",
  "implements",
  "thisParam",
]);

/** TypeScript-only nodes that hold runtime code; every other `Ts…` node is a type and skipped. */
const TS_WITH_CODE = new Set([
  "TsAsExpression",
  "TsSatisfiesExpression",
  "TsNonNullExpression",
  "TsTypeAssertion",
  "TsConstAssertion",
  "TsInstantiation",
  "TsEnumDeclaration",
  "TsModuleDeclaration",
  "TsImportEqualsDeclaration",
  "TsExportAssignment",
  "TsParameterProperty",
]);

/** Statements that end with a block of their own: removing the statement after one cannot merge the two. */
const ENDS_WITH_BLOCK = new Set([
  "BlockStatement",
  "FunctionDeclaration",
  "ClassDeclaration",
  "TryStatement",
  "SwitchStatement",
  "TsInterfaceDeclaration",
  "TsEnumDeclaration",
  "TsModuleDeclaration",
]);

/** Walks `module` (parsed by `parse.ts`, whose first statement is the probe's `;`). */
export function readModule(module: SwcNode, positions: SourcePositions): ModuleFacts {
  return new ModuleReader(positions).read(module);
}

class ModuleReader {
  readonly #positions: SourcePositions;
  readonly #candidates: CandidateCall[] = [];
  readonly #imports: ImportFacts[] = [];
  readonly #listStatementStarts = new Set<number>();
  /** The names each block of each namespace exports, by qualified namespace name (`A.B`). */
  readonly #namespaceExports = new Map<string, { block: SwcNode; names: string[] }[]>();
  /** The qualified name of the namespace being walked (`""` outside any). */
  #namespacePath = "";
  readonly #classOfExpression = new Map<SwcNode, ClassInfo>();
  readonly #classes: ClassInfo[] = [];
  /** Identifier assignments and references, resolved once every declaration is known. */
  readonly #assignments: { name: string; scope: Scope; value: Assignment }[] = [];
  readonly #staticAssignments: { name: string; scope: Scope; field: string; value: Assignment }[] = [];
  readonly #references: { name: string; scope: Scope; at: number }[] = [];

  constructor(positions: SourcePositions) {
    this.#positions = positions;
  }

  read(module: SwcNode): ModuleFacts {
    const scope = new Scope(undefined, "module");
    const ctx: Ctx = { scope, thisClass: undefined, frames: [] };
    const body = items(module, "body").filter(isNode).slice(1); // without the probe's `;`
    collectNamespaceExports(body, "", this.#namespaceExports);
    this.#statements(body, ctx);

    for (const a of this.#assignments) a.scope.lookup(a.name)?.assignments.push(a.value);
    for (const a of this.#staticAssignments) a.scope.lookup(a.name)?.classInfo?.assign(a.field, true, a.value);
    for (const r of this.#references) r.scope.lookup(r.name)?.references.push(r.at);

    return {
      candidates: this.#candidates,
      imports: this.#imports,
      listStatementStarts: this.#listStatementStarts,
      classOfExpression: this.#classOfExpression,
      classes: this.#classes,
    };
  }

  #newClass(): ClassInfo {
    const info = new ClassInfo();
    this.#classes.push(info);
    return info;
  }

  #range(node: SwcNode): Range {
    const span = spanOf(node);
    return span === undefined ? { start: 0, end: 0 } : this.#positions.range(span);
  }

  // ── statements ──────────────────────────────────────────────────────────────

  #statements(list: readonly unknown[], ctx: Ctx): void {
    let previous: SwcNode | null = null;
    for (const s of list) {
      if (!isNode(s)) continue;
      if (s.type === "ExpressionStatement") this.#listStatementStarts.add(this.#range(s).start);
      this.#visit(s, ctx, { listPrevious: previous });
      previous = s;
    }
  }

  #expressionStatement(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const expression = child(node, "expression");
    if (expression === undefined) return;
    let inner = expression;
    while (inner.type === "ParenthesisExpression") inner = child(inner, "expression") ?? inner;
    if (inner.type === "OptionalChainingExpression" && !flag(inner, "optional") && child(inner, "base")?.type === "CallExpression") {
      inner = child(inner, "base")!;
    }
    if (inner.type !== "CallExpression") {
      this.#visit(expression, ctx, NONE);
      return;
    }
    const statement: StatementSlot = { range: this.#range(node), removable: slot.listPrevious !== undefined && this.#canRemoveAfter(slot.listPrevious) };
    if (inner === expression) {
      this.#visit(expression, ctx, { statement });
    } else {
      // Parentheses or an optional chain around the call: the slot belongs to the call inside.
      this.#withStatement(expression, inner, ctx, statement);
    }
  }

  #withStatement(outer: SwcNode, call: SwcNode, ctx: Ctx, statement: StatementSlot, inChain = false): void {
    if (outer === call) return this.#visit(call, ctx, { statement, inChain });
    const chain = outer.type === "OptionalChainingExpression";
    const inner = child(outer, chain ? "base" : "expression");
    if (inner === undefined) return;
    this.#withStatement(inner, call, ctx, statement, chain);
  }

  /** Removing a statement after `previous` leaves the code meaning the same (no ASI joining). */
  #canRemoveAfter(previous: SwcNode | null): boolean {
    if (previous === null) return true;
    if (ENDS_WITH_BLOCK.has(previous.type)) return true;
    const declaration = child(previous, "declaration");
    if (previous.type === "ExportDeclaration" && declaration !== undefined && ENDS_WITH_BLOCK.has(declaration.type)) return true;
    const r = this.#range(previous);
    return this.#positions.code.slice(r.start, r.end).trimEnd().endsWith(";");
  }

  // ── the dispatcher ─────────────────────────────────────────────────────────

  #visit(node: SwcNode, ctx: Ctx, slot: Slot): void {
    switch (node.type) {
      case "ExpressionStatement":
        return this.#expressionStatement(node, ctx, slot);
      case "BlockStatement":
      case "FunctionBody":
        return this.#statements(items(node, "stmts"), { ...ctx, scope: new Scope(ctx.scope, "block") });
      case "Identifier":
        return this.#reference(node, ctx);
      case "ImportDeclaration":
        return this.#importDeclaration(node, ctx);
      case "TsImportEqualsDeclaration":
        return this.#importEquals(node, ctx);
      case "ExportNamedDeclaration":
        return this.#exportNamed(node, ctx);
      case "ExportAllDeclaration":
        return;
      case "ExportDeclaration": {
        const declaration = child(node, "declaration");
        if (declaration !== undefined) this.#visit(declaration, ctx, NONE);
        return;
      }
      case "ExportDefaultDeclaration":
        return this.#exportDefaultDeclaration(node, ctx);
      case "ExportDefaultExpression": {
        const expression = child(node, "expression");
        if (expression !== undefined) this.#visit(expression, ctx, { hint: { name: "default" } });
        return;
      }
      case "VariableDeclaration":
        return this.#variableDeclaration(node, ctx, false);
      case "FunctionDeclaration":
        return this.#functionDeclaration(node, ctx);
      case "ClassDeclaration":
        return this.#classDeclaration(node, ctx);
      case "TsEnumDeclaration":
        return this.#enumDeclaration(node, ctx);
      case "TsModuleDeclaration":
        return this.#namespace(node, ctx);
      case "ForStatement":
        return this.#children(node, { ...ctx, scope: new Scope(ctx.scope, "block") });
      case "ForInStatement":
      case "ForOfStatement":
        return this.#forInOf(node, ctx);
      case "SwitchStatement":
        return this.#switch(node, ctx);
      case "CatchClause":
        return this.#catchClause(node, ctx);
      case "LabeledStatement": {
        const body = child(node, "body");
        if (body !== undefined) this.#visit(body, ctx, NONE);
        return;
      }
      case "BreakStatement":
      case "ContinueStatement":
      case "MetaProperty":
      case "JSXClosingElement":
      case "JSXText":
        return;
      case "CallExpression":
        return this.#call(node, ctx, slot);
      case "OptionalChainingExpression": {
        const base = child(node, "base");
        if (base === undefined) return;
        return this.#visit(base, ctx, {
          tight: slot.tight,
          statement: slot.statement,
          optionalCall: flag(node, "optional") && base.type === "CallExpression",
          inChain: base.type === "CallExpression",
        });
      }
      case "MemberExpression":
      case "SuperPropExpression":
        return this.#member(node, ctx);
      case "NewExpression":
        return this.#tightChild(node, "callee", ctx);
      case "TaggedTemplateExpression":
        return this.#tightChild(node, "tag", ctx);
      case "Decorator":
      case "TsInstantiation":
        return this.#tightChild(node, "expression", ctx);
      case "BinaryExpression":
        if (text(node, "operator") === "**") return this.#tightChild(node, "left", ctx);
        return this.#children(node, ctx);
      case "UpdateExpression":
        return this.#update(node, ctx);
      case "AssignmentExpression":
        return this.#assignment(node, ctx);
      case "FunctionExpression":
        return this.#functionExpression(node, ctx, slot);
      case "ArrowFunctionExpression":
        return this.#function(node, ctx, boundFunction(slot.hint), ctx.thisClass);
      case "ClassExpression":
        return this.#classExpression(node, ctx, slot);
      case "ObjectExpression":
        return this.#object(node, ctx, slot);
      case "JSXOpeningElement":
        return this.#jsxOpening(node, ctx);
      default:
        if (isTransparent(node)) {
          // The name binding reaches through parentheses and type-only syntax. Inside parentheses
          // `void 0` needs none of its own; `x!` must stay a postfix of something tight.
          const inner = child(node, "expression");
          const tight = node.type === "ParenthesisExpression" ? false : slot.tight === true || node.type === "TsNonNullExpression";
          if (inner !== undefined) this.#visit(inner, ctx, { hint: slot.hint, tight });
          return;
        }
        if (node.type.startsWith("Ts") && !TS_WITH_CODE.has(node.type)) return;
        return this.#children(node, ctx);
    }
  }

  /** Visits every child that can hold code, with no slot information. */
  #children(node: SwcNode, ctx: Ctx): void {
    for (const key in node) {
      if (SKIP_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) this.#item(item, ctx);
      } else {
        this.#item(value, ctx);
      }
    }
  }

  /** A child value: a node, or an argument / array element wrapper `{ spread, expression }`. */
  #item(value: unknown, ctx: Ctx): void {
    if (isNode(value)) {
      this.#visit(value, ctx, NONE);
    } else if (typeof value === "object" && value !== null && isNode((value as { expression?: unknown }).expression)) {
      this.#visit((value as { expression: SwcNode }).expression, ctx, NONE);
    }
  }

  #tightChild(node: SwcNode, key: string, ctx: Ctx): void {
    for (const k in node) {
      if (SKIP_KEYS.has(k)) continue;
      const value = node[k];
      if (k === key && isNode(value)) this.#visit(value, ctx, { tight: true });
      else if (Array.isArray(value)) for (const item of value) this.#item(item, ctx);
      else this.#item(value, ctx);
    }
  }

  #reference(node: SwcNode, ctx: Ctx): void {
    const name = text(node, "value");
    const span = spanOf(node);
    if (name !== undefined && span !== undefined) this.#references.push({ name, scope: ctx.scope, at: this.#positions.index(span.start) });
  }

  // ── calls and members ──────────────────────────────────────────────────────

  #call(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const callee = child(node, "callee");
    if (callee === undefined) return;
    const optional = callee.type === "OptionalChainingExpression" && flag(callee, "optional");
    const member = callee.type === "OptionalChainingExpression" ? child(callee, "base") : callee;
    const property = member?.type === "MemberExpression" ? child(member, "property") : undefined;
    const method = property?.type === "Identifier" ? text(property, "value") : undefined;
    const receiver = member === undefined ? undefined : child(member, "object");
    const span = spanOf(node);
    if (method !== undefined && LOGGER_METHODS.has(method) && receiver !== undefined && span !== undefined && slot.optionalCall !== true) {
      this.#candidates.push({
        call: node,
        range: this.#positions.range(span),
        method: method as LoggerMethod,
        receiver,
        optional,
        inChain: slot.inChain === true,
        context: { scope: ctx.scope, thisClass: ctx.thisClass },
        enclosing: ctx.frames,
        statement: slot.statement,
        tight: slot.tight === true,
      });
    }
    this.#visit(callee, ctx, { tight: true });
    for (const arg of items(node, "arguments")) this.#item(arg, ctx);
  }

  #member(node: SwcNode, ctx: Ctx): void {
    const object = child(node, node.type === "SuperPropExpression" ? "obj" : "object");
    if (object !== undefined) this.#visit(object, ctx, { tight: true });
    const property = child(node, "property");
    if (property?.type === "Computed") {
      const expression = child(property, "expression");
      if (expression !== undefined) this.#visit(expression, ctx, NONE);
    }
  }

  // ── assignments ────────────────────────────────────────────────────────────

  #assignment(node: SwcNode, ctx: Ctx): void {
    const left = child(node, "left");
    const right = child(node, "right");
    const plain = text(node, "operator") === "=";
    const value: Assignment = plain && right !== undefined ? { expr: right, context: ctx } : "unknown";
    if (left !== undefined) {
      if (left.type === "Identifier" || left.type === "MemberExpression") this.#assignTarget(left, value, ctx);
      else this.#pattern(left, ctx, (id) => this.#assignTarget(id, "unknown", ctx));
    }
    if (right !== undefined) this.#visit(right, ctx, { hint: { name: plain && left !== undefined ? assignmentTargetName(left) : undefined } });
  }

  #update(node: SwcNode, ctx: Ctx): void {
    const argument = child(node, "argument");
    if (argument === undefined) return;
    this.#assignTarget(argument, "unknown", ctx);
    if (argument.type === "Identifier") this.#reference(argument, ctx);
  }

  /** Records a value given to an identifier or a field (`this.x`, `Class.x`); visits a member target's object. */
  #assignTarget(target: SwcNode, value: Assignment, ctx: Ctx): void {
    if (target.type === "Identifier") {
      const name = text(target, "value");
      if (name !== undefined) this.#assignments.push({ name, scope: ctx.scope, value });
      return;
    }
    if (target.type !== "MemberExpression") {
      this.#visit(target, ctx, NONE);
      return;
    }
    const object = child(target, "object");
    const property = child(target, "property");
    const field = property === undefined || property.type === "Computed" ? undefined : propertyName(property);
    if (field !== undefined && object?.type === "ThisExpression" && ctx.thisClass !== undefined) {
      ctx.thisClass.cls.assign(field, ctx.thisClass.isStatic, value);
    } else if (field !== undefined && object?.type === "Identifier") {
      const name = text(object, "value");
      if (name !== undefined) this.#staticAssignments.push({ name, scope: ctx.scope, field, value });
    }
    this.#member(target, ctx);
  }

  /**
   * Walks a binding or assignment pattern: `onName` gets each identifier it binds or assigns;
   * default values, computed keys and member targets are visited as code.
   */
  #pattern(pattern: SwcNode, ctx: Ctx, onName: (id: SwcNode) => void): void {
    switch (pattern.type) {
      case "Identifier":
        return onName(pattern);
      case "AssignmentPattern": {
        const left = child(pattern, "left");
        const right = child(pattern, "right");
        if (right !== undefined) this.#visit(right, ctx, { hint: { name: undefined } });
        if (left !== undefined) this.#pattern(left, ctx, onName);
        return;
      }
      case "ArrayPattern":
        for (const element of items(pattern, "elements")) if (isNode(element)) this.#pattern(element, ctx, onName);
        return;
      case "ObjectPattern":
        for (const property of items(pattern, "properties")) {
          if (!isNode(property)) continue;
          if (property.type === "KeyValuePatternProperty") {
            const key = child(property, "key");
            if (key?.type === "Computed") this.#item(key.expression, ctx);
            const value = child(property, "value");
            if (value !== undefined) this.#pattern(value, ctx, onName);
          } else if (property.type === "AssignmentPatternProperty") {
            const value = child(property, "value");
            if (value !== undefined) this.#visit(value, ctx, { hint: { name: undefined } });
            const key = child(property, "key");
            if (key !== undefined) onName(key);
          } else if (property.type === "RestElement") {
            const argument = child(property, "argument");
            if (argument !== undefined) this.#pattern(argument, ctx, onName);
          }
        }
        return;
      case "RestElement": {
        const argument = child(pattern, "argument");
        if (argument !== undefined) this.#pattern(argument, ctx, onName);
        return;
      }
      case "MemberExpression":
        return this.#assignTarget(pattern, "unknown", ctx);
      default:
        // `(a as T) = …` and other wrapped targets.
        if (isTransparent(pattern)) {
          const inner = child(pattern, "expression");
          if (inner !== undefined) this.#pattern(inner, ctx, onName);
        } else {
          this.#visit(pattern, ctx, NONE);
        }
    }
  }

  // ── declarations ───────────────────────────────────────────────────────────

  #variableDeclaration(node: SwcNode, ctx: Ctx, loopHead: boolean): void {
    if (flag(node, "declare")) return;
    const kindText = text(node, "kind");
    const kind: BindingKind = kindText === "var" || kindText === "let" || kindText === "const" ? kindText : "other";
    for (const declarator of items(node, "declarations")) {
      if (!isNode(declarator)) continue;
      const id = child(declarator, "id");
      const init = child(declarator, "init");
      if (id?.type === "Identifier") {
        const name = text(id, "value") ?? "";
        const binding = ctx.scope.declare(name, kind);
        binding.declaredType ??= annotationOf(id, ctx.scope);
        if (init !== undefined) binding.assignments.push({ expr: init, context: ctx });
        if (loopHead) binding.assignments.push("unknown");
        if (init !== undefined) this.#visit(init, ctx, { hint: { name } });
      } else if (id !== undefined) {
        this.#pattern(id, ctx, (n) => {
          const b = ctx.scope.declare(text(n, "value") ?? "", kind);
          if (init !== undefined || loopHead) b.assignments.push("unknown");
        });
        if (init !== undefined) this.#visit(init, ctx, { hint: { name: undefined } });
      }
    }
  }

  #importDeclaration(node: SwcNode, ctx: Ctx): void {
    const sourceNode = child(node, "source");
    const source = sourceNode === undefined ? undefined : literalString(sourceNode);
    if (source === undefined) return;
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
        imported = name === undefined ? local : (name.type === "StringLiteral" ? literalString(name) : text(name, "value")) ?? local;
      }
      const binding = ctx.scope.declare(local, "import", { from: source, name: imported });
      // A type-only import is there for annotations; SWC removes it whatever the rewrite does.
      if (!typeOnly && !flag(s, "isTypeOnly")) bindings.push(binding);
    }
    if (!typeOnly) this.#imports.push({ range: this.#range(node), source, bindings });
  }

  #importEquals(node: SwcNode, ctx: Ctx): void {
    if (flag(node, "isTypeOnly")) return;
    const name = text(child(node, "id") ?? node, "value");
    const ref = child(node, "moduleRef");
    if (name === undefined || ref === undefined) return;
    if (ref.type === "TsExternalModuleReference") {
      const source = child(ref, "expression");
      const from = source === undefined ? undefined : literalString(source);
      if (from !== undefined) {
        const binding = ctx.scope.declare(name, "import", { from, name: "*" });
        this.#imports.push({ range: this.#range(node), source: from, bindings: [binding] });
      }
      return;
    }
    ctx.scope.declare(name, "other");
    // `import r = N.y`: the leftmost name is a use.
    let left: SwcNode | undefined = ref;
    while (left?.type === "TsQualifiedName") left = child(left, "left");
    if (left?.type === "Identifier") this.#reference(left, ctx);
  }

  #exportNamed(node: SwcNode, ctx: Ctx): void {
    if (child(node, "source") !== undefined || flag(node, "typeOnly")) return;
    for (const s of items(node, "specifiers")) {
      if (!isNode(s) || s.type !== "ExportSpecifier" || flag(s, "isTypeOnly")) continue;
      const orig = child(s, "orig");
      if (orig?.type === "Identifier") this.#reference(orig, ctx);
    }
  }

  #exportDefaultDeclaration(node: SwcNode, ctx: Ctx): void {
    const decl = child(node, "decl");
    if (decl === undefined) return;
    const id = child(decl, "identifier");
    const name = id === undefined ? undefined : text(id, "value");
    if (decl.type === "FunctionExpression") {
      // `export default function f() {}` declares `f` in the module, like a declaration.
      if (name !== undefined) ctx.scope.declare(name, "function").returnType ??= annotationOf(decl, ctx.scope, "returnType");
      this.#function(decl, ctx, { name: name ?? "default" }, undefined);
    } else if (decl.type === "ClassExpression") {
      const info = this.#newClass();
      this.#classOfExpression.set(decl, info);
      if (name !== undefined) ctx.scope.declare(name, "class").classInfo = info;
      this.#classBody(decl, ctx, ctx.scope, info, name ?? "default");
    }
  }

  #functionDeclaration(node: SwcNode, ctx: Ctx): void {
    if (flag(node, "declare") || child(node, "body") === undefined) return;
    const name = text(child(node, "identifier") ?? node, "value");
    if (name !== undefined) ctx.scope.declare(name, "function").returnType ??= annotationOf(node, ctx.scope, "returnType");
    // (`export default function () {}` is a function expression in SWC's tree: named "default" there.)
    this.#function(node, ctx, { name }, undefined);
  }

  #functionExpression(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const id = child(node, "identifier");
    const name = id === undefined ? undefined : text(id, "value");
    if (name === undefined) return this.#function(node, ctx, boundFunction(slot.hint), undefined);
    // A named function expression sees its own name in a scope of its own.
    const own = new Scope(ctx.scope, "block");
    own.declare(name, "function");
    this.#function(node, { ...ctx, scope: own }, { name }, undefined);
  }

  /**
   * A function-like node (declaration, expression, arrow, method, accessor, constructor):
   * parameters and body in a new function scope, with `frame` pushed and `this` as given.
   * `fieldsOf` is the class whose constructor this is (parameter properties become fields).
   */
  #function(node: SwcNode, ctx: Ctx, frame: EnclosingFunction, thisClass: ThisClass | undefined, fieldsOf?: ClassInfo): void {
    const fn = functionPart(node);
    const inner: Ctx = { scope: new Scope(ctx.scope, "function"), thisClass, frames: [...ctx.frames, frame] };
    for (const d of items(fn, "decorators")) this.#item(d, inner);
    const params = items(fn, "params");
    const setterParam = child(fn, "param");
    for (const p of setterParam === undefined ? params : [...params, setterParam]) {
      if (!isNode(p)) continue;
      if (p.type === "Parameter" || p.type === "TsParameterProperty") {
        for (const d of items(p, "decorators")) this.#item(d, inner);
        const pattern = child(p, p.type === "Parameter" ? "pat" : "param");
        if (pattern === undefined) continue;
        if (p.type === "TsParameterProperty" && fieldsOf !== undefined) {
          const target = pattern.type === "AssignmentPattern" ? child(pattern, "left") : pattern;
          const field = target === undefined ? undefined : text(target, "value");
          if (field !== undefined) {
            fieldsOf.assign(field, false, "unknown");
            const type = target === undefined ? undefined : annotationOf(target, inner.scope);
            if (type !== undefined) fieldsOf.declareType(field, false, type);
          }
        }
        this.#parameter(pattern, inner);
      } else {
        this.#parameter(p, inner);
      }
    }
    const body = child(fn, "body");
    if (body === undefined) return;
    if (body.type === "BlockStatement" || body.type === "FunctionBody") this.#statements(items(body, "stmts"), inner);
    else this.#visit(body, inner, NONE);
  }

  #parameter(pattern: SwcNode, ctx: Ctx): void {
    const declare = (id: SwcNode): void => {
      const binding = ctx.scope.declare(text(id, "value") ?? "", "param");
      binding.assignments.push("unknown");
      binding.declaredType ??= annotationOf(id, ctx.scope);
    };
    if (pattern.type === "AssignmentPattern") {
      // A parameter's default value is bound to the parameter's name.
      const left = child(pattern, "left");
      const right = child(pattern, "right");
      if (right !== undefined) this.#visit(right, ctx, { hint: { name: left?.type === "Identifier" ? text(left, "value") : undefined } });
      if (left !== undefined) this.#pattern(left, ctx, declare);
      return;
    }
    this.#pattern(pattern, ctx, declare);
  }

  #classDeclaration(node: SwcNode, ctx: Ctx): void {
    if (flag(node, "declare")) return;
    const name = text(child(node, "identifier") ?? node, "value");
    const info = this.#newClass();
    if (name !== undefined) ctx.scope.declare(name, "class").classInfo = info;
    this.#classBody(node, ctx, ctx.scope, info, name);
  }

  #classExpression(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const info = this.#newClass();
    this.#classOfExpression.set(node, info);
    const name = text(child(node, "identifier") ?? node, "value");
    let scope = ctx.scope;
    if (name !== undefined) {
      scope = new Scope(ctx.scope, "block");
      scope.declare(name, "class").classInfo = info;
    }
    this.#classBody(node, ctx, scope, info, name ?? slot.hint?.name);
  }

  /** Decorators, `extends` and members of a class; `scope` is the scope inside the class. */
  #classBody(node: SwcNode, outer: Ctx, scope: Scope, info: ClassInfo, owner: string | undefined): void {
    for (const d of items(node, "decorators")) this.#item(d, outer);
    const superClass = child(node, "superClass");
    if (superClass !== undefined) {
      info.superClass = { expr: superClass, context: outer };
      this.#visit(superClass, outer, { tight: true });
    }
    const base: Ctx = { ...outer, scope };
    for (const member of items(node, "body")) {
      if (!isNode(member)) continue;
      const isStatic = flag(member, "isStatic");
      const thisClass: ThisClass = { cls: info, isStatic };
      const key = child(member, "key");
      switch (member.type) {
        case "Constructor": {
          const frame: EnclosingFunction = { name: "constructor", memberOf: { name: owner } };
          this.#function(member, base, frame, { cls: info, isStatic: false }, info);
          break;
        }
        case "ClassMethod":
        case "PrivateMethod": {
          const frame = memberFunction(key, owner);
          const inFrame: Ctx = { ...base, frames: [...base.frames, frame] };
          this.#computedKey(key, inFrame);
          for (const d of items(member, "decorators")) this.#item(d, inFrame);
          if (child(functionPart(member), "body") !== undefined) this.#function(member, base, frame, thisClass);
          break;
        }
        case "ClassProperty":
        case "PrivateProperty":
        case "AutoAccessor":
          if (!flag(member, "declare")) this.#field(member, key, base, thisClass, owner);
          break;
        case "StaticBlock": {
          const frame: EnclosingFunction = { name: "static", memberOf: { name: owner } };
          const body = child(member, "body");
          if (body !== undefined) {
            this.#statements(items(body, "stmts"), { scope: new Scope(scope, "function"), thisClass: { cls: info, isStatic: true }, frames: [...base.frames, frame] });
          }
          break;
        }
        default:
          break;
      }
    }
  }

  /**
   * A class field: its initializer is a value given to the field, and runs as part of the
   * field's frame (`Class.field`) — unless it is an unnamed function, which is named by the field
   * itself (then the field is not a frame of its own, as in the TypeScript front end).
   */
  #field(member: SwcNode, key: SwcNode | undefined, base: Ctx, thisClass: ThisClass, owner: string | undefined): void {
    const name = key === undefined ? undefined : propertyName(key);
    const value = child(member, "value");
    const frame = memberFunction(key, owner);
    const fieldCtx: Ctx = { ...base, thisClass };
    if (name !== undefined && value !== undefined) thisClass.cls.assign(name, thisClass.isStatic, { expr: value, context: fieldCtx });
    const type = annotationOf(member, base.scope);
    if (name !== undefined && type !== undefined) thisClass.cls.declareType(name, thisClass.isStatic, type);
    const inFrame: Ctx = { ...fieldCtx, frames: [...base.frames, frame] };
    this.#computedKey(key, inFrame);
    for (const d of items(member, "decorators")) this.#item(d, inFrame);
    if (value === undefined) return;
    const hint: NameHint = { name, memberOf: { name: owner } };
    const unwrapped = skipTransparent(value);
    const namedByField =
      unwrapped.type === "ArrowFunctionExpression" || (unwrapped.type === "FunctionExpression" && child(unwrapped, "identifier") === undefined);
    this.#visit(value, namedByField ? fieldCtx : inFrame, { hint });
  }

  #computedKey(key: SwcNode | undefined, ctx: Ctx): void {
    if (key?.type === "Computed") this.#item(key.expression, ctx);
  }

  #object(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const owner = slot.hint?.name;
    for (const p of items(node, "properties")) {
      if (!isNode(p)) continue;
      const key = child(p, "key");
      switch (p.type) {
        case "KeyValueProperty": {
          this.#computedKey(key, ctx);
          const value = child(p, "value");
          if (value !== undefined) this.#visit(value, ctx, { hint: { name: key === undefined ? undefined : propertyName(key), memberOf: { name: owner } } });
          break;
        }
        case "MethodProperty":
        case "GetterProperty":
        case "SetterProperty": {
          const frame = memberFunction(key, owner);
          this.#computedKey(key, { ...ctx, frames: [...ctx.frames, frame] });
          this.#function(p, ctx, frame, undefined);
          break;
        }
        default:
          this.#visit(p, ctx, NONE);
      }
    }
  }

  #enumDeclaration(node: SwcNode, ctx: Ctx): void {
    if (flag(node, "declare")) return;
    const name = text(child(node, "id") ?? node, "value");
    if (name !== undefined) ctx.scope.declare(name, "other");
    for (const m of items(node, "members")) {
      if (isNode(m)) {
        const init = child(m, "init");
        if (init !== undefined) this.#visit(init, ctx, NONE);
      }
    }
  }

  #namespace(node: SwcNode, ctx: Ctx): void {
    if (flag(node, "declare") || flag(node, "global")) return;
    const id = child(node, "id");
    if (id?.type === "Identifier") ctx.scope.declare(text(id, "value") ?? "", "other");
    const { block, path } = namespaceBlock(node, this.#namespacePath);
    if (block === undefined) return;
    const scope = new Scope(ctx.scope, "function");
    // What another block of the same namespace exports is in scope here too (declaration
    // merging): such a name is not the module's binding of that name, whatever it holds.
    for (const other of this.#namespaceExports.get(path) ?? []) {
      if (other.block === block) continue;
      for (const name of other.names) scope.declare(name, "other").assignments.push("unknown");
    }
    const outer = this.#namespacePath;
    this.#namespacePath = path;
    this.#statements(items(block, "body"), { ...ctx, scope });
    this.#namespacePath = outer;
  }

  #forInOf(node: SwcNode, ctx: Ctx): void {
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope, "block") };
    const left = child(node, "left");
    if (left?.type === "VariableDeclaration") this.#variableDeclaration(left, inner, true);
    else if (left !== undefined) this.#pattern(left, inner, (id) => this.#assignTarget(id, "unknown", inner));
    const right = child(node, "right");
    if (right !== undefined) this.#visit(right, inner, NONE);
    const body = child(node, "body");
    if (body !== undefined) this.#visit(body, inner, NONE);
  }

  #switch(node: SwcNode, ctx: Ctx): void {
    const discriminant = child(node, "discriminant");
    if (discriminant !== undefined) this.#visit(discriminant, ctx, NONE);
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope, "block") };
    for (const c of items(node, "cases")) {
      if (!isNode(c)) continue;
      const test = child(c, "test");
      if (test !== undefined) this.#visit(test, inner, NONE);
      this.#statements(items(c, "consequent"), inner);
    }
  }

  #catchClause(node: SwcNode, ctx: Ctx): void {
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope, "block") };
    const param = child(node, "param");
    if (param !== undefined) this.#parameter(param, inner);
    const body = child(node, "body");
    if (body !== undefined) this.#visit(body, inner, NONE);
  }

  #jsxOpening(node: SwcNode, ctx: Ctx): void {
    let name = child(node, "name");
    // `<Foo.Bar>` uses `Foo`; `<div>` names an element, not a binding.
    let member = false;
    while (name?.type === "JSXMemberExpression") {
      member = true;
      name = child(name, "object");
    }
    const tag = name?.type === "Identifier" ? text(name, "value") : undefined;
    if (name !== undefined && tag !== undefined && (member || !/^[a-z]|-/.test(tag))) this.#reference(name, ctx);
    for (const a of items(node, "attributes")) {
      if (!isNode(a)) continue;
      if (a.type === "JSXAttribute") {
        const value = child(a, "value");
        if (value !== undefined) this.#visit(value, ctx, NONE);
      } else {
        this.#visit(a, ctx, NONE);
      }
    }
  }
}

/** The type written in a node's annotation (`: T` under `key`), with the scope its names resolve in. */
function annotationOf(node: SwcNode, scope: Scope, key = "typeAnnotation"): DeclaredType | undefined {
  const annotation = child(node, key);
  const type = annotation === undefined ? undefined : child(annotation, "typeAnnotation");
  return type === undefined ? undefined : { type, scope };
}

/** The value of a string literal node (a module specifier). */
function literalString(node: SwcNode): string | undefined {
  if (node.type !== "StringLiteral") return undefined;
  const raw = text(node, "raw");
  return raw === undefined ? text(node, "value") : stringLiteralValue(raw);
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
function collectNamespaceExports(statements: readonly unknown[], path: string, into: Map<string, { block: SwcNode; names: string[] }[]>): void {
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
