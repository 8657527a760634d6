/**
 * The timing of a measured process, one slice at a time: the parent asks each process of a
 * scenario in turn for a slice, so the variants are compared within milliseconds of each other on
 * a machine whose load changes from second to second.
 *
 * A slice is one batch of operations (a fixed count, set during the warm-up to take about
 * `batchMs`), then one turn of the event loop, as an application yields, then as many more turns
 * as the destination needs to have nothing in flight (a write on libuv's thread pool finishes
 * inside the slice that caused it). Turn-end writes therefore count. A slice is measured in wall
 * time and in CPU time of the whole process (every thread), and counts the garbage collections it
 * held (the parent uses the count so that keeping a fast slice never means keeping one that
 * happened to have fewer collections; see rounds.ts).
 */
import { PerformanceObserver } from "node:perf_hooks";
import type { Prepared } from "./target.js";

/**
 * Garbage collections so far. Counted by a `gc` performance observer, which Node notifies
 * asynchronously: a collection at the very end of a slice may count in the next one. (Not V8's
 * GCProfiler: with it on, every collection made the next ones slower.)
 */
let collections = 0;
new PerformanceObserver((list) => {
  collections += list.getEntries().length;
}).observe({ entryTypes: ["gc"] });

/** One slice's figures: times per operation, and the garbage collections it contained. */
export interface Slice {
  readonly wallNs: number;
  readonly cpuNs: number;
  /** Collections (young and full) during the slice. */
  readonly gcs: number;
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** One turn of the event loop (immediates run, then I/O callbacks). */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs a prepared scenario in measured slices. */
export class SliceTimer {
  readonly #p: Prepared;
  #i = 0;
  /** Operations per slice (set by {@link warm}). */
  perSlice = 1;

  constructor(p: Prepared) {
    this.#p = p;
  }

  /** Operations run so far. */
  get ops(): number {
    return this.#i;
  }

  /** Runs untimed for `ms` of CPU time, doubling the batch until it takes about `batchMs`; sets {@link perSlice}. */
  async warm(ms: number, batchMs: number): Promise<void> {
    const op = this.#p.op;
    let n = 1;
    // The fastest batch seen at the final size: the machine is shared, and a batch that ran while
    // a neighbour had the CPU would make the slices too short.
    let bestMsPerOp = Infinity;
    // Counted in CPU time: on a loaded machine a wall-clock warm-up can end before the JIT is done.
    const until = cpuNow() + ms * 1e6;
    while (cpuNow() < until || bestMsPerOp === Infinity) {
      const t0 = performance.now();
      for (let k = 0; k < n; k++) op(this.#i++);
      const took = performance.now() - t0;
      await this.#settle();
      if (took < batchMs / 2 && n < 1e7) n *= 2;
      else bestMsPerOp = Math.min(bestMsPerOp, took / n);
    }
    this.perSlice = Math.max(1, Math.round(batchMs / bestMsPerOp));
  }

  /** One measured slice. */
  async slice(): Promise<Slice> {
    const op = this.#p.op;
    const n = this.perSlice;
    const gc0 = collections;
    const w0 = performance.now();
    const c0 = cpuNow();
    for (let k = 0; k < n; k++) op(this.#i++);
    await this.#settle();
    const w1 = performance.now();
    const c1 = cpuNow();
    const gcs = collections - gc0;
    return { wallNs: ((w1 - w0) * 1e6) / n, cpuNs: (c1 - c0) / n, gcs };
  }

  /** One turn, then until the destination has nothing in flight. */
  async #settle(): Promise<void> {
    await turn();
    if (this.#p.settle !== undefined) await this.#p.settle();
  }
}
