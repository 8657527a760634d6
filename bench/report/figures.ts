/**
 * The figures a table's rounds give: a variant's median time, and ratios computed within each
 * round (the machine is shared; variants measured in the same round saw the same load), reported
 * as their median and interquartile range. "pino" is, in each round, the fastest of pino's
 * setups in that table (prototype states; sync: true or minLength to a file).
 */
import type { TableResult, VariantResult } from "../suite/rounds.js";
import { bestPerRound, ratios, spread, type Spread } from "../suite/stats.js";

/** The variant named `name`, or `undefined`. */
export function variant(t: TableResult, name: string): VariantResult | undefined {
  return t.variants.find((v) => v.name === name);
}

/** The first variant with `role`, or `undefined`. */
export function byRole(t: TableResult, role: VariantResult["role"]): VariantResult | undefined {
  return t.variants.find((v) => v.role === role);
}

/** Per round, the fastest of the table's pino setups (empty when it has none). */
export function pinoPerRound(t: TableResult): number[] {
  return bestPerRound(t.variants.filter((v) => v.role === "pino").map((v) => v.cpuNs));
}

/** The median CPU ns per operation of `v`. */
export function medianNs(v: VariantResult): number {
  return spread(v.cpuNs).median;
}

/** How many times faster than pino `v` is, per round (> 1: faster); `undefined` without pino. */
export function vsPino(t: TableResult, v: VariantResult): Spread | undefined {
  const pino = pinoPerRound(t);
  return pino.length === 0 ? undefined : spread(ratios(pino, v.cpuNs));
}

/** `v`'s time over the floor's, per round; `undefined` without a floor. */
export function vsFloor(t: TableResult, v: VariantResult): Spread | undefined {
  const floor = byRole(t, "floor");
  return floor === undefined || floor === v ? undefined : spread(ratios(v.cpuNs, floor.cpuNs));
}

/** `a`'s time over `b`'s, per round. */
export function over(a: VariantResult, b: VariantResult): Spread {
  return spread(ratios(a.cpuNs, b.cpuNs));
}

/** The pino setup with the lowest median in `t`, or `undefined`. */
export function fastestPino(t: TableResult): VariantResult | undefined {
  const pinos = t.variants.filter((v) => v.role === "pino");
  return pinos.sort((a, b) => medianNs(a) - medianNs(b))[0];
}

/** `412 ns`, `3.41 µs`, `1.20 ms`. */
export function time(ns: number): string {
  if (!Number.isFinite(ns)) return "–";
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1000) return `${(ns / 1000).toFixed(2)} µs`;
  return `${ns.toFixed(ns < 10 ? 1 : 0)} ns`;
}

/** `2.31x (2.10–2.52)`: the median and interquartile range of a ratio. */
export function ratio(s: Spread | undefined): string {
  if (s === undefined || !Number.isFinite(s.median)) return "–";
  const d = s.median >= 10 ? 1 : 2;
  return `${s.median.toFixed(d)}x (${s.p25.toFixed(d)}–${s.p75.toFixed(d)})`;
}

/** `+12% (8–15)`: a ratio over 1 as a percentage added. */
export function percentAdded(s: Spread): string {
  const p = (x: number) => ((x - 1) * 100).toFixed(0);
  return `${s.median >= 1 ? "+" : ""}${p(s.median)}% (${p(s.p25)}–${p(s.p75)})`;
}
