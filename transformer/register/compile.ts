/**
 * Compiling one TypeScript file for Node: the SWC step (the same rewrite as every other route:
 * elision, inlined call sites, precomputed static JSON) to JavaScript of the file's module
 * format, under the options of the file's `tsconfig.json` (`swc-options.ts`), with an inline
 * source map, through the content-addressed cache.
 */
import fs from "node:fs";
import path from "node:path";
import swc, { version as swcVersion, type Options as SwcOptions } from "@swc/core";
import { transform, transformSync, type SwcTransformResult } from "../swc/transform.js";
import type { SwcTransformOptions } from "../swc/options.js";
import type { ParserConfig } from "../swc/parse.js";
import type { LogweavePluginOptions } from "../unplugin/options.js";
import { cacheKey, type CompileCache } from "./compile-cache.js";
import type { ModuleFormat } from "./module-format.js";
import { keepImportStatements } from "./import-statements.js";
import { importElision } from "./project-options.js";
import { accessorPassOptions, needsAccessorPass, swcOptionsFor } from "./swc-options.js";
import type { Tsconfigs } from "./tsconfig.js";

/** Bumped when the loader's output changes for the same inputs. */
const OUTPUT_VERSION = "2";

/** What every compilation of one run shares. */
export interface CompileSettings {
  /** The logweave options, already checked and with `LOGWEAVE_MIN_LEVEL` applied (`minLevel` is final). */
  readonly options: LogweavePluginOptions;
  /** `undefined`: no cache. */
  readonly cache: CompileCache | undefined;
  /** The `tsconfig.json` of each file. */
  readonly tsconfigs: Tsconfigs;
}

/** One compilation's inputs. */
interface Job {
  /** The text SWC compiles (the file's, or with its import statements kept: `import-statements.ts`); only made on a cache miss. */
  source(): string;
  readonly plan: SwcTransformOptions;
  /** Set when `accessor` fields need the second pass: its options. */
  readonly accessorPass: SwcOptions | undefined;
  readonly key: string | undefined;
}

/** The JavaScript Node runs for `source` (the text of `file`). Rejects with an `SwcSyntaxError` for a file that does not parse. */
export async function compileForNode(source: string, file: string, format: ModuleFormat, settings: CompileSettings): Promise<string> {
  const job = jobFor(source, file, format, settings);
  const cached = job.key === undefined ? undefined : settings.cache?.get(job.key);
  if (cached !== undefined) return cached;
  const first = await transform(job.source(), job.plan);
  if (job.accessorPass === undefined) return finish(first, first.code, job, settings);
  return finish(first, (await swc.transform(first.code, { ...job.accessorPass, inputSourceMap: first.map })).code, job, settings);
}

/** {@link compileForNode}, synchronously (for `require`). Throws an `SwcSyntaxError` for a file that does not parse. */
export function compileForNodeSync(source: string, file: string, format: ModuleFormat, settings: CompileSettings): string {
  const job = jobFor(source, file, format, settings);
  const cached = job.key === undefined ? undefined : settings.cache?.get(job.key);
  if (cached !== undefined) return cached;
  const first = transformSync(job.source(), job.plan);
  if (job.accessorPass === undefined) return finish(first, first.code, job, settings);
  return finish(first, swc.transformSync(first.code, { ...job.accessorPass, inputSourceMap: first.map }).code, job, settings);
}

function jobFor(text: string, file: string, format: ModuleFormat, settings: CompileSettings): Job {
  const project = settings.tsconfigs.for(file)?.options ?? {};
  const forFile = swcOptionsFor(file, format, project);
  const swcOptions: SwcOptions = {
    ...forFile,
    filename: file,
    // The file and its tsconfig.json decide: a project's .swcrc is for its build, not for this loader.
    swcrc: false,
    configFile: false,
    sourceMaps: "inline",
    // The map sits inside the module, whose URL is the file's: the bare name resolves to the file.
    sourceFileName: path.basename(file),
  };
  const accessorPass = needsAccessorPass(text, project) ? accessorPassOptions(swcOptions) : undefined;
  // With a second pass, the first writes an ES module and a separate map, which the second chains.
  const firstPass: SwcOptions = accessorPass === undefined ? swcOptions : { ...swcOptions, sourceMaps: true, module: { type: "es6" } };
  const key = settings.cache === undefined ? undefined : cacheKey([compilerId(), JSON.stringify(settings.options), JSON.stringify(firstPass), JSON.stringify(accessorPass ?? null), file, format, text]);
  const source = importElision(project) === "keep-statements" ? () => keepImportStatements(text, forFile.jsc?.parser as unknown as ParserConfig) : () => text;
  return { source, plan: { ...settings.options, filename: file, swc: firstPass }, accessorPass, key };
}

function finish(result: SwcTransformResult, code: string, job: Job, settings: CompileSettings): string {
  for (const warning of result.warnings) process.stderr.write(warning + "\n");
  if (job.key !== undefined) settings.cache?.set(job.key, code);
  return code;
}

let id: string | undefined;

/** The versions the output depends on: logweave's and `@swc/core`'s. */
function compilerId(): string {
  id ??= `${OUTPUT_VERSION}:${ownVersion()}:${swcVersion}`;
  return id;
}

/** logweave's version, from the nearest `package.json` up from this file. */
function ownVersion(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (manifest.name === "logweave") return String(manifest.version);
    } catch {
      // No manifest here: keep looking up.
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}
