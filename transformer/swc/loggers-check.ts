/**
 * Checking the `loggers` option against the project — the one check every route uses (the SWC
 * CLI, the bundler plugins, the loader): a module that does not resolve, or that does not export
 * a listed name, means the loggers it stands for are never recognised and their calls silently
 * stay as written. Each such entry gets a one-line warning naming the module, the file it
 * resolved to (if any) and the name.
 *
 * Only what can be told for sure is reported: a module with `export *`, `export =` or no ES
 * export at all (CommonJS) may export anything, so its names are not checked. A bare key (a
 * package, or an alias) is resolved only where the caller knows how the program resolves
 * (the loader: Node's resolution and tsconfig `paths`); a bundler has aliases of its own, so
 * there a bare key is only questioned when a file of that name sits under the root (a
 * forgotten `./`).
 */
import fs from "node:fs";
import path from "node:path";
import swc from "@swc/core";
import { child, isNode, items, text, type SwcNode } from "./ast.js";
import type { LoggerModules } from "./options.js";
import { moduleFile } from "../core/module-files.js";

/** Extensions a `loggers` file key may leave out, in the order they are tried. */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"];

/**
 * What a bare key names: a file, `""` (the package exists but its file is not known — ES-only,
 * say), or `undefined` (nothing). Given by a caller that knows how the program resolves.
 */
export type BareKeyResolver = (specifier: string) => string | undefined;

/**
 * One problem per `loggers` entry that does not resolve (no such file, a file path written
 * without `./`, with `resolveBare`: no such package) and per listed name its module does not
 * export, each naming the module, its file and the name. `root`: what relative keys are
 * relative to. Never throws.
 */
export function loggersProblems(loggers: Readonly<Record<string, readonly string[]>>, root: string, resolveBare?: BareKeyResolver): string[] {
  const problems: string[] = [];
  for (const [module, names] of Object.entries(loggers)) {
    try {
      const file = isPath(module) ? localFile(path.resolve(root, module)) : resolveBare === undefined ? unresolvedBareKey(module, root) : resolveBare(module);
      if (file === undefined) {
        if (isPath(module) || resolveBare !== undefined || localFile(path.resolve(root, module)) !== undefined) {
          problems.push(`loggers: "${module}" ${notFound(module, root, resolveBare !== undefined)}; calls on its loggers (${names.join(", ")}) stay as written`);
        }
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
    } catch {
      // A file that cannot be read or parsed here is not this check's to report.
    }
  }
  return problems;
}

/** {@link loggersProblems} for a build (the SWC CLI, a bundler plugin): `logweave: `-prefixed warnings. */
export function loggersSettingWarnings(loggers: LoggerModules): string[] {
  return loggersProblems(loggers.entries, loggers.root).map((problem) => `logweave: ${problem}`);
}

/**
 * A bare key where nothing tells how the program resolves it (a bundler's aliases): `""` (not
 * checked), unless a file of that name sits under `root`, the sign of a forgotten `./`.
 */
function unresolvedBareKey(module: string, root: string): string | undefined {
  return localFile(path.resolve(root, module)) === undefined ? "" : undefined;
}

function isPath(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === ".." || path.isAbsolute(specifier);
}

/** Why a key found no module, with the likely fix. */
function notFound(module: string, root: string, packagesResolved: boolean): string {
  if (isPath(module)) return `names no file under ${root} (tried the extensions ${EXTENSIONS.join(", ")} and index files)`;
  if (localFile(path.resolve(root, module)) !== undefined) return `is read as a package name${packagesResolved ? " and no such package resolves" : ""}; a file path needs "./" (did you mean "./${module}"?)`;
  return `resolves to no package from ${root}`;
}

/** The source file a path key names (as an import would, with every source extension). */
function localFile(base: string): string | undefined {
  return moduleFile(base, EXTENSIONS);
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
