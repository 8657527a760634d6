/**
 * The `logweave/vite` entry point: checks that the build tools are installed, then re-exports
 * `../vite.ts` (the plugin itself, which tests import directly).
 */
import { loadBundlerEntry } from "./load.js";

const entry = loadBundlerEntry<typeof import("../vite.js")>("vite");

/** The logweave Vite plugin (options: `minLevel`, `caller`, `root`, `verbose`, `loggers`). */
export const logweave: typeof entry.logweave = entry.logweave;
export default logweave;
export type { LogweavePluginOptions } from "../options.js";
