/**
 * Per-call latency to a real file (child/latency.ts): the quickstart call, logweave transformed
 * against pino's two fast file setups in both prototype states, and the floor, in a tight loop
 * and in bursts of 100 calls per event-loop turn. Each run is a process of its own; rounds
 * alternate the order; each percentile is the median over rounds.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OUT } from "./build.js";
import { IMPL, PINO_FD } from "./variants.js";
import { runOnce } from "./worker.js";

/** Latency percentiles in ns. */
export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** One implementation in one pattern. */
export interface LatencyResult {
  readonly name: string;
  readonly pattern: "tight loop" | "bursts of 100 per turn";
  readonly calls: number;
  readonly latency: Percentiles;
  /** The gap between bursts (the turn-end work), for the burst pattern. */
  readonly gaps: Percentiles | undefined;
  readonly peakRssKb: number;
  readonly wallMs: number;
}

const IMPLEMENTATIONS: readonly { name: string; impl: string; args: readonly string[]; pino: boolean }[] = [
  { name: "floor (minimal batching writer)", impl: IMPL.floor, args: [], pino: false },
  { name: "logweave transformed", impl: IMPL.transformed, args: [], pino: false },
  { name: "logweave transformed, no caller", impl: IMPL.noCaller, args: [], pino: false },
  ...PINO_FD.map((p) => ({ name: p.name, impl: IMPL.pino, args: p.args, pino: true })),
];

/** Which implementations are pino's (the best of them is "pino" in the goals). */
export const PINO_LATENCY = new Set(IMPLEMENTATIONS.filter((i) => i.pino).map((i) => i.name));

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function medianPercentiles(runs: Percentiles[]): Percentiles {
  return { p50: medianOf(runs.map((r) => r.p50)), p99: medianOf(runs.map((r) => r.p99)), p999: medianOf(runs.map((r) => r.p999)), max: medianOf(runs.map((r) => r.max)) };
}

/** Runs every implementation in both patterns, `rounds` times each. */
export async function measureLatency(calls: number, rounds: number): Promise<LatencyResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-latency-"));
  const results: LatencyResult[] = [];
  try {
    for (const [pattern, burst] of [["tight loop", 0], ["bursts of 100 per turn", 100]] as const) {
      const runs = IMPLEMENTATIONS.map(() => [] as Record<string, unknown>[]);
      for (let r = 0; r < rounds; r++) {
        for (let j = 0; j < IMPLEMENTATIONS.length; j++) {
          const k = (j + r) % IMPLEMENTATIONS.length;
          const impl = IMPLEMENTATIONS[k];
          const file = path.join(dir, `${k}.log`);
          const answer = await runOnce(`latency ${impl.name}`, path.join(OUT.plain, "latency.js"), [
            `--impl=${impl.impl}`,
            "--scenario=quickstart",
            `--file=${file}`,
            `--calls=${calls}`,
            `--burst=${burst}`,
            ...impl.args,
          ]);
          fs.rmSync(file, { force: true });
          runs[k].push(answer);
        }
      }
      IMPLEMENTATIONS.forEach((impl, k) => {
        const rs = runs[k];
        const result: LatencyResult = {
          name: impl.name,
          pattern,
          calls,
          latency: medianPercentiles(rs as unknown as Percentiles[]),
          gaps: burst > 0 ? medianPercentiles(rs.map((x) => x.gaps as Percentiles)) : undefined,
          peakRssKb: Math.max(...rs.map((x) => x.peakRssKb as number)),
          wallMs: medianOf(rs.map((x) => x.wallMs as number)),
        };
        results.push(result);
        const us = (ns: number) => (ns / 1000).toFixed(1);
        console.log(`  latency ${pattern.padEnd(24)} ${impl.name.padEnd(38)} p50 ${us(result.latency.p50)} µs p99 ${us(result.latency.p99)} µs p99.9 ${us(result.latency.p999)} µs peak RSS ${Math.round(result.peakRssKb / 1024)} MiB`);
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
