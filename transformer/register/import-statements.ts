/**
 * `importsNotUsedAsValues: "preserve"` (or `"error"`): every import statement is kept, even when
 * all its bindings are unused or types, so the imported module still runs — what TypeScript 5.4
 * and earlier, and esbuild (tsx), do. SWC has no such setting (it keeps everything or removes
 * unused imports), so the source gets, right after each such import, a side-effect import of the
 * same module: SWC removes the first when unused and always keeps the second, which runs the module
 * at the same point (ES modules run each module once, in the order of first import).
 *
 * The text is inserted at the end of each declaration, so only what follows a declaration on its
 * own line moves; lines do not.
 */
import { child, isNode, items, spanOf } from "../swc/ast.js";
import { parseModuleSync, type ParserConfig } from "../swc/parse.js";

/** `code` with a side-effect import after each import declaration that has bindings and is not `import type`. Never throws: code that does not parse is returned as it is. */
export function keepImportStatements(code: string, parser: ParserConfig): string {
  if (!code.includes("import")) return code;
  let parsed;
  try {
    parsed = parseModuleSync(code, parser);
  } catch {
    return code;
  }
  const insertions: { at: number; text: string }[] = [];
  for (const item of items(parsed.module, "body")) {
    if (!isNode(item) || item.type !== "ImportDeclaration" || item.typeOnly === true || items(item, "specifiers").length === 0) continue;
    const declaration = spanOf(item);
    const source = child(item, "source");
    const sourceSpan = source === undefined ? undefined : spanOf(source);
    if (declaration === undefined || sourceSpan === undefined) continue;
    const { start, end } = parsed.positions.range(declaration);
    // The module's name and any `with { … }` attributes, as written.
    const rest = code.slice(parsed.positions.range(sourceSpan).start, end).replace(/;\s*$/, "");
    // A declaration ended by a line break alone needs its `;` before a second statement on its line.
    const separator = code.slice(start, end).trimEnd().endsWith(";") ? " " : "; ";
    insertions.push({ at: end, text: `${separator}import ${rest};` });
  }
  let out = code;
  for (const { at, text } of insertions.reverse()) out = out.slice(0, at) + text + out.slice(at);
  return out;
}
