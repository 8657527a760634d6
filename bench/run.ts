/**
 * `npm run bench [-- --quick]`: every case, every logger, one process, side by side.
 *
 * Each case is measured for every implementation in turn (round-robin, two rounds; `--quick`:
 * one shorter round), median ns per call from mitata's sampler, then written to
 * `bench/RESULTS.md` with the machine, Node version and command. Ratios against pino and the
 * floor are what carry between machines.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measure } from "mitata";
import { floorCases } from "./floor.js";
import { bunyanPeer, logtapePeer, pinoPeer, tslogPeer, winstonPeer, type Peer } from "./peers.js";
import { sink } from "./sink.js";
import { buildVariants } from "./build-variants.js";
import { endToEnd, type EndToEndResult } from "./e2e.js";
import { bundleSizes } from "./size.js";
import { buildCost, buildCostTable, type BuildCostResult } from "./build-cost.js";
import { realWorld, realWorldTable, type RealWorldResult } from "./real-world.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");
const onlyArg = process.argv.find((a) => a.startsWith("--only="));
const only = onlyArg ? new Set(onlyArg.slice(7).split(",")) : undefined;

interface Impl {
  name: string;
  fn: (i: number) => void;
  inRequest?: <T>(fn: () => T) => T;
}

const CASES: { id: string; title: string; caseKey: string }[] = [
  { id: "1", title: "quickstart: info + 3 fields", caseKey: "quickstart" },
  { id: "2", title: "message only", caseKey: "messageOnly" },
  { id: "3", title: "ten fields, half static", caseKey: "tenFields" },
  { id: "4", title: "child (3 bindings) + context request id", caseKey: "childWithContext" },
  { id: "5", title: "error with cause", caseKey: "errorWithCause" },
  { id: "6", title: "disabled debug, expensive argument", caseKey: "disabledDebug" },
  { id: "7", title: "call-site info (quickstart)", caseKey: "callerQuickstart" },
  { id: "8", title: "template message, two holes", caseKey: "template" },
  // Case 1 in the other line formats (compare with case 1's json numbers).
  { id: "1e", title: "quickstart, ecs format", caseKey: "quickstartEcs" },
  { id: "1o", title: "quickstart, otel format", caseKey: "quickstartOtel" },
  { id: "1g", title: "quickstart, gcp format", caseKey: "quickstartGcp" },
  { id: "1l", title: "quickstart, logfmt format", caseKey: "quickstartLogfmt" },
  // Case 1's call in a helper that gets its logger as a parameter: one site, two loggers.
  { id: "1c", title: "quickstart site shared by loggers of two configurations", caseKey: "sharedSiteTwoConfigs" },
  { id: "1n", title: "quickstart site shared by two loggers of one configuration", caseKey: "sharedSiteTwoNames" },
];

/** What a reader of a case's table needs to know to read it right. */
const CASE_NOTES: Record<string, string> = {
  "5": "Most of this case is V8 formatting the two stack traces when the serializer reads `err.stack` (under tsx, with source-map support). pino and logweave write type, message, stack and cause; winston and bunyan as configured here (their defaults) do not read the stack (bunyan writes `{}` for an Error without its `err` serializer), which is why they look faster.",
  "6": "The floor is an empty function: the cost of one loop iteration. Elided calls are gone from the code; a runtime-disabled transformed call is two loads and a compare (configuration generation, level threshold) before `?.` skips the arguments.",
};
/** Row keys that carry an evaluation count (case 6), not a time. */
const EVALUATED = "evaluated: ";

const caseArg = process.argv.find((a) => a.startsWith("--case="))?.slice("--case=".length);
const ROW_MARK = "@@bench-row ";

/**
 * The parent: builds the variants once, then measures each case in a fresh child process (so
 * one case's heap and JIT state cannot slow the next: in one long process the floor itself
 * drifted from 53 to 260 ns by case 8), then end to end, bundle size and build cost.
 */
async function main(): Promise<void> {
  await buildVariants();
  const results: Record<string, Record<string, number>> = {};
  for (const c of CASES) {
    if (only && !only.has(c.id)) continue;
    const row = await measureInChild(c.id);
    results[c.id] = row;
    printRow(c, row);
  }

  const e2e = only && !only.has("9") ? [] : await endToEnd(quick ? 200_000 : 1_000_000);
  const sizes = await bundleSizes();
  const build =
    only && !only.has("build")
      ? undefined
      : await buildCost(quick ? { modules: 300, swcRounds: 3, tscRounds: 1 } : {});
  const real = only && !only.has("build") ? undefined : realWorld(quick ? { swcRounds: 2, tscRounds: 1 } : {});
  const markdown = report(results, e2e, sizes, build, real);
  fs.writeFileSync(path.join(here, "RESULTS.md"), markdown);
  console.log("\nwrote bench/RESULTS.md");
}

/** Runs this script with `--case=id` (same Node flags, so tsx's loader comes along); resolves to its row. */
function measureInChild(id: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const args = [...process.execArgv, fileURLToPath(import.meta.url), `--case=${id}`, ...(quick ? ["--quick"] : [])];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(ROW_MARK));
      if (code !== 0 || line === undefined) reject(new Error(`bench case ${id} failed (exit ${code})\n${out}`));
      else resolve(JSON.parse(line.slice(ROW_MARK.length)) as Record<string, number>);
    });
  });
}

/**
 * The child: every implementation of one case, side by side. Each is first run untimed (an
 * implementation measured cold can sit unoptimized for its whole first sample window), then
 * measured in round-robin rounds; the row keeps each one's best median.
 */
async function measureCase(id: string): Promise<void> {
  const c = CASES.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no bench case ${id}`);
  const variants = await buildVariants({ reuse: true });
  const peers: Peer[] = [pinoPeer(), winstonPeer(), bunyanPeer(), await logtapePeer(), tslogPeer()];
  for (const v of variants) v.module.setup(sink);
  const opts = quick ? { min_cpu_time: 50e6, max_samples: 2e3 } : { min_cpu_time: 300e6, max_samples: 1e4 };
  const warmOpts = { min_cpu_time: 50e6, max_samples: 1e3 };
  const rounds = quick ? 1 : 3;

  const impls: Impl[] = [];
  const floor = floorCases[["callerQuickstart", "sharedSiteTwoConfigs", "sharedSiteTwoNames"].includes(c.caseKey) ? "quickstart" : c.caseKey];
  if (floor) impls.push({ name: "floor", fn: floor });
  for (const v of variants) {
    const key = c.caseKey === "callerQuickstart" ? "quickstart" : c.caseKey;
    if (c.caseKey === "callerQuickstart" && !v.callerCase) continue;
    if (c.caseKey === "disabledDebug" || v.name !== "logweave elided") {
      const fn = v.module.cases[key as keyof typeof v.module.cases];
      impls.push({ name: v.name, fn, inRequest: c.caseKey === "childWithContext" ? v.module.inRequest : undefined });
    }
  }
  for (const p of peers) {
    const fn = p.cases[c.caseKey];
    if (fn) impls.push({ name: p.name, fn, inRequest: c.caseKey === "childWithContext" ? p.inRequest : undefined });
  }
  const row: Record<string, number> = {};
  for (let r = -1; r < rounds; r++) {
    for (const impl of impls) {
      let i = 0;
      const f = impl.fn;
      const run = () => measure(() => f(i++), r < 0 ? warmOpts : opts);
      const stats = impl.inRequest ? await impl.inRequest(run) : await run();
      if (r >= 0) row[impl.name] = Math.min(row[impl.name] ?? Infinity, stats.p50);
    }
  }
  if (c.caseKey === "disabledDebug") {
    for (const v of variants) row[EVALUATED + v.name] = v.module.evaluations();
  }
  console.log(ROW_MARK + JSON.stringify(row));
}

function printRow(c: { id: string; title: string }, row: Record<string, number>): void {
  console.log(`\n${c.id}. ${c.title}`);
  const pino = row.pino;
  for (const [name, ns] of Object.entries(row)) {
    if (name.startsWith(EVALUATED)) {
      console.log(`  ${name.padEnd(28)} ${ns}`);
      continue;
    }
    console.log(`  ${name.padEnd(28)} ${fmt(ns).padStart(10)}${pino ? `  ${ratio(pino, ns)} vs pino` : ""}`);
  }
}

function fmt(ns: number): string {
  return ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(1)} ns`;
}

function ratio(peer: number, ours: number): string {
  return `${(peer / ours).toFixed(2)}x`;
}

function report(
  results: Record<string, Record<string, number>>,
  e2e: EndToEndResult[],
  sizes: { name: string; bytes: number }[],
  build: BuildCostResult | undefined,
  real: RealWorldResult | undefined,
): string {
  const cmd = `npm run bench${quick ? " -- --quick" : ""}`;
  const lines: string[] = [];
  lines.push("# Benchmark results", "");
  lines.push(`Command: \`${cmd}\` · ${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length} · ${os.platform()} ${os.arch()}`, "");
  lines.push("Median ns per call (mitata); each case runs in a process of its own with all its implementations side by side (an untimed warm-up pass, then 3 rounds, best median), writing to the same in-process sink (each line arrives as a string; bytes are counted). Ratios against pino and against the floor (hand-written concatenation of precomputed strings + `Date.now()` + values) carry between machines; absolute times do not.", "");
  lines.push(...targetsTable(results, e2e, sizes, build));
  for (const c of CASES) {
    const row = results[c.id];
    if (!row) continue;
    lines.push(`## ${c.id}. ${c.title}`, "", "| implementation | median | vs pino | vs floor |", "|---|---:|---:|---:|");
    for (const [name, ns] of Object.entries(row)) {
      if (name.startsWith(EVALUATED)) continue;
      const vsPino = row.pino && name !== "pino" ? (ns <= row.pino ? `${ratio(row.pino, ns)} faster` : `${ratio(ns, row.pino)} slower`) : "";
      const vsFloor = row.floor && name.startsWith("logweave") ? `${(ns / row.floor).toFixed(2)}x floor` : "";
      lines.push(`| ${name} | ${fmt(ns)} | ${vsPino} | ${vsFloor} |`);
    }
    const evaluated = Object.entries(row).filter(([name]) => name.startsWith(EVALUATED));
    if (evaluated.length > 0) {
      lines.push("", "Times the expensive argument was evaluated during the whole case: " + evaluated.map(([name, n]) => `${name.slice(EVALUATED.length)} ${n.toLocaleString("en")}`).join(", ") + ".");
    }
    const note = CASE_NOTES[c.id];
    if (note) lines.push("", note);
    lines.push("");
  }
  const json = results["1"];
  const formats = ["1e", "1o", "1g", "1l"].filter((id) => results[id] !== undefined);
  if (json && formats.length > 0) {
    lines.push("## Formats: case 1 in each line format, as a ratio to json", "", "| format | transformed | vs json | transformed, no caller | vs json | untransformed | vs json |", "|---|---:|---:|---:|---:|---:|---:|");
    const cell = (row: Record<string, number>, name: string) =>
      row[name] === undefined || json[name] === undefined ? "| | " : `| ${fmt(row[name])} | ${(row[name] / json[name]).toFixed(2)}x `;
    for (const id of formats) {
      const row = results[id];
      const title = CASES.find((c) => c.id === id)!.title.replace("quickstart, ", "");
      lines.push(`| ${title} ${cell(row, "logweave transformed")}${cell(row, "logweave transformed, no caller")}${cell(row, "logweave untransformed")}|`);
    }
    lines.push("");
  }
  if (e2e.length > 0) {
    lines.push("## 9. end to end: lines of case 1 to stdout redirected to a file", "", "| implementation | lines | wall | lines/s | peak RSS |", "|---|---:|---:|---:|---:|");
    for (const r of e2e) lines.push(`| ${r.name} | ${r.lines.toLocaleString("en")} | ${(r.wallMs / 1000).toFixed(2)} s | ${Math.round(r.linesPerSecond).toLocaleString("en")} | ${(r.peakRssKb / 1024).toFixed(0)} MiB |`);
    lines.push("");
  }
  if (sizes.length > 0) {
    lines.push("## Bundle size (minified + gzipped, esbuild)", "", "| package | bytes |", "|---|---:|");
    for (const s of sizes) lines.push(`| ${s.name} | ${s.bytes.toLocaleString("en")} |`);
    lines.push("");
  }
  if (build) {
    lines.push(
      `## Build cost: ${build.modules} generated modules, ${build.modulesWithLogCalls} with logger calls`,
      "",
      "Fastest of several alternating rounds; `tsx bench/build-cost.ts` runs this part alone.",
      "",
      ...buildCostTable(build),
      "",
    );
  }
  if (real) {
    lines.push(
      `## Build cost on a real code base: ${real.corpus}`,
      "",
      `${real.files} source files, ${(real.chars / 1024).toFixed(0)} KiB, no logweave call (the output is byte for byte the plain build's: \`test/real-world.test.ts\`). \`npx tsx bench/real-world.ts\` runs this part alone.`,
      "",
      ...realWorldTable(real),
      "",
    );
  }
  return lines.join("\n");
}

/**
 * The issue's targets, checked against this run: each row says the measured figure and whether
 * it met the target. A target whose case was not run is left out.
 */
function targetsTable(
  results: Record<string, Record<string, number>>,
  e2e: EndToEndResult[],
  sizes: { name: string; bytes: number }[],
  build: BuildCostResult | undefined,
): string[] {
  const rows: string[] = [];
  const reasons: string[] = [];
  const check = (what: string, measured: string, target: string, met: boolean) => {
    rows.push(`| ${what} | ${measured} | ${target} | ${met ? "met" : "**missed**"} |`);
    if (!met && MISS_REASONS[what] !== undefined) reasons.push(`- **${what}**: ${MISS_REASONS[what]}`);
  };
  const c1 = results["1"];
  if (c1?.pino && c1.floor) {
    const t = c1["logweave transformed"];
    const u = c1["logweave untransformed"];
    check("1: transformed vs pino", `${(c1.pino / t).toFixed(2)}x faster`, "≥ 5x", c1.pino / t >= 5);
    check("1: transformed vs floor", `${(t / c1.floor).toFixed(2)}x the floor`, "≤ 1.5x", t / c1.floor <= 1.5);
    check("1: untransformed vs pino", `${(c1.pino / u).toFixed(2)}x faster`, "≥ 2x", c1.pino / u >= 2);
  }
  const c6 = results["6"];
  if (c6?.floor) {
    for (const name of ["logweave elided", "logweave transformed"]) {
      const evaluated = c6[EVALUATED + name];
      check(`6: ${name === "logweave elided" ? "elided" : "runtime-disabled"} debug`, `${fmt(c6[name])} (empty iteration ${fmt(c6.floor)}), argument evaluated ${evaluated} times`, "≤ an empty loop iteration", c6[name] <= c6.floor * 1.05 && evaluated === 0);
    }
  }
  const c7 = results["7"];
  if (c7) {
    const extra = c7["logweave transformed"] / c7["logweave transformed, no caller"] - 1;
    check("7: caller metadata", `${(extra * 100).toFixed(1)}% over no caller`, "≤ 10%", extra <= 0.1);
  }
  const ours = e2e.find((r) => r.name === "logweave transformed") ?? e2e.find((r) => r.name.startsWith("logweave"));
  const pinoE2e = e2e.find((r) => r.name.startsWith("pino"));
  if (ours && pinoE2e) {
    const ratio = ours.linesPerSecond / pinoE2e.linesPerSecond;
    check("9: lines/s vs pino", `${ratio.toFixed(2)}x (${Math.round(ours.linesPerSecond).toLocaleString("en")} vs ${Math.round(pinoE2e.linesPerSecond).toLocaleString("en")}), peak RSS ${(ours.peakRssKb / 1024).toFixed(0)} vs ${(pinoE2e.peakRssKb / 1024).toFixed(0)} MiB`, "≥ 3x", ratio >= 3);
  }
  const app = sizes.find((s) => s.name.startsWith("logweave as an app"));
  if (app) check("runtime bundle, as an app bundles it", `${(app.bytes / 1024).toFixed(1)} KiB`, "≤ 5 KiB", app.bytes <= 5 * 1024);
  const json = results["1"];
  for (const [id, name] of [["1e", "ecs"], ["1o", "otel"], ["1g", "gcp"]] as const) {
    const row = results[id];
    if (!row || !json) continue;
    const worst = Math.max(row["logweave transformed"] / json["logweave transformed"], row["logweave transformed, no caller"] / json["logweave transformed, no caller"]);
    check(`format ${name} vs json (transformed)`, `${worst.toFixed(2)}x at worst`, "≤ 1.5x", worst <= 1.5);
  }
  if (build) {
    check("build: SWC step vs @swc/core", `${build.swc.ratio.toFixed(2)}x`, `≤ ${build.swc.target}x`, build.swc.ratio <= build.swc.target);
    check("build: tspc + plugin vs tsc", `${build.tsc.ratio.toFixed(2)}x`, `≤ ${build.tsc.target}x`, build.tsc.ratio <= build.tsc.target);
  }
  if (rows.length === 0) return [];
  return ["## Targets", "", "| target | measured | goal | |", "|---|---|---|---|", ...rows, "", ...(reasons.length > 0 ? ["Why the misses:", "", ...reasons, ""] : [])];
}

/** What limits a target when it is missed (measured and profiled; see the issue notes). */
const MISS_REASONS: Record<string, string> = {
  "6: runtime-disabled debug":
    "the call is a configuration-generation load, a threshold compare and the `?.` that skips the arguments, about two cycles over an empty iteration; the expensive argument is never evaluated (count above).",
  "runtime bundle, as an app bundles it":
    "the line format is chosen at run time (`LOGWEAVE_FORMAT`, `pretty` on a terminal), so every format ships (json, logfmt, ecs, otel, gcp ≈ 8 KB minified, pretty 4.4 KB), with the buffered writer's exit, signal and EPIPE handling (5.4 KB) and redaction with patterns (3.2 KB); the serializer, assembler and logger alone are about 6–7 KB gzipped.",
  "build: SWC step vs @swc/core":
    "as designed (parseSync, rewrite with magic-string, then SWC's transform), a file that logs is parsed twice and its AST decoded from JSON: ≈0.08 ms parse + ≈0.06–0.15 ms transform with the chained map, against ≈0.05 ms plain, before our walk and plan (≈0.1–0.2 ms). Files without logger calls cost about 1.05x (prefilter); the logging 10% cost about 7x. Even a free rewrite would leave ≥1.19x; 1.3x needs a single-pass rewrite inside SWC (a Rust/wasm plugin).",
};

if (caseArg !== undefined) await measureCase(caseArg);
else await main();
