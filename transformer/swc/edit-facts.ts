/**
 * What the text edit (`rewrite.ts`) needs to know about a module besides its calls: where the
 * imports are and which bindings they give values to (to keep a module loaded when its only
 * uses are edited away), which expression statements begin a statement list entry (a rewrite
 * that opens with `(` there needs a `;` first), and whether a whole statement may simply
 * disappear.
 */
import { child, spanOf, type SwcNode } from "./ast.js";
import type { ImportedBindings } from "./scope-analysis.js";
import type { Binding } from "./scope.js";
import type { Range, SourcePositions } from "./source-positions.js";

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

/** Collects the facts of one module that the text edit needs, as the walk meets them. */
export class EditFacts {
  /** The module's value imports, in source order. */
  readonly imports: ImportFacts[] = [];
  /** Where each expression statement of a statement list starts (a rewrite that opens with `(` there needs a `;` first). */
  readonly listStatementStarts = new Set<number>();
  readonly #positions: SourcePositions;

  constructor(positions: SourcePositions) {
    this.#positions = positions;
  }

  /** Notes a statement of a statement list (a block, a function body, a `case`, the module). */
  listStatement(statement: SwcNode): void {
    if (statement.type === "ExpressionStatement") this.listStatementStarts.add(this.#range(statement).start);
  }

  /**
   * The slot of an expression statement that is exactly one call. `listPrevious` is the
   * statement before it in its statement list (`null`: first in the list; `undefined`: not in a
   * list, e.g. the body of an `if`).
   */
  statementSlot(statement: SwcNode, listPrevious: SwcNode | null | undefined): StatementSlot {
    return { range: this.#range(statement), removable: listPrevious !== undefined && this.#canRemoveAfter(listPrevious) };
  }

  /** Notes an import declaration (`import … from`, `import x = require(…)`) and the bindings it gives values to. */
  importDeclaration(declaration: SwcNode, imported: ImportedBindings): void {
    this.imports.push({ range: this.#range(declaration), source: imported.source, bindings: imported.bindings });
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

  #range(node: SwcNode): Range {
    const span = spanOf(node);
    return span === undefined ? { start: 0, end: 0 } : this.#positions.range(span);
  }
}
