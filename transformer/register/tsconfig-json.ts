/**
 * Reading a `tsconfig.json` without TypeScript (an optional peer): JSON with comments, `extends`
 * (a path, a package such as `@tsconfig/node20`, or a list of them) merged as TypeScript merges
 * it — option by option, the extending file last — with relative paths taken from the file that
 * sets them and `${configDir}` meaning the directory of the file being read.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { readJsonWithComments } from "../swc/json-with-comments.js";
import type { ProjectOptions } from "./project-options.js";
import type { TsconfigReading } from "./tsconfig-typescript.js";
import { isFile } from "../core/module-files.js";

/** The values TypeScript accepts for `target`, `jsx` and `importsNotUsedAsValues` (any case), by their canonical name. */
const TARGETS = new Map<string, string>([
  ["es3", "es3"], ["es5", "es5"], ["es6", "es2015"], ["es2015", "es2015"], ["es2016", "es2016"], ["es2017", "es2017"],
  ["es2018", "es2018"], ["es2019", "es2019"], ["es2020", "es2020"], ["es2021", "es2021"], ["es2022", "es2022"],
  ["es2023", "es2023"], ["es2024", "es2024"], ["es2025", "es2025"], ["esnext", "esnext"],
]);
const JSX = new Set(["preserve", "react", "react-native", "react-jsx", "react-jsxdev"]);
const IMPORTS_NOT_USED = new Set(["remove", "preserve", "error"]);

const STRING_OPTIONS = ["jsxFactory", "jsxFragmentFactory", "jsxImportSource"] as const;
const BOOLEAN_OPTIONS = [
  "experimentalDecorators", "emitDecoratorMetadata", "useDefineForClassFields", "verbatimModuleSyntax",
  "preserveValueImports", "strict", "alwaysStrict",
] as const;

/** The options `file` (an absolute path) sets, with what it extends. Never throws: a problem is reported and the part it concerns left out. */
export function readTsconfigJson(file: string): TsconfigReading {
  const reading = { files: [] as string[], problems: [] as string[] };
  const options = readChain(file, path.dirname(file), [], reading);
  return { options, files: reading.files, problems: reading.problems };
}

function readChain(file: string, leafDir: string, chain: readonly string[], reading: { files: string[]; problems: string[] }): ProjectOptions {
  if (chain.includes(file)) {
    reading.problems.push(`${file}: circular "extends" (${[...chain, file].join(" -> ")}); ignored`);
    return {};
  }
  reading.files.push(file);
  const json = readJsonWithComments(file);
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    reading.problems.push(`${file}: not a JSON object (comments and trailing commas allowed); read as {}`);
    return {};
  }
  const config = json as { extends?: unknown; compilerOptions?: unknown };
  let merged: ProjectOptions = {};
  const bases = typeof config.extends === "string" ? [config.extends] : Array.isArray(config.extends) ? config.extends : [];
  for (const base of bases) {
    if (typeof base !== "string") continue;
    const baseFile = extendedFile(base, file);
    if (baseFile === undefined) {
      reading.problems.push(`${file}: "extends": "${base}" not found; ignored`);
      continue;
    }
    merged = { ...merged, ...readChain(baseFile, leafDir, [...chain, file], reading) };
  }
  return { ...merged, ...ownOptions(config.compilerOptions, path.dirname(file), leafDir) };
}

/** The options one file sets itself. */
function ownOptions(value: unknown, dir: string, leafDir: string): ProjectOptions {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const given = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const target = typeof given.target === "string" ? TARGETS.get(given.target.toLowerCase()) : undefined;
  if (target !== undefined) out.target = target;
  const jsx = typeof given.jsx === "string" ? given.jsx.toLowerCase() : undefined;
  if (jsx !== undefined && JSX.has(jsx)) out.jsx = jsx;
  const unused = typeof given.importsNotUsedAsValues === "string" ? given.importsNotUsedAsValues.toLowerCase() : undefined;
  if (unused !== undefined && IMPORTS_NOT_USED.has(unused)) out.importsNotUsedAsValues = unused;
  for (const name of STRING_OPTIONS) if (typeof given[name] === "string") out[name] = given[name];
  for (const name of BOOLEAN_OPTIONS) if (typeof given[name] === "boolean") out[name] = given[name];
  if (typeof given.baseUrl === "string") out.baseUrl = absolute(given.baseUrl, dir, leafDir);
  const paths = pathsOption(given.paths, leafDir);
  if (paths !== undefined) {
    out.paths = paths;
    out.pathsBasePath = dir;
  }
  return out as ProjectOptions;
}

/** `paths`, keeping only lists of strings (what TypeScript accepts), `${configDir}` made absolute. */
function pathsOption(value: unknown, leafDir: string): Record<string, string[]> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [pattern, substitutions] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(substitutions)) continue;
    out[pattern] = substitutions.filter((s): s is string => typeof s === "string").map((s) => (s.startsWith(CONFIG_DIR) ? absolute(s, leafDir, leafDir) : s));
  }
  return out;
}

const CONFIG_DIR = "${configDir}";

/** A path option as an absolute path: relative to `dir`, or to the file being read when it starts with `${configDir}`. */
function absolute(value: string, dir: string, leafDir: string): string {
  return value.startsWith(CONFIG_DIR) ? path.resolve(leafDir, "./" + value.slice(CONFIG_DIR.length)) : path.resolve(dir, value);
}

/**
 * The file an `extends` entry names, as TypeScript finds it: a relative or absolute path (`.json`
 * added when the file has no extension and does not exist); else a package — its `exports`, then
 * `<name>.json`, its package.json `tsconfig` field, `<name>/tsconfig.json`.
 */
function extendedFile(spec: string, from: string): string | undefined {
  const slashed = spec.replace(/\\/g, "/");
  if (path.isAbsolute(spec) || slashed.startsWith("./") || slashed.startsWith("../")) {
    const file = path.resolve(path.dirname(from), spec);
    if (isFile(file) || file.endsWith(".json")) return isFile(file) ? file : undefined;
    return isFile(file + ".json") ? file + ".json" : undefined;
  }
  const require = createRequire(from);
  const resolveJson = (request: string): string | undefined => {
    try {
      const resolved = require.resolve(request);
      return resolved.endsWith(".json") ? resolved : undefined;
    } catch {
      return undefined;
    }
  };
  return resolveJson(spec) ?? resolveJson(spec + ".json") ?? tsconfigField(spec, require) ?? resolveJson(spec + "/tsconfig.json");
}

/** The file named by the `tsconfig` field of the package `spec` names (only when `spec` is a bare package name). */
function tsconfigField(spec: string, require: NodeJS.Require): string | undefined {
  if (!/^(?:@[^/]+\/)?[^/@]+$/.test(spec)) return undefined;
  try {
    const manifest = require.resolve(spec + "/package.json");
    const field = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { tsconfig?: unknown }).tsconfig;
    if (typeof field !== "string") return undefined;
    const file = path.resolve(path.dirname(manifest), field);
    return isFile(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
