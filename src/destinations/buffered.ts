/**
 * The one buffering writer behind the stdout, stderr and file destinations.
 *
 * Lines are joined in memory and handed to the target in batches. A batch is written when
 * `flushDelayMs` (10 ms) have passed since its first line — so an application that logs one line
 * per turn of the event loop makes one syscall per batch, not one per line —, at the end of the
 * turn once 16 KiB are waiting, and right away, inside the log call, only once 48 KiB are
 * waiting (a loop that never yields). Writes are synchronous (`fs.writeSync`): an asynchronous
 * write still in flight when the process ends could neither be waited for nor ordered before the
 * exit flush. Every writer registers with the lifecycle
 * (`src/lifecycle.ts`), which flushes it synchronously on `process` `"exit"` — natural end,
 * `process.exit()`, an uncaught exception and an unhandled rejection lose nothing — and, when
 * asked, on SIGTERM / SIGINT.
 */
import { reportProblem } from "../diagnostics.js";
import { deadlineFor, isExiting, trackFlushable } from "../lifecycle.js";
import type { BufferOptions, Destination, FullPolicy } from "./destination.js";
import { dropReportLine } from "./drop-report.js";
import { sleepSync as sleep } from "./sleep.js";

/**
 * What a {@link BufferedWriter} writes into: an fd seen through a small synchronous interface.
 * Only `name` and `writeSync` are required.
 */
export interface WriteTarget {
  /** Names the target in the one error report: `"stdout"`, a file path. */
  readonly name: string;
  /**
   * Writes `length` bytes of `buf` from `offset`; returns how many bytes were written (may be
   * fewer). Throws errno errors (`EAGAIN`, `EPIPE`, `ENOSPC`…), which the writer handles.
   */
  writeSync(buf: Buffer, offset: number, length: number): number;
  /**
   * Called before the first byte of each new batch goes out, with the batch size in bytes; never
   * before the rest of a partly written batch, so a hook that switches files (rotation) never
   * splits a line. A throw is handled like a write error.
   */
  beforeWrite?(byteLength: number): void;
  /**
   * Most bytes the next batch should hold. The writer cuts batches after a `\n` to fit, and
   * sends a single line alone when even that line does not fit. Absent: no limit.
   */
  batchLimit?(): number;
  /** Called once when the writer is created; a throw is reported like a write error. */
  open?(): void;
  /** Releases the target; called by {@link BufferedWriter.close}. */
  close?(): void;
}

/**
 * Pending characters past which the log call itself writes: the application has not yielded for
 * that long. Large, so that a tight loop pays for a write once every few hundred lines — and
 * below V8's large-object size (128 KiB) even for text of two-byte characters (48 Ki characters
 * are 96 KiB then): a batch text past it is flattened into pages of its own, which made each line
 * cost far more (measured: 27 ns a line at 100 K one-byte characters, 1,020 ns at 131 K; for
 * two-byte lines of 1,800 characters 2.4 µs at 61 K characters, 20.6 µs at 67 K).
 */
const INLINE_FLUSH = 48 * 1024;
/** Pending characters past which a write is due at the end of this turn, not after the delay. */
const EAGER_FLUSH = 16 * 1024;
/** Default `flushDelayMs`: how long the first line of a batch waits for company. */
const DEFAULT_FLUSH_DELAY_MS = 10;
/** Largest `flushDelayMs` taken: lines never wait in memory longer than a second. */
const MAX_FLUSH_DELAY_MS = 1_000;
/**
 * Smallest and largest size of the reused buffer batches are encoded into: it grows with the
 * batches seen, up to the largest; a larger batch gets a buffer of its own.
 */
const SCRATCH_MIN = 16 * 1024;
/** The usual batch's worst case: each character of a batch past the inline flush as 3 UTF-8 bytes. */
const SCRATCH_MAX = 3 * (INLINE_FLUSH + 16 * 1024);
/** Default `maxBuffer`: characters pending before `onFull` applies. */
const DEFAULT_MAX_BUFFER = 8 * 1024 * 1024;
/** V8 strings stop near 2^29 characters; a larger cap would turn into a RangeError in `write`. */
const MAX_MAX_BUFFER = 256 * 1024 * 1024;
/** Retry delays after EAGAIN: start short, double up to the ceiling, reset on progress. */
const RETRY_FIRST_MS = 1;
const RETRY_LAST_MS = 16;
/** Default `exitTimeoutMs`: how long `"drop"` waits for a reader that takes nothing. */
const DEFAULT_EXIT_TIMEOUT_MS = 2_000;
const NEWLINE = 0x0a;

function errorCode(err: unknown): string | undefined {
  try {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Number of `\n` bytes in `buf` from `from` on. */
function countLines(buf: Buffer, from = 0): number {
  let count = 0;
  for (let i = buf.indexOf(NEWLINE, from); i !== -1; i = buf.indexOf(NEWLINE, i + 1)) count++;
  return count;
}

/**
 * Buffers lines in memory and writes them to a {@link WriteTarget} in batches, never a syscall
 * per line. Handles partial writes (order kept), `EAGAIN` (retry on a short timer, no spinning),
 * `EPIPE` (stop quietly for good) and other errors (one report on stderr, the batch is dropped and
 * counted). Lines dropped for any reason are announced by one line written before the next data:
 * `{"level":40,…,"msg":"logweave dropped lines","dropped":N}`, in the format of the lines around
 * it. With `onFull: "drop"` no wait is longer than `exitTimeoutMs`: a reader that never reads
 * cannot hold the process at exit or a `flush()` forever. Never throws into the caller.
 */
export class BufferedWriter implements Destination {
  /** True when the target is an interactive terminal. */
  readonly isTTY: boolean;

  private readonly target: WriteTarget;
  private maxBuffer = DEFAULT_MAX_BUFFER;
  private onFull: FullPolicy = "block";
  private exitTimeoutMs = DEFAULT_EXIT_TIMEOUT_MS;
  private flushDelayMs = DEFAULT_FLUSH_DELAY_MS;
  private readonly untrack: () => void;
  /** The last line taken: the drop report is written in its format. */
  private sample: string | undefined;

  /** Lines taken but not yet encoded, in order after `spill`. */
  private pending = "";
  private pendingLines = 0;
  /** Encoded bytes left over when a batch was cut to the target's `batchLimit`. */
  private spill: Buffer | undefined;
  private spillLines = 0;
  /** The batch being written and how far it got. */
  private chunk: Buffer | undefined;
  private offset = 0;
  private chunkLines = 0;
  /** Non-zero when `chunk` is a drop report: the count it announces. */
  private chunkReport = 0;
  private chunkStarted = false;

  private unreported = 0;
  /** A failed write left half a line in the output: start the next report with `\n`. */
  private brokenLine = false;
  /** Lines taken so far, and lines written or discarded so far: what `flush()` waits on. */
  private taken = 0;
  private settled = 0;
  private waiters: Array<{ until: number; resolve: () => void }> = [];

  /** Encoded batches go here when they fit: encoding allocates nothing in the steady state. */
  private scratch: Buffer | undefined;

  private immediate: NodeJS.Immediate | undefined;
  /** The delayed write of a batch still short of {@link EAGER_FLUSH}. Unref'd: the exit flush covers it. */
  private delayed: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retryDelay = RETRY_FIRST_MS;
  private stopped = false;
  private reported = false;
  private gaveUpReported = false;

  /**
   * @param target where bytes go.
   * @param options `maxBuffer` (characters pending, default 8 MiB), `onFull` (default `"block"`),
   *   `exitTimeoutMs` (default 2 000; `"drop"` only) and `flushDelayMs` (default 10).
   * @param isTTY whether the target is a terminal.
   */
  constructor(target: WriteTarget, options: BufferOptions = {}, isTTY = false) {
    this.target = target;
    this.isTTY = isTTY;
    this.setOptions(options);
    this.untrack = trackFlushable(this);
    try {
      target.open?.();
    } catch (err) {
      this.reportOnce(err);
    }
  }

  /**
   * Applies `options` given (those left out keep their value): the writer of a file descriptor is
   * shared, and the last options given for it win. Invalid values fall back to the defaults.
   */
  setOptions(options: BufferOptions): void {
    const max = options.maxBuffer;
    if (max !== undefined) {
      this.maxBuffer = typeof max === "number" && max >= 0 ? Math.min(max, MAX_MAX_BUFFER) : DEFAULT_MAX_BUFFER;
    }
    if (options.onFull !== undefined) this.onFull = options.onFull === "drop" ? "drop" : "block";
    const timeout = options.exitTimeoutMs;
    if (timeout !== undefined) {
      this.exitTimeoutMs = typeof timeout === "number" && timeout >= 0 && timeout < Infinity ? timeout : DEFAULT_EXIT_TIMEOUT_MS;
    }
    const delay = options.flushDelayMs;
    if (delay !== undefined) {
      this.flushDelayMs = typeof delay === "number" && delay >= 0 ? Math.min(delay, MAX_FLUSH_DELAY_MS) : DEFAULT_FLUSH_DELAY_MS;
    }
  }

  /** Lines dropped and not yet announced by a report line. */
  get dropped(): number {
    return this.unreported;
  }

  /** Characters (or bytes, once encoded) held in memory waiting for the target. */
  get buffered(): number {
    return (
      this.pending.length +
      (this.spill === undefined ? 0 : this.spill.length) +
      (this.chunk === undefined ? 0 : this.chunk.length - this.offset)
    );
  }

  /** True once output stopped for good (the reader went away, or `close()`). */
  get closed(): boolean {
    return this.stopped;
  }

  /**
   * True while the target holds part of a line: a batch was cut by a partial write and its rest
   * is still to come. Anything else written to the same file now would land inside that line.
   */
  get midLine(): boolean {
    const chunk = this.chunk;
    return chunk !== undefined && this.offset > 0 && this.offset < chunk.length && chunk[this.offset - 1] !== NEWLINE;
  }

  /**
   * Takes a line of logweave's own (a problem report) to go out after the line under way, so it
   * cannot split it. Not counted, never dropped at the cap. False when the writer is closed.
   */
  writeAside(line: string): boolean {
    if (this.stopped) return false;
    this.pending += line;
    this.pendingLines++;
    this.taken++;
    if (this.retry === undefined) this.immediate ??= setImmediate(this.onImmediate);
    return true;
  }

  /**
   * Takes one finished line. Never throws. Makes no syscall unless 48 KiB are waiting, the cap
   * is reached, or the process is exiting (an `"exit"` listener that logs still gets its line
   * out); otherwise the write comes at the end of the turn (16 KiB waiting) or `flushDelayMs`
   * after the batch's first line.
   */
  write(line: string): void {
    if (this.stopped || typeof line !== "string") return;
    // Only the pending text counts while nothing encoded is held, the usual case: no getter.
    const held = this.chunk === undefined && this.spill === undefined ? this.pending.length : this.buffered;
    if (held > 0 && held + line.length > this.maxBuffer) {
      // At the cap. "drop" makes one non-blocking attempt, and none while a retry timer says
      // the target is full: no syscall per dropped line.
      if (this.onFull === "block") this.flushSync();
      else if (this.retry === undefined) this.writeSome();
      if (this.stopped) return;
      const now = this.buffered;
      if (now > 0 && now + line.length > this.maxBuffer) {
        this.unreported++;
        return;
      }
    }
    this.pending += line;
    this.pendingLines++;
    this.taken++;
    this.sample = line;
    if (isExiting()) {
      this.flushSync();
      return;
    }
    if (this.retry !== undefined) return; // the retry timer writes it
    const size = this.pending.length;
    if (size >= INLINE_FLUSH) this.writeSome();
    else if (this.immediate === undefined && (size >= EAGER_FLUSH || this.delayed === undefined)) this.schedule(size);
  }

  /**
   * Arranges the write of what is pending: at the end of this turn when `size` characters are
   * worth a syscall now (or no delay is wanted), else `flushDelayMs` from now.
   */
  private schedule(size: number): void {
    if (size >= EAGER_FLUSH || this.flushDelayMs === 0) {
      this.immediate = setImmediate(this.onImmediate);
    } else {
      this.delayed = setTimeout(this.onDelay, this.flushDelayMs);
      this.delayed.unref();
    }
  }

  /**
   * Resolves when every line taken so far has reached the target, or was discarded; with
   * `"drop"`, after `exitTimeoutMs` at the latest (the lines not written yet stay queued).
   */
  flush(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    // Lines waiting for the delay go out now: whoever awaits them should not wait for company.
    if (this.retry === undefined) this.immediate ??= setImmediate(this.onImmediate);
    return new Promise((resolve) => {
      const waiter = { until: this.taken, resolve };
      this.waiters.push(waiter);
      if (this.onFull !== "drop") return;
      // Not unref'd: the code awaiting the flush runs, at the latest exitTimeoutMs from now.
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      }, this.exitTimeoutMs);
      waiter.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * Writes out everything now. When the target is full (`EAGAIN`) it sleeps 1 ms and tries
   * again until all is written, discarded, or the reader is gone. With `"drop"` it stops trying
   * `exitTimeoutMs` after `startedAt` (or after the process started ending): at exit, what is
   * left is then dropped, counted and reported on stderr; otherwise it stays queued.
   */
  flushSync(startedAt?: number): void {
    if (this.onFull !== "drop") {
      while (this.writeSome()) sleep(1);
      return;
    }
    const deadline = deadlineFor(this.exitTimeoutMs, startedAt);
    while (this.writeSome()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        if (isExiting()) this.dropHeldAtExit();
        return;
      }
      sleep(Math.min(1, left));
    }
  }

  /** Writes out what is held, then releases the target; later writes are ignored. */
  close(): void {
    if (this.stopped) return;
    this.flushSync();
    this.stop();
    try {
      this.target.close?.();
    } catch {
      // Closing failed: nothing is pending, nothing to tell.
    }
  }

  private readonly onImmediate = (): void => {
    this.immediate = undefined;
    if (this.retry === undefined) this.writeSome();
  };

  private readonly onDelay = (): void => {
    this.delayed = undefined;
    if (this.retry === undefined && this.immediate === undefined) this.writeSome();
  };

  private readonly onRetry = (): void => {
    this.retry = undefined;
    this.writeSome();
  };

  private isIdle(): boolean {
    return this.chunk === undefined && this.spill === undefined && this.pending === "";
  }

  /**
   * Writes as much as the target takes now, without waiting. Returns true when the target is
   * full and a retry is due (a timer is set), false when there is nothing left to do for now.
   */
  private writeSome(): boolean {
    // After a report fails, data goes first until something is written: retrying the report
    // right away would fail the same way, forever.
    let reportFailed = false;
    while (!this.stopped) {
      if (this.chunk === undefined && !this.nextChunk(!reportFailed)) {
        this.settleIdle();
        return false;
      }
      const chunk = this.chunk as Buffer;
      let written: number;
      try {
        if (!this.chunkStarted) {
          this.chunkStarted = true;
          this.target.beforeWrite?.(chunk.length);
        }
        written = this.target.writeSync(chunk, this.offset, chunk.length - this.offset);
      } catch (err) {
        const code = errorCode(err);
        if (code === "EAGAIN" || code === "EWOULDBLOCK") return this.waitForRoom();
        if (code === "EPIPE") {
          this.stop();
          return false;
        }
        if (this.chunkReport > 0) reportFailed = true;
        this.dropChunk();
        // After the drop: a report routed through this writer would queue behind a failing batch.
        this.reportOnce(err);
        continue;
      }
      if (!(written > 0)) return this.waitForRoom(); // wrote nothing without an error: back off
      reportFailed = false;
      this.retryDelay = RETRY_FIRST_MS;
      this.offset += written;
      if (this.offset >= chunk.length) {
        this.settled += this.chunkLines;
        this.chunk = undefined;
        this.resolveWaiters();
      }
    }
    return false;
  }

  /** Sets up the next batch: a drop report first when one is owed, then data. False when idle. */
  private nextChunk(withReport: boolean): boolean {
    this.offset = 0;
    this.chunkStarted = false;
    this.chunkReport = 0;
    if (withReport && this.unreported > 0) {
      this.chunk = Buffer.from((this.brokenLine ? "\n" : "") + dropReportLine(this.unreported, this.sample, this.isTTY));
      this.chunkLines = 0;
      this.chunkReport = this.unreported;
      this.unreported = 0;
      this.brokenLine = false;
      return true;
    }
    let data: Buffer;
    let lines: number;
    if (this.spill !== undefined) {
      data = this.spill;
      lines = this.spillLines;
      this.spill = undefined;
    } else if (this.pending !== "") {
      data = this.encode(this.pending);
      lines = this.pendingLines;
      this.pending = "";
      this.pendingLines = 0;
    } else {
      return false;
    }
    const limit = this.target.batchLimit === undefined ? Infinity : this.batchLimit();
    if (data.length > limit) {
      // Cut after the last "\n" that fits; when no whole line fits, send the first line alone.
      let cut = limit >= 1 ? data.lastIndexOf(NEWLINE, limit - 1) + 1 : 0;
      if (cut === 0) cut = data.indexOf(NEWLINE) + 1;
      if (cut > 0 && cut < data.length) {
        const head = data.subarray(0, cut);
        const headLines = Math.min(countLines(head), lines);
        this.spill = data.subarray(cut);
        this.spillLines = lines - headLines;
        data = head;
        lines = headLines;
      }
    }
    this.chunk = data;
    this.chunkLines = lines;
    return true;
  }

  /**
   * `text` as UTF-8, in the reused scratch buffer unless it is larger than any kept. Only called when no earlier batch
   * is held (`chunk` and `spill` are empty), so the scratch buffer is free. (`Buffer.from` of a
   * long concatenated string costs several times this.)
   */
  private encode(text: string): Buffer {
    // Room for the worst case (3 UTF-8 bytes per UTF-16 unit), so one pass encodes it all: no
    // Buffer.byteLength first, which costs about as much as the encoding itself.
    const room = 3 * text.length;
    let buf = this.scratch;
    if (buf === undefined || buf.length < room) {
      buf = Buffer.allocUnsafe(room > SCRATCH_MAX ? room : Math.min(SCRATCH_MAX, Math.max(SCRATCH_MIN, room, 2 * (buf?.length ?? 0))));
      if (room <= SCRATCH_MAX) this.scratch = buf;
    }
    return buf.subarray(0, buf.write(text, 0, "utf8"));
  }


  private batchLimit(): number {
    try {
      const limit = this.target.batchLimit?.();
      return typeof limit === "number" && !Number.isNaN(limit) ? limit : Infinity;
    } catch {
      return Infinity;
    }
  }

  /** The current batch cannot be written: count what did not go out, keep the rest flowing. */
  private dropChunk(): void {
    const chunk = this.chunk as Buffer;
    // The report itself is not a user line: its count is owed again.
    this.unreported += this.chunkReport > 0 ? this.chunkReport : countLines(chunk, this.offset);
    const cutMidLine = this.offset > 0 && chunk[this.offset - 1] !== NEWLINE;
    const unsentNewline = this.chunkReport > 0 && this.offset === 0 && chunk[0] === NEWLINE;
    if (cutMidLine || unsentNewline) this.brokenLine = true;
    this.settled += this.chunkLines;
    this.chunk = undefined;
    this.resolveWaiters();
  }

  private waitForRoom(): true {
    if (this.retry === undefined) {
      this.retry = setTimeout(this.onRetry, this.retryDelay);
      // "drop" never holds the process open for a reader that does not read: at the end the
      // exit flush gives it exitTimeoutMs, no more.
      if (this.onFull === "drop") this.retry.unref();
      this.retryDelay = Math.min(this.retryDelay * 2, RETRY_LAST_MS);
    }
    return true;
  }

  /**
   * The process is ending and the reader took nothing in time: everything held is dropped and
   * counted; the count goes to stderr (the target itself is full), once per writer.
   */
  private dropHeldAtExit(): void {
    let lines = this.pendingLines + (this.spill === undefined ? 0 : this.spillLines);
    if (this.chunk !== undefined) {
      lines += this.chunkReport > 0 ? 0 : countLines(this.chunk, this.offset);
      if (this.chunkReport > 0) this.unreported += this.chunkReport;
      this.settled += this.chunkLines;
    }
    this.settled += this.pendingLines + (this.spill === undefined ? 0 : this.spillLines);
    this.pending = "";
    this.pendingLines = 0;
    this.spill = undefined;
    this.chunk = undefined;
    this.unreported += lines;
    if (!this.gaveUpReported && this.unreported > 0) {
      this.gaveUpReported = true;
      reportProblem(
        `cannot write to ${this.target.name}`,
        new Error(`it took nothing for ${this.exitTimeoutMs} ms`),
        `${this.unreported} lines dropped at exit (onFull: "drop")`,
      );
    }
    this.resolveWaiters();
  }

  private settleIdle(): void {
    if (this.retry !== undefined) {
      clearTimeout(this.retry);
      this.retry = undefined;
    }
    this.retryDelay = RETRY_FIRST_MS;
    this.resolveWaiters();
  }

  /** Output is over for good: discard everything, release timers, leave the registry. */
  private stop(): void {
    this.stopped = true;
    this.pending = "";
    this.pendingLines = 0;
    this.spill = undefined;
    this.chunk = undefined;
    this.unreported = 0;
    if (this.retry !== undefined) clearTimeout(this.retry);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    if (this.delayed !== undefined) clearTimeout(this.delayed);
    this.retry = undefined;
    this.immediate = undefined;
    this.delayed = undefined;
    this.scratch = undefined;
    this.settled = this.taken;
    this.untrack();
    this.resolveWaiters();
  }

  private resolveWaiters(): void {
    if (this.waiters.length === 0) return;
    // Idle also settles every waiter: line counts can drift when a "line" holds several "\n".
    const idle = this.isIdle();
    const keep: Array<{ until: number; resolve: () => void }> = [];
    for (const waiter of this.waiters) {
      if (idle || waiter.until <= this.settled) waiter.resolve();
      else keep.push(waiter);
    }
    this.waiters = keep;
  }

  private reportOnce(err: unknown): void {
    if (this.reported) return;
    this.reported = true;
    reportProblem(`cannot write to ${this.target.name}`, err, "lines are being dropped");
  }
}
