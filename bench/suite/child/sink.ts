/**
 * The in-process counting sink: receives each finished line as a string, counts lines and
 * characters, and keeps the first few lines for the content check. What is measured through it is
 * the cost of producing the line.
 */
import type { LineSink } from "./target.js";

/** How many lines the sink keeps for the content check. */
const KEEP = 40;

/** A counting sink and what it saw. */
export interface CountingSink extends LineSink {
  readonly lines: () => number;
  readonly chars: () => number;
  /** The first lines received (each as written, with its `\n`). */
  readonly first: () => readonly string[];
}

/** A new counting sink. */
export function countingSink(): CountingSink {
  let lines = 0;
  let chars = 0;
  const first: string[] = [];
  return {
    write(line: string): boolean {
      // Every logger here hands the sink one line per write. The sink reads only the length: reading
      // a character would make V8 flatten the concatenated string, a copy no logger asked for.
      lines++;
      chars += line.length;
      if (first.length < KEEP) first.push(line);
      return true;
    },
    lines: () => lines,
    chars: () => chars,
    first: () => first,
  };
}
