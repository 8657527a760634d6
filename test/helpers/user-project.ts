/**
 * A user's project outside the repository, as `npm install` would leave it: `package.json`
 * (`"type": "module"`), sources under `src/`, `node_modules/` holding this repository's
 * devDependencies (links) and `logweave` itself (a link to the checkout), and `node_modules/.bin`
 * with their commands, `logweave` included. Shell lines run there with a user's environment:
 * no `npm_*` variables or `node_modules/.bin` on PATH inherited from `npm test`, and npm offline,
 * so an `npx` that finds no local command fails instead of downloading one.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./compile-fixture.js";
import type { RunResult } from "./fixture-cases.js";

const REPO_MODULES = path.join(REPO_ROOT, "node_modules");

/** Creates the project in `dir` (which must not exist) with `sources` (absolute paths) copied into `src/`. */
export function createUserProject(dir: string, sources: readonly string[]): void {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }, null, 2) + "\n");
  for (const file of sources) fs.copyFileSync(file, path.join(dir, "src", path.basename(file)));
  const modules = path.join(dir, "node_modules");
  const bin = path.join(modules, ".bin");
  fs.mkdirSync(bin, { recursive: true });
  for (const name of fs.readdirSync(REPO_MODULES)) {
    if (!name.startsWith(".")) fs.symlinkSync(path.join(REPO_MODULES, name), path.join(modules, name), "dir");
  }
  fs.symlinkSync(REPO_ROOT, path.join(modules, "logweave"), "dir");
  for (const name of fs.readdirSync(path.join(REPO_MODULES, ".bin"))) {
    fs.symlinkSync(fs.realpathSync(path.join(REPO_MODULES, ".bin", name)), path.join(bin, name));
  }
  // npm links a bin to its script and makes it executable; the built CLI in dist/ is not, so a shim runs it.
  const cli = path.join(REPO_ROOT, "dist", "transformer", "cli.js");
  fs.writeFileSync(path.join(bin, "logweave"), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`, { mode: 0o755 });
}

/** The environment of a user's shell: this one without what `npm test` and vitest add, and without logweave's variables. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|LOGWEAVE_)/i.test(key) || key === "NODE_ENV" || key === "INIT_CWD" || key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((entry) => !entry.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  return { ...env, npm_config_offline: "true", npm_config_update_notifier: "false", NO_COLOR: "1", LOG_LEVEL: "trace", LOGWEAVE_FORMAT: "json" };
}

/** Runs one shell line with `sh -c` in `dir`. Never rejects. */
export function runShellLine(dir: string, line: string, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile("/bin/sh", ["-c", line], { cwd: dir, env: userEnv(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}
