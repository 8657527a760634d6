/**
 * The one line the loader prints when it cannot start: a bad option, or `@swc/core` or
 * `magic-string` (optional peers) not installed — the same words as the `logweave swc` command.
 * This module imports nothing that could be missing.
 */

/** The line for `error`, or `undefined` when it is not an expected start failure (a bug: its stack is worth seeing). */
export function startFailure(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === "TransformerOptionError") {
    const message = error.message.replace(/^logweave transformer: /, "");
    // An option named by an environment variable says so itself; the others come from LOGWEAVE_REGISTER_OPTIONS.
    const fromVariable = String((error as { option?: unknown }).option).startsWith("LOGWEAVE_");
    return `logweave/register: ${message}${fromVariable ? "" : " (in LOGWEAVE_REGISTER_OPTIONS)"}`;
  }
  const code = (error as { code?: unknown }).code;
  if ((code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && /['"](?:@swc\/core|magic-string)['"]/.test(error.message)) {
    return `logweave/register: cannot load the SWC step (${error.message.split("\n")[0]}); install @swc/core and magic-string`;
  }
  return undefined;
}
