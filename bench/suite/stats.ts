/** Medians and spreads of per-round figures. */
import { quantile } from "./child/percentiles.js";

/** A figure over rounds: its median and interquartile range. */
export interface Spread {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly n: number;
}

/** The median and interquartile range of the finite `values`. */
export function spread(values: readonly number[]): Spread {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return { median: NaN, p25: NaN, p75: NaN, n: 0 };
  const m = s.length >> 1;
  const median = s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  return { median, p25: quantile(s, 0.25), p75: quantile(s, 0.75), n: s.length };
}

/** `a[k] / b[k]` for each round. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, k) => x / b[k]);
}

/** The smallest value of each round over several series (the best of pino's setups, per round). */
export function bestPerRound(series: readonly (readonly number[])[]): number[] {
  if (series.length === 0) return [];
  return series[0].map((_, k) => Math.min(...series.map((s) => s[k])));
}
