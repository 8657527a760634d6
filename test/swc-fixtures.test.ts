/**
 * The fixture matrix through the SWC step: every fixture built by the SWC step and by the
 * TypeScript plugin, both run for real, and their printed lines compared — caller included
 * (same file, line, column, function). A handful of calls only a type checker can resolve are
 * listed below with the reason; for those, the SWC build leaves the call as written and its
 * line is the TypeScript build's without `caller`.
 */
import fs from "node:fs";
import { emittedSites } from "./helpers/emitted-sites.js";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import type ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import logweaveTransformer from "../transformer/typescript/index.js";
import { buildFiles, writeBuild } from "../transformer/swc/index.js";
import { createFixtureProgram, emitInMemory, fixtureEntry, perFixtureTransformer, REPO_ROOT, writeEmitted } from "./helpers/compile-fixture.js";
import { fixtureCases, hasCaller, inParallel, normalizeLines, runProgram, withoutCaller, type RunResult } from "./helpers/fixture-cases.js";
import { SWC_TEST_OPTIONS } from "./helpers/swc-build.js";

const cases = fixtureCases();
const OUT = path.join(REPO_ROOT, ".fixture-out");
/** The SWC build, and the TypeScript-plugin build it is compared with (own directories: test files run in parallel). */
const SWC_DIR = path.join(OUT, "swc");
const TS_DIR = path.join(OUT, "swc-reference-typescript");

/**
 * Calls the SWC step leaves as written because only the type checker can prove their receiver
 * is a logger. The SWC build prints these lines without `caller`.
 */
const CHECKER_ONLY: Readonly<Record<string, { readonly messages: readonly string[]; readonly reason: string }>> = {
  aliases: {
    messages: ["from an array", "from a map"],
    reason: "the receiver is an element of an array (`loggers[1]`) or a Map (`byName.get(…)`): Logger[] and Map<string, Logger> are inferred by the checker, not written",
  },
};

/**
 * Options only the SWC step needs, per fixture. The TypeScript plugin follows a logger into the
 * module it was made in through the checker; the SWC step is told with `loggers`.
 */
const SWC_ONLY_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = {
  aliases: { loggers: { "./fixtures/aliases/helper": ["shared"] } },
};

const runs = new Map<string, { swc: RunResult; typescript: RunResult }>();
const swcOutputs = new Map<string, { code: string; map: string | undefined }>();

beforeAll(async () => {
  // The TypeScript plugin's build of every fixture (the reference).
  const program = createFixtureProgram(cases.flatMap((c) => c.files));
  const factories = new Map<string, ts.TransformerFactory<ts.SourceFile>>(
    cases.map((c) => [c.dir.replace(/\\/g, "/"), logweaveTransformer(program, { root: REPO_ROOT, ...c.options })]),
  );
  writeEmitted(emitInMemory(program, [perFixtureTransformer(factories)]), TS_DIR);

  // The SWC step's build of every fixture, with the fixture's options.
  fs.rmSync(SWC_DIR, { recursive: true, force: true });
  for (const c of cases) {
    const result = await buildFiles({
      sources: c.files,
      outDir: SWC_DIR,
      cwd: REPO_ROOT,
      sourceMaps: true,
      transform: { root: REPO_ROOT, ...c.options, ...SWC_ONLY_OPTIONS[c.name], swc: SWC_TEST_OPTIONS },
    });
    expect(result.errors, c.name).toEqual([]);
    expect(result.warnings, c.name).toEqual([]);
    await writeBuild(result);
    for (const f of result.files) swcOutputs.set(path.relative(SWC_DIR, f.output).replace(/\\/g, "/"), { code: f.code, map: f.map?.text });
  }

  const tasks = cases.flatMap((c) => [() => runProgram(fixtureEntry(SWC_DIR, c.name), "trace"), () => runProgram(fixtureEntry(TS_DIR, c.name), "trace")]);
  const results = await inParallel(tasks, Math.max(2, os.availableParallelism() * 2));
  cases.forEach((c, i) => runs.set(c.name, { swc: results[2 * i], typescript: results[2 * i + 1] }));
}, 120_000);

function linesOf(run: RunResult): string[] {
  expect(run.code, run.stderr).toBe(0);
  return normalizeLines(run.stdout);
}

describe.each(cases)("fixture $name through the SWC step", (c) => {
  it("prints the same lines as the TypeScript-plugin build, caller included", () => {
    const run = runs.get(c.name)!;
    const checkerOnly = new Set(CHECKER_ONLY[c.name]?.messages ?? []);
    const expected = linesOf(run.typescript).map((line) => (checkerOnly.has((JSON.parse(line) as { msg?: string }).msg ?? "") ? withoutCaller(line) : line));
    const lines = linesOf(run.swc);
    expect(lines).toEqual(expected);
    if (c.options.caller === false) expect(lines.filter(hasCaller)).toEqual([]);
    else expect(lines.some(hasCaller)).toBe(true);
  });
});

describe("the SWC builds of the fixtures", () => {
  it("lists only checker-only calls that the TypeScript build does rewrite", () => {
    for (const [name, { messages }] of Object.entries(CHECKER_ONLY)) {
      const lines = linesOf(runs.get(name)!.typescript).filter((l) => messages.includes((JSON.parse(l) as { msg: string }).msg));
      expect(lines.length, name).toBe(messages.length);
      expect(lines.every(hasCaller), name).toBe(true);
    }
  });

  it("every rewritten call statement maps back to its call's original line and column", () => {
    let checked = 0;
    for (const c of cases) {
      if (c.options.caller === false) continue;
      const out = swcOutputs.get(`fixtures/${c.name}/main.js`)!;
      const map = new SourceMap(JSON.parse(out.map!));
      const specs = new Map<string, { line: number; column: number }>();
      for (const [name, spec] of emittedSites(out.code)) specs.set(name, { line: spec.line!, column: spec.column! });
      out.code.split("\n").forEach((text, lineIndex) => {
        // A statement that is exactly one rewritten call: its first character is the call's.
        const m = /^(\s*\(?)__lw\w*on\((__lw\w*_site_\d+), /.exec(text);
        if (m === null) return;
        const spec = specs.get(m[2]);
        if (spec === undefined) return;
        const found = map.findEntry(lineIndex, m[1].length) as { originalLine?: number; originalColumn?: number };
        expect({ file: c.name, line: found.originalLine! + 1, column: found.originalColumn! + 1 }).toEqual({ file: c.name, ...spec });
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("a throw after a rewritten call maps to its original line", () => {
    const out = swcOutputs.get("fixtures/source-maps/main.js")!;
    const map = new SourceMap(JSON.parse(out.map!));
    const lines = out.code.split("\n");
    const lineIndex = lines.findIndex((l) => l.includes("throw new Error"));
    const found = map.findEntry(lineIndex, lines[lineIndex].indexOf("throw")) as { originalLine?: number; originalColumn?: number; originalSource?: string };
    expect(found.originalLine! + 1).toBe(7);
    expect(found.originalColumn! + 1).toBe(50);
    expect(found.originalSource).toMatch(/main\.ts$/);
  });
});
