/**
 * Building `fixtures/bundlers/` with each real bundler and the logweave plugin, as the README
 * shows it: the bundle (runtime included) is written to `<outDir>/main.<ext>` with a source map
 * beside it, ready to run with `node --enable-source-maps`.
 */
import fs from "node:fs";
import path from "node:path";
import { buildFiles, writeBuild } from "../../transformer/swc/index.js";
import type { LogweavePluginOptions } from "../../transformer/unplugin/options.js";
import { REPO_ROOT } from "./compile-fixture.js";
import { normalizeLines, runProgram } from "./fixture-cases.js";
import { SWC_TEST_OPTIONS } from "./swc-build.js";

/** The bundlers the plugin is tested with. */
export const BUNDLERS = ["vite", "rollup", "esbuild", "webpack", "rspack"] as const;

/** One of {@link BUNDLERS}. */
export type BundlerName = (typeof BUNDLERS)[number];

/** The fixture app's entry. */
export const BUNDLER_FIXTURE_ENTRY = path.join(REPO_ROOT, "fixtures/bundlers/main.ts");

/** The options every route builds the fixture app with: calls below `info` removed, the shared logger module named. */
export const BUNDLER_FIXTURE_OPTIONS = { minLevel: "info", root: REPO_ROOT, loggers: { "./fixtures/bundlers/log": ["log"] } } as const;

/**
 * The reference: the fixture app built by the SWC step into `outDir` and run with source maps
 * on; resolves to its normalized lines. Rejects when the build fails or the program writes to stderr.
 */
export async function swcReferenceLines(outDir: string): Promise<string[]> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const build = await buildFiles({
    sources: ["fixtures/bundlers"],
    outDir,
    cwd: REPO_ROOT,
    sourceMaps: true,
    transform: { ...BUNDLER_FIXTURE_OPTIONS, swc: SWC_TEST_OPTIONS },
  });
  if (build.errors.length > 0) throw new Error(`SWC build failed: ${build.errors.map((e) => String(e.error)).join("; ")}`);
  await writeBuild(build);
  const run = await runProgram(path.join(outDir, "fixtures/bundlers/main.js"), "trace");
  if (run.stderr !== "" || run.code !== 0) throw new Error(`SWC build run failed (${run.code}): ${run.stderr}`);
  return normalizeLines(run.stdout);
}

/** Builds the fixture app with `bundler` into `outDir`; resolves to the bundle's path. Rejects with the bundler's errors. */
export async function bundleFixture(bundler: BundlerName, outDir: string, options: LogweavePluginOptions): Promise<string> {
  switch (bundler) {
    case "vite":
      return viteBuild(outDir, options);
    case "rollup":
      return rollupBuild(outDir, options);
    case "esbuild":
      return esbuildBuild(outDir, options);
    case "webpack":
      return webpackBuild(outDir, options);
    case "rspack":
      return rspackBuild(outDir, options);
  }
}

async function viteBuild(outDir: string, options: LogweavePluginOptions): Promise<string> {
  const { build } = await import("vite");
  const { default: logweave } = await import("../../transformer/unplugin/vite.js");
  await build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: "silent",
    plugins: [logweave(options)],
    // A Node program: an SSR build, with the runtime bundled in like everything else.
    ssr: { noExternal: true },
    build: {
      ssr: BUNDLER_FIXTURE_ENTRY,
      outDir,
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      rolldownOptions: { output: { entryFileNames: "main.js" } },
    },
  });
  return path.join(outDir, "main.js");
}

async function rollupBuild(outDir: string, options: LogweavePluginOptions): Promise<string> {
  const { rollup } = await import("rollup");
  const { nodeResolve } = await import("@rollup/plugin-node-resolve");
  const { default: esbuild } = await import("rollup-plugin-esbuild");
  const { default: logweave } = await import("../../transformer/unplugin/rollup.js");
  const warnings: string[] = [];
  const bundle = await rollup({
    input: BUNDLER_FIXTURE_ENTRY,
    plugins: [logweave(options), nodeResolve({ extensions: [".ts", ".js"] }), esbuild({ target: "es2022" })],
    onwarn: (w) => void warnings.push(`${w.plugin ?? "rollup"}: ${w.message}`),
  });
  const file = path.join(outDir, "main.js");
  await bundle.write({ file, format: "es", sourcemap: true });
  await bundle.close();
  // A warning of the plugin's own (a file it could not read, a compiler it cannot follow) fails the build here.
  const own = warnings.filter((w) => w.startsWith("logweave"));
  if (own.length > 0) throw new Error(own.join("\n"));
  return file;
}

async function esbuildBuild(outDir: string, options: LogweavePluginOptions): Promise<string> {
  const esbuild = await import("esbuild");
  const { default: logweave } = await import("../../transformer/unplugin/esbuild.js");
  const file = path.join(outDir, "main.js");
  await esbuild.build({
    entryPoints: [BUNDLER_FIXTURE_ENTRY],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: file,
    sourcemap: true,
    logLevel: "silent",
    plugins: [logweave(options)],
  });
  return file;
}

/** The part of a webpack or Rspack configuration both builds share: a Node bundle of the fixture, with source maps. */
function nodeBundleConfig(outDir: string, tsRule: Record<string, unknown>) {
  return {
    mode: "production" as const,
    target: "node",
    context: REPO_ROOT,
    entry: BUNDLER_FIXTURE_ENTRY,
    output: { path: outDir, filename: "main.cjs" },
    devtool: "source-map" as const,
    optimization: { minimize: false },
    resolve: { extensions: [".ts", ".js"], extensionAlias: { ".js": [".ts", ".js"] } },
    module: { rules: [{ test: /\.ts$/, exclude: /node_modules/, ...tsRule }] },
  };
}

const SWC_LOADER_OPTIONS = { jsc: { parser: { syntax: "typescript" }, target: "es2022" } };

/** Runs a webpack-style compiler once; rejects with its errors. */
function runCompiler(compiler: { run(cb: (error: Error | null, stats?: { hasErrors(): boolean; toString(preset?: "errors-only"): string }) => void): void; close(cb: () => void): void }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString("errors-only")));
      else resolve();
    });
  });
}

async function webpackBuild(outDir: string, options: LogweavePluginOptions): Promise<string> {
  const { default: webpack } = await import("webpack");
  const { default: logweave } = await import("../../transformer/unplugin/webpack.js");
  const config = nodeBundleConfig(outDir, { use: { loader: "swc-loader", options: SWC_LOADER_OPTIONS } });
  await runCompiler(webpack({ ...config, plugins: [logweave(options)] } as import("webpack").Configuration));
  return path.join(outDir, "main.cjs");
}

async function rspackBuild(outDir: string, options: LogweavePluginOptions): Promise<string> {
  const { rspack } = await import("@rspack/core");
  const { default: logweave } = await import("../../transformer/unplugin/rspack.js");
  const config = nodeBundleConfig(outDir, { loader: "builtin:swc-loader", options: SWC_LOADER_OPTIONS });
  await runCompiler(rspack({ ...config, plugins: [logweave(options)] } as import("@rspack/core").RspackOptions));
  return path.join(outDir, "main.cjs");
}
