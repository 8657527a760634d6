/**
 * A destination that appends to a file, with optional size-based rotation that stays correct
 * when several processes write the same file, and reopening for external rotation (logrotate).
 *
 * Before each batch the writer checks that its descriptor is still the file at `path`: a file
 * renamed away (rotated by another process or by logrotate) is left for the new one at `path`; a
 * file deleted (or its directory) is recreated, once reported. After each batch it checks that
 * the file it wrote into still exists: a batch that went into a file deleted meanwhile is
 * written again into the new one. Rotation runs under a lock file (`path.lock`, created with
 * O_EXCL), takes the size from the file itself (every writer's bytes), and is skipped when
 * another process rotated first — so concurrent writers neither lose lines nor rotate twice.
 */
import fs from "node:fs";
import path from "node:path";
import { reportProblem } from "../diagnostics.js";
import { onSignal } from "../lifecycle.js";
import type { BufferedDestination, BufferOptions } from "./destination.js";
import { BufferedWriter, type WriteTarget } from "./buffered.js";
import { sleepSync } from "./sleep.js";

/** Signals a file destination can reopen its file on. */
export type ReopenSignal = "SIGHUP" | "SIGUSR1" | "SIGUSR2";

/** Options of {@link fileDestination}. */
export interface FileDestinationOptions extends BufferOptions {
  /** The file to append to. */
  path: string;
  /**
   * Rotate before a write would make the file larger than this many bytes. Absent (or not a
   * positive number): the file grows without limit. A single line larger than this still goes
   * whole into a file of its own. With several processes on one file, each may add at most one
   * batch past it while another rotates.
   */
  maxSize?: number;
  /** Rotated files kept (`path.1` newest … `path.N` oldest). Default 5; 0 keeps none. */
  maxFiles?: number;
  /** Create the file's directory when missing (also when it is deleted later). Default true. */
  mkdir?: boolean;
  /**
   * Reopen `path` when the process receives this signal, for tools that move the file away
   * and signal the writer (logrotate's `postrotate … kill -HUP`). Listening for a signal means
   * the process no longer ends by it, which is why this is opt-in. Default: none (a file moved
   * away is noticed before the next batch anyway).
   */
  reopenOn?: ReopenSignal;
}

/** A file destination: a buffered destination that can reopen its file. */
export interface FileDestination extends BufferedDestination {
  /**
   * Closes the file and opens `path` again before the next batch (creating it when it is gone):
   * what logrotate's `postrotate` asks of a writer. Lines written before the call and not yet
   * out go to the new file; a line is never split between the two. Never throws.
   */
  reopen(): void;
}

/** After a failed rotation, append to the current file and try rotating again this much later. */
const ROTATE_RETRY_MS = 1000;
/** How long to wait for another process's rotation (it takes a few renames) before writing on. */
const LOCK_WAIT_MS = 200;
/** A lock file older than this was left by a process that died while rotating. */
const STALE_LOCK_MS = 2_000;

function codeOf(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/** An append-mode file that rotates between batches, so a line never straddles two files. */
class FileTarget implements WriteTarget {
  readonly name: string;
  private fd = -1;
  /** Identity of the open file, to tell it from whatever `path` names now. */
  private dev = -1;
  private ino = -1;
  /** The open file's size, as the file system says (every writer's bytes), plus ours since. */
  private size = 0;
  private rotateRetryAt = 0;
  private rotateReported = false;
  private removedReported = false;
  private reopenWanted = false;
  private stopListening: (() => void) | undefined;

  constructor(
    private readonly file: string,
    private readonly maxSize: number | undefined,
    private readonly maxFiles: number,
    private readonly mkdir: boolean,
    reopenOn: ReopenSignal | undefined,
  ) {
    this.name = file;
    if (reopenOn !== undefined) this.stopListening = onSignal(reopenOn, () => this.reopen());
  }

  /** Throws when the file cannot be opened; the writer reports it once and drops lines. */
  open(): void {
    if (this.mkdir) fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const fd = fs.openSync(this.file, "a");
    this.closeFd();
    this.fd = fd;
    const st = fs.fstatSync(fd);
    this.dev = st.dev;
    this.ino = st.ino;
    this.size = st.size;
  }

  /** Asks for the file to be opened again at the start of the next batch. */
  reopen(): void {
    this.reopenWanted = true;
  }

  writeSync(buf: Buffer, offset: number, length: number): number {
    // Not open (opening failed earlier, or a rotation could not reopen): try again now.
    if (this.fd < 0) this.open();
    const written = fs.writeSync(this.fd, buf, offset, length);
    this.size += written;
    if (this.unlinked()) {
      // The file was deleted while we wrote (its directory removed, or rotated out of the kept
      // files by another process): those bytes are gone with it. Write them again, recreated.
      this.open();
      this.reportRemoved();
      fs.writeSync(this.fd, buf, offset, written);
      this.size += written;
    }
    return written;
  }

  /** Room left in the current file, so batches fill it up to maxSize and no further. */
  batchLimit(): number {
    if (!this.rotates()) return Infinity;
    this.refreshSize();
    return (this.maxSize as number) - this.size;
  }

  beforeWrite(byteLength: number): void {
    if (this.fd < 0 || this.reopenWanted) {
      this.reopenWanted = false;
      this.open();
    } else {
      this.followPath();
    }
    if (!this.rotates()) return;
    this.refreshSize();
    if (this.size > 0 && this.size + byteLength > (this.maxSize as number)) this.rotate(byteLength);
  }

  close(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    try {
      fs.closeSync(fd);
    } catch {
      // A failed close still frees the descriptor on Linux.
    }
  }

  private rotates(): boolean {
    return this.maxSize !== undefined && Date.now() >= this.rotateRetryAt;
  }

  private refreshSize(): void {
    if (this.fd < 0) return;
    try {
      this.size = fs.fstatSync(this.fd).size;
    } catch {
      // Keep the size counted so far.
    }
  }

  /** True when the open file has no name left: whatever is written into it is lost. */
  private unlinked(): boolean {
    try {
      return fs.fstatSync(this.fd).nlink === 0;
    } catch {
      return false;
    }
  }

  /**
   * Makes sure the descriptor is the file at `path`: reopens when `path` is now another file
   * (rotated by another process, or by logrotate), recreates it when it is gone.
   */
  private followPath(): void {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.file);
    } catch (err) {
      if (codeOf(err) !== "ENOENT") return; // cannot tell (EACCES…): keep the open file
      // Still linked: renamed away (logrotate between its move and its create), not deleted.
      const moved = this.fd >= 0 && !this.unlinked();
      this.open(); // throws when it cannot be recreated (mkdir: false): reported as a write error
      if (!moved) this.reportRemoved();
      return;
    }
    if (st.ino !== this.ino || st.dev !== this.dev) this.open();
  }

  /**
   * Says once that the file was deleted — unless another process holds the rotation lock: then
   * it is that process renaming or rotating it out, which is no news.
   */
  private reportRemoved(): void {
    if (this.removedReported || fs.existsSync(this.file + ".lock")) return;
    this.removedReported = true;
    reportProblem(`${this.file} was deleted`, "the file or its directory is gone", "recreated it and writing on");
  }

  /**
   * Rotates under the lock file, unless another process rotated since this one looked: then
   * only the new file is opened. When the lock is held by a live rotation, writes go on into the
   * current file and rotation is tried again shortly.
   */
  private rotate(byteLength: number): void {
    const lockFd = this.lock();
    if (lockFd === undefined) return;
    const lock = this.file + ".lock";
    try {
      // Another process may have rotated since this one looked: then `path` is a new file, and
      // only a file still too full for this batch is rotated.
      this.followPath();
      this.refreshSize();
      if (this.size > 0 && this.size + byteLength > (this.maxSize as number)) this.rotateLocked();
    } finally {
      try {
        fs.closeSync(lockFd);
        fs.unlinkSync(lock);
      } catch {
        // A lock left behind is broken as stale later.
      }
    }
  }

  /** path.(k) → path.(k+1) from the oldest down, path → path.1, then a fresh path. */
  private rotateLocked(): void {
    try {
      if (this.maxFiles === 0) {
        fs.unlinkSync(this.file);
      } else {
        // rename() replaces the target, so the oldest kept file is overwritten, not piled up.
        for (let k = this.maxFiles - 1; k >= 1; k--) {
          renameIfPresent(`${this.file}.${k}`, `${this.file}.${k + 1}`);
        }
        fs.renameSync(this.file, `${this.file}.1`);
      }
    } catch (err) {
      this.rotateRetryAt = Date.now() + ROTATE_RETRY_MS;
      this.reportRotateFailure(err);
    }
    this.open();
  }

  /**
   * Takes the rotation lock, waiting up to {@link LOCK_WAIT_MS} while another process rotates
   * (a lock left by a dead process is broken). Returns its descriptor, or `undefined` when it
   * could not be had: rotation is then tried again later and writes go on meanwhile.
   */
  private lock(): number | undefined {
    const lock = this.file + ".lock";
    const until = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        return fs.openSync(lock, "wx");
      } catch (err) {
        if (codeOf(err) !== "EEXIST") {
          this.rotateRetryAt = Date.now() + ROTATE_RETRY_MS;
          this.reportRotateFailure(err);
          return undefined;
        }
        if (this.breakStaleLock(lock)) continue;
        if (Date.now() >= until) {
          this.rotateRetryAt = Date.now() + ROTATE_RETRY_MS;
          return undefined;
        }
        sleepSync(1);
      }
    }
  }

  /** Removes a lock file older than {@link STALE_LOCK_MS}; true when it did. */
  private breakStaleLock(lock: string): boolean {
    try {
      if (Date.now() - fs.statSync(lock).mtimeMs < STALE_LOCK_MS) return false;
      fs.unlinkSync(lock);
      return true;
    } catch {
      return false;
    }
  }

  private reportRotateFailure(err: unknown): void {
    if (this.rotateReported) return;
    this.rotateReported = true;
    reportProblem(`cannot rotate ${this.file}`, err, `writing on to ${this.file}`);
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if (codeOf(err) !== "ENOENT") throw err;
  }
}

/**
 * A buffered destination appending to `options.path` (created with its directory unless
 * `mkdir: false`). With `maxSize`, the file is rotated before a write would pass that size:
 * `path` becomes `path.1`, older files move up one, at most `maxFiles` are kept — safely when
 * several processes share the file (see the module comment). A file deleted or moved away
 * while open is noticed before the next batch and reopened (deleted: recreated, reported once on
 * stderr); `reopen()` and the `reopenOn` signal reopen on demand. When the file cannot be opened
 * or written, one report goes to stderr, lines are dropped and counted, the application keeps
 * running, and later writes try again. Call `close()` to release the file.
 */
export function fileDestination(options: FileDestinationOptions): FileDestination {
  const maxSize =
    typeof options.maxSize === "number" && options.maxSize > 0 ? options.maxSize : undefined;
  const files = options.maxFiles;
  const maxFiles =
    typeof files === "number" && Number.isFinite(files) && files >= 0 ? Math.floor(files) : 5;
  const signal = options.reopenOn;
  const reopenOn = signal === "SIGHUP" || signal === "SIGUSR1" || signal === "SIGUSR2" ? signal : undefined;
  const target = new FileTarget(String(options.path), maxSize, maxFiles, options.mkdir !== false, reopenOn);
  return new FileWriter(target, options);
}

/** The buffered writer of a file, with `reopen()`. */
class FileWriter extends BufferedWriter implements FileDestination {
  constructor(
    private readonly file: FileTarget,
    options: BufferOptions,
  ) {
    super(file, options, false);
  }

  reopen(): void {
    this.file.reopen();
  }
}
