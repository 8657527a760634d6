/**
 * Heap bytes allocated per operation, for each goal scenario, to the in-process sink: logweave
 * transformed, untransformed, pino (both prototype states) and the floor, each in a process of its
 * own started with `--expose-gc` and a 64 MB young generation (see child/alloc.ts for the method).
 */
import path from "node:path";
import { OUT } from "./build.js";
import { SCENARIOS } from "./scenarios.js";
import { IMPL } from "./variants.js";
import { runOnce } from "./worker.js";

/** The variants whose allocation is reported, by column name. */
const COLUMNS: readonly { name: string; impl: string; args: readonly string[] }[] = [
  { name: "floor", impl: IMPL.floor, args: [] },
  { name: "logweave transformed", impl: IMPL.transformed, args: [] },
  { name: "logweave untransformed", impl: IMPL.untransformed, args: [] },
  { name: "pino", impl: IMPL.pino, args: [] },
  { name: "pino, after a child", impl: IMPL.pino, args: ["--primed"] },
];

/** Bytes per operation by scenario id, then by column name. */
export type AllocationResults = Map<string, Map<string, number>>;

/** The column names, in order. */
export const ALLOCATION_COLUMNS = COLUMNS.map((c) => c.name);

/** Measures every goal scenario `only` selects. */
export async function measureAllocation(only: ReadonlySet<string> | undefined): Promise<AllocationResults> {
  const results: AllocationResults = new Map();
  for (const s of SCENARIOS) {
    if (!s.goal || (only !== undefined && !only.has(s.id))) continue;
    const row = new Map<string, number>();
    for (const c of COLUMNS) {
      const r = await runOnce(`alloc ${s.id} ${c.name}`, path.join(OUT.plain, "main.js"), [`--impl=${c.impl}`, `--scenario=${s.id}`, "--dest=sink", "--mode=alloc", ...c.args], [
        "--expose-gc",
        "--min-semi-space-size=64",
        "--max-semi-space-size=64",
      ]);
      row.set(c.name, r.bytesPerOp as number);
    }
    results.set(s.id, row);
    console.log(`  alloc ${s.id.padEnd(24)} ${[...row].map(([k, v]) => `${k} ${Math.round(v)}`).join(" · ")}`);
  }
  return results;
}
