/**
 * What SWC's configuration says for one file, as far as the SWC step needs it: the parser
 * settings (so the step parses a file as `@swc/core` will transform it) and whether a source map
 * will be written (so the rewrite's map is only made when one is).
 *
 * Taken from the options given; else from the `.swcrc` that `@swc/core` would load
 * (`configFile`, or the nearest `.swcrc` from the file's directory up to `root`, for a file that
 * exists — what 1.16 does); else the parser is what the extension says (TypeScript for
 * `.ts`/`.mts`/`.cts`, TSX for `.tsx`, JavaScript with JSX otherwise) and there is no map.
 */
import fs from "node:fs";
import path from "node:path";
import type { Options as SwcOptions } from "@swc/core";
import { readJsonWithComments } from "./json-with-comments.js";
import type { ParserConfig } from "./parse.js";

/** What the configuration says for one file. */
export interface FileConfig {
  readonly parser: ParserConfig;
  /** SWC will produce a source map (`sourceMaps: true` or `"inline"`). */
  readonly sourceMaps: boolean;
}

/** The configuration for `filename` (absolute, or `undefined` for anonymous input) under `options`. */
export function swcConfigFor(filename: string | undefined, options: SwcOptions): FileConfig {
  const given = options.jsc?.parser as ParserConfig | undefined;
  // The .swcrc is only read when the options leave something to it.
  const fromFile = given === undefined || options.sourceMaps === undefined ? swcrcEntry(filename, options) : undefined;
  const parser = given ?? fromFile?.parser ?? byExtension(filename);
  const sourceMaps = options.sourceMaps ?? fromFile?.sourceMaps;
  return { parser, sourceMaps: sourceMaps === true || sourceMaps === "inline" };
}

/** The parser `@swc/core` picks without configuration: decided by the file's extension. */
export function byExtension(filename: string | undefined): ParserConfig {
  const ext = filename === undefined ? ".ts" : path.extname(filename).toLowerCase();
  if (ext === ".ts" || ext === ".mts" || ext === ".cts") return { syntax: "typescript", decorators: true };
  if (ext === ".tsx") return { syntax: "typescript", tsx: true, decorators: true };
  return { syntax: "ecmascript", jsx: true, decorators: true };
}

/** The `.swcrc` entry that applies to `filename`: its parser settings and `sourceMaps`. */
function swcrcEntry(filename: string | undefined, options: SwcOptions): { parser?: ParserConfig; sourceMaps?: unknown } | undefined {
  if (filename === undefined) return undefined;
  const cwd = options.cwd ?? process.cwd();
  let file: string | undefined;
  if (typeof options.configFile === "string") file = path.resolve(cwd, options.configFile);
  else if (options.swcrc !== false && options.configFile !== false && fs.existsSync(filename)) file = findSwcrc(filename, path.resolve(cwd, options.root ?? cwd));
  if (file === undefined) return undefined;
  const config = readJsonWithComments(file);
  const entries = Array.isArray(config) ? config : [config];
  for (const entry of entries) {
    if (typeof entry !== "object" || entry === null) continue;
    const e = entry as { test?: unknown; exclude?: unknown; jsc?: { parser?: unknown }; sourceMaps?: unknown };
    if (e.test !== undefined && !matches(e.test, filename)) continue;
    if (e.exclude !== undefined && matches(e.exclude, filename)) continue;
    const parser = e.jsc?.parser;
    return { parser: typeof parser === "object" && parser !== null ? (parser as ParserConfig) : undefined, sourceMaps: e.sourceMaps };
  }
  return undefined;
}

/** The nearest `.swcrc` from the file's directory up to `root` (inclusive), when the file is under it. */
function findSwcrc(filename: string, root: string): string | undefined {
  const inRoot = !path.relative(root, filename).startsWith("..");
  for (let dir = path.dirname(filename); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, ".swcrc");
    if (fs.existsSync(candidate)) return candidate;
    if ((inRoot && dir === root) || path.dirname(dir) === dir) return undefined;
  }
}

/** `test` / `exclude`: a regular expression (Rust syntax; the common subset reads the same in JavaScript), or a list. */
function matches(pattern: unknown, filename: string): boolean {
  const list = Array.isArray(pattern) ? pattern : [pattern];
  return list.some((p) => {
    try {
      return typeof p === "string" && new RegExp(p).test(filename);
    } catch {
      return false;
    }
  });
}
