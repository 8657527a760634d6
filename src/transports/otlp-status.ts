/**
 * The OTLP transport's health, written by its worker and read by the application at any time
 * without a round trip: a small SharedArrayBuffer guarded by a sequence lock (the writer makes
 * the sequence odd while it writes; a reader retries until it sees the same even value before
 * and after reading).
 */

/** What the application can know about an OTLP transport (`transport.status`). */
export interface OtlpTransportStatus {
  /** Lines dropped so far: queue full, refused by the collector, or not shipped before exit. */
  readonly dropped: number;
  /** Characters waiting for the collector. */
  readonly held: number;
  /**
   * When the current run of failed requests began (epoch ms), or `undefined` while the last
   * request succeeded (or none failed yet). Any failure counts: a refusal, an error status, a
   * network error, a timeout.
   */
  readonly failingSince: number | undefined;
  /** Failed requests in a row; 0 once one succeeds. */
  readonly consecutiveFailures: number;
  /**
   * The last failure, e.g. `"HTTP 401: …"`, `"ECONNREFUSED connect ECONNREFUSED 127.0.0.1:4318"`,
   * `"no complete answer within 10000 ms"` (at most 512 bytes), kept after recovery; `undefined`
   * when nothing failed yet.
   */
  readonly lastError: string | undefined;
  /** When the last failure happened (epoch ms), or `undefined`. */
  readonly lastErrorAt: number | undefined;
  /** When the collector last accepted a request (epoch ms), or `undefined`. */
  readonly lastSuccessAt: number | undefined;
  /** While backing off: the earliest time of the next request (epoch ms); otherwise `undefined`. */
  readonly retryAt: number | undefined;
}

/** The part of {@link OtlpTransportStatus} the worker's sink knows. */
export type OtlpSinkStatus = Omit<OtlpTransportStatus, "dropped" | "held">;

// Layout: Int32 [sequence, consecutiveFailures, error byte length, unused], then Float64
// [failingSince, lastErrorAt, lastSuccessAt, retryAt] (NaN = none), then the error text (UTF-8).
const SEQUENCE = 0;
const FAILURES = 1;
const ERROR_LENGTH = 2;
const TIMES_OFFSET = 16;
const FAILING_SINCE = 0;
const LAST_ERROR_AT = 1;
const LAST_SUCCESS_AT = 2;
const RETRY_AT = 3;
const TEXT_OFFSET = TIMES_OFFSET + 4 * Float64Array.BYTES_PER_ELEMENT;
const MAX_ERROR_BYTES = 512;
/** How long a write may seem under way before the reader takes what is there (the writer died). */
const STUCK_WRITE_MS = 100;

/** A new, empty status block to share between the application and the worker. */
export function createStatusBuffer(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(TEXT_OFFSET + MAX_ERROR_BYTES);
  new Float64Array(buffer, TIMES_OFFSET, 4).fill(NaN);
  return buffer;
}

/** The worker's side: records each request's outcome. */
export class StatusWriter {
  private readonly ints: Int32Array;
  private readonly times: Float64Array;
  private readonly text: Uint8Array;
  private readonly encoder = new TextEncoder();

  /** Writes into `buffer` (from {@link createStatusBuffer}). */
  constructor(buffer: SharedArrayBuffer) {
    this.ints = new Int32Array(buffer, 0, 4);
    this.times = new Float64Array(buffer, TIMES_OFFSET, 4);
    this.text = new Uint8Array(buffer, TEXT_OFFSET, MAX_ERROR_BYTES);
  }

  /** A request failed at `now` (epoch ms); the next one waits until `retryAt`. */
  failed(now: number, error: string, failures: number, failingSince: number, retryAt: number): void {
    this.write(() => {
      Atomics.store(this.ints, FAILURES, Math.min(failures, 0x7fffffff));
      this.times[FAILING_SINCE] = failingSince;
      this.times[LAST_ERROR_AT] = now;
      this.times[RETRY_AT] = retryAt;
      // encodeInto never splits a character, so the kept text is valid UTF-8.
      const { written } = this.encoder.encodeInto(error, this.text);
      Atomics.store(this.ints, ERROR_LENGTH, written);
    });
  }

  /** A request was accepted at `now` (epoch ms): the outage, if any, is over. */
  succeeded(now: number): void {
    this.write(() => {
      Atomics.store(this.ints, FAILURES, 0);
      this.times[FAILING_SINCE] = NaN;
      this.times[LAST_SUCCESS_AT] = now;
      this.times[RETRY_AT] = NaN;
    });
  }

  private write(change: () => void): void {
    Atomics.add(this.ints, SEQUENCE, 1);
    try {
      change();
    } finally {
      Atomics.add(this.ints, SEQUENCE, 1);
    }
  }
}

/** The application's side: the status in `buffer` as one consistent snapshot. Never throws. */
export function readStatus(buffer: SharedArrayBuffer): OtlpSinkStatus {
  const ints = new Int32Array(buffer, 0, 4);
  const times = new Float64Array(buffer, TIMES_OFFSET, 4);
  const text = new Uint8Array(buffer, TEXT_OFFSET, MAX_ERROR_BYTES);
  let odd = -1;
  let oddSince = 0;
  for (let spins = 1; ; spins++) {
    const before = Atomics.load(ints, SEQUENCE);
    if (before % 2 === 1) {
      // A write takes microseconds. The same write seeming under way for long means the worker
      // died in the middle of it: then what is there is the best there will be.
      if (before !== odd) {
        odd = before;
        oddSince = Date.now();
        continue;
      }
      if (spins % 1024 !== 0 || Date.now() - oddSince <= STUCK_WRITE_MS) continue;
    }
    const length = Math.min(Atomics.load(ints, ERROR_LENGTH), MAX_ERROR_BYTES);
    const status: OtlpSinkStatus = {
      failingSince: time(times[FAILING_SINCE]),
      consecutiveFailures: Atomics.load(ints, FAILURES),
      lastError: length === 0 && Number.isNaN(times[LAST_ERROR_AT]) ? undefined : new TextDecoder().decode(text.slice(0, length)),
      lastErrorAt: time(times[LAST_ERROR_AT]),
      lastSuccessAt: time(times[LAST_SUCCESS_AT]),
      retryAt: time(times[RETRY_AT]),
    };
    if (Atomics.load(ints, SEQUENCE) === before || before % 2 === 1) return status;
  }
}

function time(value: number | undefined): number | undefined {
  return value === undefined || Number.isNaN(value) ? undefined : value;
}
