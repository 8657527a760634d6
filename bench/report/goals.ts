
import { SCENARIOS } from "../suite/scenarios.js";
import type { Spread } from "../suite/stats.js";
import { PINO_LATENCY } from "../suite/latency-runs.js";
import { byRole, medianNs, over, percentAdded, ratio, time, variant, vsFloor, vsPino } from "./figures.js";
import type { BenchResults } from "./results.js";

/** One checked goal. */
export interface GoalRow {
  /** The issue's goal number and what it asks. */
  readonly goal: string;
  readonly measured: string;
  readonly target: string;
  /** `undefined`: reported, no pass/fail. */
  readonly met: boolean | undefined;
}

const GOAL_SCENARIOS = SCENARIOS.filter((s) => s.goal);

/** The scenarios held to "≥ 2x pino" whose table ran, with the transformed speedup. */
function speedups(r: BenchResults, dest: "sink" | "fd", role: "transformed" | "no-caller" = "transformed"): { id: string; s: Spread }[] {
  const out: { id: string; s: Spread }[] = [];
  for (const sc of GOAL_SCENARIOS) {
    const t = r.tables.get(`${sc.id}/${dest}`);
    const v = t && byRole(t, role);
    const s = t && v && vsPino(t, v);
    if (s !== undefined) out.push({ id: sc.id, s });
  }
  return out;
}

function worst(list: { id: string; s: Spread }[]): { id: string; s: Spread } | undefined {
  return [...list].sort((a, b) => a.s.median - b.s.median)[0];
}

function allAtLeast(r: BenchResults, dest: "sink" | "fd", min: number): GoalRow | undefined {
  const list = speedups(r, dest);
  if (list.length === 0) return undefined;
  const misses = list.filter((x) => x.s.median < min);
  const w = worst(list)!;
  return {
    goal: `2. transformed ≥ ${min}x pino on every scenario, ${dest === "sink" ? "in-process sink" : "real file"}`,
    measured: `${list.length - misses.length} of ${list.length} scenarios; slowest: ${w.id} ${ratio(w.s)}${misses.length > 0 ? `; missed: ${misses.map((m) => `${m.id} ${m.s.median.toFixed(2)}x`).join(", ")}` : ""}`,
    target: `≥ ${min}x`,
    met: misses.length === 0,
  };
}

function scenarioAtLeast(r: BenchResults, goal: string, id: string, min: number): GoalRow[] {
  const rows: GoalRow[] = [];
  for (const dest of ["sink", "fd"] as const) {
    const t = r.tables.get(`${id}/${dest}`);
    const v = t && byRole(t, "transformed");
    const s = t && v && vsPino(t, v);
    if (s === undefined) continue;
    rows.push({ goal: `${goal}, ${dest === "sink" ? "sink" : "file"}`, measured: `${ratio(s)} pino's speed`, target: `≥ ${min}x`, met: s.median >= min });
  }
  return rows;
}

/** Every goal this run can check. */
export function goals(r: BenchResults): GoalRow[] {
  const rows: GoalRow[] = [];
  const push = (row: GoalRow | undefined) => row && rows.push(row);

  const ran = GOAL_SCENARIOS.filter((s) => r.tables.has(`${s.id}/sink`) && r.tables.has(`${s.id}/fd`)).length;
  if (GOAL_SCENARIOS.some((s) => r.tables.has(`${s.id}/sink`) || r.tables.has(`${s.id}/fd`))) {
    push({ goal: "1. pino's suite (and logweave's scenarios) to the sink and to a file", measured: `${ran} of ${GOAL_SCENARIOS.length} scenarios, both destinations, ${r.rounds} rounds`, target: "every scenario", met: ran === GOAL_SCENARIOS.length });
  }
  push(allAtLeast(r, "sink", 2));
  push(allAtLeast(r, "fd", 2));
  const never = [...speedups(r, "sink"), ...speedups(r, "fd"), ...speedups(r, "sink", "no-caller"), ...speedups(r, "fd", "no-caller")];
  if (never.length > 0) {
    const w = worst(never)!;
    push({ goal: "2. never slower than pino (transformed, caller on and off, sink and file)", measured: `slowest: ${w.id} ${ratio(w.s)}`, target: "≥ 1x everywhere", met: w.s.median >= 1 });
  }
  const q = r.tables.get("quickstart/sink");
  const qt = q && byRole(q, "transformed");
  if (q && qt) {
    const p = vsPino(q, qt);
    const f = vsFloor(q, qt);
    if (p) push({ goal: "2. quickstart vs pino, sink", measured: ratio(p), target: "≥ 5x", met: p.median >= 5 });
    if (f) push({ goal: "2. quickstart vs the floor, sink", measured: `${ratio(f)} the floor's time`, target: "≤ 1.3x", met: f.median <= 1.3 });
  }
  const qo = r.tables.get("quickstart-pino-order/sink");
  const qot = qo && byRole(qo, "transformed");
  if (q && qt && qo && qot) {
    const ratioOrder = medianNs(qot) / medianNs(qt);
    push({ goal: "3. pino's order: quickstart as `info({ … }, msg)` vs `info(msg, { … })`, transformed, sink", measured: `${ratioOrder.toFixed(2)}x the time (${time(medianNs(qot))} vs ${time(medianNs(qt))}; separate tables)`, target: "same plan (≈ 1x)", met: undefined });
  }
  const deep = r.tables.get("deep-object/sink");
  const deepT = deep && byRole(deep, "transformed");
  const deepF = deep && deepT && vsFloor(deep, deepT);
  if (deepF) push({ goal: "4. plain data: deep-object line vs the floor's (`JSON.stringify` + fragments), sink", measured: `${ratio(deepF)} the floor's time`, target: "≤ 1.3x", met: deepF.median <= 1.3 });

  const callers: { id: string; s: Spread }[] = [];
  for (const sc of GOAL_SCENARIOS) {
    const t = r.tables.get(`${sc.id}/fd`);
    const on = t && byRole(t, "transformed");
    const off = t && byRole(t, "no-caller");
    if (on && off) callers.push({ id: sc.id, s: over(on, off) });
  }
  const qc = callers.find((c) => c.id === "quickstart");
  if (qc) push({ goal: "5. caller on a real file: quickstart", measured: percentAdded(qc.s), target: "≤ +15%", met: qc.s.median <= 1.15 });
  if (callers.length > 0) {
    const w = [...callers].sort((a, b) => b.s.median - a.s.median)[0];
    push({ goal: "5. caller on a real file: every scenario", measured: `costliest: ${w.id} ${percentAdded(w.s)}`, target: "≤ +15%", met: w.s.median <= 1.15 });
  }
  if (r.allocation !== undefined && r.allocation.size > 0) {
    push({ goal: "5. allocation per call beside pino's", measured: `${r.allocation.size} scenarios (table below)`, target: "reported", met: undefined });
  }
  for (const row of scenarioAtLeast(r, "6. child creation no slower than pino", "child-creation", 1)) push(row);
  for (const row of scenarioAtLeast(r, "6. request scope (`withContext` + 5 lines) no slower than a pino child per request", "request-scope", 1)) push(row);
  for (const row of scenarioAtLeast(r, "6. Error with cause no slower than pino", "error-cause", 1)) push(row);

  if (r.build) {
    const files = r.build.swcFilesWithCalls.ratio;
    push({ goal: "7. SWC step: a file that logs vs plain `@swc/core`", measured: `${files.toFixed(2)}x`, target: "≤ 2x", met: files <= 2 });
    push({ goal: "7. SWC step: the corpus (10% of files log)", measured: `${r.build.swc.ratio.toFixed(2)}x`, target: "≤ 1.3x", met: r.build.swc.ratio <= 1.3 });
  }
  const writers = r.tables.get("writers/fd");
  const lw = writers && variant(writers, "logweave file");
  const minimal = writers && variant(writers, "minimal");
  if (lw && minimal) {
    const s = over(lw, minimal);
    push({ goal: "8. file destination vs a minimal batching writer (one line, ns per line)", measured: `${ratio(s)} (${time(medianNs(lw))} vs ${time(medianNs(minimal))})`, target: "≤ 1.3x", met: s.median <= 1.3 });
  }
  const wc = r.writeCalls?.find((w) => w.name === "logweave file");
  if (wc) {
    push({ goal: "8. batching across event-loop turns: write calls per line at low rates", measured: `${wc.perTurn.toFixed(3)} at one line a turn, ${wc.perMs.toFixed(3)} at one line a ms`, target: "≤ 0.1 (no syscall per line)", met: wc.perTurn <= 0.1 && wc.perMs <= 0.1 });
  }
  for (const pattern of ["tight loop", "bursts of 100 per turn"] as const) {
    const runs = r.latency?.filter((l) => l.pattern === pattern) ?? [];
    const ours = runs.find((l) => l.name === "logweave transformed");
    const pinos = runs.filter((l) => PINO_LATENCY.has(l.name));
    if (ours === undefined || pinos.length === 0) continue;
    const best = [...pinos].sort((a, b) => a.latency.p999 - b.latency.p999)[0];
    push({
      goal: `8. p99.9 per call, ${runs[0].calls.toLocaleString("en")} calls to a file, ${pattern}`,
      measured: `${time(ours.latency.p999)} vs ${time(best.latency.p999)} (${best.name})`,
      target: "≤ pino's",
      met: ours.latency.p999 <= best.latency.p999,
    });
  }
  const problems = [...r.tables.values()].flatMap((t) => t.variants.filter((v) => v.problem !== undefined).map((v) => `${t.id}/${t.dest} ${v.name}`));
  if (r.tables.size > 0) {
    push({ goal: "9. every variant's lines carry the reference content, every line arrived", measured: problems.length === 0 ? `all ${[...r.tables.values()].reduce((n, t) => n + t.variants.length, 0)} variants` : `${problems.length} failed: ${problems.join("; ")}`, target: "all", met: problems.length === 0 });
  }
  return rows;
}

/** The targets of earlier issues that this bench still checks. */
export function earlierTargets(r: BenchResults): GoalRow[] {
  const rows: GoalRow[] = [];
  const q = r.tables.get("quickstart/sink");
  const u = q && byRole(q, "untransformed");
  const up = q && u && vsPino(q, u);
  if (up) rows.push({ goal: "quickstart untransformed vs pino, sink", measured: ratio(up), target: "≥ 2x", met: up.median >= 2 });
  const d = r.tables.get("disabled-debug/sink");
  if (d) {
    const floor = byRole(d, "floor");
    for (const role of ["elided", "transformed"] as const) {
      const v = byRole(d, role);
      if (!v || !floor) continue;
      const evaluated = v.counters?.evaluated ?? NaN;
      rows.push({
        goal: `${role === "elided" ? "elided" : "runtime-disabled"} debug with an expensive argument`,
        measured: `${time(medianNs(v))} (empty iteration ${time(medianNs(floor))}), argument evaluated ${evaluated} times`,
        target: "≤ an empty loop iteration, never evaluated",
        met: medianNs(v) <= medianNs(floor) * 1.05 && evaluated === 0,
      });
    }
  }
  const f = r.tables.get("formats/sink");
  if (f) {
    for (const format of ["ecs", "otel", "gcp"]) {
      const worstFormat = Math.max(
        ...(["transformed", "transformed, no caller"] as const).map((k) => {
          const a = variant(f, `${k} ${format}`);
          const b = variant(f, `${k} json`);
          return a && b ? over(a, b).median : NaN;
        }),
      );
      if (Number.isFinite(worstFormat)) rows.push({ goal: `format ${format} vs json (transformed)`, measured: `${worstFormat.toFixed(2)}x at worst`, target: "≤ 1.5x", met: worstFormat <= 1.5 });
    }
  }
  const ours = r.e2e.find((e) => e.name === "logweave transformed");
  const pinoBest = [...r.e2e.filter((e) => e.name.startsWith("pino"))].sort((a, b) => b.linesPerSecond - a.linesPerSecond)[0];
  if (ours && pinoBest) {
    const x = ours.linesPerSecond / pinoBest.linesPerSecond;
    rows.push({ goal: "end to end: lines/s vs pino's best setup", measured: `${x.toFixed(2)}x (${Math.round(ours.linesPerSecond).toLocaleString("en")} vs ${Math.round(pinoBest.linesPerSecond).toLocaleString("en")}, ${pinoBest.name})`, target: "≥ 3x", met: x >= 3 });
  }
  const app = r.sizes.find((s) => s.name.startsWith("logweave as an app"));
  if (app) rows.push({ goal: "runtime bundle, as an app bundles it", measured: `${(app.bytes / 1024).toFixed(1)} KiB`, target: "≤ 5 KiB", met: app.bytes <= 5 * 1024 });
  if (r.build) rows.push({ goal: "build: tspc + plugin vs tsc", measured: `${r.build.tsc.ratio.toFixed(2)}x`, target: `≤ ${r.build.tsc.target}x`, met: r.build.tsc.ratio <= r.build.tsc.target });
  return rows;
}

/** A goal table in markdown. */
export function goalTable(rows: readonly GoalRow[]): string[] {
  if (rows.length === 0) return [];
  return ["| goal | measured | target | |", "|---|---|---|---|", ...rows.map((g) => `| ${g.goal} | ${g.measured} | ${g.target} | ${g.met === undefined ? "reported" : g.met ? "met" : "**missed**"} |`)];
}

