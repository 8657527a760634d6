/**
 * A measured process: one scenario, one implementation, one destination. Imports the
 * implementation module given by `--impl` (built by bench/suite/build.ts) and prepares the
 * scenario. Run with plain `node` (no loader, no source-map support in the process).
 *
 * `--mode=slices` (default): warms up, prints a ready line, then serves the parent over stdin, one
 * command a line: `slice` runs one measured slice and prints its figures; `end` flushes and prints
 * the final report (lines the sink received, the first lines, counters, peak RSS), then exits. The
 * parent keeps every variant of a scenario alive and asks them for slices in turn.
 *
 * `--mode=alloc`: measures heap bytes per operation (needs `--expose-gc` and a large young
 * generation; see alloc.ts), prints them and exits.
 *
 * `--mode=profile`: warms up, runs slices for `--run-ms` on its own, and exits (for `--cpu-prof`).
 *
 * `node main.js --impl=/abs/impl.js --scenario=basic --dest=sink|fd [--file=…] [--pino=sync|minLength]
 *   [--primed] [--format=ecs] [--peer=winston] [--mode=slices|alloc|profile] [--warm-ms=300] [--batch-ms=10] [--run-ms=2000]`
 */
import readline from "node:readline";
import { pathToFileURL } from "node:url";
import { allocationPerOp } from "./alloc.js";
import { arg, numberArg, report } from "./args.js";
import { SliceTimer } from "./measure.js";
import { peakRssKb } from "./peak-rss.js";
import { countingSink } from "./sink.js";
import type { Make, PinoMode, Target } from "./target.js";

const impl = arg("impl");
const scenario = arg("scenario");
if (impl === undefined || scenario === undefined) throw new Error("main: --impl and --scenario are required");
const sink = countingSink();
const target: Target = arg("dest") === "fd" ? { kind: "fd", path: arg("file")!, pino: arg("pino") as PinoMode | undefined } : { kind: "sink", sink };
const { make } = (await import(pathToFileURL(impl).href)) as { make: Make };
const prepared = await make(scenario, target, { primed: arg("primed") === "true", format: arg("format"), peer: arg("peer") });
if (prepared === undefined) throw new Error(`main: ${impl} has no scenario ${scenario}`);

const mode = arg("mode");
if (mode === "alloc") {
  report({ bytesPerOp: allocationPerOp(prepared, 0), linesPerOp: prepared.linesPerOp });
} else if (mode === "profile") {
  // Under --cpu-prof: runs slices for --run-ms without a parent, then exits (the profile is written at exit).
  const timer = new SliceTimer(prepared);
  await timer.warm(numberArg("warm-ms", 300), numberArg("batch-ms", 10));
  const until = performance.now() + numberArg("run-ms", 2000);
  while (performance.now() < until) await timer.slice();
  prepared.flushSync();
  report({ ops: timer.ops });
} else {
  const timer = new SliceTimer(prepared);
  await timer.warm(numberArg("warm-ms", 300), numberArg("batch-ms", 10));
  report({ ready: true, perSlice: timer.perSlice });
  const commands = readline.createInterface({ input: process.stdin });
  for await (const command of commands) {
    if (command === "slice") {
      report(await timer.slice());
    } else if (command === "end") {
      prepared.flushSync();
      report({
        ops: timer.ops,
        linesPerOp: prepared.linesPerOp,
        // What the sink received: the parent checks that nothing was lost and compares the content.
        sinkLines: sink.lines(),
        first: sink.first(),
        counters: prepared.counters?.(),
        peakRssKb: peakRssKb(),
      });
      commands.close();
      process.stdin.destroy();
      break;
    }
  }
}
