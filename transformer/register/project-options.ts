/**
 * The part of a `tsconfig.json` that changes what a compiled file does when it runs, read the
 * same way by both readers (`tsconfig-typescript.ts`, `tsconfig-json.ts`), and the rules tsx
 * (esbuild) applies to it when an option is not set. Nothing here reads files.
 */

/** Compiler options as written in the configuration (names lowercased), paths made absolute. */
export interface ProjectOptions {
  /** `"es2022"`, `"esnext"`, …: only decides the `useDefineForClassFields` default, as in tsx. */
  readonly target?: string;
  /** `"react"`, `"react-jsx"`, `"react-jsxdev"`, `"preserve"`, `"react-native"`. */
  readonly jsx?: string;
  readonly jsxFactory?: string;
  readonly jsxFragmentFactory?: string;
  readonly jsxImportSource?: string;
  readonly experimentalDecorators?: boolean;
  readonly emitDecoratorMetadata?: boolean;
  readonly useDefineForClassFields?: boolean;
  readonly verbatimModuleSyntax?: boolean;
  readonly preserveValueImports?: boolean;
  /** `"remove"`, `"preserve"` or `"error"`. */
  readonly importsNotUsedAsValues?: string;
  readonly strict?: boolean;
  readonly alwaysStrict?: boolean;
  /** Absolute. */
  readonly baseUrl?: string;
  readonly paths?: Readonly<Record<string, readonly string[]>>;
  /** Absolute: where `paths` substitutions start when there is no `baseUrl` (the directory of the configuration that set `paths`). */
  readonly pathsBasePath?: string;
}

/** How unused imports are treated. */
export type ImportElision =
  /** Imports whose bindings are all unused (or types) are removed. */
  | "remove"
  /** Every import without `type` is kept, bindings and all (`verbatimModuleSyntax`, `preserveValueImports`). */
  | "keep-values"
  /** Every import statement is kept, its unused bindings removed (`importsNotUsedAsValues`: `"preserve"`/`"error"`). */
  | "keep-statements";

/** The targets before ES2022, whose class fields TypeScript compiles as assignments by default. */
const BEFORE_ES2022 = new Set(["es3", "es5", "es6", "es2015", "es2016", "es2017", "es2018", "es2019", "es2020", "es2021"]);

/**
 * Whether class fields are defined (`[[Define]]`) rather than assigned: the option when set;
 * else `false` for a `target` before ES2022, `true` otherwise (also with no `target`) — the rule
 * of TypeScript 6 and of esbuild, so of tsx.
 */
export function definesClassFields(options: ProjectOptions): boolean {
  if (options.useDefineForClassFields !== undefined) return options.useDefineForClassFields;
  return options.target === undefined || !BEFORE_ES2022.has(options.target);
}

/** Whether a CommonJS file runs in strict mode: `alwaysStrict`, else `strict`, else not — as tsx does (an ES module always is). */
export function isStrictCommonJs(options: ProjectOptions): boolean {
  return options.alwaysStrict ?? options.strict ?? false;
}

/** Decorators as TypeScript's `experimentalDecorators` (legacy) rather than standard (TC39, 2023-11) ones. */
export function usesLegacyDecorators(options: ProjectOptions): boolean {
  return options.experimentalDecorators === true;
}

/** How unused imports are treated under these options (`verbatimModuleSyntax` first, as in TypeScript and esbuild). */
export function importElision(options: ProjectOptions): ImportElision {
  if (options.verbatimModuleSyntax === true || options.preserveValueImports === true) return "keep-values";
  if (options.importsNotUsedAsValues === "preserve" || options.importsNotUsedAsValues === "error") return "keep-statements";
  return "remove";
}
