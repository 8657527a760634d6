/**
 * The transformer fixtures, front-end neutral: `fixtures/<case>/` holds `main.ts` (the program,
 * plus any modules it imports), `fixture.json` (description, transformer options, whether the
 * output must equal the untransformed build's) and `expected.jsonl` (the normalized lines the
 * transformed program prints with every level on). Each front end adds its own snapshot of the
 * emitted code under `expected/<front end>/`.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./compile-fixture.js";

/** One fixture case. */
export interface FixtureCase {
  /** Directory name. */
  readonly name: string;
  /** Absolute directory. */
  readonly dir: string;
  /** Absolute paths of its `.ts` files (main.ts first). */
  readonly files: readonly string[];
  readonly description: string;
  /** Transformer options (as in tsconfig.json). */
  readonly options: Readonly<Record<string, unknown>>;
  /** False when the case shows a difference by design (arguments that are never evaluated). */
  readonly sameOutputAsUntransformed: boolean;
}

/** Every directory of `fixtures/` with a `fixture.json`, sorted by name. */
export function fixtureCases(): FixtureCase[] {
  const root = path.join(REPO_ROOT, "fixtures");
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, "fixture.json")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const config = JSON.parse(fs.readFileSync(path.join(dir, "fixture.json"), "utf8")) as {
        description?: string;
        options?: Record<string, unknown>;
        sameOutputAsUntransformed?: boolean;
      };
      const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
        .sort((a, b) => (a === "main.ts" ? -1 : b === "main.ts" ? 1 : a.localeCompare(b)))
        .map((f) => path.join(dir, f));
      return {
        name,
        dir,
        files,
        description: config.description ?? "",
        options: config.options ?? {},
        sameOutputAsUntransformed: config.sameOutputAsUntransformed ?? true,
      };
    });
}

/** The level the differential runs use: the build's minLevel (so `isLevelEnabled` agrees). */
export function minLevelOf(c: FixtureCase): string {
  return typeof c.options.minLevel === "string" ? c.options.minLevel : "trace";
}

/** What a program run printed. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an emitted program (with source maps on) at a runtime level. Never rejects. */
export function runProgram(file: string, level: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--enable-source-maps", file],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, LOG_LEVEL: level, LOGWEAVE_FORMAT: "json", LOGWEAVE_MIN_LEVEL: "" },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs `tasks` with at most `limit` at a time, keeping results in order. */
export async function inParallel<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** The line head up to what changes between runs: `time`, `pid`, `hostname`. */
const VOLATILE_HEAD = /^\{"level":(\d+),"time":\d+(?:,"pid":\d+)?(?:,"hostname":"(?:[^"\\]|\\.)*")?/;

/** An error's stack (absolute paths, Node's internal frames). A `"` inside a JSON string is always escaped. */
const STACK = /"stack":"(?:[^"\\]|\\.)*"/g;

/** The `caller` member the transformer adds: always last. */
const CALLER = /,"caller":\{"file":"(?:[^"\\]|\\.)*","line":\d+,"column":\d+,"function":"(?:[^"\\]|\\.)*"\}\}$/;

/**
 * Printed lines without what changes between runs (`time`, `pid`, `hostname`, error stacks),
 * otherwise exactly as printed (key order included). A line that is not one JSON object is kept
 * with a `NOT JSON: ` prefix so a comparison shows it.
 */
export function normalizeLines(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return "NOT JSON: " + line;
      } catch {
        return "NOT JSON: " + line;
      }
      return line.replace(VOLATILE_HEAD, '{"level":$1').replace(STACK, '"stack":"<stack>"');
    });
}

/** Lines as the `expected.jsonl` text. */
export function toJsonl(lines: readonly string[]): string {
  return lines.join("\n") + "\n";
}

/** A line without its `caller` member (what the untransformed build prints for the same call). */
export function withoutCaller(line: string): string {
  return line.replace(CALLER, "}");
}

/** True when a line carries caller metadata. */
export function hasCaller(line: string): boolean {
  return CALLER.test(line);
}
