/**
 * Node module hooks (run by `module.register` on Node's loader thread): TypeScript files of
 * the project are compiled by {@link compileForNode}; everything else goes to the next hook.
 *
 * Resolution only adds what TypeScript's own rule needs: `./a.js` written in a TypeScript file
 * names `./a.ts` (or `.tsx`; `.mjs` → `.mts`, `.cjs` → `.cts`) when there is no `./a.js`.
 */
import fs from "node:fs/promises";
import type { InitializeHook, LoadHook, ResolveHook } from "node:module";
import { fileURLToPath } from "node:url";
import { CompileCache } from "./compile-cache.js";
import { compileForNode, type CompileSettings } from "./compile.js";
import { moduleFormatOf, TYPESCRIPT_FILE } from "./module-format.js";
import type { RegisterData } from "./register.js";

let settings: CompileSettings = { options: {}, cache: undefined };

/** Receives the options checked on the main thread. */
export const initialize: InitializeHook<RegisterData> = (data) => {
  settings = { options: data.options, cache: data.cacheDir === undefined ? undefined : new CompileCache(data.cacheDir) };
};

/** Resolves as Node does, then tries the TypeScript file a `.js` specifier stands for. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const parent = context.parentURL;
    if (!isNotFound(error) || parent === undefined || !TYPESCRIPT_FILE.test(parent) || !/^\.{1,2}\//.test(specifier)) throw error;
    for (const candidate of typescriptCandidates(specifier)) {
      try {
        return await nextResolve(candidate, context);
      } catch {
        // Not this one either.
      }
    }
    throw error;
  }
};

/** Compiles the project's TypeScript files; leaves dependencies and other modules to the next hook. */
export const load: LoadHook = async (url, context, nextLoad) => {
  if (!url.startsWith("file:")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!TYPESCRIPT_FILE.test(file) || /[\\/]node_modules[\\/]/.test(file) || file.endsWith(".d.ts")) return nextLoad(url, context);
  const format = moduleFormatOf(file);
  // No source: Node's CommonJS loader loads the file, through the `require` hook (require-hook.ts).
  if (format === "commonjs") return { format, shortCircuit: true };
  const source = await fs.readFile(file, "utf8");
  return { format, source: await compileForNode(source, file, format, settings), shortCircuit: true };
};

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "ERR_UNSUPPORTED_DIR_IMPORT";
}

/** `./a.js` → `./a.ts`, `./a.tsx`; `./a.mjs` → `./a.mts`; `./a.cjs` → `./a.cts`. */
function typescriptCandidates(specifier: string): string[] {
  const match = /^(.*)\.([cm]?)js$/.exec(specifier);
  if (match === null) return [];
  const [, stem, kind] = match;
  return kind === "" ? [`${stem}.ts`, `${stem}.tsx`] : [`${stem}.${kind}ts`];
}
