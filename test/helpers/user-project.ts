/**
 * A user's project outside the repository, made the way the README says: `npm init -y` (a
 * CommonJS project; `"type": "module"` set with `npm pkg set` for an ES module one), then
 * `npm install` of the packed logweave tarball — a real install of the `.tgz`, never a link to
 * the checkout — from npm's cache, offline (logweave has no dependencies to fetch). npm is slow
 * to start, so one project of each kind is installed and copied for each guide: the copy is the
 * same files a fresh install leaves.
 *
 * Examples that only use the runtime run in a lighter project ({@link createLinkedProject}):
 * `logweave` there is a link to this checkout, as the package's `exports` resolve it.
 *
 * The build tools a guide installs (vite, esbuild, `@swc/core`, …) are not what is judged: they
 * are linked from this repository's `node_modules`, package by package and only after npm has
 * run (npm prunes what its lockfile does not list, and must never reach through a link into the
 * repository's own packages). Shell lines run there with a user's environment: no `npm_*`
 * variables or `node_modules/.bin` on PATH inherited from `npm test`, and npm offline, so an
 * `npx` that finds no local command fails instead of downloading one.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./compile-fixture.js";
import type { RunResult } from "./fixture-cases.js";

const REPO_MODULES = path.join(REPO_ROOT, "node_modules");

/** `"commonjs"`: what `npm init -y` makes; `"module"`: with `"type": "module"`. */
export type ModuleType = "commonjs" | "module";

/** Packs the repository (`dist/` must be built) into `into`; returns the tarball's path. */
export async function packRepository(into: string): Promise<string> {
  const packed = await run("npm", ["pack", "--json", "--pack-destination", into], REPO_ROOT);
  if (packed.code !== 0) throw new Error(`npm pack failed (${packed.code}): ${packed.stderr}`);
  const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
  return path.join(into, filename);
}

/** Makes a project in `dir` (which must not exist) as a user does, with the tarball installed. Rejects with npm's output when a step fails. */
export async function installProject(dir: string, tarball: string, moduleType: ModuleType): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const steps = ["npm init -y", ...(moduleType === "module" ? ["npm pkg set type=module"] : []), `npm install --offline ${JSON.stringify(tarball)}`];
  for (const step of steps) {
    const result = await runShellLine(dir, step);
    if (result.code !== 0) throw new Error(`${step} failed in ${dir} (${result.code}): ${result.stdout}${result.stderr}`);
  }
}

/**
 * A copy of the installed project `template` in `dir`, with `sources` (absolute paths) in `src/`
 * and, unless `linkTools` is false, the repository's packages linked in ({@link linkTools}).
 */
export function copyProject(template: string, dir: string, sources: readonly string[], linkTools = true): void {
  fs.cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  for (const file of sources) fs.copyFileSync(file, path.join(dir, "src", path.basename(file)));
  if (linkTools) linkRepositoryTools(dir);
}

/**
 * A project in `dir` with `package.json` (of `moduleType`), `sources` in `src/`, the
 * repository's packages linked, and `logweave` a link to this checkout (its `bin` through a shim:
 * the built CLI in `dist/` is not executable).
 */
export function createLinkedProject(dir: string, moduleType: ModuleType, sources: readonly string[] = []): void {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: moduleType }, null, 2) + "\n");
  for (const file of sources) fs.copyFileSync(file, path.join(dir, "src", path.basename(file)));
  fs.mkdirSync(path.join(dir, "node_modules", ".bin"), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "logweave"), "dir");
  const cli = path.join(REPO_ROOT, "dist", "transformer", "cli.js");
  fs.writeFileSync(path.join(dir, "node_modules", ".bin", "logweave"), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`, { mode: 0o755 });
  linkRepositoryTools(dir);
}

/**
 * Links every package of the repository's `node_modules` the project does not have, and their
 * commands. Never run npm in the project afterwards: it would prune the links.
 */
export function linkRepositoryTools(dir: string): void {
  const modules = path.join(dir, "node_modules");
  const link = (target: string, at: string): void => {
    if (!fs.existsSync(at)) fs.symlinkSync(target, at, "dir");
  };
  for (const name of fs.readdirSync(REPO_MODULES)) {
    if (name.startsWith(".") || name === "logweave") continue;
    if (name.startsWith("@")) {
      // The scope directory stays real: only packages are links.
      fs.mkdirSync(path.join(modules, name), { recursive: true });
      for (const pkg of fs.readdirSync(path.join(REPO_MODULES, name))) link(path.join(REPO_MODULES, name, pkg), path.join(modules, name, pkg));
    } else {
      link(path.join(REPO_MODULES, name), path.join(modules, name));
    }
  }
  const bin = path.join(modules, ".bin");
  fs.mkdirSync(bin, { recursive: true });
  for (const name of fs.readdirSync(path.join(REPO_MODULES, ".bin"))) {
    const at = path.join(bin, name);
    if (!fs.existsSync(at)) fs.symlinkSync(fs.realpathSync(path.join(REPO_MODULES, ".bin", name)), at);
  }
}

/** The environment of a user's shell: this one without what `npm test` and vitest add, and without logweave's variables. */
export function userEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|LOGWEAVE_)/i.test(key) || key === "NODE_ENV" || key === "INIT_CWD" || key === "NODE_OPTIONS" || key === "LOG_LEVEL") continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((entry) => !entry.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  return { ...env, npm_config_offline: "true", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", NO_COLOR: "1", ...extra };
}

/** Runs one shell line with `sh -c` in `dir`, with {@link userEnv} plus `env`. Never rejects. */
export function runShellLine(dir: string, line: string, env: Readonly<Record<string, string>> = {}, timeoutMs = 90_000): Promise<RunResult> {
  return run("/bin/sh", ["-c", line], dir, env, timeoutMs);
}

function run(file: string, args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}, timeoutMs = 90_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: userEnv(env), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}
