/**
 * The logweave plugin for esbuild: `plugins: [logweave({ minLevel: "info" })]`.
 *
 * This module only re-exports.
 */
import { logweaveUnplugin } from "./plugin.js";

/** The logweave esbuild plugin (options: `minLevel`, `caller`, `root`, `verbose`, `loggers`). */
export const logweave = logweaveUnplugin.esbuild;
export default logweave;
export type { LogweavePluginOptions } from "./options.js";
