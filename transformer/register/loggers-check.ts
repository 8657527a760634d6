/**
 * The loader's side of the `loggers` check (the check itself is `swc/loggers-check.ts`, shared
 * by every route): a bare key is resolved as the program resolves it — tsconfig `paths`, then
 * Node's resolution from the root.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { loggersProblems as checkLoggers } from "../swc/loggers-check.js";
import type { ProjectOptions } from "./project-options.js";
import { mappedModuleFile } from "./typescript-resolution.js";

/**
 * One problem per `loggers` entry that does not resolve, or names an export its module does not
 * have (see `swc/loggers-check.ts`). `project`: the tsconfig options at `root`. Never throws.
 */
export function loggersProblems(loggers: Readonly<Record<string, readonly string[]>>, root: string, project: ProjectOptions = {}): string[] {
  return checkLoggers(loggers, root, (module) => packageFile(module, root, project));
}

/** The file a bare key names: through tsconfig `paths`, else as a package from `root` (`""`: the package exists but only for `import`, so its file is not known). */
function packageFile(module: string, root: string, project: ProjectOptions): string | undefined {
  const mapped = mappedModuleFile(module, project);
  if (mapped !== undefined) return mapped;
  try {
    return createRequire(path.join(root, "package.json")).resolve(module);
  } catch (error) {
    // An ES-only package (no "require" condition) still exists: its names are not checked.
    const code = (error as { code?: unknown }).code;
    return code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ? "" : undefined;
  }
}
