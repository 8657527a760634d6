/**
 * What the package's bundler entry points (`logweave/vite`, `logweave/rollup`, …) run first:
 * the build tools the plugin imports (`unplugin`, `@swc/core`, `magic-string`, optional peer
 * dependencies) must be installed, else the user gets the install line instead of Node's
 * "Cannot find package" naming a file inside logweave. Only then is the plugin module loaded,
 * synchronously (`require` of an ES module, Node.js 20.19+ and 22.12+), so the entry points stay
 * loadable with `require()` from a CommonJS configuration, as with `import`.
 */
import { createRequire } from "node:module";
import { BUNDLER_PLUGIN_TOOLS, requireTools } from "../../build-tools.js";

/** The bundler plugin module `../<name>.js`; throws one line saying what to install when a build tool is missing. */
export function loadBundlerEntry<T>(name: "vite" | "rollup" | "esbuild" | "webpack" | "rspack"): T {
  requireTools(`logweave/${name}`, BUNDLER_PLUGIN_TOOLS);
  return createRequire(import.meta.url)(`../${name}.js`) as T;
}
