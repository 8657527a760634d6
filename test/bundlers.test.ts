/**
 * The bundler plugins with the real bundlers: `fixtures/bundlers/` (three modules, a logger made
 * in one and used in another, calls below `info`, a thrown error) is bundled by Vite, Rollup,
 * esbuild, webpack and Rspack with the logweave plugin, each bundle runs under
 * `node --enable-source-maps`, and its lines must be the SWC step's build's, caller included.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLER_FIXTURE_ENTRY, BUNDLER_FIXTURE_OPTIONS as OPTIONS, BUNDLERS, bundleFixture, swcReferenceLines } from "./helpers/bundle-fixture.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { normalizeLines, runProgram } from "./helpers/fixture-cases.js";

const OUT = path.join(REPO_ROOT, ".fixture-out", "bundlers");
/** Messages of the calls below `info`: the build removes them, text and all. */
const ELIDED_MESSAGES = ["elided below info", "greeting built"];
/** The line of `throw new Error("boom")` in main.ts. */
const THROW_LINE = fs.readFileSync(BUNDLER_FIXTURE_ENTRY, "utf8").split("\n").findIndex((l) => l.includes('throw new Error("boom")')) + 1;

let reference: string[];

beforeAll(async () => {
  reference = await swcReferenceLines(path.join(OUT, "swc"));
});

describe("the SWC build the bundles are compared with", () => {
  it("rewrote every call: callers inlined, elided arguments never evaluated, the stack line original", () => {
    expect(reference).toHaveLength(6);
    for (const line of reference) expect(JSON.parse(line)).toHaveProperty("caller");
    const messages = reference.map((l) => JSON.parse(l).msg);
    for (const message of ELIDED_MESSAGES) expect(messages).not.toContain(message);
    expect(JSON.parse(reference[3])).toMatchObject({ msg: "arguments of elided calls", evaluated: 0 });
    expect(JSON.parse(reference[1]).caller).toEqual({ file: "fixtures/bundlers/greet.ts", line: 5, column: 3, function: "greet" });
    expect(JSON.parse(reference[5])).toMatchObject({ msg: "caught", extension: "ts", line: THROW_LINE });
  });
});

describe.each(BUNDLERS)("a %s bundle built with the logweave plugin", (bundler) => {
  let bundle: string;
  let text: string;

  beforeAll(async () => {
    const dir = path.join(OUT, bundler);
    fs.rmSync(dir, { recursive: true, force: true });
    bundle = await bundleFixture(bundler, dir, OPTIONS);
    text = fs.readFileSync(bundle, "utf8");
  });

  it("prints the same lines as the SWC build, caller metadata included", async () => {
    const run = await runProgram(bundle, "trace");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(normalizeLines(run.stdout)).toEqual(reference);
  });

  it("has no trace of the calls below minLevel", () => {
    for (const message of ELIDED_MESSAGES) expect(text).not.toContain(message);
    // The kept calls are there, as precomputed sites (message already JSON text, in either quote style).
    expect(text).toMatch(/msg: (?:'"child warning"'|"\\"child warning\\"")/);
    expect(text).not.toContain('.warn("child warning"');
  });

  it("maps a stack trace to the original source line", async () => {
    const run = await runProgram(bundle, "trace");
    const caught = normalizeLines(run.stdout).map((l) => JSON.parse(l)).find((l) => l.msg === "caught");
    expect(caught).toMatchObject({ extension: "ts", line: THROW_LINE });
  });
});

describe("Vite's dev server with the logweave plugin", () => {
  it("serves modules rewritten the same way as the build", async () => {
    const { createServer } = await import("vite");
    const { default: logweave } = await import("../transformer/unplugin/vite.js");
    const server = await createServer({ configFile: false, root: REPO_ROOT, logLevel: "silent", plugins: [logweave(OPTIONS)], server: { middlewareMode: true, hmr: false, ws: false } });
    try {
      const served = await server.transformRequest("/fixtures/bundlers/greet.ts");
      expect(served).not.toBeNull();
      expect(served!.code).not.toContain("greeting built");
      expect(served!.code).toMatch(/file: "fixtures\/bundlers\/greet\.ts",\s*line: 5,\s*column: 3,\s*function: "greet"/);
      // The served map leads back to the TypeScript source.
      expect(served!.map).toMatchObject({ sources: [expect.stringMatching(/greet\.ts$/)] });
    } finally {
      await server.close();
    }
  });
});
