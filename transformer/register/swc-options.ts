/**
 * The `@swc/core` options that compile one file as tsx compiles it under the same `tsconfig.json`:
 * JSX (`jsx`, `jsxFactory`, `jsxFragmentFactory`, `jsxImportSource`), decorators (standard ones,
 * or TypeScript's legacy ones with `experimentalDecorators`, with `emitDecoratorMetadata`), class
 * fields (`useDefineForClassFields`, defaulting from `target`), unused imports
 * (`verbatimModuleSyntax`, `preserveValueImports`) and strict mode for CommonJS (`alwaysStrict`,
 * `strict`).
 *
 * The syntax level is Node's, not the configuration's `target` (tsx does the same): what Node 20
 * runs is left as written, so a program keeps its native classes, async functions and stack
 * traces. `target` only decides the class fields default.
 */
import path from "node:path";
import type { Options as SwcOptions } from "@swc/core";
import { definesClassFields, importElision, isStrictCommonJs, usesLegacyDecorators, type ProjectOptions } from "./project-options.js";
import type { ModuleFormat } from "./module-format.js";

/** Everything Node 20 runs natively: the syntax SWC leaves as written. */
export const NODE_TARGET = "es2022";

/** SWC's options (without file name and source map settings) for `file` in `format` under `options` (`{}`: no tsconfig.json). */
export function swcOptionsFor(file: string, format: ModuleFormat, options: ProjectOptions): SwcOptions {
  const legacy = usesLegacyDecorators(options);
  return {
    jsc: {
      target: NODE_TARGET,
      // As tsx's `keepNames`: a class keeps its name when SWC renames its binding.
      keepClassNames: true,
      parser: { syntax: "typescript", tsx: path.extname(file).toLowerCase() === ".tsx", decorators: true },
      transform: {
        legacyDecorator: legacy,
        decoratorMetadata: legacy && options.emitDecoratorMetadata === true,
        decoratorVersion: legacy ? "2021-12" : "2023-11",
        useDefineForClassFields: definesClassFields(options),
        verbatimModuleSyntax: importElision(options) === "keep-values",
        react: reactOptions(options),
      },
    },
    module: format === "module" ? { type: "es6" } : { type: "commonjs", strictMode: isStrictCommonJs(options) },
  };
}

/**
 * `jsx: "react-jsx"`/`"react-jsxdev"`: the automatic runtime from `jsxImportSource` (default
 * `react`); anything else (also `preserve` and `react-native`, which tsx compiles too): the
 * classic `jsxFactory`/`jsxFragmentFactory` (default `React.createElement`/`React.Fragment`).
 */
function reactOptions(options: ProjectOptions): NonNullable<NonNullable<SwcOptions["jsc"]>["transform"]>["react"] {
  if (options.jsx === "react-jsx" || options.jsx === "react-jsxdev") {
    return { runtime: "automatic", importSource: options.jsxImportSource ?? "react", development: options.jsx === "react-jsxdev" };
  }
  return { runtime: "classic", pragma: options.jsxFactory ?? "React.createElement", pragmaFrag: options.jsxFragmentFactory ?? "React.Fragment" };
}

/**
 * Whether the file needs a second SWC pass for its `accessor` fields: SWC lowers them only with
 * standard decorators, so a file with legacy decorators is compiled first, then its `accessor`
 * fields alone (no decorator is left by then). `source` is the file's text (a word search).
 */
export function needsAccessorPass(source: string, options: ProjectOptions): boolean {
  return usesLegacyDecorators(options) && /\baccessor\b/.test(source);
}

/** The second pass's options: JavaScript in, `accessor` fields lowered, the module format and source map of the first pass's settings. */
export function accessorPassOptions(first: SwcOptions): SwcOptions {
  return {
    ...first,
    jsc: {
      target: NODE_TARGET,
      keepClassNames: true,
      parser: { syntax: "ecmascript", decorators: true, autoAccessors: true } as never,
      transform: { decoratorVersion: "2023-11" },
    },
  };
}
