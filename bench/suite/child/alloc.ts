/**
 * Heap bytes allocated per operation. Run in a process started with `--expose-gc` and a young
 * generation large enough that no collection happens while measuring
 * (`--min-semi-space-size=64 --max-semi-space-size=64`): after a full collection, V8's used heap
 * size grows by exactly what the operations allocate. A run is read at five checkpoints; if the
 * used size ever went down, a collection happened and the run is repeated with fewer operations.
 * The figure is the median of five good runs, over enough operations (about 24 MB allocated, at
 * most 1M operations) that the reading's own cost is negligible. Counts the V8 heap only: memory
 * outside it (Buffers, a file destination's pending bytes) is not included.
 */
import v8 from "node:v8";
import type { Prepared } from "./target.js";

const used = (): number => v8.getHeapStatistics().used_heap_size;
const BUDGET = 24 * 1024 * 1024;

/** Heap bytes per operation of `p` (the process must have `gc` exposed). */
export function allocationPerOp(p: Prepared, startAt: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("allocation needs --expose-gc");
  const op = p.op;
  let i = startAt;
  // Warm-up: the operation optimized, its caches filled.
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) for (let k = 0; k < 100; k++) op(i++);

  const measure = (n: number): number | undefined => {
    gc();
    gc();
    const quarter = Math.max(1, Math.floor(n / 4));
    let previous = used();
    const start = previous;
    for (let part = 0; part < 4; part++) {
      for (let k = 0; k < quarter; k++) op(i++);
      const now = used();
      if (now < previous) return undefined; // a collection ran
      previous = now;
    }
    return (previous - start) / (quarter * 4);
  };
  const first = measure(400) ?? 100_000;
  let n = Math.min(1_000_000, Math.max(400, Math.floor(BUDGET / Math.max(first, 1))));
  const samples: number[] = [];
  for (let tries = 0; samples.length < 5 && tries < 40; tries++) {
    const r = measure(n);
    if (r === undefined) n = Math.max(4, Math.floor(n / 2));
    else samples.push(r);
  }
  samples.sort((a, b) => a - b);
  return samples.length === 0 ? NaN : samples[samples.length >> 1];
}
