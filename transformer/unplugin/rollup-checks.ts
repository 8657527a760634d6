/**
 * Rollup plugins that compile TypeScript in their `load` hook (from their own TypeScript
 * program, not from the code the transform chain passes on) hand logweave JavaScript that
 * TypeScript already emitted: call sites then name lines and columns of that output, not of the
 * source. `@rollup/plugin-typescript` does this (measured: lines off by one, columns shifted).
 */

/** Plugin names (as they register with Rollup) of compilers that emit in `load`. */
const LOAD_TIME_COMPILERS: Readonly<Record<string, string>> = {
  typescript: "@rollup/plugin-typescript",
};

/**
 * The warning for a Rollup configuration whose plugins include a load-time compiler, or
 * `undefined` when there is none.
 */
export function loadTimeCompilerWarning(plugins: readonly ({ readonly name?: string } | null | false | undefined)[] | undefined): string | undefined {
  const found = (plugins ?? []).map((p) => (p ? LOAD_TIME_COMPILERS[p.name ?? ""] : undefined)).find((n) => n !== undefined);
  if (found === undefined) return undefined;
  return `logweave: ${found} compiles TypeScript in its load hook, so logweave sees its JavaScript output and call sites point at lines of that output; use a plugin that transforms the code it is given (rollup-plugin-esbuild, @rollup/plugin-swc, @rollup/plugin-sucrase)`;
}
