/**
 * Building files and directories through the SWC step, as `@swc/cli` lays them out: every
 * source file (`.ts`, `.tsx`, `.mts`, `.cts`, `.js`, `.jsx`, `.mjs`, `.cjs`; never `.d.ts`)
 * under the given paths becomes `<outDir>/<path relative to cwd>` with `.js`, `.mjs` or `.cjs`.
 *
 * Everything is built in memory first and written only when every file built: a syntax error
 * in one file leaves the output directory as it was, never half old and half new.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Options as SwcOptions } from "@swc/core";
import { emptyCounts, type FileCounts } from "../core/report.js";
import type { SwcTransformOptions } from "./options.js";
import { transform } from "./transform.js";

/** The extensions built by default. */
export const SOURCE_EXTENSIONS: readonly string[] = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** What to build and how. */
export interface BuildOptions {
  /** Files and directories (relative to `cwd`, or absolute). */
  readonly sources: readonly string[];
  /** Output directory (relative to `cwd`, or absolute). */
  readonly outDir: string;
  /** Default: the working directory. */
  readonly cwd?: string;
  /** Drop the first directory of each output path (`src/a.ts` → `<outDir>/a.js`), like `@swc/cli --strip-leading-paths`. */
  readonly stripLeadingPaths?: boolean;
  /** `true`: a `.map` file beside each output, linked by a comment; `"inline"`: a data URL comment; `"both"`. */
  readonly sourceMaps?: boolean | "inline" | "both";
  /** Output extension for every file (`"js"`), instead of `.js`/`.mjs`/`.cjs` by source. */
  readonly outFileExtension?: string;
  /** Extensions to build (default {@link SOURCE_EXTENSIONS}). */
  readonly extensions?: readonly string[];
  /** The logweave options (`minLevel`, `caller`, `root`, `loggers`, `verbose`) and SWC's (`swc`). */
  readonly transform?: Omit<SwcTransformOptions, "filename">;
  /** Files built at once (default: the number of CPUs). */
  readonly concurrency?: number;
}

/** One built file, not yet written. */
export interface BuiltFile {
  readonly source: string;
  readonly output: string;
  readonly code: string;
  /** The map file's path and text, when one is written beside the output. */
  readonly map?: { readonly path: string; readonly text: string };
  /** What happened to the file's logger calls (all zero: the file has none the step could see). */
  readonly counts: FileCounts;
}

/** The whole build, in memory. */
export interface BuildResult {
  readonly files: readonly BuiltFile[];
  /** Per source file that failed: its error (an `SwcSyntaxError` for a syntax error). */
  readonly errors: readonly { readonly source: string; readonly error: unknown }[];
  readonly warnings: readonly string[];
  /** The logger calls of every file, added up. */
  readonly counts: FileCounts;
}

/** Builds every source file in memory. Never writes; rejects only when a source path cannot be read. */
export async function buildFiles(options: BuildOptions): Promise<BuildResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const extensions = options.extensions ?? SOURCE_EXTENSIONS;
  const sources = await collectSources(options.sources.map((s) => path.resolve(cwd, s)), extensions);
  const outDir = path.resolve(cwd, options.outDir);

  const files: BuiltFile[] = [];
  const errors: { source: string; error: unknown }[] = [];
  const warnings: string[] = [];
  const counts = emptyCounts();
  const byOutput = new Map<string, string>();

  const tasks = sources.map((source) => async () => {
    const output = outputPathFor(source, { cwd, outDir, stripLeadingPaths: options.stripLeadingPaths, outFileExtension: options.outFileExtension });
    const other = byOutput.get(output);
    if (other !== undefined) {
      errors.push({ source, error: new Error(`${relative(cwd, source)} and ${relative(cwd, other)} would both be written to ${relative(cwd, output)}`) });
      return;
    }
    byOutput.set(output, source);
    try {
      files.push(await buildOne(source, output, options));
    } catch (error) {
      errors.push({ source, error });
    }
  });
  await inParallel(tasks, options.concurrency ?? Math.max(1, os.availableParallelism()));

  // Outputs in a stable order, whatever order the files finished in.
  files.sort((a, b) => (a.output < b.output ? -1 : a.output > b.output ? 1 : 0));
  errors.sort((a, b) => (a.source < b.source ? -1 : 1));
  return { files, errors, warnings, counts };

  async function buildOne(source: string, output: string, o: BuildOptions): Promise<BuiltFile> {
    const code = await fs.readFile(source, "utf8");
    const swc: SwcOptions = { ...o.transform?.swc, filename: source };
    const maps = o.sourceMaps;
    if (maps !== undefined && maps !== false) {
      swc.sourceMaps = maps === "inline" ? "inline" : true;
      swc.sourceFileName = toPosix(path.relative(path.dirname(output), source));
    }
    const result = await transform(code, { ...o.transform, filename: source, swc });
    warnings.push(...result.warnings);
    for (const key of Object.keys(counts) as (keyof FileCounts)[]) counts[key] += result.counts[key];
    let text = result.code;
    let map: BuiltFile["map"];
    if (result.map !== undefined) {
      // `both`: the map inline (the comment tools read) and beside the file.
      const mapPath = output + ".map";
      map = { path: mapPath, text: result.map };
      text += maps === "both"
        ? `\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(result.map).toString("base64")}`
        : `\n//# sourceMappingURL=${path.basename(mapPath)}`;
    }
    return map === undefined ? { source, output, code: text, counts: result.counts } : { source, output, code: text, map, counts: result.counts };
  }
}

/** Writes a build's files (creating directories). */
export async function writeBuild(result: BuildResult): Promise<void> {
  await Promise.all(
    result.files.map(async (f) => {
      await fs.mkdir(path.dirname(f.output), { recursive: true });
      await fs.writeFile(f.output, f.code);
      if (f.map !== undefined) await fs.writeFile(f.map.path, f.map.text);
    }),
  );
}

/**
 * Where `source` is written: `<outDir>/<source relative to cwd>` (first directory dropped with
 * `stripLeadingPaths`), with `.mts`/`.mjs` → `.mjs`, `.cts`/`.cjs` → `.cjs`, others → `.js`
 * (or `outFileExtension`).
 */
export function outputPathFor(
  source: string,
  options: { readonly cwd: string; readonly outDir: string; readonly stripLeadingPaths?: boolean; readonly outFileExtension?: string },
): string {
  let rel = path.relative(options.cwd, source).split(path.sep).filter((part) => part !== "..");
  if (options.stripLeadingPaths === true && rel.length > 1) rel = rel.slice(1);
  const ext = path.extname(source);
  const outExt =
    options.outFileExtension !== undefined
      ? "." + options.outFileExtension.replace(/^\./, "")
      : ext === ".mts" || ext === ".mjs"
        ? ".mjs"
        : ext === ".cts" || ext === ".cjs"
          ? ".cjs"
          : ".js";
  const file = rel.join(path.sep);
  return path.join(options.outDir, file.slice(0, file.length - ext.length) + outExt);
}

/** Every source file under `paths` (files as given; directories recursively, without `node_modules` and dot-directories), sorted. */
async function collectSources(paths: readonly string[], extensions: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const isSource = (file: string): boolean => extensions.includes(path.extname(file)) && !/\.d\.[cm]?ts$/.test(file);
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) await walk(full);
      } else if (entry.isFile() && isSource(full)) {
        found.add(full);
      }
    }
  };
  for (const p of paths) {
    const stat = await fs.stat(p);
    if (stat.isDirectory()) await walk(p);
    else found.add(p);
  }
  return [...found].sort();
}

async function inParallel(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

function relative(cwd: string, file: string): string {
  return toPosix(path.relative(cwd, file));
}

function toPosix(p: string): string {
  return p.replace(/\\/g, "/");
}
