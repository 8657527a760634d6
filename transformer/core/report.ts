/**
 * Per-file counts of what the transformer did, for the `verbose` option.
 */
import type { CallPlan } from "./plan.js";

/** What happened to a file's logger calls. */
export interface FileCounts {
  /** Calls removed (level below `minLevel`). */
  elided: number;
  /** `isLevelEnabled` calls folded to a constant. */
  folded: number;
  /** Sites with message and fields precomputed. */
  precomputed: number;
  /** Sites that fell back: dynamic message or the fields object passed whole. */
  fallback: number;
  /** Calls left as written (spread arguments, wrong argument count, …). */
  untouched: number;
}

/** Zero counts. */
export function emptyCounts(): FileCounts {
  return { elided: 0, folded: 0, precomputed: 0, fallback: 0, untouched: 0 };
}

/** Adds one planned call to `counts`. */
export function countPlan(counts: FileCounts, plan: CallPlan<unknown>): void {
  switch (plan.action) {
    case "elide":
      counts.elided++;
      break;
    case "fold":
      counts.folded++;
      break;
    case "site":
      if (plan.precomputed) counts.precomputed++;
      else counts.fallback++;
      break;
    case "leave":
      counts.untouched++;
      break;
  }
}

/** True when the file had at least one logger call. */
export function hasCalls(counts: FileCounts): boolean {
  return counts.elided + counts.folded + counts.precomputed + counts.fallback + counts.untouched > 0;
}

/**
 * One report line (no newline):
 * `logweave: src/auth.ts: 2 elided, 5 precomputed, 1 fallback, 0 folded, 0 untouched`.
 */
export function formatReport(file: string, counts: FileCounts): string {
  return (
    `logweave: ${file}: ${counts.elided} elided, ${counts.precomputed} precomputed, ` +
    `${counts.fallback} fallback, ${counts.folded} folded, ${counts.untouched} untouched`
  );
}
