/**
 * The package as users get it: `npm pack`, then `npm install` of the tarball into fresh
 * projects — a CommonJS one (`npm init -y`) and an ES module one (`"type": "module"`) — and every
 * build guide followed literally there: its files written as the guide shows them, its commands
 * run as written (`npx …`, `node …`). Each run of the app must print the lines of the SWC step's
 * build with the same options (the reference): `caller` on every line, calls below `minLevel`
 * gone with their arguments never evaluated, the stack trace on the `.ts` line. Only what the
 * program prints is compared, never the emitted code.
 *
 * Also: the tarball's contents (every `exports` target, source maps that carry their sources),
 * `attw` (Are the Types Wrong), `npm install` next to TypeScript 5, 6 and 7, the TypeScript
 * plugin loaded next to TypeScript 7, and the install line the build routes print when their
 * build tools are missing.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFiles, writeBuild, type SwcTransformOptions } from "../transformer/swc/index.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { inParallel, normalizeLines, runProgram, type RunResult } from "./helpers/fixture-cases.js";
import { docBlocks, routeSnippet, sectionBlocks, type RouteSnippet } from "./helpers/readme-snippets.js";
import { SWC_TEST_OPTIONS } from "./helpers/swc-build.js";
import { copyProject, installProject, packRepository, runShellLine, type ModuleType } from "./helpers/user-project.js";

/** Every build guide, and where its snippet is. Heaviest builds first, so two at a time finish together. */
const ROUTES = [
  { name: "tspc", doc: "docs/build/typescript-plugin.md" },
  { name: "webpack", doc: "docs/build/webpack.md" },
  { name: "vite", doc: "docs/build/vite.md" },
  { name: "rollup", doc: "docs/build/rollup.md" },
  { name: "rspack", doc: "docs/build/rspack.md" },
  { name: "SWC CLI", doc: "docs/build/swc.md" },
  { name: "esbuild", doc: "docs/build/esbuild.md" },
  { name: "Node.js loader", doc: "docs/build/node-loader.md" },
  { name: "README's example", doc: "README.md", heading: "### Example: esbuild" },
] as const;
/** The section of a guide that a user follows from an empty project to a running app. */
const ROUTE_HEADING = "## Set up, build and run";
const MODULE_TYPES: readonly ModuleType[] = ["commonjs", "module"];
/** The TypeScript versions `npm i logweave` must install next to: the last 5, 6 and 7 at the time of writing. */
const TYPESCRIPT_VERSIONS = ["5.9.3", "6.0.3", "7.0.2"];

/** What the guides' configurations build with: calls below `info` removed, the app's shared logger module named. */
const SNIPPET_OPTIONS: TransformOptions = { minLevel: "info", loggers: { "./src/log": ["log"] } };

const FIXTURE_DIR = path.join(REPO_ROOT, "fixtures", "bundlers");
const SOURCES = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith(".ts")).map((f) => path.join(FIXTURE_DIR, f));
/**
 * A module of the app that needs Node's types (`tsc` checks every file under `src/`): without
 * `"types": ["node"]`, TypeScript 6 knows no `process`, so the plugin guide's tsconfig must say it.
 */
const NODE_TYPES_MODULE = "// Uses Node's types.\nexport const platform: NodeJS.Platform = process.platform;\n";
/** The line of `throw new Error("boom")` in main.ts. */
const THROW_LINE = fs.readFileSync(path.join(FIXTURE_DIR, "main.ts"), "utf8").split("\n").findIndex((l) => l.includes('throw new Error("boom")')) + 1;
const MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  version: string;
  devDependencies: Record<string, string>;
  exports: Record<string, string | Record<string, unknown>>;
};

/** The options a reference is built with. */
type TransformOptions = Pick<SwcTransformOptions, "minLevel" | "loggers">;

/** One command line of a snippet: an install (checked, not run), a build step, a run of the app. */
interface Step {
  readonly line: string;
  readonly kind: "install" | "build" | "run";
  /** Variables set by the `export` lines before this one. */
  readonly env: Readonly<Record<string, string>>;
}

/** Leading `NAME=value` assignments of a shell line. */
const ASSIGNMENT = String.raw`[A-Za-z_]\w*=(?:'[^']*'|"[^"]*"|\S*)`;
const RUN = new RegExp(`^(?:${ASSIGNMENT}\\s+)*node\\s(?:.*\\s)?(?:src|dist)/\\S+`);

/** `NAME=value` pairs of an assignment list (single or double quotes removed). */
function assignments(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of text.matchAll(new RegExp(ASSIGNMENT, "g"))) {
    const eq = m[0].indexOf("=");
    env[m[0].slice(0, eq)] = m[0].slice(eq + 1).replace(/^'(.*)'$|^"(.*)"$/, "$1$2");
  }
  return env;
}

/** The steps of a snippet's commands; `export` lines set variables for the lines after them. */
function stepsOf(snippet: RouteSnippet): Step[] {
  const steps: Step[] = [];
  let env: Record<string, string> = {};
  for (const raw of snippet.commands) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("export ")) {
      env = { ...env, ...assignments(line.slice("export ".length)) };
      continue;
    }
    steps.push({ line, env, kind: /^npm (?:i|install)\s/.test(line) ? "install" : RUN.test(line) ? "run" : "build" });
  }
  return steps;
}

/** The options a run of the loader gets from its environment (`LOGWEAVE_MIN_LEVEL`, `LOGWEAVE_REGISTER_OPTIONS`). */
function loaderOptionsOf(step: Step): TransformOptions {
  const env = { ...step.env, ...assignments(/^(?:\S+=\S+\s+)*/.exec(step.line)?.[0] ?? "") };
  // Not checked here: an invalid level fails the reference build, which says so.
  const minLevel = env.LOGWEAVE_MIN_LEVEL as TransformOptions["minLevel"];
  const loggers = env.LOGWEAVE_REGISTER_OPTIONS === undefined ? undefined : (JSON.parse(env.LOGWEAVE_REGISTER_OPTIONS) as TransformOptions).loggers;
  return { ...(minLevel === undefined ? {} : { minLevel }), ...(loggers === undefined ? {} : { loggers }) };
}

/** Package names of an `npm i` line (`typescript@6` → `typescript`, `@swc/core` kept whole). */
function installedPackages(line: string): string[] {
  return line
    .replace(/#.*$/, "")
    .split(/\s+/)
    .slice(2)
    .filter((arg) => arg !== "" && !arg.startsWith("-"))
    .map((arg) => arg.replace(/(?<=.)@[^/]*$/, ""));
}

let scratch: string;
let tarball: string;
const templates = new Map<ModuleType, string>();
let referenceDir: string;
const references = new Map<string, Promise<string[]>>();

/** A route's snippet as read from its guide, or why it could not be read. */
const snippets = new Map<string, { snippet?: RouteSnippet; steps: Step[]; missing?: Error }>();
/** What each step printed, per route and module type. */
const results = new Map<string, Map<Step, RunResult>>();
const key = (route: string, type: ModuleType): string => `${route} / ${type}`;

/** The SWC step's build of the app with `options` (through the API, in the reference project), run: its normalized lines. */
function referenceLines(options: TransformOptions): Promise<string[]> {
  const id = JSON.stringify(options);
  let lines = references.get(id);
  if (lines === undefined) {
    lines = (async () => {
      const outDir = path.join(referenceDir, `dist-${references.size}`);
      const build = await buildFiles({ sources: ["src"], outDir, cwd: referenceDir, sourceMaps: true, transform: { ...options, root: referenceDir, swc: SWC_TEST_OPTIONS } });
      if (build.errors.length > 0) throw new Error(`SWC build failed: ${build.errors.map((e) => String(e.error)).join("; ")}`);
      await writeBuild(build);
      const run = await runProgram(path.join(outDir, "src", "main.js"), "trace");
      if (run.stderr !== "" || run.code !== 0) throw new Error(`SWC build run failed (${run.code}): ${run.stderr}`);
      return normalizeLines(run.stdout);
    })();
    references.set(id, lines);
  }
  return lines;
}

/**
 * A project whose `typescript` is a local package of that version: npm resolves logweave's
 * peer dependency against it exactly as against the registry's (what failed with ERESOLVE
 * when the peer range was `>=6.0 <7`). TypeScript 7's entry is its `lib/version.cjs`, as
 * published: a version and nothing else.
 */
async function projectWithTypeScript(version: string): Promise<{ dir: string; install: RunResult }> {
  const dir = path.join(scratch, `typescript-${version}`);
  const ts = path.join(dir, "vendor", "typescript");
  fs.mkdirSync(path.join(ts, "lib"), { recursive: true });
  fs.writeFileSync(path.join(ts, "package.json"), JSON.stringify({ name: "typescript", version, exports: { ".": "./lib/version.cjs", "./package.json": "./package.json" } }));
  fs.writeFileSync(path.join(ts, "lib", "version.cjs"), `const { version } = require("../package.json");\nexports.version = version;\nexports.versionMajorMinor = "${version.split(".").slice(0, 2).join(".")}";\n`);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", devDependencies: { typescript: "file:vendor/typescript" } }, null, 2));
  const install = await runShellLine(dir, `npm install --offline ${JSON.stringify(tarball)}`);
  return { dir, install };
}

const typescriptProjects = new Map<string, Promise<{ dir: string; install: RunResult }>>();
/** The project next to TypeScript `version`, made once. */
const project = (version: string): Promise<{ dir: string; install: RunResult }> => {
  let p = typescriptProjects.get(version);
  if (p === undefined) typescriptProjects.set(version, (p = projectWithTypeScript(version)));
  return p;
};

/** Runs a route's command lines in order in its project; stops at the first failed build step. */
async function runRoute(dir: string, steps: readonly Step[], into: Map<Step, RunResult>): Promise<void> {
  for (const step of steps) {
    if (step.kind === "install") continue;
    // Debug calls that survived the build would print at trace; a user's default would hide them.
    const result = await runShellLine(dir, step.line, { ...step.env, LOG_LEVEL: "trace" });
    into.set(step, result);
    if (step.kind === "build" && result.code !== 0) return;
  }
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-packaging-"));
  tarball = await packRepository(scratch);
  await Promise.all(
    MODULE_TYPES.map(async (type) => {
      const dir = path.join(scratch, `installed-${type}`);
      await installProject(dir, tarball, type);
      templates.set(type, dir);
    }),
  );
  referenceDir = path.join(scratch, "reference");
  copyProject(templates.get("module")!, referenceDir, SOURCES);

  const tasks: (() => Promise<void>)[] = [];
  /** Routes whose snippet is word for word one already run (the README's example is the esbuild guide's) share its results. */
  const runBySnippet = new Map<string, string>();
  for (const route of ROUTES) {
    let snippet: RouteSnippet;
    try {
      const markdown = fs.readFileSync(path.join(REPO_ROOT, route.doc), "utf8");
      snippet = routeSnippet(sectionBlocks(docBlocks(markdown, route.doc), markdown, route.doc, "heading" in route ? route.heading : ROUTE_HEADING));
    } catch (error) {
      snippets.set(route.name, { missing: error as Error, steps: [] });
      continue;
    }
    const same = runBySnippet.get(JSON.stringify(snippet));
    if (same !== undefined) {
      const shared = snippets.get(same)!;
      snippets.set(route.name, shared);
      for (const type of MODULE_TYPES) results.set(key(route.name, type), results.get(key(same, type))!);
      continue;
    }
    runBySnippet.set(JSON.stringify(snippet), route.name);
    const steps = stepsOf(snippet);
    snippets.set(route.name, { snippet, steps });
    for (const type of MODULE_TYPES) {
      // One project per route and kind: the tools all write dist/, so sharing one would mix their outputs.
      const dir = path.join(scratch, `${route.name.replace(/\W+/g, "-")}-${type}`);
      const into = new Map<Step, RunResult>();
      results.set(key(route.name, type), into);
      tasks.push(async () => {
        copyProject(templates.get(type)!, dir, SOURCES);
        fs.writeFileSync(path.join(dir, "src", "platform.ts"), NODE_TYPES_MODULE);
        for (const file of snippet.files) if (file.only === undefined || file.only === type) fs.writeFileSync(path.join(dir, file.file), file.text);
        await runRoute(dir, steps, into);
      });
    }
  }
  await Promise.all([inParallel(tasks, 2), referenceLines(SNIPPET_OPTIONS), ...TYPESCRIPT_VERSIONS.map(project)]);
}, 300_000);

afterAll(() => {
  if (scratch !== undefined) fs.rmSync(scratch, { recursive: true, force: true });
});

describe("the reference the guides are compared with (the SWC step's API build)", () => {
  it("has every call rewritten: callers at the .ts sources, calls below info gone, the stack line original", async () => {
    const lines = (await referenceLines(SNIPPET_OPTIONS)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line.caller).toMatchObject({ file: expect.stringMatching(/^src\/(main|greet)\.ts$/) });
    expect(lines.map((l) => l.msg)).not.toContain("elided below info");
    expect(lines[1].caller).toEqual({ file: "src/greet.ts", line: 5, column: 3, function: "greet" });
    expect(lines[3]).toMatchObject({ msg: "arguments of elided calls", evaluated: 0 });
    expect(lines[5]).toMatchObject({ msg: "caught", extension: "ts", line: THROW_LINE });
  });
});

describe("every build guide is tested here", () => {
  it("each guide under docs/build/ is one of the routes", () => {
    const guides = fs.readdirSync(path.join(REPO_ROOT, "docs", "build")).filter((f) => f.endsWith(".md") && f !== "README.md").map((f) => `docs/build/${f}`);
    expect(guides.sort()).toEqual(ROUTES.map((r) => r.doc).filter((d) => d.startsWith("docs/build/")).sort());
  });
});

describe.each(ROUTES)("the $name guide", (route) => {
  const snippet = () => {
    const found = snippets.get(route.name);
    if (found === undefined) throw new Error("not set up");
    if (found.missing !== undefined) throw found.missing;
    return found;
  };

  it("has the commands that build and run the app", () => {
    const { steps } = snippet();
    expect(steps.filter((s) => s.kind === "run").length, `${route.doc}: the commands never run the app (node … src/… or dist/…)`).toBeGreaterThan(0);
    if (route.name !== "Node.js loader") expect(steps.filter((s) => s.kind === "build").length, `${route.doc}: the commands never build`).toBeGreaterThan(0);
  });

  it("installs packages that exist (this repository's devDependencies)", () => {
    const installs = snippet().steps.filter((s) => s.kind === "install");
    expect(installs.length, `${route.doc}: no npm i line`).toBeGreaterThan(0);
    for (const step of installs) {
      const names = installedPackages(step.line);
      expect(names.length, step.line).toBeGreaterThan(0);
      for (const name of names) expect(Object.keys(MANIFEST.devDependencies), `${step.line}: ${name}`).toContain(name);
    }
  });

  describe.each(MODULE_TYPES)("in a %s project", (type) => {
    const stepResults = () => results.get(key(route.name, type)) ?? new Map<Step, RunResult>();

    it("builds with the commands as written, with no warning from logweave", () => {
      for (const step of snippet().steps.filter((s) => s.kind === "build")) {
        const result = stepResults().get(step);
        expect(result, `${step.line}: not run`).toBeDefined();
        expect(result!.code, `${step.line}\n${result!.stdout}${result!.stderr}`).toBe(0);
        expect(result!.stdout + result!.stderr, step.line).not.toMatch(/logweave: /);
      }
    });

    it("runs the app: the reference's lines, each with its caller, calls below info gone unevaluated, the stack on the .ts line", async () => {
      for (const step of snippet().steps.filter((s) => s.kind === "run")) {
        const run = stepResults().get(step);
        expect(run, `${step.line}: not run (a build step before it failed)`).toBeDefined();
        expect(run!.stderr, step.line).toBe("");
        expect(run!.code, step.line).toBe(0);
        const options = route.name === "Node.js loader" ? loaderOptionsOf(step) : SNIPPET_OPTIONS;
        const lines = normalizeLines(run!.stdout);
        expect(lines, step.line).toEqual(await referenceLines(options));
        // What the guides promise, said outright (the reference holds it for these options).
        if (options.minLevel === "info" && options.loggers !== undefined) {
          const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
          expect(records.every((r) => typeof r.caller === "object"), step.line).toBe(true);
          expect(records.find((r) => r.msg === "arguments of elided calls")?.evaluated, step.line).toBe(0);
        }
      }
    });
  });
});

describe("the packed tarball", () => {
  const listing = (): Promise<RunResult> => runShellLine(scratch, `tar tzf ${JSON.stringify(tarball)}`);

  it("holds every file the exports map names, and nothing but dist/, the README, the licence and package.json", async () => {
    const files = (await listing()).stdout.split("\n").filter((f) => f !== "").map((f) => f.replace(/^package\//, ""));
    const targets = Object.values(MANIFEST.exports).flatMap(function targetsOf(value: unknown): string[] {
      return typeof value === "string" ? [value] : Object.values(value as Record<string, unknown>).flatMap(targetsOf);
    });
    for (const target of targets) expect(files, target).toContain(target.replace(/^\.\//, ""));
    expect(files.filter((f) => !f.startsWith("dist/") && !["README.md", "LICENSE", "package.json"].includes(f))).toEqual([]);
  });

  it("ships source maps that carry their sources", () => {
    const installed = path.join(templates.get("module")!, "node_modules", "logweave", "dist");
    const maps = (fs.readdirSync(installed, { recursive: true }) as string[]).filter((f) => f.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(fs.readFileSync(path.join(installed, map), "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(sourcesContent?.length, map).toBe(sources.length);
      expect(sourcesContent!.every((s) => typeof s === "string" && s.length > 0), map).toBe(true);
    }
  });

  it("has types that resolve for every entry point (attw, with the repository's .attw.json)", async () => {
    const attw = path.join(REPO_ROOT, "node_modules", ".bin", "attw");
    const result = await new Promise<RunResult>((resolve) => {
      execFile(attw, [tarball, "--format", "json"], { cwd: REPO_ROOT, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr }),
      );
    });
    // The profile (esm-only) leaves out CommonJS `require` as TypeScript's node16 models it and
    // node10 resolution: logweave is an ES module, which Node.js `require`s from 20.19 and 22.12.
    expect(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, ".attw.json"), "utf8"))).toEqual({ profile: "esm-only" });
    const report = JSON.parse(result.stdout) as { analysis: { problems: { resolutionKind?: string }[] } };
    expect(report.analysis.problems.filter((p) => p.resolutionKind === "node16-esm" || p.resolutionKind === "bundler" || p.resolutionKind === undefined)).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
  });
});

describe("npm i logweave next to TypeScript", () => {
  it.each(TYPESCRIPT_VERSIONS)("installs next to TypeScript %s", async (version) => {
    const { dir, install } = await project(version);
    expect(install.stdout + install.stderr).not.toContain("ERESOLVE");
    expect(install.code, install.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "node_modules", "logweave", "package.json"), "utf8")).version).toBe(MANIFEST.version);
  });

  it("installs with no TypeScript at all", () => {
    expect(fs.existsSync(path.join(templates.get("commonjs")!, "node_modules", "logweave", "package.json"))).toBe(true);
    expect(fs.existsSync(path.join(templates.get("commonjs")!, "node_modules", "typescript"))).toBe(false);
  });

  it("the TypeScript plugin, loaded next to TypeScript 7, names the routes to take instead, in one line", async () => {
    const { dir } = await project("7.0.2");
    const load = await runShellLine(dir, `node -e 'import("logweave/transformer").then(() => console.log("loaded"), (e) => { console.log(e.stack); process.exit(3); })'`);
    expect(load.code).toBe(3);
    expect(load.stdout).toBe(
      "logweave/transformer: TypeScript 7.0.2 has no transformer API, so the TypeScript plugin cannot run; build with the SWC step (npx logweave swc), a bundler plugin (logweave/vite, logweave/rollup, logweave/esbuild, logweave/webpack, logweave/rspack) or node --import logweave/register instead (type-check with tsc --noEmit), or install TypeScript 6 for this route: npm i -D typescript@6 ts-patch\n",
    );
  });
});

describe("build routes without their build tools installed", () => {
  let bare: string;
  beforeAll(() => {
    // The tarball alone: no unplugin, @swc/core or magic-string.
    bare = path.join(scratch, "bare");
    copyProject(templates.get("commonjs")!, bare, SOURCES, false);
  });

  it.each(["vite", "rollup", "esbuild", "webpack", "rspack"])("logweave/%s names what to install, in one line, from import and from require", async (entry) => {
    const expected = `logweave/${entry} needs unplugin, @swc/core and magic-string, which are not installed; install the build tools: npm i -D unplugin @swc/core magic-string\n`;
    const viaImport = await runShellLine(bare, `node -e 'import("logweave/${entry}").then(() => console.log("loaded"), (e) => console.log(e.stack))'`);
    expect(viaImport.stdout).toBe(expected);
    const viaRequire = await runShellLine(bare, `node -e 'try { require("logweave/${entry}"); console.log("loaded") } catch (e) { console.log(e.stack) }'`);
    expect(viaRequire.stdout).toBe(expected);
  });

  it("logweave swc names what to install and exits 1", async () => {
    const result = await runShellLine(bare, "npx logweave swc src -d dist");
    expect(result.stderr).toBe("logweave swc needs @swc/core and magic-string, which are not installed; install the build tools: npm i -D @swc/core magic-string\n");
    expect(result.code).toBe(1);
  });

  it("logweave pretty and logweave --version need none of them", async () => {
    const pretty = await runShellLine(bare, `echo '{"level":30,"time":0,"name":"app","msg":"hello"}' | npx logweave pretty --no-color`);
    expect(pretty.stderr).toBe("");
    expect(pretty.stdout).toMatch(/ INFO  app: hello\n$/);
    const version = await runShellLine(bare, "npx logweave --version");
    expect(version.stdout).toBe(MANIFEST.version + "\n");
  });
});
