/**
 * `node --import logweave/register app.ts`: runs TypeScript with the logweave rewrite, no build
 * step. Each project `.ts`/`.mts`/`.cts`/`.tsx` file is compiled by `@swc/core` after the same
 * rewrite as the build routes (calls below `minLevel` removed, call sites inlined), under the
 * options of its nearest `tsconfig.json`, with an inline source map; compiled files are cached by
 * content (see `compile-cache.ts` for where).
 *
 * Options come from the environment: `LOGWEAVE_MIN_LEVEL`, and `LOGWEAVE_REGISTER_OPTIONS`
 * (JSON, like `{"loggers":{"./src/log":["log"]}}`). With tsx, in either order:
 * `node --import tsx --import logweave/register app.ts` (files are compiled once) or the other way.
 *
 * This module only registers the hooks. What stops the program at start — a bad option, a missing
 * peer dependency — is said in one line on stderr, without a stack, and the exit code is 1.
 */
import { startFailure } from "./start-failure.js";

try {
  const { registerLogweave } = await import("./register.js");
  registerLogweave();
} catch (error) {
  const message = startFailure(error);
  if (message === undefined) throw error;
  process.stderr.write(message + "\n");
  process.exit(1);
}
