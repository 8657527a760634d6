/**
 * What the worker ships batches into: one collector connection (syslog TCP or UDP, OTLP/HTTP).
 */

/** A collector connection, used by one shipper from one worker thread. */
export interface Sink {
  /** Names the collector in problem reports, e.g. `"syslog tcp://127.0.0.1:514"`. */
  readonly name: string;
  /**
   * Hands `lines` (logweave JSON lines, without `\n`) to the collector. Resolves, once they are
   * handed over, to the number of lines the collector or the protocol refused (too large for a
   * datagram, rejected by the receiver); rejects with a {@link ShipError} (or any error, taken
   * as retryable) when the batch as a whole did not go.
   */
  send(lines: readonly string[]): Promise<number>;
  /** Releases sockets and timers. */
  close(): void;
}

/** A failed hand-over, and whether sending the same batch again can succeed. */
export class ShipError extends Error {
  /**
   * @param retryable false when the collector refused the data itself (sending it again would
   *   fail the same way): the batch is dropped and counted.
   * @param retryAfterMs the collector's own hint for the next try, when it gave one.
   */
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ShipError";
  }
}
