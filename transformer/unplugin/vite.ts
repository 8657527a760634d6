/**
 * The logweave plugin for Vite: `plugins: [logweave({ minLevel: "info" })]`.
 *
 * This module only re-exports.
 */
import { logweaveUnplugin } from "./plugin.js";

/** The logweave Vite plugin (options: `minLevel`, `caller`, `root`, `verbose`, `loggers`). */
export const logweave = logweaveUnplugin.vite;
export default logweave;
export type { LogweavePluginOptions } from "./options.js";
