/**
 * Running small projects under `node --import logweave/register`, tsx, and both in either order,
 * as a user runs them: each project is a directory of its own (outside the repository) with
 * `logweave` and `tsx` installed as links in its `node_modules`, and every run is a real Node
 * process started in it.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./compile-fixture.js";
import type { RunResult } from "./fixture-cases.js";

/** How a program is started: tsx alone, the loader alone, or both (in the order of `--import`). */
export type RunMode = "tsx" | "loader" | "loader+tsx" | "tsx+loader";

/** Every mode, the reference (tsx alone) first. */
export const RUN_MODES: readonly RunMode[] = ["tsx", "loader", "loader+tsx", "tsx+loader"];

const IMPORTS: Record<RunMode, readonly string[]> = {
  tsx: ["--import", "tsx"],
  loader: ["--import", "logweave/register"],
  "loader+tsx": ["--import", "logweave/register", "--import", "tsx"],
  "tsx+loader": ["--import", "tsx", "--import", "logweave/register"],
};

/** Writes `files` (paths relative to the project, `/`-separated) into `dir`, with `logweave` and `tsx` linked into its `node_modules`. Returns `dir`. */
export function writeProject(dir: string, files: Readonly<Record<string, string>>): string {
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "logweave"), "dir");
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "tsx"), path.join(dir, "node_modules", "tsx"), "dir");
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(dir, ...file.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return dir;
}

/** At most this many Node processes at once, across every test of a file: the machine has two cores. */
const PARALLEL = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Runs `node <args>` in `cwd`, with `env` added to a neutral environment (JSON lines, every level,
 * no `LOGWEAVE_MIN_LEVEL`, no `NODE_OPTIONS`). Never rejects; a run that hangs is killed after 60 s.
 */
export function runNode(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<RunResult> {
  return slot(
    () =>
      new Promise((resolve) => {
        const base: NodeJS.ProcessEnv = { ...process.env, LOGWEAVE_FORMAT: "json", LOG_LEVEL: "trace", LOGWEAVE_MIN_LEVEL: "" };
        delete base.NODE_OPTIONS;
        execFile(process.execPath, args, { cwd, env: { ...base, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr }),
        );
      }),
  );
}

/** Runs `entry` of the project in `dir` in `mode`. */
export function runIn(mode: RunMode, dir: string, entry: string, env: Readonly<Record<string, string>> = {}): Promise<RunResult> {
  return runNode([...IMPORTS[mode], entry], dir, env);
}

/** Runs `entry` in every mode (at once, within the process limit). */
export async function runEveryMode(dir: string, entry: string, env: Readonly<Record<string, string>> = {}): Promise<Record<RunMode, RunResult>> {
  const results = await Promise.all(RUN_MODES.map((mode) => runIn(mode, dir, entry, env)));
  return Object.fromEntries(RUN_MODES.map((mode, i) => [mode, results[i]])) as Record<RunMode, RunResult>;
}

/** A printed line: a JSON object without `caller` and the per-run `time`, `pid`, `hostname` (other text as it is). */
export interface ComparableLine {
  readonly line: unknown;
  /** The line was a JSON object with a `caller` member. */
  readonly hadCaller: boolean;
}

/** The lines of `stdout`, comparable across runs and modes. */
export function comparableLines(stdout: string): ComparableLine[] {
  return stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((text) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { line: text, hadCaller: false };
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { line: text, hadCaller: false };
      const { caller, time: _time, pid: _pid, hostname: _hostname, ...rest } = parsed as Record<string, unknown>;
      return { line: rest, hadCaller: caller !== undefined };
    });
}

/** The lines of `stdout` without what differs between runs and routes (`caller`, `time`, `pid`, `hostname`). */
export function linesWithoutCaller(stdout: string): unknown[] {
  return comparableLines(stdout).map((l) => l.line);
}

/** The JSON log lines of `stdout` (objects with a `level`). */
export function logLines(stdout: string): Record<string, unknown>[] {
  return comparableLines(stdout)
    .map((l) => l.line)
    .filter((l): l is Record<string, unknown> => typeof l === "object" && l !== null && "level" in l);
}
