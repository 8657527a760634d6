/**
 * CommonJS: on Node 20, `require` never reaches the `module.register` hooks, so TypeScript files
 * that are CommonJS (`.cts`, and `.ts`/`.tsx` in a package without `"type": "module"`) are
 * handled on the main thread, at three points of Node's CommonJS loader:
 *
 * - `Module._resolveFilename`: TypeScript's rules for imports written in project TypeScript files
 *   (`./a.js` → `./a.ts`, tsconfig `paths`), as the ES module hook applies them;
 * - `Module._extensions`: `.ts`, `.cts` and `.tsx` are known extensions (`require("./a")` finds
 *   `a.ts`), loaded by whatever loads `.js` files — tsx's handler when tsx is registered;
 * - `Module.prototype._compile`, which every extension handler ends in: a project TypeScript
 *   file's code is compiled from its source by the loader, whatever the handler passed in. So
 *   logweave compiles these files whichever of logweave and tsx registers last: tsx replaces the
 *   `.ts` handler without calling the one before it, but its handler still calls `_compile`.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { compileForNodeSync, type CompileSettings } from "./compile.js";
import { isProjectTypeScript, moduleFormatOf } from "./module-format.js";
import { mappedModuleFile, typescriptSourceOf } from "./typescript-resolution.js";

/** A CommonJS module as Node's loader sees it. */
interface CommonJsModule {
  _compile(code: string, filename: string, ...rest: unknown[]): unknown;
  readonly filename?: string | null;
}

type ExtensionHandler = (module: CommonJsModule, filename: string) => unknown;

type ResolveFilename = (request: string, parent: CommonJsModule | undefined, ...rest: unknown[]) => string;

interface ModuleInternals {
  _extensions: Record<string, ExtensionHandler>;
  _resolveFilename: ResolveFilename;
  prototype: CommonJsModule;
}

/** The extensions made known to `require`. */
const EXTENSIONS = [".ts", ".cts", ".tsx"];

/** Installs the three hooks. */
export function installRequireHook(settings: CompileSettings): void {
  const Module = createRequire(import.meta.url)("node:module") as ModuleInternals;

  for (const extension of EXTENSIONS) {
    // Looked up at each call, so a `.js` handler registered later (tsx's) loads these files too.
    if (!Object.hasOwn(Module._extensions, extension)) Module._extensions[extension] = (module, filename) => Module._extensions[".js"](module, filename);
  }

  const compile = Module.prototype._compile;
  Module.prototype._compile = function (this: CommonJsModule, code: string, filename: string, ...rest: unknown[]) {
    // `rest[0]` is the format Node 20.19+ passes; "module" is an ES module loaded through require.
    if (typeof filename === "string" && rest[0] !== "module" && isProjectTypeScript(filename) && moduleFormatOf(filename) === "commonjs") {
      code = compileForNodeSync(fs.readFileSync(filename, "utf8"), filename, "commonjs", settings);
    }
    return compile.call(this, code, filename, ...rest);
  };

  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (this: unknown, request: string, parent: CommonJsModule | undefined, ...rest: unknown[]) {
    const importer = parent?.filename;
    if (typeof request === "string" && typeof importer === "string" && isProjectTypeScript(importer)) {
      const file = typescriptTarget(request, importer, settings);
      if (file !== undefined) return resolveFilename.call(this, file, parent, ...rest);
    }
    return resolveFilename.call(this, request, parent, ...rest);
  } as ResolveFilename;
}

/** The file TypeScript's rules give `request` in `importer`, when they differ from Node's. */
function typescriptTarget(request: string, importer: string, settings: CompileSettings): string | undefined {
  if (request.startsWith("./") || request.startsWith("../") || path.isAbsolute(request)) return typescriptSourceOf(path.resolve(path.dirname(importer), request));
  const options = settings.tsconfigs.for(importer)?.options;
  return options === undefined ? undefined : mappedModuleFile(request, options);
}
