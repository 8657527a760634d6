/**
 * Building fixtures and snippets through the SWC step for tests: the SWC options every SWC test
 * uses (ES2022, ES modules, TypeScript syntax, no `.swcrc` lookup), and a reader of which
 * logger calls an output rewrote and which it left as written.
 */
import type { Options as SwcOptions } from "@swc/core";
import { transformSync, type SwcTransformOptions, type SwcTransformResult } from "../../transformer/swc/index.js";
import { REPO_ROOT } from "./compile-fixture.js";

/** `@swc/core` options of the SWC test builds (like the TypeScript builds: ES2022, ES modules). */
export const SWC_TEST_OPTIONS: SwcOptions = {
  jsc: { target: "es2022", parser: { syntax: "typescript" } },
  module: { type: "es6" },
  swcrc: false,
};

/** Transforms a snippet as `file` (default `snippet.ts` in the repository root) with the test SWC options. */
export function swcSnippet(code: string, options: Omit<SwcTransformOptions, "swc"> & { swc?: SwcOptions } = {}): SwcTransformResult {
  return transformSync(code, {
    root: REPO_ROOT,
    filename: `${REPO_ROOT}/snippet.ts`,
    ...options,
    swc: { ...SWC_TEST_OPTIONS, ...options.swc },
  });
}

/**
 * The static messages of an output's logger calls: `rewritten` (their message moved into a
 * site constant) and `left` (still `.level("message"`, `.level?.(…`, `["level"](…` in the code). Messages are plain text
 * without quotes or backslashes.
 */
export function callsIn(output: string): { rewritten: string[]; left: string[] } {
  return {
    rewritten: [...output.matchAll(/msg: "\\"([^"\\]*)\\""/g)].map((m) => m[1]),
    left: [...output.matchAll(/(?:\.(?:trace|debug|info|warn|error|fatal)|\["(?:trace|debug|info|warn|error|fatal)"\])\)?(?:\?\.)?\(\s*"([^"\\]*)"/g)].map((m) => m[1]),
  };
}
