/**
 * A measured process seen from the parent: spawned with plain `node`, answering one command at a
 * time over stdin/stdout (see child/main.ts). Lines on its stdout after the result mark are its
 * answers, in order; its stderr is kept for the error message if it fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { RESULT_MARK } from "./child/args.js";

/** No answer for this long means the process hangs: it is killed and the bench fails. */
const ANSWER_DEADLINE_MS = 120_000;

/** A running measured process. */
export class MeasuredProcess {
  readonly #child: ChildProcess;
  readonly #label: string;
  readonly #answers: string[] = [];
  #waiting: ((line: string | undefined) => void) | undefined;
  #stderr = "";
  #exited = false;
  #exitCode: number | null = null;

  private constructor(child: ChildProcess, label: string) {
    this.#child = child;
    this.#label = label;
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith(RESULT_MARK)) return;
      const body = line.slice(RESULT_MARK.length);
      if (this.#waiting !== undefined) {
        const w = this.#waiting;
        this.#waiting = undefined;
        w(body);
      } else this.#answers.push(body);
    });
    child.stderr!.on("data", (d) => (this.#stderr += d));
    child.on("exit", (code) => {
      this.#exited = true;
      this.#exitCode = code;
      const w = this.#waiting;
      this.#waiting = undefined;
      w?.(undefined);
    });
  }

  /** Spawns `node [nodeArgs] script [args]`; resolves once its first answer (ready) came. */
  static async start(label: string, script: string, args: readonly string[], nodeArgs: readonly string[] = []): Promise<{ process: MeasuredProcess; ready: Record<string, unknown> }> {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    const p = new MeasuredProcess(child, label);
    const ready = await p.#next();
    return { process: p, ready };
  }

  /** Sends `command` and resolves to the answer. */
  async ask(command: string): Promise<Record<string, unknown>> {
    this.#child.stdin!.write(command + "\n");
    return this.#next();
  }

  /** Sends `end`, resolves to the final report once the process exited cleanly. */
  async end(): Promise<Record<string, unknown>> {
    const answer = await this.ask("end");
    await this.exited();
    return answer;
  }

  /** Resolves once the process exited with status 0; rejects with its stderr otherwise. */
  async exited(): Promise<void> {
    await new Promise<void>((resolve) => (this.#exited ? resolve() : this.#child.once("exit", () => resolve())));
    if (this.#exitCode !== 0) throw new Error(`${this.#label}: exited ${this.#exitCode}\n${this.#stderr}`);
  }

  /** Kills the process (after a failure elsewhere). */
  kill(): void {
    if (!this.#exited) this.#child.kill("SIGKILL");
  }

  #next(): Promise<Record<string, unknown>> {
    const queued = this.#answers.shift();
    if (queued !== undefined) return Promise.resolve(JSON.parse(queued) as Record<string, unknown>);
    if (this.#exited) return Promise.reject(new Error(`${this.#label}: exited ${this.#exitCode} without answering\n${this.#stderr}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting = undefined;
        this.kill();
        reject(new Error(`${this.#label}: no answer in ${ANSWER_DEADLINE_MS / 1000} s\n${this.#stderr}`));
      }, ANSWER_DEADLINE_MS);
      this.#waiting = (line) => {
        clearTimeout(timer);
        if (line === undefined) reject(new Error(`${this.#label}: exited ${this.#exitCode} without answering\n${this.#stderr}`));
        else resolve(JSON.parse(line) as Record<string, unknown>);
      };
    });
  }
}

/** Runs `node [nodeArgs] script [args]` to the end; resolves to its one answer. */
export async function runOnce(label: string, script: string, args: readonly string[], nodeArgs: readonly string[] = []): Promise<Record<string, unknown>> {
  const { process: p, ready } = await MeasuredProcess.start(label, script, args, nodeArgs);
  await p.exited();
  return ready;
}
