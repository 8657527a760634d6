/**
 * The bundler plugin, written once with unplugin: for every source module that may hold a
 * logger call, the SWC step's rewrite stage (parse with `@swc/core`, rewrite with magic-string)
 * runs before the bundler's own TypeScript handling (`enforce: "pre"`) and returns the
 * rewritten source (still TypeScript) and its map; the bundler compiles it and chains the map.
 */
import { createUnplugin, type UnpluginInstance } from "unplugin";
import { callerFile } from "../core/caller.js";
import { formatReport, hasCalls } from "../core/report.js";
import { loggersSettingWarnings } from "../swc/loggers-check.js";
import { MAYBE_LOGGER_CALL, rewriteSource } from "../swc/rewrite-source.js";
import { byExtension } from "../swc/swc-config.js";
import { TransformerOptionError } from "../core/options.js";
import { SKIPPED_ID, SOURCE_ID, sourceFileOf } from "./module-id.js";
import { resolvePluginOptions, type LogweavePluginOptions } from "./options.js";
import { loadTimeCompilerWarning } from "./rollup-checks.js";

/** The source files esbuild hands to the plugin (a Go regular expression: no lookaround). */
const ESBUILD_SOURCE_PATH = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** The plugin's name in bundler reports. */
export const PLUGIN_NAME = "logweave";

/** The logweave plugin for every bundler unplugin supports (`.vite`, `.rollup`, `.esbuild`, `.webpack`, `.rspack`, …). */
export const logweaveUnplugin: UnpluginInstance<LogweavePluginOptions | undefined, false> = createUnplugin((raw: LogweavePluginOptions | undefined) => {
  const options = checkedOptions(raw);
  // Checked against the files on disk when the first module is transformed, and said once, through the bundler.
  let loggersChecked = false;
  return {
    name: PLUGIN_NAME,
    enforce: "pre",
    transform: {
      // Checked by the bundler before the hook runs (natively in Vite and Rolldown): a module that
      // has no `.info(`-like call is never handed to the plugin.
      filter: { id: { include: SOURCE_ID, exclude: SKIPPED_ID }, code: { include: MAYBE_LOGGER_CALL } },
      async handler(code, id) {
        const filename = sourceFileOf(id);
        if (filename === undefined) return null;
        if (!loggersChecked) {
          loggersChecked = true;
          for (const warning of loggersSettingWarnings(options.loggers)) this.warn(warning);
        }
        const { rewrite, counts, parseError } = await rewriteSource(code, {
          options: { ...options, filename },
          parser: byExtension(filename),
          mapSource: filename,
        });
        if (parseError !== undefined) {
          // The bundler reports a real syntax error itself; this says why the calls were not rewritten.
          const first = String(parseError instanceof Error ? parseError.message : parseError).split("\n")[0];
          this.warn(`logweave: ${callerFile(options.core.root, filename)}: logger calls left as written: could not parse the file (${first.trim()})`);
        }
        if (options.core.verbose && hasCalls(counts)) process.stderr.write(formatReport(callerFile(options.core.root, filename), counts) + "\n");
        if (rewrite === undefined) return null;
        return { code: rewrite.code, map: rewrite.map };
      },
    },
    // esbuild runs a JavaScript onLoad for every file the filter passes (the default is all):
    // only source files go through JavaScript; JSON, CSS and the rest stay in esbuild.
    esbuild: { onLoadFilter: ESBUILD_SOURCE_PATH },
    rollup: {
      buildStart(rollupOptions) {
        const warning = loadTimeCompilerWarning(rollupOptions.plugins);
        if (warning !== undefined) this.warn(warning);
      },
    },
  };
});

/**
 * The options, checked. A `TransformerOptionError` leaves with its message as its whole stack and
 * `option` not enumerable: bundlers print a configuration error with `util.inspect`, and the
 * user's mistake is one line, not buried under logweave's frames.
 */
function checkedOptions(raw: LogweavePluginOptions | undefined): ReturnType<typeof resolvePluginOptions> {
  try {
    return resolvePluginOptions(raw);
  } catch (error) {
    if (error instanceof TransformerOptionError) {
      error.stack = `${error.name}: ${error.message}`;
      Object.defineProperty(error, "option", { enumerable: false });
    }
    throw error;
  }
}
