/**
 * Node module hooks (run by `module.register` on Node's loader thread): TypeScript files of
 * the project are compiled by {@link compileForNode}; everything else goes to the next hook.
 *
 * Resolution only adds what TypeScript's rules need (`typescript-resolution.ts`): `./a.js`
 * written in a TypeScript file names `./a.ts` when it exists, `./a` names `./a.ts` (or an `index`
 * file), and the tsconfig's `paths`/`baseUrl` apply to bare specifiers.
 */
import fs from "node:fs/promises";
import type { InitializeHook, LoadHook, ResolveHook } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CompileCache } from "./compile-cache.js";
import { compileForNode, type CompileSettings } from "./compile.js";
import { isProjectTypeScript, moduleFormatOf } from "./module-format.js";
import type { RegisterData } from "./register.js";
import { Tsconfigs } from "./tsconfig.js";
import { mappedModuleFile, relativeModuleFile } from "./typescript-resolution.js";

let settings: CompileSettings = { options: {}, cache: undefined, tsconfigs: new Tsconfigs(undefined) };

/** Receives the options checked on the main thread. */
export const initialize: InitializeHook<RegisterData> = (data) => {
  settings = {
    options: data.options,
    cache: data.cacheDir === undefined ? undefined : new CompileCache(data.cacheDir),
    tsconfigs: new Tsconfigs(data.cacheDir),
  };
};

/** Resolves what TypeScript's rules name for an import in a project TypeScript file; the rest as the next hook does. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const importer = projectImporter(context.parentURL);
  if (importer !== undefined) {
    const file = typescriptTarget(specifier, context.parentURL as string, importer);
    if (file !== undefined) return nextResolve(pathToFileURL(file).href, context);
  }
  return nextResolve(specifier, context);
};

/** Compiles the project's TypeScript files; leaves dependencies and other modules to the next hook. */
export const load: LoadHook = async (url, context, nextLoad) => {
  if (!url.startsWith("file:")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!isProjectTypeScript(file)) return nextLoad(url, context);
  const format = moduleFormatOf(file);
  // No source: Node's CommonJS loader loads the file, through the `require` hook (require-hook.ts).
  if (format === "commonjs") return { format, shortCircuit: true };
  const source = await fs.readFile(file, "utf8");
  return { format, source: await compileForNode(source, file, format, settings), shortCircuit: true };
};

/** The importing file when it is a project TypeScript file. */
function projectImporter(parentURL: string | undefined): string | undefined {
  if (parentURL === undefined || !parentURL.startsWith("file:")) return undefined;
  const file = fileURLToPath(parentURL);
  return isProjectTypeScript(file) ? file : undefined;
}

/** The file TypeScript's rules give `specifier`, when they differ from Node's. */
function typescriptTarget(specifier: string, parentURL: string, importer: string): string | undefined {
  if (/^\.{0,2}\//.test(specifier)) {
    const target = new URL(specifier, parentURL);
    return target.search === "" && target.hash === "" ? relativeModuleFile(fileURLToPath(target)) : undefined;
  }
  const options = settings.tsconfigs.for(importer)?.options;
  return options === undefined ? undefined : mappedModuleFile(specifier, options);
}
