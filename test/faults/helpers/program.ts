/**
 * Fault programs: small ES modules written to a temp dir that import the built package (as an
 * application does) and run in their own process, so a fault can end, hang or kill them.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** `import … from` text for a built module of the package (`"index.js"`, `"transports/index.js"`). */
export function builtModule(file: string): string {
  const full = path.resolve("dist/src", file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` (npm run faults does) first`);
  return JSON.stringify(pathToFileURL(full).href);
}

/** How a program ended and what it printed. */
export interface ProgramResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from start to exit. */
  readonly ms: number;
}

/** A program still running after this is killed (SIGKILL): a hang fails the test, it does not stall the run. */
export const PROGRAM_LIMIT_MS = 20_000;

/**
 * Writes `body` to `dir/name.mjs` and runs it with stdout and stderr piped; resolves when it
 * exited and its output is read.
 */
export function runProgram(dir: string, name: string, body: string, env: Record<string, string> = {}): Promise<ProgramResult> {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(file, body);
  const started = Date.now();
  const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const limit = setTimeout(() => child.kill("SIGKILL"), PROGRAM_LIMIT_MS);
  return new Promise((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

/**
 * A program the test drives step by step over IPC, so a fault can be injected between two steps
 * (hang the collector after the first lines arrived, kill it, log more…) while the program's
 * stderr — logweave's reports — is captured for the test to assert on.
 *
 * `body` defines `const steps = { name: async (arg) => result, … }`; {@link DrivenProgram.step}
 * runs one and resolves with its result. The program ends when a step ends it or at
 * {@link DrivenProgram.end} (the IPC channel is closed; the program then ends as it would).
 */
export class DrivenProgram {
  private readonly child: ReturnType<typeof spawn>;
  private readonly exited: Promise<ProgramResult>;
  private stderrText = "";
  private readonly pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly ready: Promise<void>;

  private constructor(file: string, env: Record<string, string>) {
    const started = Date.now();
    this.child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe", "ipc"], env: { ...process.env, ...env } });
    let stdout = "";
    this.child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    this.child.stderr?.on("data", (d: Buffer) => (this.stderrText += d.toString()));
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.child.on("message", (message: { ready?: true; step?: string; result?: unknown; error?: string }) => {
      if (message.ready === true) return markReady();
      const waiter = this.pending.get(message.step ?? "");
      if (waiter === undefined) return;
      this.pending.delete(message.step ?? "");
      if (message.error !== undefined) waiter.reject(new Error(`step ${message.step} failed in the program: ${message.error}`));
      else waiter.resolve(message.result);
    });
    const limit = setTimeout(() => this.child.kill("SIGKILL"), 4 * PROGRAM_LIMIT_MS);
    // With an IPC channel "close" may never come: wait for "exit", then for the output to end.
    const ended = (stream: NodeJS.ReadableStream | null): Promise<void> =>
      stream === null ? Promise.resolve() : new Promise((resolve) => stream.once("end", () => resolve()));
    const outputs = Promise.all([ended(this.child.stdout), ended(this.child.stderr)]);
    this.exited = new Promise((resolve) =>
      this.child.on("exit", (code, signal) => {
        clearTimeout(limit);
        const ms = Date.now() - started;
        void Promise.race([outputs, new Promise((r) => setTimeout(r, 2_000))]).then(() => {
          for (const [step, waiter] of this.pending) waiter.reject(new Error(`the program ended during step ${step}: ${this.stderrText}`));
          this.pending.clear();
          resolve({ code, signal, stdout, stderr: this.stderrText, ms });
        });
      }),
    );
  }

  /** Writes the program to `dir/name.mjs`, starts it and waits until it takes steps. */
  static async start(dir: string, name: string, body: string, env: Record<string, string> = {}): Promise<DrivenProgram> {
    const file = path.join(dir, `${name}.mjs`);
    fs.writeFileSync(
      file,
      `${body}
process.on("message", async ({ step, arg }) => {
  try {
    const result = await steps[step](arg);
    process.send({ step, result });
  } catch (err) {
    process.send({ step, error: String(err && err.stack ? err.stack : err) });
  }
});
process.send({ ready: true });
`,
    );
    const program = new DrivenProgram(file, env);
    await Promise.race([program.ready, program.exited.then((r) => Promise.reject(new Error(`the program ended at start: ${r.stderr}`)))]);
    return program;
  }

  /** What the program wrote on stderr so far. */
  get stderr(): string {
    return this.stderrText;
  }

  /** Runs step `name` in the program; resolves with what it returned. */
  step<T = unknown>(name: string, arg?: unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(name, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ step: name, arg });
    });
  }

  /** Sends step `name` without waiting for an answer (a step that ends the program). */
  fire(name: string, arg?: unknown): void {
    this.child.send({ step: name, arg });
  }

  /** Closes the IPC channel (the program ends as it would on its own) and waits for the exit. */
  end(): Promise<ProgramResult> {
    if (this.child.connected) this.child.disconnect();
    return this.exited;
  }

  /** Waits for the program to exit (after a step that ends it). */
  exit(): Promise<ProgramResult> {
    return this.exited;
  }
}
