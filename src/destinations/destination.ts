/**
 * The destination interface: where finished lines go.
 */

/**
 * Receives finished lines (each ends with `\n`). `write` must not throw; the logger guards it
 * anyway. `flush`/`flushSync` are optional: a destination without them is considered flushed.
 */
export interface Destination {
  /** Takes one finished line, `\n` included. */
  write(line: string): void;
  /** Resolves when every line written so far has reached the underlying target. */
  flush?(): Promise<void>;
  /** Writes out every line written so far before returning. */
  flushSync?(): void;
  /** True when the target is an interactive terminal (the zero-config format becomes `pretty`). */
  readonly isTTY?: boolean;
  /**
   * Set by a destination that reads the lines it gets (the transports read `json` lines to map
   * them to syslog or OTLP): lines for it are written in `json`, whatever `format` says.
   */
  readonly readsJson?: boolean;
}

/** What a buffered destination does when its buffer is full. */
export type FullPolicy = "block" | "drop";

/** Options shared by the buffered destinations (stdout, stderr, file). */
export interface BufferOptions {
  /**
   * Most characters held in memory waiting for the target. Default 8 MiB. At the cap,
   * `onFull` decides.
   */
  maxBuffer?: number;
  /**
   * At the cap: `"block"` (default) writes synchronously until there is room; `"drop"` drops
   * the line and counts it; the count is reported in a later line.
   */
  onFull?: FullPolicy;
  /**
   * With `onFull: "drop"`: the longest any wait for the reader lasts — `flush()`, `flushSync()`
   * and the flush at process end (exit, or SIGTERM / SIGINT with `handleSignals`). At the end,
   * what the reader has not taken by then is dropped, counted and reported on stderr. Default
   * 2 000 ms. `"block"` waits as long as the reader needs.
   */
  exitTimeoutMs?: number;
  /**
   * How long the first line of a batch may wait for more lines before the batch is written, so
   * that an application logging one line per turn of the event loop does not make a syscall per
   * line. Default 10 ms; at most 1 000; 0 writes at the end of every turn that logged. A batch
   * of 16 KiB is written at the end of its turn whatever this says; `flush()` and the exit flush
   * never wait for it.
   */
  flushDelayMs?: number;
}

/**
 * A destination that buffers lines in memory (stdout, stderr, file): what `stdoutDestination()`,
 * `stderrDestination()` and `fileDestination()` return.
 */
export interface BufferedDestination extends Destination {
  flush(): Promise<void>;
  flushSync(): void;
  /** Lines dropped (policy `drop`, or write errors) and not yet reported in a line. */
  readonly dropped: number;
  /** Characters held in memory, waiting for the target. */
  readonly buffered: number;
  /** True once output stopped for good (the reader is gone, or `close()` was called). */
  readonly closed: boolean;
  /** Writes out what is buffered and releases the target (a file is closed). */
  close(): void;
}
