/**
 * What the application thread and the transport worker say to each other.
 *
 * Lines travel as messages; the worker's progress lives in a small SharedArrayBuffer so the
 * application thread can block on it with `Atomics.wait` when it must (process exit), as pino's
 * thread-stream does, and read the drop counter without a round trip.
 */
import type { OtlpSinkOptions } from "./otlp-sink.js";
import type { SyslogSinkOptions } from "./syslog-sink.js";

/** Int32 slots of the control buffer. */
export const Slot = {
  /** Sequence number of the last `lines` message fully settled (shipped or dropped). */
  settled: 0,
  /** Lines dropped so far (queue full, collector refused them, or exit came first). */
  dropped: 1,
  /** Characters the worker holds (queued and in flight). */
  held: 2,
  /** 1 once the worker runs. */
  ready: 3,
  /** Sequence number of the last `lines` message the worker has taken in (its lines now count in `held`). */
  received: 4,
  /** Messages cut to fit the collector's size limit so far. */
  truncated: 5,
} as const;

/** Number of Int32 slots in the control buffer. */
export const CONTROL_SLOTS = 6;

/**
 * Message: lines for the collector (each ends with `\n`), numbered `seq` (1, 2, 3…), and how
 * many lines the application thread dropped since the last message (already counted in the
 * `dropped` slot; the worker only announces them).
 */
export interface LinesMessage {
  readonly t: "lines";
  readonly seq: number;
  readonly text: string;
  readonly dropped: number;
}

/** Message: answer with a `flushed` message once `seq` is settled. */
export interface FlushMessage {
  readonly t: "flush";
  readonly seq: number;
}

/**
 * Message: someone waits synchronously. Ship what is held, retrying quickly, until `deadline`
 * (epoch ms). Then, when `final` (the process is ending), count what is left as dropped and
 * settle everything; otherwise go back to the normal retry pace.
 */
export interface DrainMessage {
  readonly t: "drain";
  readonly deadline: number;
  readonly final: boolean;
}

/** Message: ship what is held (giving up at `deadline`, epoch ms), then release the connection and stop. */
export interface CloseMessage {
  readonly t: "close";
  readonly deadline: number;
}

/** Every message the application thread sends. */
export type ToWorker = LinesMessage | FlushMessage | DrainMessage | CloseMessage;

/** Message from the worker: everything up to `seq` is settled. */
export interface FlushedMessage {
  readonly t: "flushed";
  readonly seq: number;
}

/** Message from the worker: it shipped what it held and stopped. */
export interface ClosedMessage {
  readonly t: "closed";
}

/** Every message the worker sends. */
export type FromWorker = FlushedMessage | ClosedMessage;

/** Which collector a worker ships to, with that collector's options (plain data). */
export type SinkSpec =
  | { readonly kind: "syslog"; readonly options: SyslogSinkOptions }
  | { readonly kind: "otlp"; readonly options: OtlpSinkOptions };

/** Batching, queue and retry settings (plain data, defaults applied). */
export interface ShipSettings {
  readonly maxQueue: number;
  readonly maxBatchLines: number;
  readonly maxBatchBytes: number;
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
}

/** `workerData` of a transport worker. */
export interface WorkerInit {
  readonly sink: SinkSpec;
  readonly ship: ShipSettings;
  readonly control: SharedArrayBuffer;
}
