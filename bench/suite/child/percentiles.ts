/** Percentiles of a sample. */

/** The value at quantile `q` (0–1) of `sorted` (ascending), nearest rank; NaN when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** p50, p99, p99.9 and the maximum of `values` (sorted in place). */
export function latencySummary(values: Float64Array): { p50: number; p99: number; p999: number; max: number } {
  values.sort();
  return { p50: quantile(values, 0.5), p99: quantile(values, 0.99), p999: quantile(values, 0.999), max: values[values.length - 1] ?? NaN };
}
