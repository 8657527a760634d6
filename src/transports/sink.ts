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
   * as retryable) when the batch as a whole did not go. `uncounted`: how many of the first
   * lines are not the application's (the drop report), left out of {@link Sink.pendingLines}.
   */
  send(lines: readonly string[], uncounted?: number): Promise<number>;
  /** Releases sockets and timers. */
  close(): void;
  /** Messages so far cut to fit the collector's size limit (a running total). Absent: none. */
  readonly truncated?: number;
  /**
   * For a sink without acknowledgements (plain TCP syslog), lines handed over that the collector
   * cannot have read yet: they are not delivered until they are. Absent: handed over is
   * delivered.
   */
  pendingLines?(): number;
  /** Characters the sink keeps to send again after a lost connection (they count as held). */
  heldChars?(): number;
  /** True while the sink owes something: lines to send again, or lines not known to be read. */
  busy?(): boolean;
  /**
   * Sends again what a lost connection left unread (reconnecting), then checks what the
   * collector has read; `hurry` while someone waits. Rejects like {@link Sink.send}.
   */
  settle?(hurry: boolean): Promise<void>;
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
