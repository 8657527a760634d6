/**
 * What a measured process hands an implementation (where its lines go, and in which
 * configuration), and what it gets back (the operation to time).
 */

/** A `write(string)` stream: the in-process counting sink. */
export interface LineSink {
  write(line: string): unknown;
}

/** pino's two documented fast setups of `pino.destination()` for a file. */
export type PinoMode = "sync" | "minLength";

/** Where the lines of a measured process go. */
export type Target =
  | { readonly kind: "sink"; readonly sink: LineSink }
  | {
      readonly kind: "fd";
      /** A file on disk, created empty by the parent; every line of the process goes there. */
      readonly path: string;
      /** For pino: `{ sync: true }` or `{ minLength: 4096, sync: false }`. */
      readonly pino?: PinoMode;
    };

/** Variant settings besides the target. */
export interface MakeOptions {
  /**
   * For pino: the measured logger has had a child made from it (pino's `child()` is
   * `Object.create(parent)`, which changes how V8 lays the parent out).
   */
  readonly primed: boolean;
  /** For logweave's formats case: the line format. */
  readonly format?: string;
  /** For the other loggers: which one. */
  readonly peer?: string;
}

/** A scenario ready to run: one operation writes `linesPerOp` lines. */
export interface Prepared {
  /** The operation; `i` counts up from 0 over the whole process. */
  readonly op: (i: number) => void;
  readonly linesPerOp: number;
  /** Hands every buffered line to the kernel, synchronously (after the timing). */
  readonly flushSync: () => void;
  /**
   * Resolves when the destination has no write in flight off the main thread (never fsyncs);
   * the timing waits for it, so such a write counts in the slice that caused it.
   */
  readonly settle?: () => Promise<void>;
  /** Counters the scenario keeps (the disabled-debug case counts argument evaluations). */
  readonly counters?: () => Record<string, number>;
}

/**
 * An implementation module's entry: the scenario `id` prepared for `target`, or `undefined` when
 * this implementation has no such scenario.
 */
export type Make = (id: string, target: Target, options: MakeOptions) => Promise<Prepared | undefined>;
