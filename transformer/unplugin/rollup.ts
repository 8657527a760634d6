/**
 * The logweave plugin for Rollup: `plugins: [logweave({ minLevel: "info" })]`.
 *
 * This module only re-exports.
 */
import { logweaveUnplugin } from "./plugin.js";

/** The logweave Rollup plugin (options: `minLevel`, `caller`, `root`, `verbose`, `loggers`). */
export const logweave = logweaveUnplugin.rollup;
export default logweave;
export type { LogweavePluginOptions } from "./options.js";
