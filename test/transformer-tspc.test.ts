/**
 * The user route: a project with the plugin in its tsconfig.json, built by ts-patch's real
 * `tspc` CLI, then run.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { normalizeLines, runProgram, type RunResult } from "./helpers/fixture-cases.js";

const PROJECT = path.join(REPO_ROOT, ".fixture-out", "tspc-project");
const TSPC = path.join(REPO_ROOT, "node_modules", "ts-patch", "bin", "tspc.js");

function tspc(tsconfig: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSPC, "-p", tsconfig],
      { cwd: PROJECT, env: { ...process.env, LOGWEAVE_MIN_LEVEL: "" }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr }),
    );
  });
}

let build: RunResult;
let invalid: RunResult;

beforeAll(async () => {
  fs.rmSync(PROJECT, { recursive: true, force: true });
  fs.cpSync(path.join(REPO_ROOT, "fixtures", "tspc-project"), PROJECT, { recursive: true });
  // As if installed: the project's node_modules/logweave is this package.
  fs.mkdirSync(path.join(PROJECT, "node_modules"));
  fs.symlinkSync(REPO_ROOT, path.join(PROJECT, "node_modules", "logweave"), "junction");
  [build, invalid] = await Promise.all([tspc("tsconfig.json"), tspc("tsconfig.invalid.json")]);
}, 120_000);

describe("tspc with the plugin in tsconfig.json", () => {
  it("builds, and reports per-file counts with verbose", () => {
    expect(build.code, build.stdout + build.stderr).toBe(0);
    // Some Node versions add a warning about require() of an ES module; only our line matters.
    expect(build.stderr.split("\n")).toContain("logweave: src/main.ts: 1 elided, 2 precomputed, 0 fallback, 0 folded, 0 untouched");
  });

  it("emits rewritten calls and leaves the declarations alone", () => {
    const js = fs.readFileSync(path.join(PROJECT, "dist", "main.js"), "utf8");
    expect(js).toContain("(__lw_on(__lw_site_0, this.log)?.(__lw_site_0, orderId, total));");
    expect(js).toMatch(/^function __lw_site_0\(\) \{ return \{ level: 30, method: "info"/m);
    expect(js).not.toContain("validating");
    expect(fs.readFileSync(path.join(PROJECT, "dist", "main.d.ts"), "utf8")).not.toContain("__lw");
  });

  it("the built program writes caller metadata and no elided line", async () => {
    const run = await runProgram(path.join(PROJECT, "dist", "main.js"), "trace");
    expect(run.code, run.stderr).toBe(0);
    expect(normalizeLines(run.stdout)).toEqual([
      '{"level":30,"name":"orders","msg":"order placed","orderId":17,"total":99.5,"currency":"EUR","caller":{"file":"src/main.ts","line":11,"column":5,"function":"OrderService.place"}}',
      '{"level":40,"name":"orders","msg":"orders left: 3","caller":{"file":"src/main.ts","line":17,"column":1,"function":"<module>"}}',
    ]);
  });

  it("an invalid option value fails the build with one tsc error line naming the option, no stack", () => {
    expect(invalid.code).not.toBe(0);
    expect(invalid.stdout.split("\n")).toContain('error TS99001: logweave transformer: option "minLevel" must be one of trace, debug, info, warn, error, fatal; got "verbose"');
    expect(invalid.stderr).not.toMatch(/^\s+at /m);
  });
});
