/**
 * A destination that appends to a file, with optional size-based rotation.
 */
import fs from "node:fs";
import path from "node:path";
import type { BufferOptions } from "./destination.js";
import type { BufferedDestination } from "./destination.js";
import { reportProblem } from "../diagnostics.js";
import { BufferedWriter, type WriteTarget } from "./buffered.js";

/** Options of {@link fileDestination}. */
export interface FileDestinationOptions extends BufferOptions {
  /** The file to append to. */
  path: string;
  /**
   * Rotate before a write would make the file larger than this many bytes. Absent (or not a
   * positive number): the file grows without limit. A single line larger than this still goes
   * whole into a file of its own.
   */
  maxSize?: number;
  /** Rotated files kept (`path.1` newest … `path.N` oldest). Default 5; 0 keeps none. */
  maxFiles?: number;
  /** Create the file's directory when missing. Default true. */
  mkdir?: boolean;
}

/** After a failed rotation, append to the current file and try rotating again this much later. */
const ROTATE_RETRY_MS = 1000;

/** An append-mode file that rotates between batches, so a line never straddles two files. */
class FileTarget implements WriteTarget {
  readonly name: string;
  private fd = -1;
  private size = 0;
  private rotateRetryAt = 0;
  private rotateReported = false;

  constructor(
    private readonly file: string,
    private readonly maxSize: number | undefined,
    private readonly maxFiles: number,
    private readonly mkdir: boolean,
  ) {
    this.name = file;
  }

  /** Throws when the file cannot be opened; the writer reports it once and drops lines. */
  open(): void {
    if (this.mkdir) fs.mkdirSync(path.dirname(this.file), { recursive: true });
    this.fd = fs.openSync(this.file, "a");
    this.size = fs.fstatSync(this.fd).size;
  }

  writeSync(buf: Buffer, offset: number, length: number): number {
    // Not open (opening failed earlier, or a rotation could not reopen): try again now.
    if (this.fd < 0) this.open();
    const written = fs.writeSync(this.fd, buf, offset, length);
    this.size += written;
    return written;
  }

  /** Room left in the current file, so batches fill it up to maxSize and no further. */
  batchLimit(): number {
    if (!this.rotates()) return Infinity;
    return (this.maxSize as number) - this.size;
  }

  beforeWrite(byteLength: number): void {
    if (this.fd < 0) this.open();
    if (!this.rotates() || this.size === 0) return;
    if (this.size + byteLength > (this.maxSize as number)) this.rotate();
  }

  close(): void {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    fs.closeSync(fd);
  }

  private rotates(): boolean {
    return this.maxSize !== undefined && Date.now() >= this.rotateRetryAt;
  }

  /** path.(k) → path.(k+1) from the oldest down, path → path.1, then a fresh path. */
  private rotate(): void {
    try {
      this.close();
    } catch {
      // A failed close still frees the descriptor on Linux; carry on with a fresh open.
    }
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
      if (!this.rotateReported) {
        this.rotateReported = true;
        reportProblem(`cannot rotate ${this.file}`, err, `writing on to ${this.file}`);
      }
    }
    this.open();
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

/**
 * A buffered destination appending to `options.path` (created with its directory unless
 * `mkdir: false`). With `maxSize`, the file is rotated before a write would pass that size:
 * `path` becomes `path.1`, older files move up one, at most `maxFiles` are kept. When the file
 * cannot be opened or written, one report goes to stderr, lines are dropped and counted, the
 * application keeps running, and later writes try again. Call `close()` to release the file.
 */
export function fileDestination(options: FileDestinationOptions): BufferedDestination {
  const maxSize =
    typeof options.maxSize === "number" && options.maxSize > 0 ? options.maxSize : undefined;
  const files = options.maxFiles;
  const maxFiles =
    typeof files === "number" && Number.isFinite(files) && files >= 0 ? Math.floor(files) : 5;
  const target = new FileTarget(String(options.path), maxSize, maxFiles, options.mkdir !== false);
  return new BufferedWriter(target, options, false);
}
