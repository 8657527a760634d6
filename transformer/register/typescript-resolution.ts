/**
 * What an import in a project TypeScript file names by TypeScript's rules, where they differ from
 * Node's — the one rule for both the ES module hook and `require`:
 *
 * - `./a.js` names `./a.ts` (or `./a.tsx`; `.mjs` → `.mts`, `.cjs` → `.cts`) when that file
 *   exists, before `./a.js` itself (as TypeScript and tsx resolve it);
 * - in an ES module, `./a` (no file of that name) names `./a.ts`, `./a.tsx`, `./a.js` or the
 *   directory's `index` file, as for TypeScript's bundler resolution and tsx (`require` finds these
 *   itself: `.ts` is one of its extensions);
 * - a bare specifier matching the tsconfig's `paths` (or found under `baseUrl`) names the first
 *   substitution that is a file, tried with TypeScript's extensions and `index` files.
 *
 * Everything else is Node's business: these functions then return `undefined`.
 */
import path from "node:path";
import { isFile, moduleFile, typescriptSourceOf } from "../core/module-files.js";
import type { ProjectOptions } from "./project-options.js";

export { typescriptSourceOf };

/** The file a relative import in an ES module names (`file`: its absolute path), when TypeScript's rules differ from Node's. */
export function relativeModuleFile(file: string): string | undefined {
  return typescriptSourceOf(file) ?? (isFile(file) ? undefined : moduleFile(file));
}

/** The file a bare specifier names through `paths` or `baseUrl` of `options`, when one of its candidates exists. */
export function mappedModuleFile(specifier: string, options: ProjectOptions): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined; // node:fs, data:, file: — never mapped
  for (const candidate of mappedPaths(specifier, options)) {
    const file = moduleFile(candidate);
    if (file !== undefined) return file;
  }
  return undefined;
}

/**
 * The absolute paths `specifier` may stand for, in TypeScript's order: the substitutions of the
 * `paths` pattern that matches it (an exact pattern first, else the `*` pattern with the longest
 * prefix), relative to `baseUrl` or else to the configuration that set `paths`; then `baseUrl`
 * joined with the specifier.
 */
export function mappedPaths(specifier: string, options: ProjectOptions): string[] {
  const out: string[] = [];
  const base = options.baseUrl ?? options.pathsBasePath;
  if (options.paths !== undefined && base !== undefined) {
    const match = matchPattern(specifier, Object.keys(options.paths));
    if (match !== undefined) {
      for (const substitution of options.paths[match.pattern] ?? []) {
        out.push(path.resolve(base, match.star === undefined ? substitution : substitution.replace("*", match.star)));
      }
    }
  }
  if (options.baseUrl !== undefined) out.push(path.resolve(options.baseUrl, specifier));
  return out;
}

/** The `paths` pattern for `specifier` and what its `*` stands for (`undefined` for an exact pattern). */
function matchPattern(specifier: string, patterns: readonly string[]): { pattern: string; star: string | undefined } | undefined {
  if (patterns.includes(specifier) && !specifier.includes("*")) return { pattern: specifier, star: undefined };
  let best: { pattern: string; star: string; prefix: number } | undefined;
  for (const pattern of patterns) {
    const star = pattern.indexOf("*");
    // TypeScript ignores a pattern with more than one `*`.
    if (star === -1 || pattern.indexOf("*", star + 1) !== -1) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (specifier.length < prefix.length + suffix.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    if (best === undefined || prefix.length > best.prefix) best = { pattern, star: specifier.slice(prefix.length, specifier.length - suffix.length), prefix: prefix.length };
  }
  return best;
}
