/**
 * Reading a `tsconfig.json` with TypeScript's own reader (`readJsonConfigFile` +
 * `parseJsonSourceFileConfigFileContent`): `extends` chains, packages, `${configDir}` and option
 * values exactly as `tsc` reads them. The project's files are not listed (that walk is what
 * makes reading a configuration slow, and the loader does not need it).
 *
 * TypeScript is an optional peer: it is looked up from the configuration's directory first (the
 * project's own copy), then from logweave's; a copy without this API (TypeScript 7, the native
 * compiler) counts as absent.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ProjectOptions } from "./project-options.js";

/** What reading one configuration gives. */
export interface TsconfigReading {
  readonly options: ProjectOptions;
  /** Every file read: the configuration and what it extends (a change to any of them is a change to the options). */
  readonly files: readonly string[];
  /** Problems to tell the user: the file cannot be parsed, something it extends is missing. */
  readonly problems: readonly string[];
}

/** A TypeScript install the loader may read configurations with. */
export interface TypeScriptInstall {
  /** Where and which version (`/…/typescript@6.0.3`): identifies what the readings depend on, without loading it. */
  readonly id: string;
  /** Loads it (once); `undefined` when it cannot be loaded or lacks the configuration API. */
  load(): TypeScriptApi | undefined;
}

/** The part of TypeScript's API used here. */
export interface TypeScriptApi {
  readonly sys: { readonly useCaseSensitiveFileNames: boolean; fileExists(file: string): boolean; readFile(file: string): string | undefined };
  readJsonConfigFile(file: string, readFile: (file: string) => string | undefined): JsonSourceFile;
  parseJsonSourceFileConfigFileContent(source: JsonSourceFile, host: unknown, basePath: string, existing?: unknown, configFileName?: string): { options: Record<string, unknown>; errors: readonly Diagnostic[] };
  flattenDiagnosticMessageText(message: unknown, newLine: string): string;
  readonly optionDeclarations?: readonly { readonly name: string; readonly type: unknown }[];
}

interface JsonSourceFile {
  readonly parseDiagnostics?: readonly Diagnostic[];
  readonly extendedSourceFiles?: readonly string[];
  getLineAndCharacterOfPosition(position: number): { line: number; character: number };
}

interface Diagnostic {
  readonly code: number;
  readonly messageText: unknown;
  readonly start?: number;
  readonly file?: JsonSourceFile & { readonly fileName?: string };
}

/** Diagnostics that mean the options could not be read as written: a file not found or unreadable, circular `extends`. Others (a removed option, no inputs) are `tsc`'s business. */
const READING_PROBLEMS = new Set([5083, 6053, 18000]);

const installs = new Map<string, TypeScriptInstall | null>();

/** The TypeScript install for a configuration in `dir`, or `undefined` when there is none. Never throws. */
export function typescriptFor(dir: string): TypeScriptInstall | undefined {
  const manifest = resolveFrom(path.join(dir, "tsconfig.json")) ?? resolveFrom(import.meta.filename);
  if (manifest === undefined) return undefined;
  let install = installs.get(manifest);
  if (install === undefined) {
    install = installAt(manifest);
    installs.set(manifest, install);
  }
  return install ?? undefined;
}

/** `typescript/package.json` as seen from `from`, or `undefined`. */
function resolveFrom(from: string): string | undefined {
  try {
    return createRequire(from).resolve("typescript/package.json");
  } catch {
    return undefined;
  }
}

function installAt(manifest: string): TypeScriptInstall | null {
  let version: unknown;
  try {
    version = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version?: unknown }).version;
  } catch {
    return null;
  }
  let loaded: TypeScriptApi | null | undefined;
  return {
    id: `${path.dirname(manifest)}@${String(version)}`,
    load() {
      if (loaded === undefined) {
        try {
          const ts = createRequire(manifest)(path.dirname(manifest)) as Partial<TypeScriptApi>;
          loaded = typeof ts.readJsonConfigFile === "function" && typeof ts.parseJsonSourceFileConfigFileContent === "function" && ts.sys !== undefined ? (ts as TypeScriptApi) : null;
        } catch {
          loaded = null;
        }
      }
      return loaded ?? undefined;
    },
  };
}

/** The options `file` (absolute) sets, read by `ts`. Never throws: a problem is reported, as TypeScript reports it. */
export function readTsconfigWithTypeScript(ts: TypeScriptApi, file: string): TsconfigReading {
  try {
    const source = ts.readJsonConfigFile(file, (f) => ts.sys.readFile(f));
    // Listing the project's files is the slow part of reading a configuration, and not needed here.
    const host = { useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames, readDirectory: () => [], fileExists: (f: string) => ts.sys.fileExists(f), readFile: (f: string) => ts.sys.readFile(f) };
    const parsed = ts.parseJsonSourceFileConfigFileContent(source, host, path.dirname(file), undefined, file);
    const diagnostics = [...(source.parseDiagnostics ?? []), ...parsed.errors.filter((d) => READING_PROBLEMS.has(d.code))];
    return {
      options: projectOptions(ts, parsed.options),
      files: [file, ...(source.extendedSourceFiles ?? []).map((f) => path.resolve(f))],
      problems: diagnostics.map((d) => describe(ts, d, file, source)),
    };
  } catch (error) {
    return { options: {}, files: [file], problems: [`${file}: TypeScript could not read it (${error instanceof Error ? error.message : String(error)}); read as {}`] };
  }
}

function describe(ts: TypeScriptApi, diagnostic: Diagnostic, file: string, source: JsonSourceFile): string {
  const where = diagnostic.file ?? source;
  const name = diagnostic.file?.fileName === undefined ? file : path.resolve(diagnostic.file.fileName);
  const at = diagnostic.start === undefined ? "" : `:${where.getLineAndCharacterOfPosition(diagnostic.start).line + 1}:${where.getLineAndCharacterOfPosition(diagnostic.start).character + 1}`;
  return `${name}${at}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")} (TS${diagnostic.code})`;
}

/** TypeScript's parsed options in the readers' shared form (enum values back to their names). */
function projectOptions(ts: TypeScriptApi, options: Record<string, unknown>): ProjectOptions {
  const out: Record<string, unknown> = {};
  for (const name of ["target", "jsx", "importsNotUsedAsValues"]) {
    const value = enumName(ts, name, options[name]);
    if (value !== undefined) out[name] = value === "es6" ? "es2015" : value;
  }
  for (const name of ["jsxFactory", "jsxFragmentFactory", "jsxImportSource"]) if (typeof options[name] === "string") out[name] = options[name];
  for (const name of ["experimentalDecorators", "emitDecoratorMetadata", "useDefineForClassFields", "verbatimModuleSyntax", "preserveValueImports", "strict", "alwaysStrict"]) {
    if (typeof options[name] === "boolean") out[name] = options[name];
  }
  if (typeof options.baseUrl === "string") out.baseUrl = path.resolve(options.baseUrl);
  if (typeof options.paths === "object" && options.paths !== null) {
    out.paths = options.paths;
    if (typeof options.pathsBasePath === "string") out.pathsBasePath = path.resolve(options.pathsBasePath);
  }
  return out as ProjectOptions;
}

/** The name (as written in tsconfig.json, lowercase) of an enum option's value: the last name TypeScript maps to it (`es2015`, not its alias `es6`). */
function enumName(ts: TypeScriptApi, option: string, value: unknown): string | undefined {
  if (typeof value !== "number") return undefined;
  const type = ts.optionDeclarations?.find((d) => d.name === option)?.type;
  if (!(type instanceof Map)) return undefined;
  let name: string | undefined;
  for (const [key, v] of type as Map<string, unknown>) if (v === value) name = key;
  return name;
}
