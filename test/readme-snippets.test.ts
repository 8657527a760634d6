/**
 * Every example in the README and in `docs/`, run as a user copies it. The build guides'
 * "Set up, build and run" sections (and the README's esbuild example) are run by
 * `packaging.test.ts` from the packed package; every other block is run here:
 *
 * - a TypeScript or JavaScript block is a program (or a config file): written under its own name
 *   (a `// name` first line) in a project where `logweave` resolves to this package, type-checked
 *   with `tsc --strict` (TypeScript), and run (`node --import tsx` / `node`): exit code 0, nothing
 *   on stderr. A server (`.listen(`) is run on a free `PORT`, sent one request, then stopped;
 * - a `json` block right after a program is that program's output: the same lines, but for
 *   `time`, `pid` and `hostname`; any other `json` block must parse;
 * - a shell block's lines are run in that project (`app.js` there logs a few lines, `app.log`
 *   holds them); `npm i` lines are checked, not run: they install logweave or this
 *   repository's devDependencies. The README's Contributing commands are the repository's own
 *   (`test/demo.test.ts` runs the demo);
 * - `text` blocks show output and are not run.
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { inParallel, type RunResult } from "./helpers/fixture-cases.js";
import { blockFileName, docBlocks, documentationFiles, routeSnippet, sectionBlocks, SHELL, type DocBlock } from "./helpers/readme-snippets.js";
import { createLinkedProject, runShellLine, userEnv } from "./helpers/user-project.js";

const PROGRAM_LANGS = new Set(["ts", "typescript", "js", "javascript", "mjs", "cjs"]);
/** Sections run elsewhere: the build guides' (packaging.test.ts) and the repository's own commands. */
const NOT_HERE = new Set(["## Set up, build and run", "### Example: esbuild", "## Contributing"]);

const FIXTURE_DIR = path.join(REPO_ROOT, "fixtures", "bundlers");
const SOURCES = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith(".ts")).map((f) => path.join(FIXTURE_DIR, f));
const MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { name: string; devDependencies: Record<string, string> };

/** A program block and the output block that follows it, if any. */
interface Example {
  readonly block: DocBlock;
  readonly file: string;
  readonly output?: DocBlock;
  result?: RunResult;
}

const blocks = documentationFiles(REPO_ROOT).flatMap((doc) => docBlocks(fs.readFileSync(path.join(REPO_ROOT, doc), "utf8"), doc));
const here = blocks.filter((b) => !NOT_HERE.has(b.heading));
const where = (b: DocBlock): string => `${b.doc}:${b.line}`;

const examples: Example[] = [];
for (const [i, block] of here.entries()) {
  if (!PROGRAM_LANGS.has(block.lang)) continue;
  const next = here[i + 1];
  const output = next !== undefined && next.lang === "json" && next.doc === block.doc && next.heading === block.heading && next.label === "" ? next : undefined;
  const ext = block.lang.startsWith("t") ? ".mts" : block.lang === "cjs" ? ".cjs" : ".mjs";
  const file = blockFileName(block) ?? `example-${block.doc.replace(/\W+/g, "-")}-${block.line}${ext}`;
  examples.push({ block, file, ...(output === undefined ? {} : { output }) });
}
const outputs = new Set(examples.map((e) => e.output).filter((o) => o !== undefined));
const shellLines = here.filter((b) => SHELL.has(b.lang)).flatMap((b) => b.text.split("\n").map((line) => ({ block: b, line: line.trim() }))).filter(({ line }) => line !== "" && !line.startsWith("#"));

let dir: string;
let typecheck: RunResult;
const shellResults = new Map<string, RunResult>();

/** A free TCP port on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a server example: waits for its port, sends `GET /`, waits for a line, stops it. */
async function runServer(command: readonly string[]): Promise<RunResult> {
  const port = await freePort();
  const child = spawn(command[0], command.slice(1), { cwd: dir, env: userEnv({ PORT: String(port) }) });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  let answered = false;
  while (!answered && Date.now() < deadline && child.exitCode === null) {
    try {
      await (await fetch(`http://127.0.0.1:${port}/`)).text();
      answered = true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  while (answered && !stdout.includes("\n") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  child.kill("SIGTERM");
  await exited;
  return { code: answered ? 0 : null, stdout, stderr };
}

function runProgramFile(file: string): Promise<RunResult> {
  const args = /\.[cm]?ts$/.test(file) ? ["--import", "tsx", file] : [file];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: dir, env: userEnv(), timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-examples-"));
  createLinkedProject(dir, "module", SOURCES);
  // What the shell examples read: an app that logs, and its log.
  fs.writeFileSync(path.join(dir, "app.js"), 'import { getLogger } from "logweave";\nconst log = getLogger("app");\nlog.info("User login", { userId: 12345 });\nlog.warn("slow", { ms: 1200 });\nlog.error(new Error("card declined"));\n');
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] }, include: ["*.mts", "*.ts"] }));
  for (const example of examples) fs.writeFileSync(path.join(dir, example.file), example.block.text);
  const log = await runProgramFile("app.js");
  fs.writeFileSync(path.join(dir, "app.log"), log.stdout);

  const tasks: (() => Promise<void>)[] = [
    async () => void (typecheck = await runShellLine(dir, `node ${JSON.stringify(path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"))} -p tsconfig.json`)),
    ...examples.map((example) => async () => {
      example.result = example.block.text.includes(".listen(") ? await runServer([process.execPath, "--import", "tsx", example.file]) : await runProgramFile(example.file);
    }),
    ...shellLines.filter(({ line }) => !/^npm (?:i|install)\s/.test(line)).map(({ line }) => async () => void shellResults.set(line, await runShellLine(dir, line))),
  ];
  await inParallel(tasks, 2);
}, 240_000);

afterAll(() => {
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the TypeScript examples", () => {
  it("type-check under strict against the package's types", () => {
    expect(examples.filter((e) => e.file.endsWith("ts")).length).toBeGreaterThan(5);
    expect(typecheck.stdout + typecheck.stderr).toBe("");
    expect(typecheck.code).toBe(0);
  });
});

describe.each(examples.map((e) => [where(e.block), e] as const))("the example at %s", (_, example) => {
  it("runs: exit code 0, nothing on stderr", () => {
    expect(example.result?.stderr).toBe("");
    expect(example.result?.code).toBe(0);
  });

  if (example.output !== undefined) {
    const output = example.output;
    it(`prints the lines shown after it (${where(output)}), but for time, pid and hostname`, () => {
      const shape = (text: string) =>
        text
          .split("\n")
          .filter((l) => l !== "")
          .map((l) => {
            const { time: _t, pid: _p, hostname: _h, ...rest } = JSON.parse(l) as Record<string, unknown>;
            return rest;
          });
      expect(shape(example.result?.stdout ?? "")).toEqual(shape(output.text));
    });
  }
});

describe("the other json blocks", () => {
  it("parse, whole or line by line", () => {
    for (const block of here.filter((b) => b.lang === "json" && !outputs.has(b))) {
      let parsed = true;
      try {
        JSON.parse(block.text);
      } catch {
        parsed = block.text.split("\n").filter((l) => l !== "").every((l) => {
          try {
            return JSON.parse(l) !== undefined;
          } catch {
            return false;
          }
        });
      }
      expect(parsed, where(block)).toBe(true);
    }
  });
});

describe("the shell examples", () => {
  it.each(shellLines.map(({ block, line }) => [where(block), line] as const))("%s: %s", (_, line) => {
    if (/^npm (?:i|install)\s/.test(line)) {
      const names = line.split(/\s+/).slice(2).filter((a) => !a.startsWith("-")).map((a) => a.replace(/(?<=.)@[^/]*$/, ""));
      for (const name of names) expect([MANIFEST.name, ...Object.keys(MANIFEST.devDependencies)], name).toContain(name);
      return;
    }
    const result = shellResults.get(line);
    expect(result?.stderr, line).toBe("");
    expect(result?.code, line).toBe(0);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .replace(/^#+\s*/, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

describe("the documentation's links", () => {
  it("point at files of the repository, and at headings that exist", () => {
    const broken: string[] = [];
    for (const doc of documentationFiles(REPO_ROOT)) {
      // Links outside code blocks and code spans.
      const text = fs.readFileSync(path.join(REPO_ROOT, doc), "utf8").replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split("#");
        const resolved = file === "" ? path.join(REPO_ROOT, doc) : path.resolve(path.dirname(path.join(REPO_ROOT, doc)), file);
        if (!fs.existsSync(resolved)) {
          broken.push(`${doc}: ${target} (no such file)`);
          continue;
        }
        if (anchor === undefined) continue;
        const headings = fs.readFileSync(resolved, "utf8").split("\n").filter((l) => /^#{1,6} /.test(l)).map(anchorOf);
        if (!headings.includes(anchor)) broken.push(`${doc}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("reading blocks from the documentation's text", () => {
  const markdown = [
    "# Title",
    "",
    "## Set up, build and run",
    "",
    "```sh",
    "npm i -D tool",
    "```",
    "",
    "In a CommonJS project, `tool.config.js`:",
    "",
    "```js",
    "module.exports = {};",
    "```",
    "",
    "```json",
    "{}",
    "```",
    "",
    "## Other",
    "",
    "```ts",
    "// named.mts",
    "x;",
    "```",
    "",
  ].join("\n");

  it("names a block by its first-line comment or the last file name in the paragraph before it, and keeps its heading", () => {
    const all = docBlocks(markdown, "doc.md");
    expect(all.map((b) => [b.heading, b.lang, b.line, blockFileName(b) ?? null])).toEqual([
      ["## Set up, build and run", "sh", 5, null],
      ["## Set up, build and run", "js", 11, "tool.config.js"],
      ["## Set up, build and run", "json", 15, null],
      ["## Other", "ts", 21, "named.mts"],
    ]);
  });

  it("reads a route section: files (one only for CommonJS projects), then commands", () => {
    const section = sectionBlocks(docBlocks(markdown, "doc.md").slice(0, 2), markdown, "doc.md", "## Set up, build and run");
    expect(routeSnippet(section)).toEqual({ files: [{ file: "tool.config.js", text: "module.exports = {};\n", only: "commonjs" }], commands: ["npm i -D tool"] });
  });

  it("fails with a message naming what is missing", () => {
    const all = docBlocks(markdown, "doc.md");
    expect(() => routeSnippet(sectionBlocks(all, markdown, "doc.md", "## Set up, build and run"))).toThrow("doc.md:15: the json block does not say its file name");
    expect(() => sectionBlocks(all, markdown, "doc.md", "## Absent")).toThrow('doc.md: no "## Absent" heading');
    expect(() => docBlocks("```sh\nnever closed\n", "x.md")).toThrow("x.md:1: a ```sh block is never closed");
  });
});
