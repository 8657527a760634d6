/**
 * Destinations over the process's own stdout (fd 1) and stderr (fd 2).
 */
import fs from "node:fs";
import tty from "node:tty";
import type { BufferOptions } from "./destination.js";
import type { BufferedDestination } from "./destination.js";
import { routeReports } from "../diagnostics.js";
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

/** The writer of each open file (by device and inode), so two fds on one pipe share it. */
const writers = new Map<string, BufferedWriter>();
/** The writer of fd 1 and fd 2 once looked up. */
const byFd: Array<BufferedWriter | undefined> = [];

/** What fd refers to: the same pipe, file or terminal gives the same key. Never throws. */
function openFileKey(fd: number): string {
  try {
    const st = fs.fstatSync(fd);
    return `${st.dev}:${st.ino}:${st.rdev}`;
  } catch {
    return `fd ${fd}`;
  }
}

/**
 * The one writer of `fd`: every destination on it shares it, and so does the other standard fd
 * when both refer to the same pipe or file (`2>&1`), so no two writers can splice their lines
 * into each other under backpressure. `options` given are applied to it.
 */
function fdWriter(fd: 1 | 2, name: string, options: BufferOptions | undefined): BufferedWriter {
  let writer = byFd[fd];
  if (writer === undefined || writer.closed) {
    const key = openFileKey(fd);
    writer = writers.get(key);
    if (writer === undefined || writer.closed) {
      touchStream(fd);
      const created = new BufferedWriter(new FdTarget(fd, name), options, isTTY(fd));
      writers.set(key, created);
      // logweave's own reports go to fd 2 directly, except while this writer of the same file
      // is in the middle of a line: then they queue behind it.
      if (key === openFileKey(2)) routeReports((line) => created.midLine && created.writeAside(line));
      writer = created;
    }
    byFd[fd] = writer;
  }
  if (options !== undefined) writer.setOptions(options);
  return writer;
}

/**
 * The buffered destination on fd 1. There is one per process (shared by every logger, and with
 * {@link stderrDestination} when fd 2 is the same pipe or file), so lines never interleave
 * mid-line and stay in order. `options` given apply to that one writer; the last given win.
 */
export function stdoutDestination(options?: BufferOptions): BufferedDestination {
  return fdWriter(1, "stdout", options);
}

/**
 * The buffered destination on fd 2: one per process, shared like {@link stdoutDestination}'s.
 * `options` given apply to that one writer.
 */
export function stderrDestination(options?: BufferOptions): BufferedDestination {
  return fdWriter(2, "stderr", options);
}
