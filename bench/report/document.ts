/** `bench/RESULTS.md`: every table and goal of one run. */
import { FORMATS, SCENARIOS } from "../suite/scenarios.js";
import { ALLOCATION_COLUMNS } from "../suite/allocation.js";
import { buildCostTable } from "../build-cost.js";
import { realWorldTable } from "../real-world.js";
import { time } from "./figures.js";
import { earlierTargets, goalTable, goals } from "./goals.js";
import { MISS_HINTS } from "./misses.js";
import type { BenchResults } from "./results.js";
import { allocationTable, formatsTable, pinoCompatTable, pinoSetupsTable, summaryTable, variantTable } from "./suite-tables.js";

const METHOD = [
  "How it is measured (bench/suite/): every variant — logweave built through the TypeScript plugin with caller metadata and without, logweave untransformed, pino in each of its setups, the floor — runs in a node process of its own (plain `node`, no loader), started and warmed up once per table. The parent then asks each process in turn for one *slice* (a fixed batch of operations, about 10 ms, then one turn of the event loop and, for pino's asynchronous destination, until its write is done), in an order rotated every round. Figures are CPU time of the whole process (all threads, so a write on libuv's thread pool counts; time the process was not scheduled does not) per operation, median over rounds. Ratios are taken within each round — variants a few milliseconds apart saw the same machine — and given as the median with the interquartile range in parentheses. **pino** in a ratio is, per round, the fastest of pino's setups in that table: to the sink, a fresh logger and one that has had a child (pino's `child()` is `Object.create(parent)`); to a file, `pino.destination({ sync: true })` and `pino.destination({ minLength: 4096, sync: false })`, each in both prototype states.",
  "",
  "The floor is each scenario's line built by hand: precomputed text + `Date.now()` + the values (`JSON.stringify` for strings and objects), to the same sink, or to the file through a minimal batching writer (48 Ki characters or end of turn, one `writeSync`). The sink receives each line as a string and counts it. A file is a file on disk, one per process. After the rounds every process writes out what it holds; the bench then checks that every line arrived (the sink's count, the file's lines) and that each variant's lines carry the content of pino's (parsed and compared field by field; time, pid, hostname and the call site aside; see bench/suite/content.ts).",
];

/** The whole document. */
export function resultsDocument(r: BenchResults): string {
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);
  add("# Benchmark results", "");
  add(`Command: \`${r.command}\` · ${new Date().toISOString().slice(0, 10)} · ${r.machine} · load average ${r.load[0].toFixed(1)} at the start, ${r.load[1].toFixed(1)} at the end (the machine is shared: ratios within a round carry, absolute times do not).`, "");
  if (r.partial) add("**Partial run** (`--only` / `--dest`): goals whose tables did not run are left out.", "");
  add(...METHOD, "");

  const g = goals(r);
  if (g.length > 0) {
    add("## Goals (issue 16)", "", ...goalTable(g), "");
    add(...missSection(r), "");
  }
  const e = earlierTargets(r);
  if (e.length > 0) add("## Targets of earlier issues", "", ...goalTable(e), "");

  for (const dest of ["sink", "fd"] as const) {
    const table = summaryTable(r, dest);
    if (table.length === 0) continue;
    add(`## pino's suite and logweave's scenarios → ${dest === "sink" ? "in-process sink" : "a file on disk"}`, "");
    add(
      `Median CPU time per operation; "vs pino" is how many times faster than the fastest pino setup of the round (> 1: faster). ${dest === "fd" ? "Caller cost: transformed over transformed without caller, per round. " : ""}Child creation and request scope are per operation (10 and 5 lines).`,
      "",
      ...table,
      "",
    );
  }
  for (const dest of ["sink", "fd"] as const) {
    const table = pinoSetupsTable(r, dest);
    if (table.length > 0) add(`### pino's setups → ${dest === "sink" ? "sink" : "file"} (median; fastest in bold)`, "", ...table, "");
  }
  const alloc = allocationTable(r, ALLOCATION_COLUMNS);
  if (alloc.length > 0) {
    add("## Allocation per operation", "");
    add("V8 heap bytes per operation, to the sink: each variant in its own process with `--expose-gc` and a 64 MB young generation; after a full collection, the used heap grows by exactly what the operations allocate (a run during which the used size ever went down had a collection and is repeated with fewer operations); median of 5 runs of about 24 MB each. Memory outside the V8 heap (Buffers) is not counted.", "", ...alloc, "");
  }
  if (r.latency && r.latency.length > 0) {
    add("## Per-call latency to a file", "");
    add(`The quickstart call, ${r.latency[0].calls.toLocaleString("en")} calls, each timed with \`performance.now()\` (its own cost, 30–60 ns, is in every figure); median of each percentile over the runs. Tight loop: no yield at all (a batching writer's inline flushes land on some calls). Bursts: 100 calls, then one turn of the event loop, as a server handles events; the gap between bursts is where turn-end writes go. Peak RSS: the process's own (VmHWM).`, "");
    add("| pattern | implementation | p50 | p99 | p99.9 | max | gap between bursts p99.9 | peak RSS |", "|---|---|---:|---:|---:|---:|---:|---:|");
    for (const l of r.latency) {
      add(`| ${l.pattern} | ${l.name} | ${time(l.latency.p50)} | ${time(l.latency.p99)} | ${time(l.latency.p999)} | ${time(l.latency.max)} | ${l.gaps ? time(l.gaps.p999) : ""} | ${(l.peakRssKb / 1024).toFixed(0)} MiB |`);
    }
    add("");
  }
  const writers = r.tables.get("writers/fd");
  if (writers || r.writeCalls) {
    add("## Destinations alone", "");
    if (writers) add("One finished quickstart line (131 bytes) handed to each writer, to a file; CPU time per line. The minimal writer joins lines in a string and makes one `writeSync` at 48 Ki characters or at the end of the turn.", "", ...variantTable(writers), "");
    if (r.writeCalls) {
      add("Write system calls per line when the application logs slowly (counted by the kernel: `syscw` in `/proc/self/io`):", "", "| writer | one line per event-loop turn | one line per millisecond |", "|---|---:|---:|");
      for (const w of r.writeCalls) add(`| ${w.name} | ${w.perTurn.toFixed(3)} | ${w.perMs.toFixed(3)} |`);
      add("");
    }
  }
  for (const dest of ["sink", "fd"] as const) {
    const compat = pinoCompatTable(r, dest);
    if (compat.length > 0) {
      add(`## pino's suite through \`logweave/pino\` → ${dest === "sink" ? "in-process sink" : "a file on disk"}`, "", "pino's benchmark calls unchanged, with `import pino from \"logweave/pino\"` in place of `pino` (bench/suite/build.ts writes that copy of impl/pino.ts), built plain and through the TypeScript plugin; to a file both write into `pino.destination({ sync: true })`. \"vs pino\": as above, against the fastest pino setup of the round.", "", ...compat, "");
    }
  }
  const own = SCENARIOS.filter((s) => !s.goal && r.tables.has(`${s.id}/sink`));
  if (own.length > 0) {
    add("## logweave's own cases → in-process sink", "");
    for (const s of own) {
      const t = r.tables.get(`${s.id}/sink`)!;
      add(`### ${s.title}`, "", `\`${s.call}\``, "", ...variantTable(t), "");
      const evaluated = t.variants.filter((v) => v.counters?.evaluated !== undefined);
      if (evaluated.length > 0) add(`Times the expensive argument was evaluated: ${evaluated.map((v) => `${v.name} ${v.counters!.evaluated.toLocaleString("en")}`).join(", ")}.`, "");
      if (s.note) add(s.note, "");
    }
  }
  const q = r.tables.get("quickstart/sink");
  if (q?.variants.some((v) => v.role === "peer")) add("## Other loggers: quickstart → sink", "", ...variantTable(q), "", "Other loggers' lines have their own shapes; for them the bench checks only that every line arrived.", "");
  const f = r.tables.get("formats/sink");
  if (f) add("## Formats: the quickstart in each line format, as a ratio to json (sink)", "", ...formatsTable(f, FORMATS), "");

  add("## Scenarios", "", "| scenario | call | from pino's | note |", "|---|---|---|---|");
  for (const s of SCENARIOS) add(`| ${s.title} | ${s.call.replace(/\|/g, "\\|")} | ${s.pinoFile ?? ""} | ${s.note ?? ""} |`);
  add("", "pino's scenarios are those of its `benchmarks/` folder (pino 10.4.0, as installed in node_modules/pino/benchmarks); the other loggers of those files (bunyan, winston, bole, debug, loglevel) are left out, and `multistream.js` (a pino feature with no counterpart) too.", "");

  if (r.e2e.length > 0) {
    add("## End to end: quickstart lines to stdout redirected to a file", "", "Each program in its own process; wall time from spawn to exit (the final flush counts); peak RSS is the child's own (VmHWM).", "", "| implementation | lines | wall | lines/s | peak RSS |", "|---|---:|---:|---:|---:|");
    for (const x of r.e2e) add(`| ${x.name} | ${x.lines.toLocaleString("en")} | ${(x.wallMs / 1000).toFixed(2)} s | ${Math.round(x.linesPerSecond).toLocaleString("en")} | ${(x.peakRssKb / 1024).toFixed(0)} MiB |`);
    add("");
  }
  if (r.sizes.length > 0) {
    add("## Bundle size (minified + gzipped, esbuild)", "", "| package | bytes |", "|---|---:|");
    for (const s of r.sizes) add(`| ${s.name} | ${s.bytes.toLocaleString("en")} |`);
    add("");
  }
  if (r.build) add(`## Build cost: ${r.build.modules} generated modules, ${r.build.modulesWithLogCalls} with logger calls`, "", "Fastest of several alternating rounds; `npx tsx bench/build-cost.ts` runs this part alone.", "", ...buildCostTable(r.build), "");
  if (r.real) {
    add(
      `## Build cost on a real code base: ${r.real.corpus}`,
      "",
      `${r.real.files} source files, ${(r.real.chars / 1024).toFixed(0)} KiB, no logweave call (the output is byte for byte the plain build's: \`test/real-world.test.ts\`). \`npx tsx bench/real-world.ts\` runs this part alone.`,
      "",
      ...realWorldTable(r.real),
      "",
    );
  }
  return out.join("\n");
}

/** For each scenario that missed "≥ 2x pino": the fresh profile's top functions and the known reason. */
function missSection(r: BenchResults): string[] {
  if (r.profiles.size === 0) return [];
  const out = ["### Where the time goes in the misses", "", "CPU profile of logweave transformed in each scenario that missed ≥ 2x pino (`node --cpu-prof`, 2 s of slices; `npx tsx bench/suite/profile.ts <scenario> [sink|fd]` runs one). Self time: in the function itself; with callees: while it is on the stack.", ""];
  for (const [key, entries] of r.profiles) {
    const [id] = key.split("/");
    out.push(`**${key}**${MISS_HINTS[id] ? `: ${MISS_HINTS[id]}` : ""}`, "", "| self | with callees | function |", "|---:|---:|---|");
    for (const e of entries.slice(0, 8)) out.push(`| ${(e.self * 100).toFixed(1)}% | ${(e.total * 100).toFixed(1)}% | \`${e.fn}\` |`);
    out.push("");
  }
  return out;
}
