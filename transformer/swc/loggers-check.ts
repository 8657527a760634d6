/**
 * The `loggers` setting checked against the project on disk, once per build, so a setting that
 * names nothing is reported instead of silently leaving every call on those loggers as written:
 *
 * - a relative key (`./src/log`) must name a file (`src/log.ts`, `src/log/index.ts`, … as the
 *   matching rule in `options.ts` reads it), and each name listed must be one of its exports;
 * - a bare key is a package name or an alias, matched against import specifiers as written: it is
 *   only questioned when a file of that name sits under `root`, the sign of a forgotten `./`.
 *
 * A module whose exports cannot be listed (`export * from`, CommonJS `module.exports`, a syntax
 * error the build will report anyway) is given the benefit of the doubt: no false alarm.
 */
import fs from "node:fs";
import path from "node:path";
import swc from "@swc/core";
import { child, isNode, items, text, type SwcNode } from "./ast.js";
import { isPathSpecifier, type LoggerModules } from "./options.js";
import { byExtension } from "./swc-config.js";

/** Extensions a `loggers` key may leave out, in the order they are tried. */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/**
 * One warning per `loggers` entry that does not resolve, each naming the key, the file (relative
 * to `root`) and the names involved; empty when every entry resolves. Never throws.
 */
export function loggersSettingWarnings(loggers: LoggerModules): string[] {
  const warnings: string[] = [];
  for (const [key, names] of Object.entries(loggers.entries)) {
    try {
      const warning = isPathSpecifier(key) ? checkFileKey(key, names, loggers.root) : checkBareKey(key, loggers.root);
      if (warning !== undefined) warnings.push(`logweave: loggers: ${warning}`);
    } catch {
      // A file that cannot be read or parsed here is not this check's to report.
    }
  }
  return warnings;
}

function checkFileKey(key: string, names: readonly string[], root: string): string | undefined {
  const file = findModuleFile(path.resolve(root, key));
  if (file === undefined) {
    const base = display(root, path.resolve(root, key));
    return `"${key}" names no file (looked for ${base}.ts, ${base}/index.ts and the other source extensions in ${root}); calls on its loggers are left as written`;
  }
  const exported = exportNames(file);
  if (exported === undefined) return undefined;
  const missing = names.filter((n) => !exported.has(n));
  if (missing.length === 0) return undefined;
  const list = exported.size === 0 ? "it exports nothing" : `its exports: ${[...exported].join(", ")}`;
  return `${display(root, file)} ("${key}") has no export ${missing.map((n) => `"${n}"`).join(", ")} (${list}); calls on ${missing.length === 1 ? "it" : "them"} are left as written`;
}

function checkBareKey(key: string, root: string): string | undefined {
  const file = findModuleFile(path.resolve(root, key));
  if (file === undefined) return undefined;
  return `"${key}" is read as a package name, but it is the file ${display(root, file)}: write "./${key.replace(/\\/g, "/")}"`;
}

/** The file a key names: as written, with one of {@link EXTENSIONS}, a TypeScript file for a `.js` name, or an `index` file. */
function findModuleFile(base: string): string | undefined {
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, "index" + e))];
  // `./log.js` written for `log.ts`, as TypeScript's nodenext imports are written.
  const js = /\.(m|c)?js$/.exec(base);
  if (js !== null) candidates.splice(1, 0, base.slice(0, -js[0].length) + `.${js[1] ?? ""}ts`);
  return candidates.find((c) => isFile(c));
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The names `file` exports, or `undefined` when they cannot all be known. */
function exportNames(file: string): Set<string> | undefined {
  const parsed: unknown = swc.parseSync(fs.readFileSync(file, "utf8"), { ...byExtension(file), target: "esnext", comments: false } as never);
  if (!isNode(parsed)) return undefined;
  const names = new Set<string>();
  let esm = false;
  for (const item of items(parsed, "body")) {
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
        const declared = declarationNames(child(item, "declaration"));
        if (declared === undefined) return undefined;
        for (const n of declared) names.add(n);
        break;
      }
      case "ExportNamedDeclaration":
        esm = true;
        for (const s of items(item, "specifiers")) {
          if (!isNode(s)) continue;
          const exported = child(s, "exported") ?? child(s, "orig") ?? child(s, "name");
          const name = exported === undefined ? undefined : text(exported, "value");
          if (name === undefined) return undefined;
          names.add(name);
        }
        break;
    }
  }
  // No ES export at all: a CommonJS module, whose exports only running it would show.
  return esm ? names : undefined;
}

/** Names an exported declaration binds, or `undefined` for a shape not read here (destructuring). */
function declarationNames(declaration: SwcNode | undefined): string[] | undefined {
  if (declaration === undefined) return undefined;
  if (declaration.type === "VariableDeclaration") {
    const out: string[] = [];
    for (const d of items(declaration, "declarations")) {
      const id = isNode(d) ? child(d, "id") : undefined;
      const name = id?.type === "Identifier" ? text(id, "value") : undefined;
      if (name === undefined) return undefined;
      out.push(name);
    }
    return out;
  }
  const id = child(declaration, "identifier") ?? child(declaration, "id");
  const name = id === undefined ? undefined : text(id, "value");
  return name === undefined ? undefined : [name];
}

function display(root: string, file: string): string {
  return path.relative(root, file).replace(/\\/g, "/") || ".";
}
