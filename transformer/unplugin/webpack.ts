/**
 * The logweave plugin for webpack: `plugins: [logweave({ minLevel: "info" })]`.
 *
 * This module only re-exports.
 */
import { logweaveUnplugin } from "./plugin.js";

/** The logweave webpack plugin (options: `minLevel`, `caller`, `root`, `verbose`, `loggers`). */
export const logweave = logweaveUnplugin.webpack;
export default logweave;
export type { LogweavePluginOptions } from "./options.js";
