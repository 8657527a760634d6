/**
 * Counting one fault's lines: what the program wrote, what reached the other end (once or more),
 * what logweave said it dropped, and what is left — lines lost without a word, the number the
 * product promises to keep at 0.
 *
 * Shared by every fault file (`syslog`, `stdout`, `file`, and the OTLP faults): a fault test
 * collects the ids it wrote and the ids that arrived, adds the drop counts logweave reported (in
 * the stream, on stderr, or through `transport.dropped`), and gets one {@link FaultRow}.
 */

/** One fault's counts, as the table prints them. */
export interface FaultRow {
  /** What was done to the program or its collector, in a few words. */
  readonly fault: string;
  /** Lines the program logged. */
  readonly written: number;
  /** Distinct lines that arrived. */
  readonly delivered: number;
  /** Lines that arrived more than once (extra copies). */
  readonly duplicates: number;
  /** Lines logweave reported as dropped (stream report lines, stderr, counters). */
  readonly droppedReported: number;
  /** Lines neither delivered nor reported: lost silently. */
  readonly lost: number;
  /** Lines reported dropped that arrived anyway (a conservative count), when any. */
  readonly overcounted: number;
  /** Anything else worth a column: time to exit, lines in flight… */
  readonly notes?: string;
}

/** The row for `fault`: `written` ids, the ids that `arrived` (repeats included), the drops reported. */
export function ledger(
  fault: string,
  written: Iterable<number | string>,
  arrived: Iterable<number | string>,
  droppedReported: number,
  notes?: string,
): FaultRow {
  const wrote = new Set(written);
  const seen = new Map<number | string, number>();
  for (const id of arrived) seen.set(id, (seen.get(id) ?? 0) + 1);
  let delivered = 0;
  let duplicates = 0;
  for (const [id, count] of seen) {
    if (!wrote.has(id)) continue; // not ours (a probe, another program's line)
    delivered++;
    duplicates += count - 1;
  }
  const missing = wrote.size - delivered;
  return {
    fault,
    written: wrote.size,
    delivered,
    duplicates,
    droppedReported,
    lost: Math.max(0, missing - droppedReported),
    overcounted: Math.max(0, droppedReported - missing),
    ...(notes === undefined ? {} : { notes }),
  };
}

/** The ids `0 … n-1`. */
export function ids(n: number, from = 0): number[] {
  return Array.from({ length: n }, (_, k) => from + k);
}
