/**
 * The OTLP sink's backoff: when the next request may go after a failure, a Retry-After, a
 * success, and while someone waits for the lines at exit.
 */
import { describe, expect, it } from "vitest";
import { HURRY_PACE_MS, MAX_RETRY_AFTER_MS, Pacing } from "../src/transports/otlp-pacing.js";

const T0 = 1_000_000;

describe("OTLP pacing", () => {
  it("lets the first request go at once", () => {
    expect(new Pacing(250, 30_000).waitMs(T0)).toBe(0);
  });

  it("waits between half and all of a ceiling that doubles with each failure in a row, up to the cap", () => {
    for (const random of [0, 0.5, 0.999]) {
      const pacing = new Pacing(250, 4_000, () => random);
      const delays = Array.from({ length: 8 }, (_, i) => pacing.failed(T0 + i));
      const ceilings = [250, 500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000];
      delays.forEach((delay, i) => {
        expect(delay).toBeGreaterThanOrEqual(ceilings[i]! / 2);
        expect(delay).toBeLessThanOrEqual(ceilings[i]!);
      });
    }
  });

  it("spreads clients out: the same failure count gives different waits with different luck", () => {
    const low = new Pacing(1_000, 30_000, () => 0).failed(T0);
    const high = new Pacing(1_000, 30_000, () => 0.99).failed(T0);
    expect(high - low).toBeGreaterThan(400);
  });

  it("never goes before the collector's Retry-After, even when backoff alone would be shorter", () => {
    const pacing = new Pacing(10, 50, () => 0.5);
    expect(pacing.failed(T0, 5_000)).toBe(5_000);
    expect(pacing.waitMs(T0 + 4_999)).toBe(1);
    expect(pacing.waitMs(T0 + 5_000)).toBe(0);
  });

  it("a Retry-After of 0 does not turn the backoff off (no storm at a collector saying 'now')", () => {
    const pacing = new Pacing(250, 30_000, () => 0);
    expect(pacing.failed(T0, 0)).toBeGreaterThanOrEqual(125);
  });

  it("follows a Retry-After of an hour for a minute at most", () => {
    expect(new Pacing(250, 30_000).failed(T0, 3_600_000)).toBe(MAX_RETRY_AFTER_MS);
  });

  it("remembers when the failures began, and forgets it all at the first success", () => {
    const pacing = new Pacing(250, 30_000);
    pacing.failed(T0);
    pacing.failed(T0 + 300);
    expect(pacing.failingSince).toBe(T0);
    expect(pacing.failures).toBe(2);
    pacing.succeeded();
    expect([pacing.failingSince, pacing.failures, pacing.retryAt, pacing.waitMs(T0 + 301)]).toEqual([undefined, 0, undefined, 0]);
    pacing.failed(T0 + 400);
    expect(pacing.failingSince).toBe(T0 + 400);
  });

  it("while someone waits, a long backoff is cut to the hurry pace after the last failure", () => {
    const pacing = new Pacing(250, 30_000, () => 0.5);
    for (let i = 0; i < 10; i++) pacing.failed(T0);
    expect(pacing.waitMs(T0)).toBeGreaterThan(10_000);
    pacing.hurry(T0 + 2_000);
    expect(pacing.waitMs(T0)).toBe(HURRY_PACE_MS);
    // A failure during the hurry waits no longer than the pace either.
    expect(pacing.failed(T0 + 300)).toBeLessThanOrEqual(HURRY_PACE_MS);
  });

  it("while someone waits, a Retry-After still holds", () => {
    const pacing = new Pacing(250, 30_000);
    pacing.failed(T0, 1_500);
    pacing.hurry(T0 + 2_000);
    expect(pacing.waitMs(T0)).toBe(1_500);
    expect(pacing.failed(T0 + 1_500, 1_000)).toBe(1_000);
  });

  it("after the hurry's deadline, failures back off as before", () => {
    const pacing = new Pacing(1_000, 30_000, () => 0);
    pacing.hurry(T0 + 100);
    expect(pacing.failed(T0 + 200)).toBe(500);
  });
});
