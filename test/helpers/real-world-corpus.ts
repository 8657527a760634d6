/**
 * A real code base no one here wrote, as a transformer corpus: the TypeScript sources that the
 * `rxjs` package ships in its tarball (`node_modules/rxjs/src`, 251 files, pinned as an exact
 * devDependency so every run builds the same text). It holds no logweave call, but plenty of
 * look-alikes (`subscriber.error(err)`, `console.warn(…)`), generics, overloads, decorators-free
 * classes and `declare` forms — what a build step meets in a real project.
 *
 * Shared by `test/real-world.test.ts` (outputs identical with and without logweave) and
 * `bench/real-world.ts` (what logweave adds to the build time).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Options as SwcOptions } from "@swc/core";
import ts from "typescript";

/** The package the corpus comes from, and the version package.json pins. */
export const CORPUS_PACKAGE = "rxjs";

/** One source file of the corpus. */
export interface CorpusFile {
  /** Absolute path. */
  readonly file: string;
  readonly code: string;
}

/** The corpus: its source directory, its files (sorted by path) and the package version. */
export interface Corpus {
  readonly version: string;
  readonly srcDir: string;
  readonly files: readonly CorpusFile[];
}

/** Reads every `.ts` file (not `.d.ts`) under the package's `src/`. Throws when the package is missing. */
export function readCorpus(): Corpus {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve(`${CORPUS_PACKAGE}/package.json`);
  const root = path.dirname(manifest);
  const version = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
  const srcDir = path.join(root, "src");
  const files: CorpusFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.endsWith(".ts") && !p.endsWith(".d.ts")) files.push({ file: p, code: fs.readFileSync(p, "utf8") });
    }
  };
  walk(srcDir);
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { version, srcDir, files };
}

/**
 * Compiler options for the corpus: rxjs's own (strict, `lib` esnext + dom, its `rxjs/*` path
 * aliases), with what TypeScript 6 no longer accepts replaced (`moduleResolution: node` and
 * `baseUrl` are deprecated: bundler resolution and absolute paths instead), declarations and
 * source maps on so that every emitted kind of file is compared.
 */
export function corpusCompilerOptions(corpus: Corpus, outDir: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.esnext.d.ts", "lib.dom.d.ts"],
    strict: true,
    noImplicitReturns: true,
    removeComments: true,
    preserveConstEnums: true,
    skipLibCheck: true,
    declaration: true,
    sourceMap: true,
    rootDir: corpus.srcDir,
    outDir,
    types: [],
    paths: { rxjs: [path.join(corpus.srcDir, "index.ts")], "rxjs/*": [path.join(corpus.srcDir, "*")] },
  };
}

/**
 * The one type error TypeScript 6's DOM library gives in rxjs 7.8 (`WebSocketSubject.ts`:
 * `ArrayBufferView<ArrayBufferLike>` is no longer a `BufferSource`): the lib moved, not the code.
 * Any other error means the corpus was not read as its authors build it.
 */
export const KNOWN_CORPUS_ERROR_FILES: readonly string[] = ["internal/observable/dom/WebSocketSubject.ts"];

/** `@swc/core` options for the corpus builds: ES2022, ES modules, TypeScript syntax, source maps. */
export const CORPUS_SWC_OPTIONS = {
  jsc: { target: "es2022", parser: { syntax: "typescript" } },
  module: { type: "es6" },
  sourceMaps: true,
  swcrc: false,
} as const satisfies SwcOptions;

/**
 * The line prepended to each file in the "mentions logweave" SWC variant: the SWC step skips a
 * file that never names logweave without parsing it, so this line makes it parse, read and
 * resolve every call of the real code (unused, the import disappears in both builds).
 */
export const LOGWEAVE_IMPORT_LINE = `import { getLogger as __corpusGetLogger } from "logweave";\n`;
