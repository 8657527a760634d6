/**
 * Checking the `loggers` option against the project: a module that does not resolve, or that
 * does not export a listed name, means the loggers it stands for are never recognised and their
 * calls silently stay as written. Each such entry gets a one-line warning naming the module, the
 * file it resolved to (if any) and the name.
 *
 * Only what can be told for sure is reported: a module with `export *`, `export =` or no ES
 * export at all (CommonJS) may export anything, so its names are not checked.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import swc from "@swc/core";
import { child, isNode, items, text, type SwcNode } from "../swc/ast.js";
import type { ProjectOptions } from "./project-options.js";
import { mappedModuleFile, typescriptSourceOf } from "./typescript-resolution.js";

/** Extensions a `loggers` file key may leave out, in the order they are tried. */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"];

/**
 * One warning per `loggers` entry that does not resolve (no such file, no such package, a file
 * path written without `./`) and per listed name its module does not export. `root`: what
 * relative keys are relative to; `project`: the tsconfig options at `root` (a bare key may be a
 * `paths` alias). Never throws.
 */
export function loggersProblems(loggers: Readonly<Record<string, readonly string[]>>, root: string, project: ProjectOptions = {}): string[] {
  const problems: string[] = [];
  for (const [module, names] of Object.entries(loggers)) {
    const file = isPath(module) ? localFile(path.resolve(root, module)) : packageFile(module, root, project);
    if (file === undefined) {
      problems.push(`loggers: "${module}" ${notFound(module, root)}; calls on its loggers (${names.join(", ")}) stay as written`);
      continue;
    }
    const exported = exportedNames(file);
    if (exported === undefined) continue;
    for (const name of names) {
      if (!exported.has(name)) {
        const known = [...exported].join(", ") || "none";
        problems.push(`loggers: "${module}" (${path.relative(root, file) || file}) has no export "${name}" (its exports: ${known}); calls on it stay as written`);
      }
    }
  }
  return problems;
}

function isPath(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === ".." || path.isAbsolute(specifier);
}

/** Why a key found no module, with the likely fix. */
function notFound(module: string, root: string): string {
  if (isPath(module)) return `names no file under ${root} (tried the extensions ${EXTENSIONS.join(", ")} and index files)`;
  if (localFile(path.resolve(root, module)) !== undefined) return `is read as a package name and no such package resolves; a file path needs "./" (did you mean "./${module}"?)`;
  return `resolves to no package from ${root}`;
}

/** The source file a path key names: itself, its TypeScript file for `.js`, with an extension, or its `index`. */
function localFile(base: string): string | undefined {
  const source = typescriptSourceOf(base);
  if (source !== undefined) return source;
  if (isFile(base)) return base;
  for (const extension of EXTENSIONS) if (isFile(base + extension)) return base + extension;
  for (const extension of EXTENSIONS) if (isFile(path.join(base, "index" + extension))) return path.join(base, "index" + extension);
  return undefined;
}

/** The file a bare key names: through tsconfig `paths`, else as a package from `root` (`""`: the package exists but only for `import`, so its file is not known). */
function packageFile(module: string, root: string, project: ProjectOptions): string | undefined {
  const mapped = mappedModuleFile(module, project);
  if (mapped !== undefined) return mapped;
  try {
    return createRequire(path.join(root, "package.json")).resolve(module);
  } catch (error) {
    // An ES-only package (no "require" condition) still exists: its names are not checked.
    const code = (error as { code?: unknown }).code;
    return code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ? "" : undefined;
  }
}

/** The names `file` exports, or `undefined` when that cannot be told (unreadable, CommonJS, `export *`, `export =`). */
function exportedNames(file: string): Set<string> | undefined {
  if (file === "" || !/\.(?:[cm]?[jt]s|[jt]sx)$/.test(file)) return undefined;
  let module: unknown;
  try {
    const typescript = /\.[cm]?tsx?$/.test(file);
    module = swc.parseSync(fs.readFileSync(file, "utf8"), typescript ? { syntax: "typescript", tsx: file.endsWith(".tsx"), decorators: true } : { syntax: "ecmascript", jsx: true, decorators: true });
  } catch {
    return undefined;
  }
  if (!isNode(module)) return undefined;
  const names = new Set<string>();
  let esm = false;
  for (const item of items(module, "body")) {
    if (!isNode(item)) continue;
    switch (item.type) {
      case "ExportAllDeclaration":
      case "TsExportAssignment":
        return undefined;
      case "ExportDefaultDeclaration":
      case "ExportDefaultExpression":
        esm = true;
        names.add("default");
        break;
      case "ExportDeclaration": {
        esm = true;
        const declared = declaredNames(child(item, "declaration"));
        if (declared === undefined) return undefined;
        for (const name of declared) names.add(name);
        break;
      }
      case "ExportNamedDeclaration":
        esm = true;
        if (item.typeOnly === true) break;
        for (const specifier of items(item, "specifiers")) {
          if (!isNode(specifier) || specifier.isTypeOnly === true) continue;
          const exported = child(specifier, specifier.type === "ExportSpecifier" ? "exported" : "name") ?? child(specifier, "orig") ?? child(specifier, "exported");
          const name = exported === undefined ? undefined : (text(exported, "value") ?? undefined);
          if (name !== undefined) names.add(name);
        }
        break;
      case "TsImportEqualsDeclaration": {
        // `export import log = require("./x")` (a plain `import … = require` exports nothing).
        const id = child(item, "id");
        const name = item.isExport === true && id !== undefined ? text(id, "value") : undefined;
        if (name !== undefined) names.add(name);
        break;
      }
      default:
        if (item.type === "ImportDeclaration") esm = true;
    }
  }
  return esm ? names : undefined;
}

/** The value names a declaration exports (types export no value), or `undefined` for a destructuring pattern. */
function declaredNames(declaration: SwcNode | undefined): string[] | undefined {
  if (declaration === undefined) return [];
  if (declaration.type === "VariableDeclaration") {
    const out: string[] = [];
    for (const declarator of items(declaration, "declarations")) {
      const id = isNode(declarator) ? child(declarator, "id") : undefined;
      if (id?.type !== "Identifier") return undefined;
      out.push(text(id, "value") ?? "");
    }
    return out;
  }
  const id = child(declaration, "identifier") ?? child(declaration, "id");
  if (declaration.type === "TsInterfaceDeclaration" || declaration.type === "TsTypeAliasDeclaration") return [];
  const name = id === undefined ? undefined : text(id, "value");
  return name === undefined ? [] : [name];
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
