/**
 * Splits a byte stream into lines at `\n`, for `logweave pretty`.
 *
 * Written here rather than with `node:readline` because readline also breaks lines at a lone
 * `\r` (it is built for terminals), which would change the non-JSON lines we pass through, and it
 * decodes everything as UTF-8 first, which would change bytes that are not UTF-8. This splitter
 * works on bytes: a line is handed over as the bytes between two `\n`, without copying when it
 * lies within one chunk.
 *
 * A line longer than `maxLineBytes` is not held in memory: its bytes are handed over as raw
 * pieces (`onRaw`) up to and including its `\n`, so memory stays bounded on any input.
 */

/** What the splitter hands over. */
export interface LineHandler {
  /** One line without its `\n` (a `\r` before it stays); `terminated` is false for a last line without `\n`. */
  onLine(line: Buffer, terminated: boolean): void;
  /** Bytes of an over-long line, in order, the last piece ending in its `\n` (if it has one). */
  onRaw(bytes: Buffer): void;
}

/** The default bound on one line held in memory: 64 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

const NEWLINE = 0x0a;

/** Splits chunks into lines; feed it with {@link LineSplitter.push}, finish with {@link LineSplitter.end}. */
export class LineSplitter {
  readonly #handler: LineHandler;
  readonly #maxLineBytes: number;
  // Pieces of the current line not yet ended by `\n`.
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  // True while passing the rest of an over-long line through as raw bytes.
  #overflowing = false;

  constructor(handler: LineHandler, maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    this.#handler = handler;
    this.#maxLineBytes = Math.max(1, maxLineBytes);
  }

  /** Hands over every line that `chunk` completes; keeps the unfinished rest. */
  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl === -1) {
        this.#keep(chunk.subarray(start));
        return;
      }
      if (this.#overflowing) {
        this.#handler.onRaw(chunk.subarray(start, nl + 1));
        this.#overflowing = false;
      } else if (this.#pendingBytes + (nl - start) > this.#maxLineBytes) {
        this.#flushRaw();
        this.#handler.onRaw(chunk.subarray(start, nl + 1));
      } else if (this.#pendingBytes === 0) {
        this.#handler.onLine(chunk.subarray(start, nl), true);
      } else {
        this.#pending.push(chunk.subarray(start, nl));
        const line = Buffer.concat(this.#pending, this.#pendingBytes + (nl - start));
        this.#pending = [];
        this.#pendingBytes = 0;
        this.#handler.onLine(line, true);
      }
      start = nl + 1;
    }
  }

  /** Hands over the last line if the input did not end with `\n`. */
  end(): void {
    if (this.#overflowing) {
      this.#overflowing = false;
      return;
    }
    if (this.#pendingBytes === 0) return;
    const line = Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#handler.onLine(line, false);
  }

  #keep(rest: Buffer): void {
    if (this.#overflowing) {
      this.#handler.onRaw(rest);
      return;
    }
    // The chunk may be reused by the stream's owner: keep a copy only of what is carried over.
    this.#pending.push(Buffer.from(rest));
    this.#pendingBytes += rest.length;
    if (this.#pendingBytes > this.#maxLineBytes) {
      this.#flushRaw();
      this.#overflowing = true;
    }
  }

  #flushRaw(): void {
    for (const piece of this.#pending) this.#handler.onRaw(piece);
    this.#pending = [];
    this.#pendingBytes = 0;
  }
}
