/**
 * In-memory compilation of fixture programs: one `ts.Program` over every fixture, emitted with
 * and without the transformer through a compiler host that captures the output files instead
 * of writing them. Type checking happens once; each emit only transforms and prints.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** The repository root (where package.json and the fixtures are). */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** Compiler options of the fixture programs: those of the repository's tsconfig.json. */
export const FIXTURE_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
  declaration: true,
  sourceMap: true,
  rootDir: REPO_ROOT,
  // Virtual: emitted files are captured, then written wherever a test wants them.
  outDir: path.join(REPO_ROOT, ".fixture-out/emit"),
  types: ["node"],
};

/** Emitted files by path relative to the output directory (`fixtures/x/main.js`, `….js.map`, `….d.ts`). */
export type EmittedFiles = Map<string, string>;

/** Creates one program over `rootNames` (absolute paths). */
export function createFixtureProgram(rootNames: readonly string[], options: ts.CompilerOptions = FIXTURE_COMPILER_OPTIONS): ts.Program {
  return ts.createProgram({ rootNames, options, host: ts.createCompilerHost(options, true) });
}

/** Errors of the program (a fixture that does not type-check is a broken fixture). */
export function programErrors(program: ts.Program): string[] {
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  return diagnostics.map((d) => ts.formatDiagnostic(d, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => REPO_ROOT,
    getNewLine: () => "\n",
  }));
}

/** Emits every file of `program` (optionally through `before` transformers) and returns the captured files. */
export function emitInMemory(program: ts.Program, before?: ts.TransformerFactory<ts.SourceFile>[]): EmittedFiles {
  const outDir = program.getCompilerOptions().outDir ?? REPO_ROOT;
  const files: EmittedFiles = new Map();
  const write: ts.WriteFileCallback = (fileName, text) => {
    files.set(path.relative(outDir, fileName).replace(/\\/g, "/"), text);
  };
  const result = program.emit(undefined, write, undefined, false, before === undefined ? undefined : { before });
  if (result.emitSkipped) throw new Error("emit skipped");
  return files;
}

/**
 * A `before` transformer that hands each file to the factory of the fixture it belongs to
 * (fixtures differ in options), and leaves files of no fixture untouched.
 */
export function perFixtureTransformer(
  factories: ReadonlyMap<string, ts.TransformerFactory<ts.SourceFile>>,
): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const byFixture = new Map<string, ts.Transformer<ts.SourceFile>>();
    for (const [dir, factory] of factories) byFixture.set(dir, factory(context));
    return (sourceFile) => {
      for (const [dir, transform] of byFixture) {
        if (sourceFile.fileName.startsWith(dir + "/")) return transform(sourceFile);
      }
      return sourceFile;
    };
  };
}

/** Writes emitted files (relative path → text) under `dir`, replacing what was there. */
export function writeEmitted(files: ReadonlyMap<string, string>, dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of files) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

/** The emitted entry of a fixture in an output directory. */
export function fixtureEntry(dir: string, name: string): string {
  return path.join(dir, "fixtures", name, "main.js");
}
