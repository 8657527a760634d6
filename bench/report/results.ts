/** Everything one `npm run bench` measured, for the report. */
import type { BuildCostResult } from "../build-cost.js";
import type { EndToEndResult } from "../e2e.js";
import type { RealWorldResult } from "../real-world.js";
import type { AllocationResults } from "../suite/allocation.js";
import type { LatencyResult } from "../suite/latency-runs.js";
import type { ProfileEntry } from "../suite/profile.js";
import type { SuiteResults } from "../suite/tables.js";
import type { WriteCallsResult } from "../suite/write-calls.js";

/** The run's results; a part not run is `undefined` (or empty). */
export interface BenchResults {
  readonly command: string;
  readonly quick: boolean;
  /** Set when `--only` or `--dest` selected part of the suite. */
  readonly partial: boolean;
  readonly machine: string;
  /** Load average (1 min) when the run started and ended. */
  readonly load: readonly [number, number];
  readonly rounds: number;
  readonly tables: SuiteResults;
  readonly allocation: AllocationResults | undefined;
  readonly latency: readonly LatencyResult[] | undefined;
  readonly writeCalls: readonly WriteCallsResult[] | undefined;
  /** CPU profiles of the variants that missed a goal, keyed `scenario/dest`. */
  readonly profiles: ReadonlyMap<string, readonly ProfileEntry[]>;
  readonly e2e: readonly EndToEndResult[];
  readonly sizes: readonly { name: string; bytes: number }[];
  readonly build: BuildCostResult | undefined;
  readonly real: RealWorldResult | undefined;
}
