/**
 * The README's build-step snippets, as a user copies them: for each tool (tspc, the SWC CLI,
 * Vite, Rollup, esbuild, webpack, Rspack, `node --import`) the config file is taken from the
 * README and written verbatim into a project outside the repository holding the bundler fixture
 * app (`fixtures/bundlers/` as `src/`), the README's command lines run there as written (`npx …`,
 * `node …`), and every line that runs the app must print the SWC step's build's lines (the
 * reference, built through the API with the same options): callers at the `.ts` sources, calls
 * below `minLevel` gone, stack traces mapped to the `.ts` line. So the README cannot drift from
 * what works.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFiles, writeBuild, type SwcTransformOptions } from "../transformer/swc/index.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { inParallel, normalizeLines, runProgram, type RunResult } from "./helpers/fixture-cases.js";
import { buildStepRegion, toolSnippet, type ToolSnippet } from "./helpers/readme-snippets.js";
import { SWC_TEST_OPTIONS } from "./helpers/swc-build.js";
import { createUserProject, runShellLine } from "./helpers/user-project.js";

/** A tool and where its snippet is: a heading or bold label in the README. Heaviest builds first, so two at a time finish together. */
const TOOLS = [
  { name: "tspc", anchor: "### TypeScript plugin", config: true },
  { name: "webpack", anchor: "**webpack**", config: true },
  { name: "vite", anchor: "**Vite**", config: true },
  { name: "rollup", anchor: "**Rollup**", config: true },
  { name: "rspack", anchor: "**Rspack**", config: true },
  { name: "SWC CLI", anchor: "**SWC CLI**", config: true },
  { name: "esbuild", anchor: "**esbuild**", config: true },
  { name: "node --import", anchor: "**Node, no build step**", config: false },
] as const;

/** What the config snippets build with: calls below `info` removed, the app's shared logger module named. */
const SNIPPET_OPTIONS: TransformOptions = { minLevel: "info", loggers: { "./src/log": ["log"] } };

const FIXTURE_DIR = path.join(REPO_ROOT, "fixtures", "bundlers");
const SOURCES = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith(".ts")).map((f) => path.join(FIXTURE_DIR, f));
/** The line of `throw new Error("boom")` in main.ts. */
const THROW_LINE = fs.readFileSync(path.join(FIXTURE_DIR, "main.ts"), "utf8").split("\n").findIndex((l) => l.includes('throw new Error("boom")')) + 1;

/** The options a reference is built with. */
type TransformOptions = Pick<SwcTransformOptions, "minLevel" | "loggers">;

/** One command line of a snippet: an install (checked, not run), a build step, or a run of the app. */
interface Step {
  readonly line: string;
  readonly kind: "install" | "build" | "run";
  result?: RunResult;
}

interface Outcome {
  readonly snippet?: ToolSnippet;
  /** Why the snippet could not be read from the README. */
  readonly missing?: Error;
  readonly steps: Step[];
}

/** Leading `NAME=value` assignments of a shell line. */
const ENV_PREFIX = String.raw`(?:[A-Za-z_]\w*=(?:'[^']*'|"[^"]*"|\S*)\s+)*`;
const RUN = new RegExp(`^${ENV_PREFIX}node\\s(?:.*\\s)?(?:src|dist)/\\S+`);

function stepsOf(snippet: ToolSnippet): Step[] {
  return snippet.commands
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((line) => ({ line, kind: /^npm (?:i|install)\s/.test(line) ? "install" : RUN.test(line) ? "run" : "build" }));
}

/** The options a run line gives the loader in its environment (`LOGWEAVE_MIN_LEVEL`, `LOGWEAVE_REGISTER_OPTIONS`). */
function loaderOptionsOf(line: string): TransformOptions {
  // Not checked here: an invalid level fails the reference build, which says so.
  const minLevel = /\bLOGWEAVE_MIN_LEVEL=(\w+)/.exec(line)?.[1] as TransformOptions["minLevel"];
  const json = /\bLOGWEAVE_REGISTER_OPTIONS='([^']*)'/.exec(line)?.[1];
  const loggers = json === undefined ? undefined : (JSON.parse(json) as TransformOptions).loggers;
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
let referenceDir: string;
const references = new Map<string, Promise<string[]>>();
const outcomes = new Map<string, Outcome>();

/** The SWC step's build of the app with `options` (through the API, in the reference project), run: its normalized lines. */
function referenceLines(options: TransformOptions): Promise<string[]> {
  const key = JSON.stringify(options);
  let lines = references.get(key);
  if (lines === undefined) {
    lines = (async () => {
      const outDir = path.join(referenceDir, `dist-${references.size}`);
      const build = await buildFiles({
        sources: ["src"],
        outDir,
        cwd: referenceDir,
        sourceMaps: true,
        transform: { ...options, root: referenceDir, swc: SWC_TEST_OPTIONS },
      });
      if (build.errors.length > 0) throw new Error(`SWC build failed: ${build.errors.map((e) => String(e.error)).join("; ")}`);
      await writeBuild(build);
      const run = await runProgram(path.join(outDir, "src", "main.js"), "trace");
      if (run.stderr !== "" || run.code !== 0) throw new Error(`SWC build run failed (${run.code}): ${run.stderr}`);
      return normalizeLines(run.stdout);
    })();
    references.set(key, lines);
  }
  return lines;
}

/** Runs a tool's command lines in order in its own project; stops at the first failed build step. */
async function runTool(dir: string, steps: Step[]): Promise<void> {
  for (const step of steps) {
    if (step.kind === "install") continue;
    step.result = await runShellLine(dir, step.line);
    if (step.kind === "build" && step.result.code !== 0) return;
  }
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-readme-"));
  referenceDir = path.join(scratch, "reference");
  createUserProject(referenceDir, SOURCES);
  const region = buildStepRegion(fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"));
  const tasks: (() => Promise<void>)[] = [];
  for (const tool of TOOLS) {
    let snippet: ToolSnippet;
    try {
      snippet = toolSnippet(region, tool.anchor, tool.config);
    } catch (error) {
      outcomes.set(tool.name, { missing: error as Error, steps: [] });
      continue;
    }
    const steps = stepsOf(snippet);
    outcomes.set(tool.name, { snippet, steps });
    // One project per tool: the tools all write dist/, so sharing one would mix their outputs.
    const dir = path.join(scratch, tool.name.replace(/\W+/g, "-"));
    createUserProject(dir, SOURCES);
    if (snippet.config !== undefined) fs.writeFileSync(path.join(dir, snippet.config.file), snippet.config.text);
    tasks.push(() => runTool(dir, steps));
  }
  await Promise.all([inParallel(tasks, 2), referenceLines(SNIPPET_OPTIONS)]);
}, 240_000);

afterAll(() => {
  if (scratch !== undefined) fs.rmSync(scratch, { recursive: true, force: true });
});

describe("the reference the snippets are compared with (the SWC step's API build)", () => {
  it("has every call rewritten: callers at the .ts sources, calls below info gone, the stack line original", async () => {
    const lines = (await referenceLines(SNIPPET_OPTIONS)).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line.caller).toMatchObject({ file: expect.stringMatching(/^src\/(main|greet)\.ts$/) });
    expect(lines.map((l) => l.msg)).not.toContain("elided below info");
    expect(lines[1].caller).toEqual({ file: "src/greet.ts", line: 5, column: 3, function: "greet" });
    expect(lines[5]).toMatchObject({ msg: "caught", extension: "ts", line: THROW_LINE });
  });
});

describe.each(TOOLS)("the README's $name snippet", (tool) => {
  const outcome = (): Outcome => {
    const found = outcomes.get(tool.name);
    if (found === undefined) throw new Error("not set up");
    if (found.missing !== undefined) throw found.missing;
    return found;
  };

  it("has the commands that build and run the app", () => {
    const { steps } = outcome();
    const runs = steps.filter((s) => s.kind === "run");
    expect(runs.length, `README: the ${tool.name} commands never run the app (node … src/… or dist/…)`).toBeGreaterThan(0);
    if (tool.config) expect(steps.filter((s) => s.kind === "build").length, `README: the ${tool.name} commands never build`).toBeGreaterThan(0);
  });

  it("installs packages that exist (this repository's devDependencies)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    for (const step of outcome().steps.filter((s) => s.kind === "install")) {
      const names = installedPackages(step.line);
      expect(names.length, step.line).toBeGreaterThan(0);
      for (const name of names) expect(Object.keys(pkg.devDependencies), `${step.line}: ${name}`).toContain(name);
    }
  });

  it("builds with the commands as written", () => {
    for (const step of outcome().steps.filter((s) => s.kind === "build")) {
      expect(step.result, `${step.line}: not run`).toBeDefined();
      expect(step.result!.code, `${step.line}\n${step.result!.stdout}${step.result!.stderr}`).toBe(0);
    }
  });

  it("runs the app, printing the SWC build's lines with the same options (callers at the .ts sources)", async () => {
    for (const step of outcome().steps.filter((s) => s.kind === "run")) {
      expect(step.result, `${step.line}: not run (a build step before it failed)`).toBeDefined();
      const run = step.result!;
      expect(run.stderr, step.line).toBe("");
      expect(run.code, step.line).toBe(0);
      const options = tool.config ? SNIPPET_OPTIONS : loaderOptionsOf(step.line);
      expect(normalizeLines(run.stdout), step.line).toEqual(await referenceLines(options));
    }
  });
});

describe("reading a snippet from the README's text", () => {
  const region = [
    "### Which route?",
    "",
    "**Tool** (`tool.config.js`). Prose.",
    "",
    "```js",
    "export default {};",
    "```",
    "",
    "```sh",
    "npx tool # builds",
    "```",
    "",
    "**Unnamed**",
    "",
    "```js",
    "x;",
    "```",
    "",
    "**No commands** (`a.json`)",
    "",
    "```json",
    "{}",
    "```",
    "",
  ].join("\n");

  it("takes the config block verbatim, named by the label, and the sh block after it", () => {
    expect(toolSnippet(region, "**Tool**", true)).toEqual({ config: { file: "tool.config.js", text: "export default {};\n" }, commands: ["npx tool # builds", ""] });
  });

  it("fails with a message naming what is missing", () => {
    expect(() => toolSnippet(region, "**Absent**", true)).toThrow('README: no "**Absent**" in the build-step section');
    expect(() => toolSnippet(region, "**Unnamed**", true)).toThrow('the config block under "**Unnamed**" does not say its file name');
    expect(() => toolSnippet(region, "**No commands**", true)).toThrow('README: no sh block with the commands under "**No commands**"');
    expect(() => buildStepRegion("# README\n")).toThrow("README: no build-step section");
  });
});
