/**
 * `npm run bench [-- --quick] [-- --only=basic,deep-object,formats,writers,alloc,latency,syscalls,e2e,size,build] [-- --dest=sink|fd] [-- --profile]`
 *
 * Builds the measured programs (bench/suite/build.ts), runs pino's benchmark suite and logweave's
 * scenarios (bench/suite/tables.ts), allocation, per-call latency and write calls to a file, end
 * to end, bundle size and build cost, then writes every table and goal to `bench/RESULTS.md` with
 * the command. `--quick` runs fewer rounds and shorter runs (a few minutes) and skips logweave's own
 * cases, the formats table, allocation and build cost unless `--only` names them; `--only` runs just
 * the named parts; `--profile` profiles the scenarios that missed "≥ 2x pino" (a full run always does).
 */
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildCost } from "./build-cost.js";
import { endToEnd } from "./e2e.js";
import { realWorld } from "./real-world.js";
import { resultsDocument } from "./report/document.js";
import { byRole, vsPino } from "./report/figures.js";
import type { BenchResults } from "./report/results.js";
import { bundleSizes } from "./size.js";
import { measureAllocation } from "./suite/allocation.js";
import { buildSuite } from "./suite/build.js";
import { measureLatency } from "./suite/latency-runs.js";
import { profileScenario, type ProfileEntry } from "./suite/profile.js";
import { SCENARIOS, type Dest } from "./suite/scenarios.js";
import { runTables } from "./suite/tables.js";
import { measureWriteCalls } from "./suite/write-calls.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const onlyArg = argv.find((a) => a.startsWith("--only="));
const only = onlyArg ? new Set(onlyArg.slice("--only=".length).split(",").filter((s) => s !== "")) : undefined;
const destArg = argv.find((a) => a.startsWith("--dest="));
const dests = destArg ? new Set(destArg.slice("--dest=".length).split(",") as Dest[]) : undefined;
const profile = argv.includes("--profile") || !quick;

/** A part runs when nothing was selected (and it is not left out of quick runs), or when named. */
const runs = (part: string, inQuick = true) => (only === undefined ? inQuick || !quick : only.has(part));
// Quick runs measure the goal scenarios and the destinations alone; logweave's own cases and the
// formats table only when named.
const tableIds =
  only !== undefined
    ? new Set([...only].filter((id) => SCENARIOS.some((s) => s.id === id) || id === "formats" || id === "writers"))
    : quick
      ? new Set([...SCENARIOS.filter((s) => s.goal).map((s) => s.id), "writers"])
      : undefined;
const anyTables = tableIds === undefined || tableIds.size > 0;

const load0 = os.loadavg()[0];
buildSuite();
// Per round, three interleaved slices per variant, one kept (bench/suite/rounds.ts). Slices long
// enough that the kept one's garbage collections stay near the variant's usual rate (V8 collects
// its young generation every 4–16 MB allocated: every few milliseconds here).
const o = quick ? { rounds: 8, passes: 3, warmMs: 200, batchMs: 8 } : { rounds: 30, passes: 3, warmMs: 400, batchMs: 25 };
const tables = anyTables ? await runTables({ ...o, quick, only: tableIds, dests }) : new Map();

const allocOnly = only === undefined ? undefined : new Set([...only].filter((id) => SCENARIOS.some((s) => s.id === id)));
const allocation = runs("alloc", false) ? await measureAllocation(allocOnly !== undefined && allocOnly.size > 0 ? allocOnly : undefined) : undefined;
const latency = runs("latency") ? await measureLatency(quick ? 100_000 : 1_000_000, quick ? 1 : 3) : undefined;
const writeCalls = runs("syscalls") ? await measureWriteCalls() : undefined;

// Profiles of the scenarios where logweave transformed missed "≥ 2x pino".
const profiles = new Map<string, ProfileEntry[]>();
if (profile) {
  for (const t of tables.values()) {
    const s = SCENARIOS.find((x) => x.id === t.id);
    const v = byRole(t, "transformed");
    const sp = v && vsPino(t, v);
    if (!s?.goal || sp === undefined || sp.median >= 2) continue;
    profiles.set(`${t.id}/${t.dest}`, await profileScenario(t.id, t.dest, "logweave transformed", quick ? 1000 : 2000));
    console.log(`  profiled ${t.id}/${t.dest}`);
  }
}

const e2e = runs("e2e") ? await endToEnd(quick ? 100_000 : 1_000_000) : [];
const sizes = runs("size") ? await bundleSizes() : [];
const build = runs("build", false) ? await buildCost(quick ? { modules: 300, swcRounds: 3, tscRounds: 1 } : {}) : undefined;
const real = runs("build", false) ? realWorld(quick ? { swcRounds: 2, tscRounds: 1 } : {}) : undefined;

const results: BenchResults = {
  command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(" ")}` : ""}`,
  quick,
  partial: only !== undefined || dests !== undefined,
  machine: `Node ${process.version} · ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length} · ${os.platform()} ${os.arch()}`,
  load: [load0, os.loadavg()[0]],
  rounds: o.rounds,
  tables,
  allocation,
  latency,
  writeCalls,
  profiles,
  e2e,
  sizes,
  build,
  real,
};
fs.writeFileSync(path.join(here, "RESULTS.md"), resultsDocument(results));
console.log("\nwrote bench/RESULTS.md");
