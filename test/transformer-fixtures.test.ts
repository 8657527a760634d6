
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import type ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import logweaveTransformer from "../transformer/typescript/index.js";
import {
  createFixtureProgram,
  emitInMemory,
  fixtureEntry,
  perFixtureTransformer,
  programErrors,
  REPO_ROOT,
  type EmittedFiles,
  writeEmitted,
} from "./helpers/compile-fixture.js";
import {
  fixtureCases,
  hasCaller,
  inParallel,
  minLevelOf,
  normalizeLines,
  runProgram,
  toJsonl,
  withoutCaller,
  type RunResult,
} from "./helpers/fixture-cases.js";

const cases = fixtureCases();
const OUT = path.join(REPO_ROOT, ".fixture-out");
const PLAIN_DIR = path.join(OUT, "plain");
const TRANSFORMED_DIR = path.join(OUT, "typescript");

let plain: EmittedFiles;
let transformed: EmittedFiles;
/** Per fixture: the transformed build at trace, and both builds at the build's minLevel. */
const runs = new Map<string, { trace: RunResult; transformedAtMin: RunResult; plainAtMin: RunResult }>();

beforeAll(async () => {
  const program = createFixtureProgram(cases.flatMap((c) => c.files));
  expect(programErrors(program)).toEqual([]);
  const factories = new Map<string, ts.TransformerFactory<ts.SourceFile>>(
    cases.map((c) => [c.dir.replace(/\\/g, "/"), logweaveTransformer(program, { root: REPO_ROOT, ...c.options })]),
  );
  plain = emitInMemory(program);
  transformed = emitInMemory(program, [perFixtureTransformer(factories)]);
  writeEmitted(plain, PLAIN_DIR);
  writeEmitted(transformed, TRANSFORMED_DIR);

  const tasks = cases.flatMap((c) => [
    () => runProgram(fixtureEntry(TRANSFORMED_DIR, c.name), "trace"),
    () => runProgram(fixtureEntry(TRANSFORMED_DIR, c.name), minLevelOf(c)),
    () => runProgram(fixtureEntry(PLAIN_DIR, c.name), minLevelOf(c)),
  ]);
  const results = await inParallel(tasks, Math.max(2, os.availableParallelism() * 2));
  cases.forEach((c, i) => {
    runs.set(c.name, { trace: results[3 * i], transformedAtMin: results[3 * i + 1], plainAtMin: results[3 * i + 2] });
  });
}, 120_000);

/** A run's lines, after checking it ended well. */
function linesOf(run: RunResult): string[] {
  expect(run.code, run.stderr).toBe(0);
  return normalizeLines(run.stdout);
}

describe.each(cases)("fixture $name", (c) => {
  it("emits the committed JavaScript", async () => {
    for (const file of c.files) {
      const rel = path.relative(REPO_ROOT, file).replace(/\\/g, "/").replace(/\.ts$/, ".js");
      const js = transformed.get(rel);
      expect(js, rel).toBeTypeOf("string");
      await expect(js).toMatchFileSnapshot(path.join(c.dir, "expected", "typescript", path.basename(rel)));
    }
  });

  it("prints the expected lines with every level on", async () => {
    const lines = linesOf(runs.get(c.name)!.trace);
    await expect(toJsonl(lines)).toMatchFileSnapshot(path.join(c.dir, "expected.jsonl"));
  });

  const differential = c.sameOutputAsUntransformed
    ? "prints the same lines as the untransformed build, plus caller"
    : "differs from the untransformed build, by design (arguments of disabled calls are not evaluated)";
  it(differential, () => {
    const run = runs.get(c.name)!;
    const withTransformer = linesOf(run.transformedAtMin);
    const without = linesOf(run.plainAtMin);
    if (c.sameOutputAsUntransformed) expect(withTransformer.map(withoutCaller)).toEqual(without);
    else expect(withTransformer.map(withoutCaller)).not.toEqual(without);
    if (c.options.caller === false) expect(withTransformer.filter(hasCaller)).toEqual([]);
    else expect(withTransformer.some(hasCaller)).toBe(true);
  });
});

describe("emitted files", () => {
  it("declarations (.d.ts) are the same with and without the transformer", () => {
    const declarations = [...plain.keys()].filter((k) => k.endsWith(".d.ts"));
    expect(declarations.length).toBeGreaterThanOrEqual(cases.length);
    for (const k of declarations) expect(transformed.get(k), k).toBe(plain.get(k));
  });

  it("a file without logweave calls is emitted byte-identical, source map included", () => {
    for (const k of ["fixtures/no-op/plain.js", "fixtures/no-op/plain.js.map"]) {
      expect(plain.get(k), k).toBeTypeOf("string");
      expect(transformed.get(k), k).toBe(plain.get(k));
    }
  });

  it("every rewritten call statement maps back to its call's original line and column", () => {
    let checked = 0;
    for (const c of cases) {
      if (c.options.caller === false) continue;
      const js = transformed.get(`fixtures/${c.name}/main.js`)!;
      const map = new SourceMap(JSON.parse(transformed.get(`fixtures/${c.name}/main.js.map`)!));
      const specs = new Map<string, { line: number; column: number }>();
      for (const m of js.matchAll(/function (__lw\w*_site_\d+)\(\) \{ return \{.*?line: (\d+), column: (\d+)/g)) {
        specs.set(m[1], { line: Number(m[2]), column: Number(m[3]) });
      }
      js.split("\n").forEach((text, lineIndex) => {
        // A statement that is exactly one rewritten call: its first character is the call's.
        const m = /^(\s*\(?)__lw\w*on\((__lw\w*_site_\d+), [\w.]+(?:, 1)?\)\?\.\(/.exec(text);
        if (m === null) return;
        const spec = specs.get(m[2])!;
        const found = map.findEntry(lineIndex, m[1].length) as { originalLine?: number; originalColumn?: number };
        expect({ file: c.name, line: found.originalLine! + 1, column: found.originalColumn! + 1 }).toEqual({ file: c.name, ...spec });
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("a throw after a rewritten call maps to its original line", () => {
    const js = transformed.get("fixtures/source-maps/main.js")!;
    const map = new SourceMap(JSON.parse(transformed.get("fixtures/source-maps/main.js.map")!));
    const lineIndex = js.split("\n").findIndex((l) => l.includes("throw new Error"));
    const column = js.split("\n")[lineIndex].indexOf("throw");
    const found = map.findEntry(lineIndex, column) as { originalLine?: number; originalSource?: string };
    expect(found.originalLine! + 1).toBe(7);
    expect(found.originalSource).toMatch(/fixtures\/source-maps\/main\.ts$/);
  });
});
