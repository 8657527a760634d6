/**
 * Compiling one TypeScript file for Node: the SWC step (the same rewrite as every other route:
 * elision, inlined call sites, precomputed static JSON) to JavaScript of the file's module
 * format, with an inline source map, through the content-addressed cache.
 */
import fs from "node:fs";
import path from "node:path";
import { version as swcVersion } from "@swc/core";
import { transform, transformSync, type SwcTransformResult } from "../swc/transform.js";
import type { SwcTransformOptions } from "../swc/options.js";
import { byExtension } from "../swc/swc-config.js";
import type { LogweavePluginOptions } from "../unplugin/options.js";
import { cacheKey, type CompileCache } from "./compile-cache.js";
import type { ModuleFormat } from "./module-format.js";

/** Bumped when the loader's output changes for the same inputs. */
const OUTPUT_VERSION = "1";

/** What every compilation of one run shares. */
export interface CompileSettings {
  /** The logweave options, already checked and with `LOGWEAVE_MIN_LEVEL` applied (`minLevel` is final). */
  readonly options: LogweavePluginOptions;
  /** `undefined`: no cache. */
  readonly cache: CompileCache | undefined;
}

/** The JavaScript Node runs for `source` (the text of `file`). Rejects with an `SwcSyntaxError` for a file that does not parse. */
export async function compileForNode(source: string, file: string, format: ModuleFormat, settings: CompileSettings): Promise<string> {
  const key = keyOf(source, file, format, settings);
  const cached = key === undefined ? undefined : settings.cache?.get(key);
  if (cached !== undefined) return cached;
  return finish(await transform(source, transformOptions(file, format, settings)), key, settings);
}

/** {@link compileForNode}, synchronously (for `require`). Throws an `SwcSyntaxError` for a file that does not parse. */
export function compileForNodeSync(source: string, file: string, format: ModuleFormat, settings: CompileSettings): string {
  const key = keyOf(source, file, format, settings);
  const cached = key === undefined ? undefined : settings.cache?.get(key);
  if (cached !== undefined) return cached;
  return finish(transformSync(source, transformOptions(file, format, settings)), key, settings);
}

function keyOf(source: string, file: string, format: ModuleFormat, settings: CompileSettings): string | undefined {
  return settings.cache === undefined ? undefined : cacheKey([compilerId(), JSON.stringify(settings.options), file, format, source]);
}

function transformOptions(file: string, format: ModuleFormat, settings: CompileSettings): SwcTransformOptions {
  return {
    ...settings.options,
    filename: file,
    swc: {
      filename: file,
      // The file alone decides: a project's .swcrc is for its build, not for this loader.
      swcrc: false,
      configFile: false,
      sourceMaps: "inline",
      // The map sits inside the module, whose URL is the file's: the bare name resolves to the file.
      sourceFileName: path.basename(file),
      jsc: { target: "es2022", parser: byExtension(file) as never, keepClassNames: true },
      module: { type: format === "module" ? "es6" : "commonjs" },
    },
  };
}

function finish(result: SwcTransformResult, key: string | undefined, settings: CompileSettings): string {
  for (const warning of result.warnings) process.stderr.write(warning + "\n");
  if (key !== undefined) settings.cache?.set(key, result.code);
  return result.code;
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
