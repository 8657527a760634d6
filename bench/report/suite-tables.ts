/** The suite's tables in markdown: the summary per destination, pino's setups, the small tables. */
import type { TableResult } from "../suite/rounds.js";
import { SCENARIOS, type Dest } from "../suite/scenarios.js";
import { byRole, fastestPino, medianNs, over, percentAdded, pinoPerRound, ratio, time, variant, vsFloor, vsPino } from "./figures.js";
import { spread } from "../suite/stats.js";
import type { BenchResults } from "./results.js";

const mark = (met: boolean) => (met ? "met" : "**missed**");

/** The summary of every scenario to `dest`: logweave's three builds, the best pino, the floor. */
export function summaryTable(r: BenchResults, dest: Dest): string[] {
  const rows: string[] = [];
  for (const s of SCENARIOS) {
    const t = r.tables.get(`${s.id}/${dest}`);
    if (t === undefined || !s.goal) continue;
    const cell = (role: "transformed" | "no-caller" | "untransformed") => {
      const v = byRole(t, role);
      return v === undefined ? "| – | – " : `| ${time(medianNs(v))} | ${ratio(vsPino(t, v))} `;
    };
    const tr = byRole(t, "transformed");
    const nc = byRole(t, "no-caller");
    const floor = byRole(t, "floor");
    const best = fastestPino(t);
    const sp = tr && vsPino(t, tr);
    const caller = dest === "fd" && tr && nc ? `| ${percentAdded(over(tr, nc))} ` : "";
    rows.push(
      `| ${s.title} ${cell("transformed")}${cell("no-caller")}${cell("untransformed")}| ${time(spread(pinoPerRound(t)).median)} (${best?.name ?? "–"}) | ${floor ? time(medianNs(floor)) : "–"} | ${tr ? ratio(vsFloor(t, tr)) : "–"} ${caller}| ${sp ? mark(sp.median >= 2) : ""} |`,
    );
  }
  if (rows.length === 0) return [];
  const callerHead = dest === "fd" ? " caller cost |" : "";
  const callerAlign = dest === "fd" ? "---:|" : "";
  return [
    `| scenario | transformed | vs pino | transformed, no caller | vs pino | untransformed | vs pino | pino (fastest setup) | floor | transformed / floor |${callerHead} ≥ 2x pino |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|${callerAlign}---|`,
    ...rows,
  ];
}

/** pino's own scenarios through `logweave/pino` (untransformed and through the plugin) against pino itself, to `dest`. */
export function pinoCompatTable(r: BenchResults, dest: Dest): string[] {
  const rows: string[] = [];
  for (const s of SCENARIOS) {
    const t = r.tables.get(`${s.id}/${dest}`);
    if (t === undefined || s.pinoFile === undefined) continue;
    const cell = (role: "pino-compat" | "pino-compat-transformed") => {
      const v = byRole(t, role);
      return v === undefined ? "| – | – " : `| ${time(medianNs(v))} | ${ratio(vsPino(t, v))} `;
    };
    const best = fastestPino(t);
    rows.push(`| ${s.title} ${cell("pino-compat")}${cell("pino-compat-transformed")}| ${time(spread(pinoPerRound(t)).median)} (${best?.name ?? "–"}) |`);
  }
  if (rows.length === 0) return [];
  return ["| scenario | logweave/pino | vs pino | logweave/pino, transformed | vs pino | pino (fastest setup) |", "|---|---:|---:|---:|---:|---:|", ...rows];
}

/** Every pino setup's median per scenario to `dest`, the fastest in bold. */
export function pinoSetupsTable(r: BenchResults, dest: Dest): string[] {
  const tables = SCENARIOS.filter((s) => s.goal).map((s) => r.tables.get(`${s.id}/${dest}`)).filter((t): t is TableResult => t !== undefined);
  if (tables.length === 0) return [];
  const names = tables[0].variants.filter((v) => v.role === "pino").map((v) => v.name);
  const lines = [`| scenario | ${names.join(" | ")} |`, `|---|${names.map(() => "---:").join("|")}|`];
  for (const t of tables) {
    const best = fastestPino(t)?.name;
    const title = SCENARIOS.find((s) => s.id === t.id)?.title ?? t.id;
    lines.push(`| ${title} | ${names.map((n) => { const v = variant(t, n); const x = v ? time(medianNs(v)) : "–"; return n === best ? `**${x}**` : x; }).join(" | ")} |`);
  }
  return lines;
}

/** One table with every variant: median, vs pino, vs floor, and its content check. */
export function variantTable(t: TableResult): string[] {
  const lines = ["| variant | median | vs pino | vs floor |", "|---|---:|---:|---:|"];
  for (const v of t.variants) {
    const p = v.role === "pino" ? undefined : vsPino(t, v);
    lines.push(`| ${v.name} | ${time(medianNs(v))} | ${ratio(p)} | ${ratio(vsFloor(t, v))} |`);
  }
  return lines;
}

/** The formats table: the quickstart in each format, as a ratio to json (per round). */
export function formatsTable(t: TableResult, formats: readonly string[]): string[] {
  const lines = ["| format | transformed | vs json | transformed, no caller | vs json | untransformed | vs json |", "|---|---:|---:|---:|---:|---:|---:|"];
  for (const f of formats) {
    const cells = ["transformed", "transformed, no caller", "untransformed"].map((k) => {
      const v = variant(t, `${k} ${f}`);
      const j = variant(t, `${k} json`);
      return v && j ? `${time(medianNs(v))} | ${ratio(over(v, j))}` : "– | –";
    });
    lines.push(`| ${f} | ${cells.join(" | ")} |`);
  }
  return lines;
}

/** Allocation per operation (heap bytes) for each goal scenario. */
export function allocationTable(r: BenchResults, columns: readonly string[]): string[] {
  if (r.allocation === undefined || r.allocation.size === 0) return [];
  const lines = [`| scenario | ${columns.join(" | ")} | transformed / best pino |`, `|---|${columns.map(() => "---:").join("|")}|---:|`];
  const bytes = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? "–" : n >= 10_240 ? `${(n / 1024).toFixed(1)} KB` : `${Math.round(n)} B`);
  for (const [id, row] of r.allocation) {
    const title = SCENARIOS.find((s) => s.id === id)?.title ?? id;
    const pino = Math.min(row.get("pino") ?? Infinity, row.get("pino, after a child") ?? Infinity);
    const t = row.get("logweave transformed");
    lines.push(`| ${title} | ${columns.map((c) => bytes(row.get(c))).join(" | ")} | ${t !== undefined && Number.isFinite(pino) && pino > 0 ? `${(t / pino).toFixed(2)}x` : "–"} |`);
  }
  return lines;
}
