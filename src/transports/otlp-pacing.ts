/**
 * When the OTLP sink may send its next request.
 *
 * After any failed request — a refusal (400, 401, 403, 404, 500…), a retryable status, a network
 * error, a timeout — the next request waits: exponentially longer with each failure in a row,
 * half fixed and half random (so clients of a collector coming back are spread out), capped; and
 * never before the collector's `Retry-After`. A refused batch is dropped, not retried, but the
 * batch after it waits all the same: a collector that refuses everything is asked a few times a
 * second at most, not thousands.
 *
 * When someone waits for the lines (a flush at exit), backoff without a collector's hint is cut
 * to a short pace until that deadline; a `Retry-After` is still honoured.
 */

/** Pace of attempts while someone waits for the lines (at most four requests a second). */
export const HURRY_PACE_MS = 250;
/** The longest a `Retry-After` is followed (a collector asking for an hour gets a minute). */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Backoff state of one sink. Times are epoch milliseconds. */
export class Pacing {
  /** Failed requests in a row. */
  failures = 0;
  /** When the current run of failures began, or `undefined`. */
  failingSince: number | undefined;
  /** The earliest time of the next request, or `undefined` when it may go at once. */
  retryAt: number | undefined;
  private lastFailureAt = 0;
  /** True when `retryAt` is the collector's own `Retry-After`, which a hurry does not shorten. */
  private hinted = false;
  private hurryUntil = 0;

  /**
   * @param minMs the first delay's ceiling (the first delay is between half of it and it).
   * @param maxMs the longest delay without a hint.
   * @param random a source of numbers in [0, 1), for tests.
   */
  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** A request succeeded: the next one may go at once. */
  succeeded(): void {
    this.failures = 0;
    this.failingSince = undefined;
    this.retryAt = undefined;
    this.hinted = false;
  }

  /**
   * A request failed at `now`; `retryAfterMs` is the collector's hint, if it gave one. Returns
   * how long the next request waits.
   */
  failed(now: number, retryAfterMs?: number): number {
    this.failures++;
    this.failingSince ??= now;
    this.lastFailureAt = now;
    const ceiling = Math.min(this.maxMs, this.minMs * 2 ** Math.min(this.failures - 1, 30));
    let delay = ceiling / 2 + (this.random() * ceiling) / 2;
    if (now < this.hurryUntil) delay = Math.min(delay, HURRY_PACE_MS);
    const hint = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) : 0;
    this.hinted = hint > delay;
    delay = Math.max(delay, hint);
    this.retryAt = now + delay;
    return delay;
  }

  /** Someone waits for the lines until `deadline`: shorten an unhinted wait to the hurry pace. */
  hurry(deadline: number): void {
    this.hurryUntil = Math.max(this.hurryUntil, deadline);
    if (this.retryAt !== undefined && !this.hinted) this.retryAt = Math.min(this.retryAt, this.lastFailureAt + HURRY_PACE_MS);
  }

  /** How long the next request must still wait at `now` (0: it may go). */
  waitMs(now: number): number {
    return this.retryAt === undefined ? 0 : Math.max(0, this.retryAt - now);
  }
}
