/**
 * The logweave plugin for Rspack: `plugins: [logweave({ minLevel: "info" })]`.
 *
 * This module only re-exports.
 */
import { logweaveUnplugin } from "./plugin.js";

/** The logweave Rspack plugin (options: `minLevel`, `caller`, `root`, `verbose`, `loggers`). */
export const logweave = logweaveUnplugin.rspack;
export default logweave;
export type { LogweavePluginOptions } from "./options.js";
