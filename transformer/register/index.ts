/**
 * `node --import logweave/register app.ts`: runs TypeScript with the logweave rewrite, no build
 * step. Each project `.ts`/`.mts`/`.cts`/`.tsx` file is compiled by `@swc/core` after the same
 * rewrite as the build routes (calls below `minLevel` removed, call sites inlined), with an
 * inline source map; compiled files are cached by content (see `compile-cache.ts` for where).
 *
 * Options come from the environment: `LOGWEAVE_MIN_LEVEL`, and `LOGWEAVE_REGISTER_OPTIONS`
 * (JSON, like `{"loggers":{"./src/log":["log"]}}`). With tsx: `node --import tsx --import
 * logweave/register app.ts` (logweave last, so its hooks run first).
 *
 * This module only registers the hooks.
 */
import { registerLogweave } from "./register.js";

registerLogweave();
