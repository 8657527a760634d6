/**
 * Running a program whose stdout is a real pipe (a FIFO, as in a shell pipeline; Node's own
 * `stdio: "pipe"` is a socket pair) read by a reader that misbehaves on purpose: one that never
 * reads while the program runs, one that reads slowly, one that goes away after the first bytes.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PROGRAM_LIMIT_MS, type ProgramResult } from "./program.js";

/** How the reader at the other end of the program's stdout behaves. */
export type Reader = "never-reads" | "slow" | "goes-away";

/**
 * Writes `body` to `dir/name.mjs` and runs it with its stdout on a pipe read as `reader` says:
 * `never-reads` keeps the pipe open and reads nothing until the program has exited (then
 * collects what the pipe held); `slow` pauses 1 ms after every chunk; `goes-away` closes its end
 * after the first bytes. `stderrToStdout`: stderr is the same pipe (`2>&1`). A program still
 * running after {@link PROGRAM_LIMIT_MS} is killed.
 */
export function runPiped(
  dir: string,
  name: string,
  body: string,
  reader: Reader,
  options: { env?: Record<string, string>; stderrToStdout?: boolean } = {},
): Promise<ProgramResult> {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(file, body);
  const fifo = path.join(dir, `${name}.fifo`);
  fs.rmSync(fifo, { force: true });
  execFileSync("mkfifo", [fifo]);
  // Opening the read end first (non-blocking) lets the write end open without waiting.
  const readFd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  const writeFd = fs.openSync(fifo, fs.constants.O_WRONLY);
  fs.unlinkSync(fifo);
  const started = Date.now();
  const child = spawn(process.execPath, [file], {
    stdio: ["ignore", writeFd, options.stderrToStdout === true ? writeFd : "pipe"],
    env: { ...process.env, ...options.env },
  });
  fs.closeSync(writeFd);
  const socket = new net.Socket({ fd: readFd, readable: true, writable: false });
  const chunks: Buffer[] = [];
  if (reader === "never-reads") socket.pause();
  socket.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    if (reader === "goes-away") socket.destroy();
    if (reader === "slow") {
      socket.pause();
      setTimeout(() => socket.resume(), 1);
    }
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const limit = setTimeout(() => child.kill("SIGKILL"), PROGRAM_LIMIT_MS);
  let exit: { code: number | null; signal: NodeJS.Signals | null; ms: number } | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      clearTimeout(limit);
      exit = { code, signal, ms: Date.now() - started };
      if (reader === "never-reads") socket.resume();
      resolve();
    }),
  );
  const drained = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  const stderrDone = child.stderr === null ? Promise.resolve() : new Promise<void>((resolve) => child.stderr?.on("close", () => resolve()));
  return Promise.all([exited, drained, stderrDone]).then(() => ({
    code: exit?.code ?? null,
    signal: exit?.signal ?? null,
    ms: exit?.ms ?? 0,
    stdout: Buffer.concat(chunks).toString("utf8"),
    stderr,
  }));
}

/** The whole lines of `text` (a line the pipe took only part of is left out). */
export function wholeLines(text: string): string[] {
  return text.slice(0, text.lastIndexOf("\n") + 1).split("\n").slice(0, -1);
}
