/**
 * The differential harness: one small program (a few `.ts` files) built three ways — `tsc` plain,
 * `tsc` with the logweave plugin, the SWC step — and each build run in its own Node process. The
 * plain build is the oracle: the transformed builds must print the same lines, once each log line
 * is stripped of what may differ by design (`caller`) or between any two runs (`time`, `pid`).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import logweaveTransformer from "../../transformer/typescript/index.js";
import { transformSync } from "../../transformer/swc/index.js";
import { createFixtureProgram, emitInMemory, FIXTURE_COMPILER_OPTIONS, REPO_ROOT } from "./compile-fixture.js";
import { SWC_TEST_OPTIONS } from "./swc-build.js";

/** The builds of a program. */
export const BUILDS = ["plain", "typescript", "swc"] as const;
/** One build. */
export type Build = (typeof BUILDS)[number];

/** What one build printed. */
export interface ProgramRun {
  readonly code: number | null;
  /** stdout, line by line, log lines normalized (see {@link normalizeLine}). */
  readonly lines: readonly string[];
  readonly stderr: string;
}

/** Options of one program. */
export interface ProgramOptions {
  /** The transformer's `minLevel` (default `trace`: nothing elided). */
  readonly minLevel?: string;
  /** Extra environment for the runs. */
  readonly env?: Readonly<Record<string, string>>;
  /** SWC's `loggers` option. */
  readonly loggers?: Readonly<Record<string, readonly string[]>>;
}

/** A log line (json, or logfmt) without `time`, `pid` and `caller`; any other line as it is. */
export function normalizeLine(line: string): string {
  if (line.startsWith("level=")) return line.replace(/ (?:time|pid|caller|caller_function)=(?:"(?:[^"\\]|\\.)*"|\S+)/g, "");
  if (!line.startsWith("{")) return line;
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    delete record.time;
    delete record.pid;
    delete record.caller;
    return JSON.stringify(record);
  } catch {
    return line;
  }
}

/** True when a raw stdout line is a log line with a `caller`. */
export function hasCaller(line: string): boolean {
  return line.startsWith("{") && line.includes('"caller":{');
}

/**
 * Builds `files` (name → TypeScript source; the entry is `main.ts`) under
 * `.fixture-out/differential/<name>/` three ways and runs each build.
 * Returns each build's run and its raw stdout lines.
 */
export async function runDifferential(
  name: string,
  files: Readonly<Record<string, string>>,
  options: ProgramOptions = {},
): Promise<Record<Build, ProgramRun & { readonly raw: readonly string[] }>> {
  const dir = path.join(REPO_ROOT, ".fixture-out", "differential", name);
  const src = path.join(dir, "src");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(src, { recursive: true });
  const paths = Object.keys(files).map((f) => path.join(src, f));
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(src, f), text);

  const compilerOptions = { ...FIXTURE_COMPILER_OPTIONS, sourceMap: false, declaration: false, outDir: path.join(dir, "tsc") };
  const program = createFixtureProgram(paths, compilerOptions);
  const write = (emitted: Map<string, string>, to: string): void => {
    for (const [rel, text] of emitted) {
      const file = path.join(dir, to, path.relative(path.relative(REPO_ROOT, src), rel));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  };
  write(emitInMemory(program), "plain");
  write(emitInMemory(program, [logweaveTransformer(program, { root: REPO_ROOT, minLevel: (options.minLevel ?? "trace") as "trace" })]), "typescript");
  for (const [f, text] of Object.entries(files)) {
    const out = transformSync(text, {
      filename: path.join(src, f),
      root: REPO_ROOT,
      minLevel: (options.minLevel ?? "trace") as "trace",
      loggers: options.loggers as Record<string, string[]> | undefined,
      swc: SWC_TEST_OPTIONS,
    });
    const file = path.join(dir, "swc", f.replace(/\.([cm]?)ts$/, ".$1js"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, out.code);
  }
  const entry = Object.keys(files).find((f) => /^main\.[cm]?ts$/.test(f)) ?? "main.ts";
  const runs = await Promise.all(BUILDS.map((b) => run(path.join(dir, b, entry.replace(/\.([cm]?)ts$/, ".$1js")), options.env ?? {})));
  return Object.fromEntries(BUILDS.map((b, i) => [b, runs[i]])) as Record<Build, ProgramRun & { raw: string[] }>;
}

function run(file: string, env: Readonly<Record<string, string>>): Promise<ProgramRun & { raw: string[] }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file],
      { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: "", LOGWEAVE_FORMAT: "json", LOGWEAVE_MIN_LEVEL: "", ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const raw = stdout.split("\n").filter((l) => l !== "");
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? 1), raw, lines: raw.map(normalizeLine), stderr });
      },
    );
  });
}
