/**
 * Elision and call resolution at scale, in real code: a `debug` call is written at the top of
 * every block of the rxjs sources — function bodies, `if`/loop/`try`/`catch` blocks, `case`
 * blocks (see `helpers/real-world-corpus.ts`; on the line of the block's `{`, so no line moves). Built with `minLevel: "info"`, the calls must vanish and leave
 * JavaScript byte for byte equal to the build of the same sources without them; built with
 * `minLevel: "trace"`, every one of them must be rewritten, by both front ends.
 */
import path from "node:path";
import swc from "@swc/core";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { transformSync } from "../transformer/swc/index.js";
import logweaveTransformer from "../transformer/typescript/index.js";
import { emitInMemory, REPO_ROOT, type EmittedFiles } from "./helpers/compile-fixture.js";
import { corpusCompilerOptions, CORPUS_SWC_OPTIONS, readCorpus } from "./helpers/real-world-corpus.js";

const corpus = readCorpus();

/** First line of every file in both variants: the logger the injected calls use. */
const HEADER = `import { getLogger as __corpusGetLogger } from "logweave"; const __corpusLog = __corpusGetLogger("corpus");\n`;

/** Where a call goes in each block: after `{`, or after `super(…)` in a constructor that starts with it. */
function insertionPoints(file: string, code: string): number[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.ES2022, true);
  const points: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node)) {
      const first = node.statements[0];
      const startsWithSuper =
        first !== undefined && ts.isExpressionStatement(first) && ts.isCallExpression(first.expression) && first.expression.expression.kind === ts.SyntaxKind.SuperKeyword;
      points.push(startsWithSuper ? first.end : node.getStart(source) + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return points;
}

/** The corpus with the header, and (with `calls`) a debug call at each insertion point. */
function variant(calls: boolean): Map<string, string> {
  const texts = new Map<string, string>();
  let n = 0;
  for (const { file, code } of corpus.files) {
    let text = code;
    if (calls) {
      for (const at of insertionPoints(file, code).sort((a, b) => b - a)) {
        text = `${text.slice(0, at)} __corpusLog.debug("injected", { site: ${n++} });${text.slice(at)}`;
      }
    }
    texts.set(file, HEADER + text);
  }
  return texts;
}

/** A program over `texts` (in memory), with `logweave` resolved to this package's types. */
function programOf(texts: ReadonlyMap<string, string>): ts.Program {
  const options: ts.CompilerOptions = {
    ...corpusCompilerOptions(corpus, path.join(REPO_ROOT, ".fixture-out", "real-world-injected")),
    // Outside this package's scope `logweave` cannot self-resolve: point at its built types.
    paths: { ...corpusCompilerOptions(corpus, "").paths, logweave: [path.join(REPO_ROOT, "dist", "src", "index.d.ts")] },
    declaration: false,
    sourceMap: false,
  };
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const text = texts.get(path.resolve(fileName));
    return text === undefined ? getSourceFile(fileName, language, onError, shouldCreate) : ts.createSourceFile(fileName, text, language, true);
  };
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => texts.get(path.resolve(fileName)) ?? readFile(fileName);
  return ts.createProgram({ rootNames: [...texts.keys()], options, host });
}

const withCalls = variant(true);
const without = variant(false);
const injected = [...withCalls.values()].reduce((n, text) => n + text.split("__corpusLog.debug(").length - 1, 0);

describe("debug calls in every block of a real code base", () => {
  it("are many, in every kind of block", () => {
    expect(injected).toBeGreaterThan(1000);
  });

  describe("the TypeScript plugin", () => {
    let program: ts.Program;
    let plainWithout: EmittedFiles;

    beforeAll(() => {
      program = programOf(withCalls);
      const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
      // The corpus's one known error (see KNOWN_CORPUS_ERROR_FILES), nothing from the calls.
      expect(errors.map((d) => path.basename(d.file?.fileName ?? "?"))).toEqual(["WebSocketSubject.ts"]);
      plainWithout = emitInMemory(programOf(without));
    });

    it("at minLevel info removes them all: the JavaScript is the build without them, byte for byte", () => {
      const elided = emitInMemory(program, [logweaveTransformer(program, { root: corpus.srcDir, minLevel: "info" })]);
      expect([...elided.keys()].sort()).toEqual([...plainWithout.keys()].sort());
      const differences = [...plainWithout].filter(([name, text]) => elided.get(name) !== text).map(([name]) => name);
      expect(differences).toEqual([]);
    });

    it("at minLevel trace rewrites every one of them", () => {
      const kept = emitInMemory(program, [logweaveTransformer(program, { root: corpus.srcDir, minLevel: "trace" })]);
      const rewritten = [...kept.values()].reduce((n, text) => n + (text.match(/__lw\w*_on\(__lw\w*_site_\d+, __corpusLog\)/g)?.length ?? 0), 0);
      expect(rewritten).toBe(injected);
      expect([...kept.values()].some((text) => text.includes("__corpusLog.debug("))).toBe(false);
    });
  });

  describe("the SWC step", () => {
    it("at minLevel info removes them all: the JavaScript is @swc/core's without them, byte for byte", () => {
      const differences: string[] = [];
      let elided = 0;
      for (const [file, text] of withCalls) {
        const step = transformSync(text, { filename: file, root: corpus.srcDir, minLevel: "info", swc: { ...CORPUS_SWC_OPTIONS, sourceMaps: false } });
        const plain = swc.transformSync(without.get(file)!, { ...CORPUS_SWC_OPTIONS, sourceMaps: false, filename: file });
        if (step.code !== plain.code) differences.push(path.relative(corpus.srcDir, file));
        expect(step.warnings).toEqual([]);
        elided += step.counts.elided;
      }
      expect(differences).toEqual([]);
      expect(elided).toBe(injected);
    });

    it("at minLevel trace rewrites every one of them", () => {
      let precomputed = 0;
      for (const [file, text] of withCalls) {
        const step = transformSync(text, { filename: file, root: corpus.srcDir, minLevel: "trace", swc: { ...CORPUS_SWC_OPTIONS, sourceMaps: false } });
        expect(step.warnings).toEqual([]);
        expect(step.code).not.toContain("__corpusLog.debug(");
        precomputed += step.counts.precomputed;
      }
      expect(precomputed).toBe(injected);
    });
  });
});
