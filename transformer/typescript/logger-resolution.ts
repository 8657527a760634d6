/**
 * Which calls are calls on a logweave logger, decided by the type checker, never by a
 * variable's name, and nominally: the receiver's type must be class `Logger` itself, declared in
 * logweave's own `logger` module (the package's `src/logger.ts`, or its built
 * `dist/src/logger.d.ts`, wherever the package is installed or linked), and the call's resolved
 * signature one of its methods. A structural look-alike (`Pick<Logger, "info">`, an interface
 * with the same methods, `Logger | Other`) satisfies the signature but is not a logger: its calls
 * stay as written.
 */
import path from "node:path";
import ts from "typescript";
import { LOGGER_METHODS, type LoggerMethod } from "../core/call.js";

/** Files of the logweave package that declare `Logger`, relative to the package root. */
const LOGGER_DECLARATION_FILES = new Set(["src/logger.ts", "src/logger.d.ts", "dist/src/logger.d.ts"]);

/** Files of the logweave package that declare `logweave/pino`'s `Logger` type, relative to the package root. */
const PINO_TYPES_FILES = new Set([
  "src/pino/types.ts",
  "src/pino/types.d.ts",
  "dist/src/pino/types.d.ts",
  // `pino.Logger`: the factory's namespace re-declares the alias (ES module and CommonJS entries).
  "src/pino/index.ts",
  "src/pino/index.cts",
  "dist/src/pino/index.d.ts",
  "dist/src/pino/index.d.cts",
]);

/** The package whose `Logger` the transformer rewrites. */
const PACKAGE_NAME = "logweave";

/** Answers "is this file logweave's Logger declaration?", caching package lookups per directory. */
export class LoggerDeclarations {
  readonly #byFile = new Map<string, boolean>();
  readonly #pinoByFile = new Map<string, boolean>();
  readonly #packageRootOf = new Map<string, string | undefined>();

  /** True when `fileName` is the file in the logweave package that declares `Logger`. */
  isLoggerFile(fileName: string): boolean {
    let known = this.#byFile.get(fileName);
    if (known === undefined) {
      known = this.#check(fileName);
      this.#byFile.set(fileName, known);
    }
    return known;
  }

  /** True when `fileName` is the file in the logweave package that declares `logweave/pino`'s types. */
  isPinoTypesFile(fileName: string): boolean {
    let known = this.#pinoByFile.get(fileName);
    if (known === undefined) {
      const root = /[\\/]pino[\\/](?:types|index)\.(?:d\.)?c?ts$/.test(fileName) ? this.#logweaveRoot(path.dirname(fileName)) : undefined;
      known = root !== undefined && PINO_TYPES_FILES.has(path.relative(root, fileName).replace(/\\/g, "/"));
      this.#pinoByFile.set(fileName, known);
    }
    return known;
  }

  #check(fileName: string): boolean {
    const base = path.posix.basename(fileName.replace(/\\/g, "/"));
    if (base !== "logger.ts" && base !== "logger.d.ts") return false;
    const root = this.#logweaveRoot(path.dirname(fileName));
    if (root === undefined) return false;
    const rel = path.relative(root, fileName).replace(/\\/g, "/");
    return LOGGER_DECLARATION_FILES.has(rel);
  }

  /** The directory of the nearest package.json above `dir` when that package is logweave. */
  #logweaveRoot(dir: string): string | undefined {
    if (this.#packageRootOf.has(dir)) return this.#packageRootOf.get(dir);
    let found: string | undefined;
    const manifest = path.join(dir, "package.json");
    if (ts.sys.fileExists(manifest)) {
      found = readName(manifest) === PACKAGE_NAME ? dir : undefined;
    } else {
      const parent = path.dirname(dir);
      found = parent === dir ? undefined : this.#logweaveRoot(parent);
    }
    this.#packageRootOf.set(dir, found);
    return found;
  }
}

function readName(manifest: string): unknown {
  try {
    const json: unknown = JSON.parse(ts.sys.readFile(manifest) ?? "null");
    return json !== null && typeof json === "object" ? (json as { name?: unknown }).name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The logger method a call invokes, or `undefined` when it is not a call on a logweave logger
 * in a form the transformer handles (`receiver.method(…)` or `receiver?.method(…)`; an element
 * access or `receiver.method?.(…)` is left alone). Never throws.
 */
export function loggerMethodOf(
  call: ts.CallExpression,
  checker: ts.TypeChecker,
  declarations: LoggerDeclarations,
): LoggerMethod | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return undefined;
  const method = callee.name.text;
  if (!LOGGER_METHODS.has(method) || call.questionDotToken !== undefined) return undefined;
  let declaration: ts.Declaration | undefined;
  try {
    declaration = checker.getResolvedSignature(call)?.declaration;
  } catch {
    return undefined;
  }
  if (declaration === undefined || !ts.isMethodDeclaration(declaration)) return undefined;
  const owner = declaration.parent;
  if (!ts.isClassDeclaration(owner) || owner.name?.text !== "Logger") return undefined;
  if (!ts.isIdentifier(declaration.name) || declaration.name.text !== method) return undefined;
  if (!declarations.isLoggerFile(declaration.getSourceFile().fileName)) return undefined;
  return isLoggerClassType(callee.expression, owner, checker) ? (method as LoggerMethod) : undefined;
}

/**
 * True when `receiver`'s type (without `null`/`undefined`, which optional chaining handles) is
 * the instance type of the class `loggerClass`. Never throws.
 */
function isLoggerClassType(receiver: ts.Expression, loggerClass: ts.ClassDeclaration, checker: ts.TypeChecker): boolean {
  try {
    const type = checker.getNonNullableType(checker.getTypeAtLocation(receiver));
    if (type.isUnionOrIntersection() || (type.flags & ts.TypeFlags.Object) === 0) return false;
    const symbol = type.getSymbol();
    return symbol !== undefined && (symbol.flags & ts.SymbolFlags.Class) !== 0 && symbol.declarations?.includes(loggerClass) === true;
  } catch {
    return false;
  }
}

/**
 * The level method a call invokes on a `logweave/pino` logger, or `undefined`. Nominal: the
 * receiver's type (without `null`/`undefined`) must be the type alias `Logger` declared in
 * logweave's `src/pino/types.ts` (its `.d.ts` when installed) — what `pino()` and `child()`
 * return and what `pino.Logger` names — not a look-alike (`Pick<Logger, "info">`, an interface
 * of one's own). A method that is not one of the six standard levels (a custom level) is not
 * reported. Never throws.
 */
export function pinoLoggerMethodOf(call: ts.CallExpression, checker: ts.TypeChecker, declarations: LoggerDeclarations): LoggerMethod | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return undefined;
  const method = callee.name.text;
  if (!LOGGER_METHODS.has(method) || method === "isLevelEnabled" || call.questionDotToken !== undefined) return undefined;
  try {
    const type = checker.getNonNullableType(checker.getTypeAtLocation(callee.expression));
    const alias = type.aliasSymbol;
    if (alias === undefined || alias.getName() !== "Logger") return undefined;
    const declaration = alias.declarations?.[0];
    if (declaration === undefined || !ts.isTypeAliasDeclaration(declaration)) return undefined;
    return declarations.isPinoTypesFile(declaration.getSourceFile().fileName) ? (method as LoggerMethod) : undefined;
  } catch {
    return undefined;
  }
}
