/**
 * The transformer against real code no one here wrote: every TypeScript source file rxjs ships
 * (see `helpers/real-world-corpus.ts`), built with and without logweave by both front ends. The
 * code holds no logweave call, so each output must be byte for byte the plain build's, source
 * maps and declarations included, and no build may crash or warn.
 */
import path from "node:path";
import swc from "@swc/core";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { transformSync } from "../transformer/swc/index.js";
import logweaveTransformer from "../transformer/typescript/index.js";
import { emitInMemory, REPO_ROOT, type EmittedFiles } from "./helpers/compile-fixture.js";
import {
  corpusCompilerOptions,
  CORPUS_PACKAGE,
  CORPUS_SWC_OPTIONS,
  KNOWN_CORPUS_ERROR_FILES,
  LOGWEAVE_IMPORT_LINE,
  readCorpus,
} from "./helpers/real-world-corpus.js";

const corpus = readCorpus();

/** Every file through plain `@swc/core` and through the SWC step, same options; differences by file. */
function swcDifferences(prefix: string): { differences: string[]; warnings: string[]; rewritten: number } {
  const differences: string[] = [];
  const warnings: string[] = [];
  let rewritten = 0;
  for (const { file, code: original } of corpus.files) {
    const code = prefix + original;
    const plain = swc.transformSync(code, { ...CORPUS_SWC_OPTIONS, filename: file });
    const step = transformSync(code, { filename: file, root: corpus.srcDir, minLevel: "info", swc: { ...CORPUS_SWC_OPTIONS } });
    const rel = path.relative(corpus.srcDir, file);
    if (step.code !== plain.code) differences.push(`${rel} (code)`);
    if (step.map !== plain.map) differences.push(`${rel} (map)`);
    warnings.push(...step.warnings);
    rewritten += step.counts.precomputed + step.counts.fallback + step.counts.elided;
  }
  return { differences, warnings, rewritten };
}

describe(`a real code base (${CORPUS_PACKAGE} ${corpus.version} sources)`, () => {
  it("is the sizeable corpus it claims to be", () => {
    expect(corpus.files.length).toBeGreaterThan(200);
    expect(corpus.files.reduce((n, f) => n + f.code.length, 0)).toBeGreaterThan(500_000);
    // Look-alikes of logger calls the front ends must leave alone.
    expect(corpus.files.filter((f) => /\.(?:error|warn|info)\(/.test(f.code)).length).toBeGreaterThan(20);
  });

  it("the SWC step's output is byte for byte @swc/core's, source maps included, for every file", () => {
    const { differences, warnings, rewritten } = swcDifferences("");
    expect(differences).toEqual([]);
    expect(warnings).toEqual([]);
    expect(rewritten).toBe(0);
  });

  it("the same when every file also imports logweave, so the step parses and resolves every call", () => {
    const { differences, warnings, rewritten } = swcDifferences(LOGWEAVE_IMPORT_LINE);
    expect(differences).toEqual([]);
    expect(warnings).toEqual([]);
    expect(rewritten).toBe(0);
  });

  describe("the TypeScript plugin", () => {
    let program: ts.Program;
    let plain: EmittedFiles;
    let withPlugin: EmittedFiles;

    beforeAll(() => {
      const options = corpusCompilerOptions(corpus, path.join(REPO_ROOT, ".fixture-out", "real-world"));
      program = ts.createProgram({ rootNames: corpus.files.map((f) => f.file), options });
      plain = emitInMemory(program);
      withPlugin = emitInMemory(program, [logweaveTransformer(program, { root: corpus.srcDir, minLevel: "info" })]);
    });

    it("type-checks the corpus as its authors build it", () => {
      const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
      const files = [...new Set(errors.map((d) => path.relative(corpus.srcDir, d.file?.fileName ?? "?")))];
      expect(files).toEqual(KNOWN_CORPUS_ERROR_FILES);
    });

    it("emits every file (JavaScript, source map, declaration) byte for byte as without it", () => {
      // Three outputs per source file: .js, .js.map, .d.ts.
      expect(plain.size).toBe(corpus.files.length * 3);
      expect([...withPlugin.keys()].sort()).toEqual([...plain.keys()].sort());
      const differences = [...plain].filter(([name, text]) => withPlugin.get(name) !== text).map(([name]) => name);
      expect(differences).toEqual([]);
    });
  });
});
