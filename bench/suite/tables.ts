/**
 * Every timing table of the suite: each scenario to each of its destinations, the formats table
 * and the destination-alone table, one after the other (see rounds.ts for one table).
 */
import { FORMATS, SCENARIOS, type Dest } from "./scenarios.js";
import { measureTable, type RoundOptions, type Table, type TableResult } from "./rounds.js";
import { formatVariants, variantsOf, writerVariants } from "./variants.js";

/** What to run. */
export interface SuiteOptions extends RoundOptions {
  readonly quick: boolean;
  /** Scenario ids (and `formats`, `writers`) to run; all when undefined. */
  readonly only: ReadonlySet<string> | undefined;
  /** Destinations to run; both when undefined. */
  readonly dests: ReadonlySet<Dest> | undefined;
}

/** Every table's figures, keyed `scenario/dest` (`formats/sink`, `writers/fd`). */
export type SuiteResults = Map<string, TableResult>;

/** Runs the tables `o` selects, printing a line per table. */
export async function runTables(o: SuiteOptions): Promise<SuiteResults> {
  const results: SuiteResults = new Map();
  const wanted = (id: string, dest: Dest) => (o.only === undefined || o.only.has(id)) && (o.dests === undefined || o.dests.has(dest));
  const run = async (table: Table) => {
    const r = await measureTable(table, o);
    results.set(`${r.id}/${r.dest}`, r);
    printTable(r);
  };
  for (const s of SCENARIOS) {
    for (const dest of s.dests) {
      if (wanted(s.id, dest)) await run({ id: s.id, scenario: s.id, dest, variants: variantsOf(s, dest, o), content: s.content });
    }
  }
  if (wanted("formats", "sink")) await run({ id: "formats", scenario: "quickstart", dest: "sink", variants: formatVariants(FORMATS), content: "fields" });
  if (wanted("writers", "fd")) await run({ id: "writers", scenario: "line", dest: "fd", variants: writerVariants(), content: "fields" });
  return results;
}

function printTable(r: TableResult): void {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`\n${r.id} → ${r.dest}`);
  for (const v of r.variants) {
    console.log(`  ${v.name.padEnd(40)} ${median(v.cpuNs).toFixed(0).padStart(9)} ns/op${v.problem ? `  CONTENT: ${v.problem.slice(0, 200)}` : ""}`);
  }
}
