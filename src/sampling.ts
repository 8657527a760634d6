/**
 * Per-call-site sampling and rate limits, decided before any argument of a call is evaluated.
 *
 * Rules are keyed by where a call is: `"src/hot.ts:42"` (file and line, as the transformer
 * records them, relative to the build root), `"src/hot.ts"` (every call in that file), or `"*"`
 * (every call without a more specific rule — the only rule untransformed calls can match, since
 * they carry no file). The rate keeps that fraction of calls, evenly spaced and deterministic
 * (0.25: the 1st, 5th, 9th… call), not at random. `maxPerSecond` caps the lines of each call site
 * in each wall-clock second. Untransformed calls of one logger name and level count as one site.
 * Each kept line says how many calls of its site were left out since the previous kept one.
 */

/** Sampling options of `configure()`. */
export interface SampleRules {
  readonly [where: string]: number;
}

/** The scale of the integer accumulator: exact arithmetic, no drift over millions of calls. */
const ONE = 1_000_000;

/** The sampling state of one call site under one configuration. */
export class SiteSampling {
  /** The configuration's sampling this state belongs to. */
  readonly owner: Sampling;
  /** Kept fraction, scaled by {@link ONE}. */
  readonly rate: number;
  /** Starts one step short of a keep, so a site's first call is written (rate 0: never). */
  private acc: number;
  private second = -1;
  private count = 0;
  /** Calls left out since the last kept one. */
  dropped = 0;

  constructor(owner: Sampling, rate: number) {
    this.owner = owner;
    this.rate = rate;
    this.acc = rate === 0 ? -Infinity : ONE - rate;
  }

  /** Decides one call: true to write it. Counts what it leaves out. */
  keep(): boolean {
    if (this.rate < ONE) {
      this.acc += this.rate;
      if (this.acc < ONE) {
        this.dropped++;
        return false;
      }
      this.acc -= ONE;
    }
    const max = this.owner.maxPerSecond;
    if (max !== undefined) {
      const second = Math.floor(Date.now() / 1000);
      if (second !== this.second) {
        this.second = second;
        this.count = 0;
      }
      if (this.count >= max) {
        this.dropped++;
        return false;
      }
      this.count++;
    }
    return true;
  }

  /** The count left out before the line being written now, reset to zero. */
  takeDropped(): number {
    const n = this.dropped;
    this.dropped = 0;
    return n;
  }
}

/** Sampling under one configuration: the rules, and the state of untransformed calls. */
export class Sampling {
  /** Kept fraction by `"file:line"`, `"file"` or `"*"`. */
  readonly rules: ReadonlyMap<string, number>;
  /** Lines per call site per second, or `undefined` for no cap. */
  readonly maxPerSecond: number | undefined;
  /** States of untransformed calls, by level and logger name (bounded). */
  private readonly plain = new Map<string, SiteSampling>();
  /** States of call sites, by site id: they belong to this configuration, not to the sites. */
  private readonly sites: (SiteSampling | undefined)[] = [];

  constructor(rules: SampleRules | undefined, maxPerSecond: number | undefined) {
    const map = new Map<string, number>();
    if (rules !== undefined) for (const [k, v] of Object.entries(rules)) map.set(k, v);
    this.rules = map;
    this.maxPerSecond = maxPerSecond;
  }

  /** A new state for a call site at `file`/`line` (either may be unknown). */
  stateFor(file: string | undefined, line: number | undefined): SiteSampling {
    let rate = this.rules.get("*") ?? 1;
    if (file !== undefined) rate = this.rules.get(file + ":" + line) ?? this.rules.get(file) ?? rate;
    return new SiteSampling(this, Math.round(Math.min(1, Math.max(0, rate)) * ONE));
  }

  /** The state of a call site under this configuration (made on its first call). */
  stateOf(site: { readonly id: number; readonly file: string | undefined; readonly line: number | undefined }): SiteSampling {
    return (this.sites[site.id] ??= this.stateFor(site.file, site.line));
  }

  /** The state shared by the untransformed calls of one logger name at one level. */
  plainState(name: string | undefined, level: number): SiteSampling {
    const key = level + ":" + (name ?? "");
    let s = this.plain.get(key);
    if (s === undefined) {
      s = this.stateFor(undefined, undefined);
      if (this.plain.size < 10_000) this.plain.set(key, s);
    }
    return s;
  }
}

/**
 * Checks sampling options; returns a message naming the problem, or `undefined` when they are
 * valid. Never throws.
 */
export function checkSampling(sample: unknown, maxPerSecond: unknown): string | undefined {
  if (sample !== undefined) {
    if (sample === null || typeof sample !== "object" || Array.isArray(sample)) return "sample must be an object of file or file:line to a rate";
    for (const [k, v] of Object.entries(sample)) {
      if (typeof v !== "number" || !(v >= 0 && v <= 1)) return `sample[${JSON.stringify(k)}] must be a number from 0 to 1`;
    }
  }
  if (maxPerSecond !== undefined && (typeof maxPerSecond !== "number" || !(maxPerSecond >= 1) || !Number.isFinite(maxPerSecond))) {
    return "maxPerSecond must be a finite number >= 1";
  }
  return undefined;
}
