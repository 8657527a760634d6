/**
 * Destinations over the process's own stdout (fd 1) and stderr (fd 2).
 */
import fs from "node:fs";
import tty from "node:tty";
import type { BufferOptions } from "./destination.js";
import type { BufferedDestination } from "./destination.js";
import { BufferedWriter, type WriteTarget } from "./buffered.js";

/** Writes straight to a file descriptor with `fs.writeSync`. */
class FdTarget implements WriteTarget {
  constructor(
    private readonly fd: number,
    readonly name: string,
  ) {}

  writeSync(buf: Buffer, offset: number, length: number): number {
    return fs.writeSync(this.fd, buf, offset, length);
  }
}

/**
 * Creating `process.stdout` / `process.stderr` makes a pipe on that fd O_NONBLOCK (libuv's
 * uv_pipe_open). We want exactly that: a full pipe then answers EAGAIN instead of blocking the
 * event loop inside `write(2)`, which is what lets `"drop"` drop and the timer retry.
 */
function touchStream(fd: 1 | 2): void {
  try {
    void (fd === 1 ? process.stdout.fd : process.stderr.fd);
  } catch {
    // No stream object (an unusual embedder): plain blocking writes still work.
  }
}

function isTTY(fd: number): boolean {
  try {
    return tty.isatty(fd);
  } catch {
    return false;
  }
}

function fdDestination(
  fd: 1 | 2,
  name: string,
  options: BufferOptions | undefined,
): BufferedWriter {
  touchStream(fd);
  return new BufferedWriter(new FdTarget(fd, name), options, isTTY(fd));
}

let stdoutShared: BufferedWriter | undefined;
let stderrShared: BufferedWriter | undefined;

/**
 * A buffered destination on fd 1. Without options it returns the same writer every time, so
 * every logger shares one buffer and lines stay in order; with options, a new writer.
 */
export function stdoutDestination(options?: BufferOptions): BufferedDestination {
  if (options !== undefined) return fdDestination(1, "stdout", options);
  return (stdoutShared ??= fdDestination(1, "stdout", undefined));
}

/**
 * A buffered destination on fd 2. Without options it returns the same writer every time; with
 * options, a new writer.
 */
export function stderrDestination(options?: BufferOptions): BufferedDestination {
  if (options !== undefined) return fdDestination(2, "stderr", options);
  return (stderrShared ??= fdDestination(2, "stderr", undefined));
}
