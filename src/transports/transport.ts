/**
 * The application-thread side of a transport: a {@link Destination} that hands lines to a
 * worker thread, which ships them to a collector. Logging never waits for the network.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { reportProblem } from "../diagnostics.js";
import { deadlineFor, isExiting, trackFlushable } from "../lifecycle.js";
import type { Destination } from "../destinations/destination.js";
import {
  CONTROL_SLOTS,
  Slot,
  type FromWorker,
  type ShipSettings,
  type SinkSpec,
  type ToWorker,
  type WorkerInit,
} from "./protocol.js";

/** Queue, batching, retry and exit options shared by every transport. */
export interface TransportOptions {
  /**
   * Most characters of lines held for the collector (in the worker and on their way to it).
   * Lines that do not fit are dropped and counted. Default 8 MiB.
   */
  maxQueue?: number;
  /** Most lines in one batch (one write, datagram burst or HTTP request). Default 500. */
  maxBatchLines?: number;
  /** Most characters in one batch (a single larger line still goes, alone). Default 1 MiB. */
  maxBatchBytes?: number;
  /** First retry delay after a failed send; it doubles (with jitter) up to `retryMaxMs`. Default 250. */
  retryMinMs?: number;
  /** Longest retry delay. Default 30 000. */
  retryMaxMs?: number;
  /**
   * How long the process end (and `flushSync()`, `close()`) waits for the collector to take what
   * is held. At exit, what is still held then is dropped and reported on stderr. Default 2 000.
   */
  exitTimeoutMs?: number;
}

/** A transport: a destination for `configure({ destination })` that ships from a worker thread. */
export interface TransportDestination extends Destination {
  /** Always false: lines stay JSON. */
  readonly isTTY: false;
  /** Always true: it reads the lines to ship them, so they are written in `json`. */
  readonly readsJson: true;
  /**
   * Resolves when every line written so far was delivered — handed to the collector, and for
   * plain TCP syslog also no longer held unread in the kernels' buffers — or dropped, or
   * `exitTimeoutMs` passed (a collector that is down must not hang `await flush(); process.exit()`;
   * the lines stay queued). Never rejects.
   */
  flush(): Promise<void>;
  /**
   * Blocks (Atomics.wait, no CPU) until every line written so far was delivered (as for
   * {@link TransportDestination.flush}), or `exitTimeoutMs` passed. Runs on process exit by itself;
   * there, what is not delivered by then is counted as dropped and reported on stderr.
   */
  flushSync(): void;
  /** Ships what is held (waiting at most `exitTimeoutMs`), then stops the worker. Later lines are ignored. */
  close(): Promise<void>;
  /**
   * Lines dropped so far (queue full, refused by the collector, or not delivered before exit —
   * for plain TCP syslog, delivered means the collector can have read them).
   */
  readonly dropped: number;
  /** Messages so far whose values were cut to fit the collector's size limit (syslog). */
  readonly truncated: number;
  /** Characters waiting for the collector. */
  readonly held: number;
}

/** Pending characters past which lines go to the worker at once, not at the end of the turn. */
const HIGH_WATER = 64 * 1024;
/** Extra wait past the worker's deadline, for its final bookkeeping. */
const EXIT_GRACE_MS = 250;

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new TypeError(`logweave transport: ${name} must be a positive number; got ${String(value)}`);
  }
  return value;
}

/**
 * The URL of the worker module (`worker.js`, beside this module). Throws an Error that says what
 * to do when it cannot be there: an application bundled into one file carries this module but
 * not the worker and its imports, and a worker that fails to load would lose every line.
 */
export function workerUrl(): URL {
  let url: URL | undefined;
  try {
    url = new URL("./worker.js", import.meta.url);
  } catch {
    url = undefined; // no module URL: a CommonJS bundle
  }
  if (url !== undefined && (url.protocol !== "file:" || fs.existsSync(fileURLToPath(url)))) return url;
  throw new Error(
    "logweave/transports: the transport worker " +
      (url === undefined ? "cannot be located (this code has no module URL: bundled as CommonJS?)" : `file ${fileURLToPath(url)} is missing`) +
      ". The transports ship from a worker thread loaded from logweave's own files, which a bundle does not contain: " +
      "keep logweave external to the bundle (esbuild --external:logweave, Rollup external: [/^logweave/], " +
      "webpack externals) so it loads from node_modules. Nothing was configured.",
  );
}

/** Applies defaults to the shared options; throws a `TypeError` naming a bad one. */
export function shipSettings(options: TransportOptions): ShipSettings & { exitTimeoutMs: number } {
  const retryMinMs = positive(options.retryMinMs, 250, "retryMinMs");
  return {
    maxQueue: positive(options.maxQueue, 8 * 1024 * 1024, "maxQueue"),
    maxBatchLines: Math.floor(positive(options.maxBatchLines, 500, "maxBatchLines")),
    maxBatchBytes: positive(options.maxBatchBytes, 1024 * 1024, "maxBatchBytes"),
    retryMinMs,
    retryMaxMs: Math.max(retryMinMs, positive(options.retryMaxMs, 30_000, "retryMaxMs")),
    exitTimeoutMs: positive(options.exitTimeoutMs, 2_000, "exitTimeoutMs"),
  };
}

/** The transport of {@link TransportDestination}, over one worker thread. */
export class WorkerTransport implements TransportDestination {
  readonly isTTY = false as const;
  readonly readsJson = true as const;

  private readonly worker: Worker;
  private readonly control: Int32Array;
  private readonly maxQueue: number;
  private readonly exitTimeoutMs: number;
  private readonly untrack: () => void;

  private pending = "";
  /** Messages posted that the worker has not taken in yet, and their characters. */
  private unreceived: Array<{ seq: number; chars: number }> = [];
  private unreceivedChars = 0;
  private droppedHere = 0;
  private seq = 0;
  private immediate: NodeJS.Immediate | undefined;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private dead = false;
  private closed = false;
  private closing: Promise<void> | undefined;

  /**
   * Starts the worker for `sink`. `name` says what is shipped to where, for problem reports.
   * Throws a `TypeError` for bad options.
   */
  constructor(sink: SinkSpec, options: TransportOptions, private readonly name: string) {
    const settings = shipSettings(options);
    const url = workerUrl();
    this.maxQueue = settings.maxQueue;
    this.exitTimeoutMs = settings.exitTimeoutMs;
    const control = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    this.control = new Int32Array(control);
    const init: WorkerInit = { sink, ship: settings, control };
    this.worker = new Worker(url, { workerData: init });
    this.worker.on("message", (message: FromWorker) => this.onMessage(message));
    this.worker.on("error", (err) => {
      reportProblem(`transport worker for ${this.name} failed`, err, "lines to it are dropped");
      this.die();
    });
    this.worker.on("exit", () => this.die());
    // The worker never keeps the application alive by itself; exit flushes it. After the
    // listeners: adding a "message" listener refs the worker again.
    this.worker.unref();
    this.untrack = trackFlushable(this);
  }

  get dropped(): number {
    return Atomics.load(this.control, Slot.dropped);
  }

  get truncated(): number {
    return Atomics.load(this.control, Slot.truncated);
  }

  get held(): number {
    return this.pending.length + this.inTransit() + Atomics.load(this.control, Slot.held);
  }

  /** Takes one finished line. Never throws, never waits. */
  write(line: string): void {
    if (this.closed || typeof line !== "string") return;
    // The cap covers what waits here, what is on its way, and what the worker holds: a worker
    // that is slow to start or to take messages in cannot make memory grow without bound.
    const held = this.held;
    if (this.dead || (held > 0 && held + line.length > this.maxQueue)) {
      this.droppedHere++;
      Atomics.add(this.control, Slot.dropped, 1);
      return;
    }
    this.pending += line;
    if (isExiting()) this.flushSync();
    else if (this.pending.length >= HIGH_WATER) this.send();
    else this.immediate ??= setImmediate(this.onImmediate);
  }

  flush(): Promise<void> {
    this.send();
    const seq = this.seq;
    if (this.dead || Atomics.load(this.control, Slot.settled) >= seq) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { seq, resolve };
      this.waiters.push(waiter);
      // Keep the process alive while someone awaits the flush, but not longer than exitTimeoutMs.
      this.worker.ref();
      this.post({ t: "flush", seq });
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i < 0) return;
        this.waiters.splice(i, 1);
        if (this.waiters.length === 0 && this.closing === undefined && !this.dead) this.worker.unref();
        resolve();
      }, this.exitTimeoutMs).unref();
    });
  }

  flushSync(startedAt?: number): void {
    this.send();
    const seq = this.seq;
    if (this.dead || Atomics.load(this.control, Slot.settled) >= seq) return;
    // At exit every destination's wait counts from the same start: the end stays bounded.
    const deadline = deadlineFor(this.exitTimeoutMs, startedAt);
    this.post({ t: "drain", deadline, final: isExiting() });
    for (;;) {
      const settled = Atomics.load(this.control, Slot.settled);
      if (settled >= seq || this.dead) return;
      const left = deadline + EXIT_GRACE_MS - Date.now();
      if (left <= 0) return;
      Atomics.wait(this.control, Slot.settled, settled, left);
    }
  }

  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    this.send();
    this.closed = true;
    this.untrack();
    this.closing = new Promise<void>((resolve) => {
      if (this.dead) return resolve();
      this.worker.ref();
      this.worker.once("exit", () => resolve());
      this.post({ t: "close", deadline: Date.now() + this.exitTimeoutMs });
    });
    return this.closing;
  }

  private readonly onImmediate = (): void => {
    this.immediate = undefined;
    this.send();
  };

  /** Hands pending lines to the worker as one message. */
  private send(): void {
    if (this.immediate !== undefined) {
      clearImmediate(this.immediate);
      this.immediate = undefined;
    }
    if (this.pending === "" && this.droppedHere === 0) return;
    if (this.dead) {
      this.pending = "";
      return;
    }
    this.seq++;
    this.unreceived.push({ seq: this.seq, chars: this.pending.length });
    this.unreceivedChars += this.pending.length;
    this.post({ t: "lines", seq: this.seq, text: this.pending, dropped: this.droppedHere });
    this.pending = "";
    this.droppedHere = 0;
  }

  /** Characters posted to the worker that it has not taken in yet. */
  private inTransit(): number {
    if (this.unreceivedChars === 0) return 0;
    const received = Atomics.load(this.control, Slot.received);
    while (this.unreceived.length > 0 && (this.unreceived[0] as { seq: number }).seq <= received) {
      this.unreceivedChars -= (this.unreceived.shift() as { chars: number }).chars;
    }
    return this.unreceivedChars;
  }

  private post(message: ToWorker): void {
    try {
      this.worker.postMessage(message);
    } catch (err) {
      reportProblem(`cannot reach the transport worker for ${this.name}`, err, "lines to it are dropped");
      this.die();
    }
  }

  private onMessage(message: FromWorker): void {
    if (message.t !== "flushed") return;
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.seq > message.seq) return true;
      waiter.resolve();
      return false;
    });
    if (this.waiters.length === 0 && this.closing === undefined) this.worker.unref();
  }

  private die(): void {
    if (this.dead) return;
    this.dead = true;
    this.untrack();
    const lost = this.pending.split("\n").length - 1;
    if (lost > 0) Atomics.add(this.control, Slot.dropped, lost);
    this.pending = "";
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }
}
