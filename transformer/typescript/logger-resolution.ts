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

/** The package whose `Logger` the transformer rewrites. */
const PACKAGE_NAME = "logweave";

/** Answers "is this file logweave's Logger declaration?", caching package lookups per directory. */
export class LoggerDeclarations {
  readonly #byFile = new Map<string, boolean>();
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
