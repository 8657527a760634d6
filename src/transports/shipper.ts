/**
 * The worker's shipping loop: queue, batches, retries with backoff, drop counting, flush and
 * drain bookkeeping. One shipper per worker, one batch in flight at a time, so lines reach the
 * collector in the order they were logged.
 */
import { reportProblem } from "../diagnostics.js";
import { dropReportLine } from "./line.js";
import type { FromWorker, ShipSettings } from "./protocol.js";
import { Slot } from "./protocol.js";
import { LineQueue } from "./queue.js";
import { ShipError, type Sink } from "./sink.js";

/** Retry pace while draining at exit: the deadline is short, so try often. */
const DRAIN_RETRY_MS = 50;
/**
 * How often an idle shipper asks a sink without acknowledgements whether the collector has read
 * what it was sent: while someone waits (a flush, the exit), and otherwise.
 */
const CONFIRM_POLL_HURRIED_MS = 1;
const CONFIRM_POLL_MS = 200;
/** At most one problem report of each kind per this interval, so a flapping collector cannot flood stderr. */
const REPORT_INTERVAL_MS = 60_000;

/** Ships lines from the application thread to a {@link Sink}. */
export class Shipper {
  private readonly queue: LineQueue;
  /** The batch being sent or waiting for its retry, and how many of its lines are the user's. */
  private batch: string[] | undefined;
  private batchUserLines = 0;
  private batchReport = 0;
  private batchChars = 0;

  /**
   * Lines received; lines done (handed to the sink, or dropped); lines settled (done, and read
   * by the collector when the sink can tell); and the message marks between them.
   */
  private received = 0;
  private doneLines = 0;
  private settledLines = 0;
  /** Past the final deadline: what the sink has not confirmed counts as settled (it was dropped). */
  private givenUp = false;
  private readonly marks: Array<{ seq: number; upTo: number }> = [];
  private settledSeq = 0;
  private readonly flushWaits: number[] = [];

  private unreported = 0;
  private failures = 0;
  private pumping = false;
  private wake: (() => void) | undefined;
  /** Ends an idle wait for the collector's confirmation early: new lines, a flush, a drain. */
  private idleWake: (() => void) | undefined;
  private deadline: number | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  /** At the deadline, drop what is left (the process is ending or the transport closing). */
  private final = false;
  private stopped = false;
  private lastOutageReport = -Infinity;
  private lastRefusalReport = -Infinity;

  constructor(
    private readonly sink: Sink,
    private readonly settings: ShipSettings,
    private readonly control: Int32Array,
    private readonly post: (message: FromWorker) => void,
  ) {
    this.queue = new LineQueue();
  }

  /**
   * Takes the lines of message `seq` (each ended by `\n`); `droppedBefore` lines were dropped
   * by the application thread (already counted) and are to be announced.
   */
  receive(seq: number, text: string, droppedBefore = 0): void {
    if (droppedBefore > 0) this.unreported += droppedBefore;
    let count = 0;
    let dropped = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      if (end > start) {
        count++;
        const line = text.slice(start, end);
        // The cap covers the queue and the batch in flight: all the worker holds.
        if (this.stopped || (this.held() > 0 && this.held() + line.length > this.settings.maxQueue)) dropped++;
        else this.queue.push(line);
      }
      start = end + 1;
    }
    this.received += count;
    this.marks.push({ seq, upTo: this.received });
    Atomics.store(this.control, Slot.received, seq);
    if (dropped > 0) {
      this.drop(dropped);
      this.doneLines += dropped;
    }
    this.publishHeld();
    this.settleMarks();
    this.idleWake?.();
    this.pump();
  }

  /** Posts `flushed` once every message up to `seq` is settled. */
  requestFlush(seq: number): void {
    if (this.settledSeq >= seq) this.post({ t: "flushed", seq });
    else {
      this.flushWaits.push(seq);
      this.idleWake?.();
    }
  }

  /**
   * Someone waits: retry every {@link DRAIN_RETRY_MS} instead of backing off until `deadline`.
   * Then, when `final` (the process is ending), count whatever is left as dropped (one report on
   * stderr) and settle it all; otherwise return to the normal pace.
   */
  drain(deadline: number, final: boolean): void {
    if (final) this.final = true;
    this.deadline = Math.min(this.deadline ?? Infinity, deadline);
    if (this.deadlineTimer !== undefined) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(() => this.expire(), Math.max(0, this.deadline - Date.now()));
    this.wake?.();
    this.idleWake?.();
    this.pump();
  }

  /**
   * Ships what is held (giving up at `deadline`, as {@link drain} does), then releases the sink;
   * resolves when done.
   */
  async close(deadline: number): Promise<void> {
    this.drain(deadline, true);
    // Until the deadline: past it, what is left (a drop report the dead collector will not take
    // either, say) is given up, not retried forever.
    while ((this.batch !== undefined || this.queue.length > 0 || this.sinkOwes()) && Date.now() < deadline && !this.givenUp) {
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
      this.pump();
    }
    if (this.batch !== undefined || this.queue.length > 0 || this.sinkOwes()) this.expire();
    this.stopped = true;
    if (this.deadlineTimer !== undefined) clearTimeout(this.deadlineTimer);
    this.wake?.();
    this.idleWake?.();
    this.sink.close();
  }

  private pump(): void {
    if (!this.pumping) void this.pumpLoop();
  }

  private async pumpLoop(): Promise<void> {
    this.pumping = true;
    try {
      while (!this.stopped) {
        if (this.batch === undefined && !this.nextBatch()) {
          if (!this.sinkOwes()) {
            this.endDrain();
            break;
          }
          // Nothing to send, but the sink has lines to send again or not yet read: settle them.
          try {
            await (this.sink.settle as (hurry: boolean) => Promise<void>)(this.hurried());
          } catch (err) {
            if (this.stopped) break;
            this.failures++;
            this.reportOutage(err);
            await this.pause(this.retryDelay(err));
            continue;
          }
          this.failures = 0;
          this.publishHeld();
          this.settleMarks();
          if (this.sinkOwes() && this.queue.length === 0 && this.unreported === 0) {
            await this.idle(this.hurried() ? CONFIRM_POLL_HURRIED_MS : CONFIRM_POLL_MS);
          }
          continue;
        }
        const batch = this.batch as string[];
        let refused: number;
        try {
          refused = await this.sink.send(batch, batch.length - this.batchUserLines);
        } catch (err) {
          if (this.stopped || this.batch !== batch) continue; // expired meanwhile
          if (err instanceof ShipError && !err.retryable) {
            this.refuse(err, this.batchUserLines);
            this.dropBatch(this.batchUserLines);
            continue;
          }
          this.failures++;
          this.reportOutage(err);
          await this.pause(this.retryDelay(err));
          continue;
        }
        if (this.stopped || this.batch !== batch) continue;
        this.failures = 0;
        const userRefused = Math.min(Math.max(0, refused), this.batchUserLines);
        if (userRefused > 0) this.refuse(new Error(`${userRefused} lines refused`), userRefused);
        this.finishBatch(userRefused);
      }
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Makes the next batch from the queue, a drop report first when one is owed (alone when
   * nothing else waits, so the count is not held back until the next line). False when idle.
   */
  private nextBatch(): boolean {
    if (this.queue.length === 0 && this.unreported === 0) return false;
    const lines = this.queue.take(this.settings.maxBatchLines, this.settings.maxBatchBytes);
    this.batchUserLines = lines.length;
    this.batchReport = 0;
    if (this.unreported > 0) {
      lines.unshift(dropReportLine(this.unreported));
      this.batchReport = this.unreported;
      this.unreported = 0;
    }
    this.batch = lines;
    this.batchChars = lines.reduce((sum, line) => sum + line.length, 0);
    this.publishHeld();
    return true;
  }

  /** The batch went out; `dropped` of its user lines were refused one by one. */
  private finishBatch(dropped: number): void {
    this.batch = undefined;
    if (dropped > 0) this.drop(dropped);
    this.doneLines += this.batchUserLines;
    this.batchUserLines = 0;
    this.batchReport = 0;
    this.batchChars = 0;
    this.publishHeld();
    this.settleMarks();
  }

  /** The whole batch is lost: its user lines are dropped, its report is owed again. */
  private dropBatch(userLines: number): void {
    this.unreported += this.batchReport;
    this.batchReport = 0;
    this.finishBatch(userLines);
  }

  private drop(count: number): void {
    this.unreported += count;
    Atomics.add(this.control, Slot.dropped, count);
  }

  /** Deadline reached while draining: back to the normal pace, or, when final, drop and settle everything held. */
  private expire(): void {
    this.deadlineTimer = undefined;
    this.deadline = undefined;
    if (!this.final) return;
    this.updateSettled();
    const unread = Math.max(0, this.doneLines - this.settledLines);
    const left = (this.batch === undefined ? 0 : this.batchUserLines) + this.queue.length + unread;
    // Report before settling anything: settling wakes the application thread, which then ends the process.
    if (left > 0) {
      const note = unread > 0 ? ` (${unread} of them sent but not yet read by the collector: they arrive if it reads them)` : "";
      reportProblem(`cannot ship to ${this.sink.name}`, new Error("the collector did not take them in time"), `${left} lines lost at exit${note}`);
    }
    if (unread > 0) Atomics.add(this.control, Slot.dropped, unread);
    this.givenUp = true;
    const queued = this.queue.clear();
    if (queued > 0) {
      this.drop(queued);
      this.doneLines += queued;
    }
    if (this.batch !== undefined) this.dropBatch(this.batchUserLines);
    this.publishHeld();
    this.settleMarks();
    this.wake?.();
  }

  /** All held lines are out: a non-final drain is over. */
  private endDrain(): void {
    if (this.final || this.deadlineTimer === undefined) return;
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
    this.deadline = undefined;
  }

  /** True while the sink owes something (lines to send again, or not known to be read). */
  private sinkOwes(): boolean {
    return !this.givenUp && this.sink.busy?.() === true && this.sink.settle !== undefined;
  }

  /** True while someone waits: a flush, a drain or the exit. */
  private hurried(): boolean {
    return this.deadline !== undefined || this.flushWaits.length > 0;
  }

  /** Waits `ms`, or less when lines, a flush or a drain come in. */
  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        if (self.idleWake === done) self.idleWake = undefined;
        resolve();
      }
      this.idleWake = done;
    });
  }

  /**
   * Lines done and, for a sink that can tell, read by the collector: never fewer than before
   * (a line counted read is not unread by a lost connection, only sent again).
   */
  private updateSettled(): void {
    const unread = this.givenUp ? 0 : (this.sink.pendingLines?.() ?? 0);
    this.settledLines = Math.max(this.settledLines, this.doneLines - unread);
  }

  private settleMarks(): void {
    this.updateSettled();
    let seq = this.settledSeq;
    while (this.marks.length > 0 && (this.marks[0] as { upTo: number }).upTo <= this.settledLines) {
      seq = (this.marks.shift() as { seq: number }).seq;
    }
    if (seq === this.settledSeq) return;
    this.settledSeq = seq;
    Atomics.store(this.control, Slot.settled, seq);
    Atomics.notify(this.control, Slot.settled);
    for (let i = this.flushWaits.length - 1; i >= 0; i--) {
      const wait = this.flushWaits[i] as number;
      if (wait <= seq) {
        this.flushWaits.splice(i, 1);
        this.post({ t: "flushed", seq: wait });
      }
    }
  }

  /** Characters held: queued, in flight, and kept by the sink to send again. */
  private held(): number {
    return this.queue.chars + this.batchChars + (this.givenUp ? 0 : (this.sink.heldChars?.() ?? 0));
  }

  private publishHeld(): void {
    Atomics.store(this.control, Slot.held, Math.min(this.held(), 0x7fffffff));
    const truncated = this.sink.truncated;
    if (truncated !== undefined) Atomics.store(this.control, Slot.truncated, Math.min(truncated, 0x7fffffff));
  }

  /** Exponential backoff with jitter, or the collector's hint; short and steady while draining. */
  private retryDelay(err: unknown): number {
    if (this.deadline !== undefined) return Math.max(0, Math.min(DRAIN_RETRY_MS, this.deadline - Date.now()));
    const hint = err instanceof ShipError ? err.retryAfterMs : undefined;
    if (hint !== undefined && hint >= 0) return Math.min(hint, Math.max(this.settings.retryMaxMs, 60_000));
    const { retryMinMs, retryMaxMs } = this.settings;
    const ceiling = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(this.failures - 1, 30));
    // Half fixed, half random: collectors coming back are not hit by every client at once.
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  /** Waits `ms`, or less when a drain or close asks to hurry. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        if (self.wake === done) self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }

  private reportOutage(err: unknown): void {
    const now = Date.now();
    if (this.failures !== 1 || now - this.lastOutageReport < REPORT_INTERVAL_MS) return;
    this.lastOutageReport = now;
    reportProblem(
      `cannot ship to ${this.sink.name}`,
      err,
      `holding up to ${this.settings.maxQueue} characters and retrying; lines beyond that are dropped and counted`,
    );
  }

  private refuse(err: unknown, count: number): void {
    const now = Date.now();
    if (now - this.lastRefusalReport < REPORT_INTERVAL_MS) return;
    this.lastRefusalReport = now;
    reportProblem(`${this.sink.name} refused ${count} lines`, err, "they are dropped and counted");
  }
}
