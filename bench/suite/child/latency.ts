/**
 * Per-call latency to a real file: `--calls` calls of one scenario (timed one by one with
 * `performance.now()`, whose own cost, about 30–60 ns, is in every figure alike), in one of two
 * patterns: `--burst=0`, a tight loop that never yields (the worst case for a writer that batches:
 * its inline flushes land on some calls); `--burst=N`, N calls then one turn of the event loop, as
 * a server handles events — where turn-end writes run between bursts, so the gap between bursts
 * is reported too. Prints p50, p99, p99.9 and the maximum in ns, and the process's peak RSS.
 *
 * `node latency.js --impl=/abs/impl.js --scenario=quickstart --file=… [--pino=sync|minLength] [--primed]
 *   [--calls=1000000] [--burst=0]`
 */
import { pathToFileURL } from "node:url";
import { arg, numberArg, report } from "./args.js";
import { turn } from "./measure.js";
import { peakRssKb } from "./peak-rss.js";
import { latencySummary } from "./percentiles.js";
import type { Make, PinoMode } from "./target.js";

const impl = arg("impl")!;
const { make } = (await import(pathToFileURL(impl).href)) as { make: Make };
const prepared = await make(arg("scenario")!, { kind: "fd", path: arg("file")!, pino: arg("pino") as PinoMode | undefined }, { primed: arg("primed") === "true" });
if (prepared === undefined) throw new Error(`latency: ${impl} has no scenario ${arg("scenario")}`);
const calls = numberArg("calls", 1_000_000);
const burst = numberArg("burst", 0);
const op = prepared.op;

// Warm-up: the same pattern, untimed.
let i = 0;
for (let k = 0; k < 20_000; k++) {
  op(i++);
  if (burst > 0 && k % burst === burst - 1) await turn();
}
await turn();

const latencies = new Float64Array(calls);
const gaps = new Float64Array(burst > 0 ? Math.ceil(calls / burst) : 0);
let gapCount = 0;
const started = performance.now();
for (let k = 0; k < calls; k++) {
  const t0 = performance.now();
  op(i++);
  latencies[k] = (performance.now() - t0) * 1e6;
  if (burst > 0 && k % burst === burst - 1) {
    const g0 = performance.now();
    await turn();
    gaps[gapCount++] = (performance.now() - g0) * 1e6;
  }
}
const wallMs = performance.now() - started;
prepared.flushSync();
report({
  calls,
  burst,
  wallMs,
  ...latencySummary(latencies),
  gaps: burst > 0 ? latencySummary(gaps.subarray(0, gapCount)) : undefined,
  linesWritten: i * prepared.linesPerOp,
  peakRssKb: peakRssKb(),
});
