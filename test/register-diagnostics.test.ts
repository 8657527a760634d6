/**
 * What `node --import logweave/register` says when it cannot do its job: a bad option or a
 * missing peer dependency stops the program at start with one line on stderr (no stack) and exit
 * code 1; a `loggers` entry that resolves to nothing, or to a module without the named export, is
 * reported with the module, its file and the name, and the program still runs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { runNode, writeProject } from "./helpers/register-runs.js";
import { loggersProblems } from "../transformer/register/loggers-check.js";

let scratch: string;
let app: string;

beforeAll(() => {
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "logweave-register-diagnostics-")));
  app = writeProject(path.join(scratch, "app"), {
    "package.json": JSON.stringify({ name: "app", type: "module" }),
    "src/log.ts": `import { getLogger } from "logweave";\nexport const log = getLogger("app");\nexport function helper() { return 1; }\nexport default log;\n`,
    "src/main.ts": `import { log } from "./log.js";\nlog.info("started");\n`,
  });
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Runs the app with `env`, its cache in the scratch directory. */
function runApp(env: Record<string, string>, dir = app) {
  return runNode(["--import", "logweave/register", "src/main.ts"], dir, { LOGWEAVE_CACHE_DIR: path.join(scratch, "cache"), ...env });
}

/** The run stopped at start: nothing printed, exit code 1, exactly one line on stderr — returned. */
function startFailure(run: { code: number | null; stdout: string; stderr: string }): string {
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: "" });
  expect(run.stderr.endsWith("\n")).toBe(true);
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  return run.stderr.trimEnd();
}

describe.concurrent("a loader that cannot start says why in one line", () => {
  it("an invalid option in LOGWEAVE_REGISTER_OPTIONS", async () => {
    expect(startFailure(await runApp({ LOGWEAVE_REGISTER_OPTIONS: '{"minLevel":"loud"}' }))).toBe(
      'logweave/register: option "minLevel" must be one of trace, debug, info, warn, error, fatal; got "loud" (in LOGWEAVE_REGISTER_OPTIONS)',
    );
  });

  it("LOGWEAVE_REGISTER_OPTIONS that is not JSON", async () => {
    expect(startFailure(await runApp({ LOGWEAVE_REGISTER_OPTIONS: "{minLevel: info}" }))).toMatch(
      /^logweave\/register: environment variable LOGWEAVE_REGISTER_OPTIONS must be JSON options, like \{"minLevel":"info"\}: .+$/,
    );
  });

  it("an invalid LOGWEAVE_MIN_LEVEL", async () => {
    expect(startFailure(await runApp({ LOGWEAVE_MIN_LEVEL: "verbose" }))).toMatch(/^logweave\/register: .*LOGWEAVE_MIN_LEVEL.*"verbose"/);
  });

  it("an option of the SWC step that the loader decides itself", async () => {
    expect(startFailure(await runApp({ LOGWEAVE_REGISTER_OPTIONS: '{"swc":{"jsc":{}}}' }))).toBe(
      'logweave/register: option "swc" is not a loader option (the loader compiles each file with the options of its tsconfig.json); known options: minLevel, caller, root, verbose, loggers (in LOGWEAVE_REGISTER_OPTIONS)',
    );
  });

  /** A project where logweave is installed as a copy (its own dependencies looked up from the project), with `linked` packages of this checkout beside it. */
  function installedCopy(name: string, linked: readonly string[]): string {
    const dir = path.join(scratch, name);
    const logweave = path.join(dir, "node_modules", "logweave");
    fs.mkdirSync(logweave, { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, "dist"), path.join(logweave, "dist"), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(logweave, "package.json"));
    for (const name of linked) {
      fs.mkdirSync(path.dirname(path.join(dir, "node_modules", name)), { recursive: true });
      fs.symlinkSync(path.join(REPO_ROOT, "node_modules", name), path.join(dir, "node_modules", name), "dir");
    }
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, type: "module" }));
    fs.mkdirSync(path.join(dir, "src"));
    fs.writeFileSync(path.join(dir, "src", "main.ts"), `import { getLogger } from "logweave";\ngetLogger("x").info("never");\n`);
    return dir;
  }

  it("@swc/core is not installed: the SWC step's message", async () => {
    const line = startFailure(await runApp({}, installedCopy("no-peers", [])));
    expect(line).toMatch(/^logweave\/register: cannot load the SWC step \(Cannot find (package|module) '(@swc\/core|magic-string)'.*\); install @swc\/core and magic-string$/);
  });

  it("magic-string is not installed (@swc/core is): the same message, naming magic-string", async () => {
    const line = startFailure(await runApp({}, installedCopy("no-magic-string", ["@swc/core"])));
    expect(line).toMatch(/^logweave\/register: cannot load the SWC step \(Cannot find (package|module) 'magic-string'.*\); install @swc\/core and magic-string$/);
  });
});

describe("a loggers setting that does not resolve", () => {
  it("is reported on stderr, one line per problem, and the program still runs", async () => {
    const loggers = { "./src/lgo": ["log"], "src/log": ["log"], "./src/log": ["log", "lgo"], "@app/nothing": ["log"] };
    const run = await runApp({ LOGWEAVE_REGISTER_OPTIONS: JSON.stringify({ loggers }) });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).msg).toBe("started");
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      `logweave/register: loggers: "./src/lgo" names no file under ${app} (tried the extensions .ts, .tsx, .mts, .cts, .js, .mjs, .cjs and index files); calls on its loggers (log) stay as written`,
      `logweave/register: loggers: "src/log" is read as a package name and no such package resolves; a file path needs "./" (did you mean "./src/log"?); calls on its loggers (log) stay as written`,
      `logweave/register: loggers: "./src/log" (${path.join("src", "log.ts")}) has no export "lgo" (its exports: log, helper, default); calls on it stay as written`,
      `logweave/register: loggers: "@app/nothing" resolves to no package from ${app}; calls on its loggers (log) stay as written`,
    ]);
  });
});

describe("which loggers settings are checked, and how far", () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(scratch, "checks");
    const files: Record<string, string> = {
      "src/log.ts": `export const log = 1;\nexport { log as renamed };\nexport default log;\n`,
      "src/barrel.ts": `export * from "./log.js";\n`,
      "src/legacy.cjs": `module.exports.log = 1;\n`,
      "src/nested/index.ts": `export const nested = 1;\nexport type NotAValue = string;\nexport interface AlsoNot {}\n`,
      "src/destructured.ts": `export const { a, b } = { a: 1, b: 2 };\n`,
      "src/reexport.ts": `export { log as fromOther } from "./log.js";\nexport import legacy = require("./legacy.cjs");\nexport namespace Space {}\nexport enum Level { A }\n`,
      "tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@app/log": ["./src/log.ts"] } } }),
      "node_modules/@app/logging/package.json": JSON.stringify({ name: "@app/logging", type: "module", exports: "./index.js" }),
      "node_modules/@app/logging/index.js": `export const logger = {};\n`,
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  });

  it("accepts re-exports, export import, namespaces and enums", () => {
    expect(loggersProblems({ "./src/reexport": ["fromOther", "legacy", "Space", "Level"] }, dir)).toEqual([]);
  });

  it("accepts a file named with or without extension, .js for .ts, or its directory's index; renamed and default exports", () => {
    const project = { paths: { "@app/log": ["./src/log.ts"] }, pathsBasePath: dir };
    expect(loggersProblems({ "./src/log": ["log", "renamed", "default"], "./src/log.js": ["log"], "./src/log.ts": ["log"], "./src/nested": ["nested"], "@app/log": ["renamed"] }, dir, project)).toEqual([]);
  });

  it("does not check names where a module may export anything: export *, CommonJS, destructuring", () => {
    expect(loggersProblems({ "./src/barrel": ["anything"], "./src/legacy.cjs": ["anything"], "./src/destructured": ["anything"] }, dir)).toEqual([]);
  });

  it("counts type exports as no export (a logger is a value)", () => {
    expect(loggersProblems({ "./src/nested": ["NotAValue"] }, dir)).toEqual([
      `loggers: "./src/nested" (${path.join("src", "nested", "index.ts")}) has no export "NotAValue" (its exports: nested); calls on it stay as written`,
    ]);
  });

  it("checks the names of an installed package", () => {
    expect(loggersProblems({ "@app/logging": ["logger"] }, dir)).toEqual([]);
    expect(loggersProblems({ "@app/logging": ["log"] }, dir)).toEqual([
      `loggers: "@app/logging" (${path.join("node_modules", "@app", "logging", "index.js")}) has no export "log" (its exports: logger); calls on it stay as written`,
    ]);
  });
});
