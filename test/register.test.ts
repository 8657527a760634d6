/**
 * `node --import logweave/register`: TypeScript run without a build, through the logweave
 * rewrite. Every run is a real Node process: the fixture app must print the SWC build's lines
 * (caller, elision, source-mapped stack), alone and alongside tsx; CommonJS files are compiled
 * through `require`; compiled files are cached by content. (What the loader says when it cannot
 * start: `register-diagnostics.test.ts`; tsconfig.json: `register-tsconfig*.test.ts`.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, defaultCacheDir } from "../transformer/register/compile-cache.js";
import { moduleFormatOf } from "../transformer/register/module-format.js";
import { Tsconfigs } from "../transformer/register/tsconfig.js";
import { BUNDLER_FIXTURE_OPTIONS, swcReferenceLines } from "./helpers/bundle-fixture.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { normalizeLines, type RunResult } from "./helpers/fixture-cases.js";
import { runNode as runLimited } from "./helpers/register-runs.js";

const FIXTURE_MAIN = "fixtures/bundlers/main.ts";
/** The fixture's options as the loader reads them (root: the working directory, the repository). */
const FIXTURE_OPTIONS = JSON.stringify({ minLevel: BUNDLER_FIXTURE_OPTIONS.minLevel, loggers: BUNDLER_FIXTURE_OPTIONS.loggers });

let reference: string[];
let scratch: string;

/** Runs `node <args>` in `cwd` with `env` added (JSON output, a private cache unless given). Never rejects. */
function runNode(args: readonly string[], env: Record<string, string> = {}, cwd = REPO_ROOT): Promise<RunResult> {
  return runLimited(args, cwd, { LOGWEAVE_CACHE_DIR: path.join(scratch, "cache"), ...env });
}

/** A project directory outside the repository with `logweave` installed (a link to this checkout). */
function project(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "logweave"), "dir");
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

function messages(stdout: string): string[] {
  return normalizeLines(stdout).map((l) => JSON.parse(l).msg as string);
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-register-"));
  reference = await swcReferenceLines(path.join(REPO_ROOT, ".fixture-out", "register-reference"));
  // The repository's tsconfig.json applies to the fixture app: read it once into the runs' cache, as
  // a first run would, so that the concurrent runs do not each load TypeScript.
  new Tsconfigs(path.join(scratch, "cache"), () => {}).for(path.join(REPO_ROOT, FIXTURE_MAIN));
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe.concurrent("node --import logweave/register", () => {
  it("runs the fixture app with the SWC build's lines: callers, elision, original stack lines", async () => {
    const run = await runNode(["--import", "logweave/register", FIXTURE_MAIN], { LOGWEAVE_REGISTER_OPTIONS: FIXTURE_OPTIONS });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(normalizeLines(run.stdout)).toEqual(reference);
  });

  it("works alongside tsx, registered after it (logweave's hooks run first)", async () => {
    const run = await runNode(["--import", "tsx", "--import", "logweave/register", FIXTURE_MAIN], { LOGWEAVE_REGISTER_OPTIONS: FIXTURE_OPTIONS });
    expect(run.stderr).toBe("");
    expect(normalizeLines(run.stdout)).toEqual(reference);
  });

  it("works alongside tsx, registered before it", async () => {
    const run = await runNode(["--import", "logweave/register", "--import", "tsx", FIXTURE_MAIN], { LOGWEAVE_REGISTER_OPTIONS: FIXTURE_OPTIONS });
    expect(run.stderr).toBe("");
    expect(normalizeLines(run.stdout)).toEqual(reference);
  });

  it("takes LOGWEAVE_MIN_LEVEL over the options' minLevel", async () => {
    const run = await runNode(["--import", "logweave/register", FIXTURE_MAIN], { LOGWEAVE_REGISTER_OPTIONS: FIXTURE_OPTIONS, LOGWEAVE_MIN_LEVEL: "warn" });
    expect(run.stderr).toBe("");
    expect(messages(run.stdout)).toEqual(["child warning", "caught"]);
  });

  it("compiles CommonJS TypeScript (a package without \"type\": \"module\") through require, with the rewrite", async () => {
    const dir = project("commonjs", {
      "package.json": JSON.stringify({ name: "cjs-app", type: "commonjs" }),
      "app.ts": [
        `import { helper } from "./helper";`,
        `import { getLogger } from "logweave";`,
        `const log = getLogger("cjs");`,
        `log.debug("never built", { n: helper() });`,
        `log.info("from commonjs", { n: helper() });`,
        `try { helper(true); } catch (e) { log.info("stack", { at: /helper\\.ts:\\d+/.exec(String((e as Error).stack))?.[0] }); }`,
        ``,
      ].join("\n"),
      "helper.ts": [
        `import { getLogger } from "logweave";`,
        `const log = getLogger("helper");`,
        `export function helper(fail = false): number {`,
        `  log.trace("in helper"); if (fail) throw new Error("x");`,
        `  return 42;`,
        `}`,
        ``,
      ].join("\n"),
    });
    const run = await runNode(["--import", "logweave/register", "app.ts"], { LOGWEAVE_MIN_LEVEL: "info" }, dir);
    expect(run.stderr).toBe("");
    const lines = normalizeLines(run.stdout).map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { level: 30, name: "cjs", msg: "from commonjs", n: 42, caller: { file: "app.ts", line: 5, column: 1, function: "<module>" } },
      { level: 30, name: "cjs", msg: "stack", at: "helper.ts:4", caller: { file: "app.ts", line: 6, column: 35, function: "<module>" } },
    ]);
  });

  it("reads an unchanged file's compiled code from the cache, and compiles a changed file anew", async () => {
    const source = (message: string): string => `import { getLogger } from "logweave";\ngetLogger("cache").info(${JSON.stringify(message)});\n`;
    const dir = project("cache", { "package.json": JSON.stringify({ type: "module" }), "app.ts": source("first") });
    const cache = path.join(dir, "compiled");
    const run = (): Promise<RunResult> => runNode(["--import", "logweave/register", "app.ts"], { LOGWEAVE_CACHE_DIR: cache }, dir);

    expect(messages((await run()).stdout)).toEqual(["first"]);
    const entries = fs.readdirSync(cache);
    expect(entries).toHaveLength(1);
    // Edit the cached code: a run that prints the edit read the cache instead of compiling.
    const entry = path.join(cache, entries[0]);
    fs.writeFileSync(entry, fs.readFileSync(entry, "utf8").replace('\\"first\\"', '\\"from the cache\\"'));
    expect(messages((await run()).stdout)).toEqual(["from the cache"]);

    fs.writeFileSync(path.join(dir, "app.ts"), source("second"));
    expect(messages((await run()).stdout)).toEqual(["second"]);
    expect(fs.readdirSync(cache)).toHaveLength(2);
  });

  it("compiles every time with LOGWEAVE_CACHE=0", async () => {
    const dir = project("no-cache", { "package.json": JSON.stringify({ type: "module" }), "app.ts": `import { getLogger } from "logweave";\ngetLogger("x").info("uncached");\n` });
    const cache = path.join(dir, "compiled");
    const run = await runNode(["--import", "logweave/register", "app.ts"], { LOGWEAVE_CACHE_DIR: cache, LOGWEAVE_CACHE: "0" }, dir);
    expect(messages(run.stdout)).toEqual(["uncached"]);
    expect(fs.existsSync(cache)).toBe(false);
  });

  it("reports a syntax error with the file, line and column", async () => {
    const dir = project("syntax", { "package.json": JSON.stringify({ type: "module" }), "bad.ts": `import { getLogger } from "logweave";\nconst log = getLogger("x");\nlog.info("ok" {);\n` });
    const run = await runNode(["--import", "logweave/register", "bad.ts"], {}, dir);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${path.join(dir, "bad.ts")}:3:15: Expected ','`);
  });
});

describe("where the loader caches compiled files", () => {
  it("is LOGWEAVE_CACHE_DIR when set, relative to the working directory", () => {
    expect(defaultCacheDir({ LOGWEAVE_CACHE_DIR: "tmp/c" }, "/app")).toBe(path.resolve("/app", "tmp/c"));
  });

  it("is node_modules/.cache/logweave/register when the working directory has node_modules, else the OS temporary directory", () => {
    const withModules = path.join(scratch, "with-modules");
    fs.mkdirSync(path.join(withModules, "node_modules"), { recursive: true });
    expect(defaultCacheDir({}, withModules)).toBe(path.join(withModules, "node_modules", ".cache", "logweave", "register"));
    const bare = path.join(scratch, "bare");
    fs.mkdirSync(bare, { recursive: true });
    expect(defaultCacheDir({}, bare)).toBe(path.join(os.tmpdir(), "logweave-register-cache"));
  });

  it("keys an entry by every input: a different source, file or option is a different key", () => {
    const base = cacheKey(["v1", "{}", "/a.ts", "module", "log.info(1)"]);
    expect(cacheKey(["v1", "{}", "/a.ts", "module", "log.info(1)"])).toBe(base);
    expect(cacheKey(["v1", "{}", "/a.ts", "module", "log.info(2)"])).not.toBe(base);
    expect(cacheKey(["v1", "{}", "/b.ts", "module", "log.info(1)"])).not.toBe(base);
    expect(cacheKey(["v1", '{"minLevel":"info"}', "/a.ts", "module", "log.info(1)"])).not.toBe(base);
    // Parts are delimited: moving text from one part to the next changes the key.
    expect(cacheKey(["v1", "{}", "/a.ts", "modul", "elog.info(1)"])).not.toBe(base);
  });
});

describe("the module format the loader gives a TypeScript file", () => {
  it("follows the extension for .mts and .cts, and the nearest package.json's type for .ts", () => {
    const root = path.join(scratch, "formats");
    fs.mkdirSync(path.join(root, "esm", "nested", "cjs"), { recursive: true });
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "root" }));
    fs.writeFileSync(path.join(root, "esm", "package.json"), JSON.stringify({ type: "module" }));
    fs.writeFileSync(path.join(root, "esm", "nested", "cjs", "package.json"), JSON.stringify({ type: "commonjs" }));
    expect(moduleFormatOf(path.join(root, "a.ts"))).toBe("commonjs");
    expect(moduleFormatOf(path.join(root, "a.mts"))).toBe("module");
    expect(moduleFormatOf(path.join(root, "esm", "a.ts"))).toBe("module");
    expect(moduleFormatOf(path.join(root, "esm", "a.cts"))).toBe("commonjs");
    expect(moduleFormatOf(path.join(root, "esm", "nested", "a.tsx"))).toBe("module");
    expect(moduleFormatOf(path.join(root, "esm", "nested", "cjs", "a.ts"))).toBe("commonjs");
  });
});
