/**
 * A destination that keeps lines in an array: for the tests of applications that log.
 */
import type { Destination } from "./destination.js";

/** The destination returned by {@link memoryDestination}. */
export interface MemoryDestination extends Destination {
  /** Every line written so far, in order, without its trailing `\n`. */
  readonly lines: string[];
  /**
   * Each line parsed as JSON. A line that is not a JSON object comes back as
   * `{ unparsable: "<the line>" }`, so an assertion shows it instead of throwing. Never throws.
   */
  records(): Record<string, unknown>[];
  /** Forgets every line (the `lines` array is emptied in place). */
  clear(): void;
}

/** A destination that collects lines in memory; synchronous, nothing to flush. */
export function memoryDestination(): MemoryDestination {
  const lines: string[] = [];
  return {
    lines,
    isTTY: false,
    write(line: string): void {
      if (typeof line !== "string") return;
      lines.push(line.endsWith("\n") ? line.slice(0, -1) : line);
    },
    records(): Record<string, unknown>[] {
      return lines.map(parseRecord);
    },
    clear(): void {
      lines.length = 0;
    },
  };
}

function parseRecord(line: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Not JSON: fall through.
  }
  return { unparsable: line };
}
