/**
 * The packages a build route needs besides logweave (optional peer dependencies: the runtime and
 * `logweave pretty` need none of them), and the one message every route gives when some are
 * missing: which ones, and the install line for all of them. Checked before the route's modules
 * are loaded, because a missing package fails an ES module's static imports before any of its
 * code runs, with Node's message naming a file deep inside logweave.
 */

/** What the SWC step (`logweave swc`, `logweave/swc`) imports. */
export const SWC_STEP_TOOLS: readonly string[] = ["@swc/core", "magic-string"];

/** What the bundler plugins (`logweave/vite`, `logweave/rollup`, …) import. */
export const BUNDLER_PLUGIN_TOOLS: readonly string[] = ["unplugin", "@swc/core", "magic-string"];

/**
 * The packages of `tools` that do not resolve from logweave's own location (where its modules
 * import them from). `resolve` is `import.meta.resolve` unless a test gives another. Never throws.
 */
export function missingTools(tools: readonly string[], resolve: (specifier: string) => unknown = (s) => import.meta.resolve(s)): string[] {
  return tools.filter((name) => {
    try {
      resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * One line: `logweave/vite needs @swc/core, which is not installed; install the build tools: npm i -D unplugin @swc/core magic-string`.
 * `what` names the route as the user wrote it.
 */
export function missingToolsMessage(what: string, missing: readonly string[], tools: readonly string[]): string {
  const names = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}`;
  return `${what} needs ${names}, which ${missing.length === 1 ? "is" : "are"} not installed; install the build tools: npm i -D ${tools.join(" ")}`;
}

/**
 * Throws an `Error` carrying {@link missingToolsMessage} (its stack is the message alone: the
 * frames would only show logweave's loading code) when some of `tools` are missing.
 */
export function requireTools(what: string, tools: readonly string[]): void {
  const missing = missingTools(tools);
  if (missing.length === 0) return;
  const error = new Error(missingToolsMessage(what, missing, tools));
  error.stack = error.message;
  throw error;
}
