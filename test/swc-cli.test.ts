/**
 * `logweave swc`: builds a directory (the demo app and a fixture) with the built CLI, writes
 * nothing when a file has a syntax error, and says which file, line and column.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { outputPathFor } from "../transformer/swc/index.js";
import { runSwcCommand } from "../transformer/swc/cli-command.js";
import { runPrettyCommand } from "../src/format/pretty-cli.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { hasCaller, normalizeLines, runProgram } from "./helpers/fixture-cases.js";

const CLI = path.join(REPO_ROOT, "dist/transformer/cli.js");
/** Inside the repository, so the built programs resolve `logweave` to this package. */
const WORK = path.join(REPO_ROOT, ".fixture-out", "swc-cli");
const SWCRC = JSON.stringify({ jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "es6" } });

function cli(args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, LOGWEAVE_MIN_LEVEL: "" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

/** A fresh project directory under WORK with `files` (relative path → text). */
function project(name: string, files: Readonly<Record<string, string>>): string {
  const dir = path.join(WORK, name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).replace(/\\/g, "/"))
    .sort();
}

const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), "utf8");

describe("logweave swc <dir> -d <out>", () => {
  let dir: string;
  let run: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    dir = project("demo", {
      ".swcrc": SWCRC,
      "src/app.ts": read("fixtures/demo/app.ts"),
      "src/aliases/main.ts": read("fixtures/aliases/main.ts"),
      "src/aliases/helper.ts": read("fixtures/aliases/helper.ts"),
      "src/types.d.ts": "export type Nothing = never;\n",
    });
    run = await cli(["swc", "src", "-d", "dist", "--min-level", "info", "--source-maps", "--loggers", "./src/aliases/helper=shared"], dir);
  }, 60_000);

  it("builds every source file (not .d.ts) into the output directory, with maps", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Successfully compiled: 3 files with logweave swc \(\d+\.\d+ms\)\n$/);
    expect(listFiles(path.join(dir, "dist"))).toEqual([
      "src/aliases/helper.js",
      "src/aliases/helper.js.map",
      "src/aliases/main.js",
      "src/aliases/main.js.map",
      "src/app.js",
      "src/app.js.map",
    ]);
    const app = fs.readFileSync(path.join(dir, "dist/src/app.js"), "utf8");
    expect(app).toMatch(/\n\/\/# sourceMappingURL=app\.js\.map$/);
    expect((JSON.parse(fs.readFileSync(path.join(dir, "dist/src/app.js.map"), "utf8")) as { sources: string[] }).sources).toEqual(["../../src/app.ts"]);
  });

  it("the built demo runs: debug calls elided, every line with its caller", async () => {
    const result = await runProgram(path.join(dir, "dist/src/app.js"), "trace");
    expect(result.code, result.stderr).toBe(0);
    const lines = normalizeLines(result.stdout);
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toContain("User login");
    expect(messages).toContain("request finished");
    expect(messages).not.toContain("not shown at the default info level");
    expect(messages).not.toContain("checking credentials");
    expect(lines.every(hasCaller)).toBe(true);
    const line = read("fixtures/demo/app.ts").split("\n").findIndex((l) => l.startsWith('log.info("User login"')) + 1;
    expect(lines.find((l) => l.includes('"msg":"User login"'))).toMatch(`"caller":{"file":"src/app.ts","line":${line},"column":1,"function":"<module>"}`);
  });

  it("the built fixture runs, with loggers from the other module resolved through --loggers", async () => {
    const result = await runProgram(path.join(dir, "dist/src/aliases/main.js"), "trace");
    expect(result.code, result.stderr).toBe(0);
    const lines = normalizeLines(result.stdout);
    expect(lines.find((l) => l.includes('"logger from another module"'))).toMatch(/"caller":\{"file":"src\/aliases\/main\.ts","line":19,/);
    // minLevel info: the helper's debug call is gone.
    expect(lines.some((l) => l.includes("helper logs with a parameter"))).toBe(false);
  });
});

describe("logweave swc with a syntax error", () => {
  it("names the file, line and column, exits non-zero and writes nothing", async () => {
    const dir = project("broken", {
      ".swcrc": SWCRC,
      "src/a-good.ts": 'import { getLogger } from "logweave";\ngetLogger("x").info("fine");\n',
      "src/b-bad.ts": 'import { getLogger } from "logweave";\n\nconst x = {\n  a: 1,,\n};\ngetLogger("x").info("never built");\n',
      "src/c-good.ts": "export const c = 1;\n",
      "dist/existing.txt": "left alone\n",
    });
    const result = await cli(["swc", "src", "-d", "dist"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: src\/b-bad\.ts:4:8: syntax error: Unexpected token `,`/);
    expect(result.stderr).toContain("1 file failed; nothing was written.");
    expect(listFiles(path.join(dir, "dist"))).toEqual(["existing.txt"]);
  });
});

describe("logweave swc options", () => {
  const io = () => {
    const out = { stdout: "", stderr: "" };
    return { out, io: { cwd: WORK, stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
  };

  it("usage errors exit 2 with the usage", async () => {
    const a = io();
    expect(await runSwcCommand(["src"], a.io)).toBe(2);
    expect(a.out.stderr).toMatch(/^logweave swc: --out-dir \(-d\) is required\n\nUsage: logweave swc/);
    const b = io();
    expect(await runSwcCommand(["src", "-d"], b.io)).toBe(2);
    expect(b.out.stderr).toMatch(/^logweave swc: Option '-d, --out-dir <value>' argument missing\n\nUsage: logweave swc/);
  });

  it("an unknown flag is worded as logweave pretty words it", async () => {
    const swc = io();
    expect(await runSwcCommand(["src", "-d", "out", "--frobnicate"], swc.io)).toBe(2);
    let prettyErr = "";
    const pretty = await runPrettyCommand(["--frobnicate"], { stdin: process.stdin, stdout: process.stdout, stderr: (t: string) => void (prettyErr += t), env: {} });
    expect(pretty).toBe(2);
    const first = (text: string) => text.split("\n")[0];
    expect(first(swc.out.stderr)).toBe("logweave swc: Unknown option '--frobnicate'");
    expect(first(prettyErr)).toBe("logweave pretty: Unknown option '--frobnicate'");
  });

  it("a bad --min-level fails with the flag's name, not the option's", async () => {
    const dir = project("bad-level", { "src/a.ts": "export const a = 1;\n" });
    const a = io();
    expect(await runSwcCommand(["src", "-d", "dist", "--min-level", "loud"], { ...a.io, cwd: dir })).toBe(2);
    expect(a.out.stderr).toBe('logweave swc: --min-level must be one of trace, debug, info, warn, error, fatal; got "loud"\n');
    expect(fs.existsSync(path.join(dir, "dist"))).toBe(false);
    const b = io();
    expect(await runSwcCommand(["src", "-d", "dist", "--root", ""], { ...b.io, cwd: dir })).toBe(2);
    expect(b.out.stderr).toBe('logweave swc: --root must be a non-empty path string; got ""\n');
  });

  it("--source-maps takes the next argument as its mode: a wrong one is a usage error, never an input path", async () => {
    const dir = project("maps-mode", { "src/a.ts": "export const a = 1;\n" });
    const a = io();
    expect(await runSwcCommand(["src", "-d", "dist", "--source-maps", "maybe"], { ...a.io, cwd: dir })).toBe(2);
    expect(a.out.stderr).toMatch(/^logweave swc: --source-maps: "maybe" is not a mode \(true, inline or both\)\n\nUsage:/);
    const b = io();
    expect(await runSwcCommand(["src", "-d", "dist", "-s", "inline", "-q"], { ...b.io, cwd: dir })).toBe(0);
    expect(fs.readFileSync(path.join(dir, "dist/src/a.js"), "utf8")).toContain("sourceMappingURL=data:application/json");
    const c = io();
    expect(await runSwcCommand(["src", "-d", "dist2", "--source-maps", "-q"], { ...c.io, cwd: dir })).toBe(0);
    expect(fs.existsSync(path.join(dir, "dist2/src/a.js.map"))).toBe(true);
  });

  it("a missing input is one line, exit 2, nothing written", async () => {
    const dir = project("missing-input", { "src/a.ts": "export const a = 1;\n" });
    const a = io();
    expect(await runSwcCommand(["src", "nosuch", "-d", "dist"], { ...a.io, cwd: dir })).toBe(2);
    expect(a.out.stderr).toBe("logweave swc: nosuch: no such file or directory\n");
    expect(fs.existsSync(path.join(dir, "dist"))).toBe(false);
  });

  it("output paths follow @swc/cli: .mts → .mjs, .cts → .cjs, leading directory kept unless stripped", () => {
    const cwd = "/p";
    const out = (file: string, extra: { stripLeadingPaths?: boolean; outFileExtension?: string } = {}) =>
      path.relative(cwd, outputPathFor(path.join(cwd, file), { cwd, outDir: path.join(cwd, "dist"), ...extra })).replace(/\\/g, "/");
    expect(["src/a.ts", "src/b.tsx", "src/c.mts", "src/d.cts", "src/e.js", "src/f.mjs", "src/g.cjs"].map((f) => out(f))).toEqual([
      "dist/src/a.js",
      "dist/src/b.js",
      "dist/src/c.mjs",
      "dist/src/d.cjs",
      "dist/src/e.js",
      "dist/src/f.mjs",
      "dist/src/g.cjs",
    ]);
    expect(out("src/sub/a.ts", { stripLeadingPaths: true })).toBe("dist/sub/a.js");
    expect(out("src/a.mts", { outFileExtension: "js" })).toBe("dist/src/a.js");
  });
});

describe("logweave swc and the loggers setting", () => {
  const SOURCES = {
    ".swcrc": SWCRC,
    "src/log.ts": 'import { getLogger } from "logweave";\nexport const log = getLogger("app");\n',
    "src/greet.ts": 'import { log } from "./log.js";\nexport function greet(): void {\n  log.info("hello");\n}\n',
    "src/util.ts": "export const one = 1;\n",
  };

  /** Builds the sources in a fresh project, with the project as `--root` (the working directory of a real run). */
  async function build(name: string, args: readonly string[]): Promise<{ code: number; stderr: string }> {
    const dir = project(name, SOURCES);
    let stderr = "";
    const code = await runSwcCommand(["src", "-d", "dist", "-q", "--root", dir, ...args], { cwd: dir, stdout: () => undefined, stderr: (t) => void (stderr += t) });
    return { code, stderr };
  }

  it("a key without ./ that is a file is pointed out, with the file and the fix", async () => {
    const r = await build("loggers-no-dot", ["--loggers", "src/log=log"]);
    expect(r.stderr).toBe('logweave: loggers: "src/log" is read as a package name; a file path needs "./" (did you mean "./src/log"?); calls on its loggers (log) stay as written\n');
    expect(r.code).toBe(0);
  });

  it("a key that names no file, and a name the module does not export, are each one warning", async () => {
    const r = await build("loggers-bad", ["--loggers", "./src/lg=log", "--loggers", "./src/log=logger,log"]);
    expect(r.stderr.split("\n")).toEqual([
      expect.stringMatching(/^logweave: loggers: "\.\/src\/lg" names no file under .*loggers-bad \(tried the extensions .*\); calls on its loggers \(log\) stay as written$/),
      'logweave: loggers: "./src/log" (src/log.ts) has no export "logger" (its exports: log); calls on it stay as written',
      "",
    ]);
  });

  it("--verbose reports every file, also those where no logger call was found", async () => {
    const r = await build("loggers-verbose", ["--verbose"]);
    expect(r.stderr.split("\n")).toEqual(["logweave: src/greet.ts: no logger calls", "logweave: src/log.ts: no logger calls", "logweave: src/util.ts: no logger calls", ""]);
    const found = await build("loggers-verbose-found", ["--verbose", "--loggers", "./src/log=log"]);
    expect(found.stderr.split("\n")).toContain("logweave: src/greet.ts: 0 elided, 1 precomputed, 0 fallback, 0 folded, 0 untouched");
  });
});

describe("logweave --version", () => {
  it("prints the package's version", async () => {
    const result = await cli(["--version"], REPO_ROOT);
    expect(result.stdout).toBe((JSON.parse(read("package.json")) as { version: string }).version + "\n");
    expect(result.code).toBe(0);
  });
});
