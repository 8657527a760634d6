/**
 * One walk over an SWC module that collects, in one pass, what the rewrite needs. The walk
 * knows the syntax: which parts of the tree are code (type syntax is not walked as code: a name
 * used only in a type is no use of its import), the scope, `this` and functions around each
 * node, and the slot a parent gives its child (the name it binds it to, a tight position, a
 * statement). What the nodes mean is told to three collectors:
 * - `scope-analysis.ts`: declarations, assignments, class fields, imports and uses;
 * - `candidate-calls.ts`: the logger-method calls, with their slots;
 * - `edit-facts.ts`: what the text edit needs (imports, statement starts, removable statements).
 *
 * Nothing is decided here: whether a receiver is a logger is asked afterwards
 * (`logger-resolution.ts`), once every declaration of the module is known (JavaScript hoists
 * them, so a use can come before its declaration in the text).
 */
import type { EnclosingFunction } from "../core/call.js";
import { child, flag, functionPart, isNode, isTransparent, items, skipTransparent, text, type SwcNode } from "./ast.js";
import { CandidateCalls, statementCall, type CallSlot, type CandidateCall } from "./candidate-calls.js";
import { EditFacts, type ImportFacts, type StatementSlot } from "./edit-facts.js";
import { assignmentTargetName, boundFunction, memberFunction, propertyName, type NameHint } from "./enclosing-functions.js";
import { ScopeAnalysis, variableKind, type ClassFacts } from "./scope-analysis.js";
import { Scope, type Assignment, type ClassInfo, type Context, type ThisClass } from "./scope.js";
import type { SourcePositions } from "./source-positions.js";

/** What the walk found. */
export interface ModuleFacts extends ClassFacts {
  /** Candidate calls in pre-order (an outer call before the calls in its arguments). */
  readonly candidates: readonly CandidateCall[];
  /** The module's value imports (see `edit-facts.ts`). */
  readonly imports: readonly ImportFacts[];
  /** Where each expression statement of a statement list starts (a rewrite that opens with `(` there needs a `;` first). */
  readonly listStatementStarts: ReadonlySet<number>;
}

/** Walks `module` (parsed by `parse.ts`, whose first statement is the probe's `;`). */
export function readModule(module: SwcNode, positions: SourcePositions): ModuleFacts {
  const body = items(module, "body").filter(isNode).slice(1); // without the probe's `;`
  const scopes = new ScopeAnalysis(positions, body);
  const calls = new CandidateCalls(positions);
  const edits = new EditFacts(positions);
  new ModuleWalk(scopes, calls, edits).statements(body, { scope: new Scope(undefined, "module"), thisClass: undefined, frames: [] });
  const classes = scopes.finish();
  return { candidates: calls.found, imports: edits.imports, listStatementStarts: edits.listStatementStarts, ...classes };
}

/** The walk's state at a node: scope, `this` and the functions around it (outermost first). */
interface Ctx extends Context {
  readonly frames: readonly EnclosingFunction[];
}

/** What a node's parent tells it about its slot. */
interface Slot extends CallSlot {
  /** The name the node is bound to, for the functions it names (see `enclosing-functions.ts`). */
  readonly hint?: NameHint;
  /** The statement's previous sibling in a statement list (`null`: first in its list). */
  readonly listPrevious?: SwcNode | null;
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

/**
 * TypeScript-only nodes that hold runtime code and reach the generic walk; every other `Ts…`
 * node there is a type and skipped. (Enums, namespaces, `import x =`, instantiations and the
 * type-only wrappers of `ast.ts`'s `isTransparent` are walked before that check.)
 */
const TS_WITH_CODE = new Set(["TsExportAssignment", "TsParameterProperty"]);

/** The walk: syntax in, what each node means out to the three collectors. */
class ModuleWalk {
  readonly #scopes: ScopeAnalysis;
  readonly #calls: CandidateCalls;
  readonly #edits: EditFacts;

  constructor(scopes: ScopeAnalysis, calls: CandidateCalls, edits: EditFacts) {
    this.#scopes = scopes;
    this.#calls = calls;
    this.#edits = edits;
  }

  // ── statements ──────────────────────────────────────────────────────────────

  /** A statement list: the module, a block, a function body, a `case`. */
  statements(list: readonly unknown[], ctx: Ctx): void {
    let previous: SwcNode | null = null;
    for (const s of list) {
      if (!isNode(s)) continue;
      this.#edits.listStatement(s);
      this.#visit(s, ctx, { listPrevious: previous });
      previous = s;
    }
  }

  #expressionStatement(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const expression = child(node, "expression");
    if (expression === undefined) return;
    const call = statementCall(expression);
    if (call === undefined) return this.#visit(expression, ctx, NONE);
    const statement = this.#edits.statementSlot(node, slot.listPrevious);
    if (call === expression) {
      this.#visit(expression, ctx, { statement });
    } else {
      // Parentheses or an optional chain around the call: the slot belongs to the call inside.
      this.#withStatement(expression, call, ctx, statement);
    }
  }

  #withStatement(outer: SwcNode, call: SwcNode, ctx: Ctx, statement: StatementSlot, inChain = false): void {
    if (outer === call) return this.#visit(call, ctx, { statement, inChain });
    const chain = outer.type === "OptionalChainingExpression";
    const inner = child(outer, chain ? "base" : "expression");
    if (inner === undefined) return;
    this.#withStatement(inner, call, ctx, statement, chain);
  }

  // ── the dispatcher ─────────────────────────────────────────────────────────

  #visit(node: SwcNode, ctx: Ctx, slot: Slot): void {
    switch (node.type) {
      case "ExpressionStatement":
        return this.#expressionStatement(node, ctx, slot);
      case "BlockStatement":
      case "FunctionBody":
        return this.statements(items(node, "stmts"), { ...ctx, scope: new Scope(ctx.scope, "block") });
      case "Identifier":
        return this.#scopes.reference(node, ctx.scope);
      case "ImportDeclaration": {
        const imported = this.#scopes.importDeclaration(node, ctx.scope);
        if (imported !== undefined) this.#edits.importDeclaration(node, imported);
        return;
      }
      case "TsImportEqualsDeclaration": {
        const imported = this.#scopes.importEquals(node, ctx.scope);
        if (imported !== undefined) this.#edits.importDeclaration(node, imported);
        return;
      }
      case "ExportNamedDeclaration":
        return this.#scopes.exportNamed(node, ctx.scope);
      case "ExportAllDeclaration":
      case "BreakStatement":
      case "ContinueStatement":
      case "MetaProperty":
      case "JSXClosingElement":
      case "JSXText":
        return;
      case "ExportDeclaration":
        return this.#visitChild(node, "declaration", ctx, NONE);
      case "LabeledStatement":
        return this.#visitChild(node, "body", ctx, NONE);
      case "ExportDefaultDeclaration":
        return this.#exportDefaultDeclaration(node, ctx);
      case "ExportDefaultExpression":
        return this.#visitChild(node, "expression", ctx, { hint: { name: "default" } });
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
          const tight = node.type === "ParenthesisExpression" ? false : slot.tight === true || node.type === "TsNonNullExpression";
          return this.#visitChild(node, "expression", ctx, { hint: slot.hint, tight });
        }
        if (node.type.startsWith("Ts") && !TS_WITH_CODE.has(node.type)) return;
        return this.#children(node, ctx);
    }
  }

  /** Visits the node under `key`, if there is one. */
  #visitChild(node: SwcNode, key: string, ctx: Ctx, slot: Slot): void {
    const value = child(node, key);
    if (value !== undefined) this.#visit(value, ctx, slot);
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

  /** {@link #children}, with the child under `key` in a tight slot. */
  #tightChild(node: SwcNode, key: string, ctx: Ctx): void {
    for (const k in node) {
      if (SKIP_KEYS.has(k)) continue;
      const value = node[k];
      if (k === key && isNode(value)) this.#visit(value, ctx, { tight: true });
      else if (Array.isArray(value)) for (const item of value) this.#item(item, ctx);
      else this.#item(value, ctx);
    }
  }

  /** A computed key or member (`[expr]`): its expression is code; any other key is a name. */
  #computed(key: SwcNode | undefined, ctx: Ctx): void {
    if (key?.type === "Computed") this.#item(key.expression, ctx);
  }

  // ── calls and members ──────────────────────────────────────────────────────

  #call(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const callee = child(node, "callee");
    if (callee === undefined) return;
    this.#calls.call(node, callee, ctx, slot);
    this.#visit(callee, ctx, { tight: true });
    for (const arg of items(node, "arguments")) this.#item(arg, ctx);
  }

  #member(node: SwcNode, ctx: Ctx): void {
    const object = child(node, node.type === "SuperPropExpression" ? "obj" : "object");
    if (object !== undefined) this.#visit(object, ctx, { tight: true });
    this.#computed(child(node, "property"), ctx);
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
    if (argument.type === "Identifier") this.#scopes.reference(argument, ctx.scope);
  }

  /** Records a value given to an identifier or a member; visits a member target's object. */
  #assignTarget(target: SwcNode, value: Assignment, ctx: Ctx): void {
    if (target.type === "Identifier") return this.#scopes.assignName(target, value, ctx.scope);
    if (target.type !== "MemberExpression") return this.#visit(target, ctx, NONE);
    this.#scopes.assignMember(target, value, ctx);
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
        this.#visitChild(pattern, "right", ctx, { hint: { name: undefined } });
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
            this.#computed(child(property, "key"), ctx);
            const value = child(property, "value");
            if (value !== undefined) this.#pattern(value, ctx, onName);
          } else if (property.type === "AssignmentPatternProperty") {
            this.#visitChild(property, "value", ctx, { hint: { name: undefined } });
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
    const kind = variableKind(node);
    for (const declarator of items(node, "declarations")) {
      if (!isNode(declarator)) continue;
      const id = child(declarator, "id");
      const init = child(declarator, "init");
      if (id?.type === "Identifier") {
        const name = this.#scopes.variable(id, kind, init, loopHead, ctx);
        if (init !== undefined) this.#visit(init, ctx, { hint: { name } });
      } else if (id !== undefined) {
        this.#pattern(id, ctx, (n) => this.#scopes.patternVariable(n, kind, init !== undefined || loopHead, ctx.scope));
        if (init !== undefined) this.#visit(init, ctx, { hint: { name: undefined } });
      }
    }
  }

  #exportDefaultDeclaration(node: SwcNode, ctx: Ctx): void {
    const decl = child(node, "decl");
    if (decl === undefined) return;
    const id = child(decl, "identifier");
    const name = id === undefined ? undefined : text(id, "value");
    if (decl.type === "FunctionExpression") {
      // `export default function f() {}` declares `f` in the module, like a declaration.
      if (name !== undefined) this.#scopes.declareFunction(name, ctx.scope, decl);
      this.#function(decl, ctx, { name: name ?? "default" }, undefined);
    } else if (decl.type === "ClassExpression") {
      const info = this.#scopes.declareClass(name, ctx.scope, decl);
      this.#classBody(decl, ctx, ctx.scope, info, name ?? "default");
    }
  }

  #functionDeclaration(node: SwcNode, ctx: Ctx): void {
    if (flag(node, "declare") || child(node, "body") === undefined) return;
    const name = text(child(node, "identifier") ?? node, "value");
    if (name !== undefined) this.#scopes.declareFunction(name, ctx.scope, node);
    // (`export default function () {}` is a function expression in SWC's tree: named "default" there.)
    this.#function(node, ctx, { name }, undefined);
  }

  #functionExpression(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const id = child(node, "identifier");
    const name = id === undefined ? undefined : text(id, "value");
    if (name === undefined) return this.#function(node, ctx, boundFunction(slot.hint), undefined);
    // A named function expression sees its own name in a scope of its own.
    const own = new Scope(ctx.scope, "block");
    this.#scopes.declareFunction(name, own);
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
        if (p.type === "TsParameterProperty" && fieldsOf !== undefined) this.#scopes.parameterProperty(pattern, fieldsOf, inner.scope);
        this.#parameter(pattern, inner);
      } else {
        this.#parameter(p, inner);
      }
    }
    const body = child(fn, "body");
    if (body === undefined) return;
    if (body.type === "BlockStatement" || body.type === "FunctionBody") this.statements(items(body, "stmts"), inner);
    else this.#visit(body, inner, NONE);
  }

  #parameter(pattern: SwcNode, ctx: Ctx): void {
    const declare = (id: SwcNode): void => this.#scopes.parameter(id, ctx.scope);
    if (pattern.type === "AssignmentPattern") {
      // A parameter's default value is bound to the parameter's name.
      const left = child(pattern, "left");
      this.#visitChild(pattern, "right", ctx, { hint: { name: left?.type === "Identifier" ? text(left, "value") : undefined } });
      if (left !== undefined) this.#pattern(left, ctx, declare);
      return;
    }
    this.#pattern(pattern, ctx, declare);
  }

  #classDeclaration(node: SwcNode, ctx: Ctx): void {
    if (flag(node, "declare")) return;
    const name = text(child(node, "identifier") ?? node, "value");
    const info = this.#scopes.declareClass(name, ctx.scope);
    this.#classBody(node, ctx, ctx.scope, info, name);
  }

  #classExpression(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const name = text(child(node, "identifier") ?? node, "value");
    // A named class expression sees its own name in a scope of its own.
    const scope = name === undefined ? ctx.scope : new Scope(ctx.scope, "block");
    const info = this.#scopes.declareClass(name, scope, node);
    this.#classBody(node, ctx, scope, info, name ?? slot.hint?.name);
  }

  /** Decorators, `extends` and members of a class; `scope` is the scope inside the class. */
  #classBody(node: SwcNode, outer: Ctx, scope: Scope, info: ClassInfo, owner: string | undefined): void {
    for (const d of items(node, "decorators")) this.#item(d, outer);
    const superClass = child(node, "superClass");
    if (superClass !== undefined) {
      this.#scopes.superClass(info, superClass, outer);
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
          this.#computed(key, inFrame);
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
            this.statements(items(body, "stmts"), { scope: new Scope(scope, "function"), thisClass: { cls: info, isStatic: true }, frames: [...base.frames, frame] });
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
    this.#scopes.field(member, name, thisClass, fieldCtx, base.scope);
    const inFrame: Ctx = { ...fieldCtx, frames: [...base.frames, frame] };
    this.#computed(key, inFrame);
    for (const d of items(member, "decorators")) this.#item(d, inFrame);
    if (value === undefined) return;
    const hint: NameHint = { name, memberOf: { name: owner } };
    const unwrapped = skipTransparent(value);
    const namedByField =
      unwrapped.type === "ArrowFunctionExpression" || (unwrapped.type === "FunctionExpression" && child(unwrapped, "identifier") === undefined);
    this.#visit(value, namedByField ? fieldCtx : inFrame, { hint });
  }

  #object(node: SwcNode, ctx: Ctx, slot: Slot): void {
    const owner = slot.hint?.name;
    for (const p of items(node, "properties")) {
      if (!isNode(p)) continue;
      const key = child(p, "key");
      switch (p.type) {
        case "KeyValueProperty": {
          this.#computed(key, ctx);
          this.#visitChild(p, "value", ctx, { hint: { name: key === undefined ? undefined : propertyName(key), memberOf: { name: owner } } });
          break;
        }
        case "MethodProperty":
        case "GetterProperty":
        case "SetterProperty": {
          const frame = memberFunction(key, owner);
          this.#computed(key, { ...ctx, frames: [...ctx.frames, frame] });
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
    this.#scopes.enumDeclaration(node, ctx.scope);
    for (const m of items(node, "members")) if (isNode(m)) this.#visitChild(m, "init", ctx, NONE);
  }

  #namespace(node: SwcNode, ctx: Ctx): void {
    const inside = this.#scopes.enterNamespace(node, ctx.scope);
    if (inside === undefined) return;
    this.statements(items(inside.block, "body"), { ...ctx, scope: inside.scope });
    this.#scopes.leaveNamespace();
  }

  #forInOf(node: SwcNode, ctx: Ctx): void {
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope, "block") };
    const left = child(node, "left");
    if (left?.type === "VariableDeclaration") this.#variableDeclaration(left, inner, true);
    else if (left !== undefined) this.#pattern(left, inner, (id) => this.#assignTarget(id, "unknown", inner));
    this.#visitChild(node, "right", inner, NONE);
    this.#visitChild(node, "body", inner, NONE);
  }

  #switch(node: SwcNode, ctx: Ctx): void {
    this.#visitChild(node, "discriminant", ctx, NONE);
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope, "block") };
    for (const c of items(node, "cases")) {
      if (!isNode(c)) continue;
      this.#visitChild(c, "test", inner, NONE);
      this.statements(items(c, "consequent"), inner);
    }
  }

  #catchClause(node: SwcNode, ctx: Ctx): void {
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope, "block") };
    const param = child(node, "param");
    if (param !== undefined) this.#parameter(param, inner);
    this.#visitChild(node, "body", inner, NONE);
  }

  #jsxOpening(node: SwcNode, ctx: Ctx): void {
    this.#scopes.jsxElementName(child(node, "name"), ctx.scope);
    for (const a of items(node, "attributes")) {
      if (!isNode(a)) continue;
      if (a.type === "JSXAttribute") this.#visitChild(a, "value", ctx, NONE);
      else this.#visit(a, ctx, NONE);
    }
  }
}
