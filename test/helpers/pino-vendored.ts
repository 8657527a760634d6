/**
 * Runs pino 10.4.0's vendored tests (test/vendor/pino, or a copy of it) with `node --test`
 * against the built package — `require('logweave/pino')` resolved through the package's
 * `exports` (its CommonJS entry), as an application would — and reads one result per test.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./compile-fixture.js";

/** The vendored tests as shipped. */
export const VENDOR = path.join(REPO_ROOT, "test/vendor/pino");

/** The vendored test files (`*.test.js` of its `test/` folder), sorted. */
export const VENDORED_FILES = fs.readdirSync(path.join(VENDOR, "test")).filter((f) => f.endsWith(".test.js")).sort();

/** One test's outcome. */
export interface VendoredResult {
  readonly file: string;
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
}

/** A test listed in test/vendor/pino/exclusions.json: expected to fail, and why. */
export interface Exclusion {
  readonly file: string;
  readonly test: string;
  readonly scope: "in" | "out";
  readonly reason: string;
}

/** The listed exclusions. */
export const EXCLUSIONS = (JSON.parse(fs.readFileSync(path.join(VENDOR, "exclusions.json"), "utf8")) as { excluded: Exclusion[] }).excluded;

/**
 * Runs every vendored file of `dir` (a copy of {@link VENDOR} or itself) once — `node --test`,
 * one process per file, one JSON line per test — with `logweave` resolvable through NODE_PATH
 * (a link to this checkout, removed afterwards). A test name seen twice gets ` #2`.
 */
export function runVendoredPino(dir: string = VENDOR): Promise<VendoredResult[]> {
  const modules = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-pino-judge-"));
  fs.symlinkSync(REPO_ROOT, path.join(modules, "logweave"), "dir");
  return new Promise<VendoredResult[]>((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: modules };
    delete env.NODE_OPTIONS;
    const child = spawn(
      process.execPath,
      ["--test", "--test-reporter=./reporter.mjs", "--test-reporter-destination=stdout", "--test-timeout=60000", ...VENDORED_FILES.map((f) => path.join("test", f))],
      { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    // Only to detect a hang: the run takes well under a minute.
    const deadline = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("close", () => {
      clearTimeout(deadline);
      fs.rmSync(modules, { recursive: true, force: true });
      const lines = out.split("\n").filter((l) => l.startsWith("{"));
      if (lines.length === 0) reject(new Error("no results from node --test:\n" + out + err));
      const seen = new Map<string, number>();
      resolve(
        lines.map((line) => {
          const r = JSON.parse(line) as VendoredResult;
          const key = r.file + "\0" + r.name;
          const n = (seen.get(key) ?? 0) + 1;
          seen.set(key, n);
          return n === 1 ? r : { ...r, name: `${r.name} #${n}` };
        }),
      );
    });
  });
}

/** For one file's results: failures not listed, listed tests that pass, listed tests that did not run. */
export function againstExclusions(file: string, all: readonly VendoredResult[]): { unexpected: string[]; stale: string[]; missing: string[] } {
  const listed = new Map(EXCLUSIONS.filter((e) => e.file === file).map((e) => [e.test, e]));
  return {
    unexpected: all.filter((r) => !r.ok && !listed.has(r.name)).map((r) => `${r.name}: ${r.error}`),
    stale: all.filter((r) => r.ok && listed.has(r.name)).map((r) => r.name),
    missing: [...listed.keys()].filter((name) => !all.some((r) => r.name === name)),
  };
}
