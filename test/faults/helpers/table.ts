/**
 * The table every fault test prints: one line per fault with what was written, delivered,
 * dropped-and-reported and lost, so a run shows at a glance where lines went.
 */
import type { FaultRow } from "./ledger.js";

const COLUMNS: ReadonlyArray<[keyof FaultRow, string]> = [
  ["fault", "fault"],
  ["written", "written"],
  ["delivered", "delivered"],
  ["duplicates", "dup"],
  ["droppedReported", "dropped+reported"],
  ["lost", "lost"],
  ["overcounted", "overcounted"],
  ["notes", "notes"],
];

/** The rows as a fixed-width text table under `title`. */
export function formatTable(title: string, rows: readonly FaultRow[]): string {
  const cells = rows.map((row) => COLUMNS.map(([key]) => String(row[key] ?? "")));
  const widths = COLUMNS.map(([, head], c) => Math.max(head.length, ...cells.map((r) => (r[c] as string).length)));
  const line = (values: readonly string[]): string =>
    values.map((v, c) => (c === 0 || c === values.length - 1 ? v.padEnd(widths[c] as number) : v.padStart(widths[c] as number))).join(" | ").trimEnd();
  return [`\n${title}`, line(COLUMNS.map(([, head]) => head)), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.map(line)].join("\n") + "\n";
}

/** Prints the table on stdout (the test run's output, not an alarm on stderr). */
export function printTable(title: string, rows: readonly FaultRow[]): void {
  process.stdout.write(formatTable(title, rows));
}
