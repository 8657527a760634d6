/**
 * CommonJS: on Node 20, `require` never reaches the `module.register` hooks, so TypeScript
 * files that are CommonJS (`.cts`, and `.ts`/`.tsx` in a package without `"type": "module"`)
 * are compiled by a handler in `Module._extensions`, on the main thread — the hook every
 * require-time compiler (ts-node, @swc-node/register, tsx) uses. The ES module hooks hand such
 * files to Node's CommonJS loader, which calls this handler.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { compileForNodeSync, type CompileSettings } from "./compile.js";
import { moduleFormatOf } from "./module-format.js";

/** A CommonJS module as `Module._extensions` handlers see it. */
interface CommonJsModule {
  _compile(code: string, filename: string): unknown;
}

type ExtensionHandler = (module: CommonJsModule, filename: string) => unknown;

/** The extensions the handler is installed for (`require("./a")` finds `a.ts` through this list too). */
const EXTENSIONS = [".ts", ".cts", ".tsx"];

/** Installs the handler for {@link EXTENSIONS}; a handler already there (tsx's) keeps every file this one leaves alone. */
export function installRequireHook(settings: CompileSettings): void {
  const Module = createRequire(import.meta.url)("node:module") as { _extensions: Record<string, ExtensionHandler> };
  const javascript = Module._extensions[".js"];
  for (const extension of EXTENSIONS) {
    const previous = Module._extensions[extension] ?? javascript;
    Module._extensions[extension] = (module, filename) => {
      if (/[\\/]node_modules[\\/]/.test(filename) || moduleFormatOf(filename) !== "commonjs") return previous(module, filename);
      return module._compile(compileForNodeSync(fs.readFileSync(filename, "utf8"), filename, "commonjs", settings), filename);
    };
  }
}
