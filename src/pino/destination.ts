/**
 * `pino.destination()` and the streams `pino()` writes to by default, on logweave's
 * destinations: lines are buffered in memory and written in batches at most once a turn of the
 * event loop (logweave's `BufferedWriter`), written out on `process` exit, `fatal()` and
 * `flushSync()`; a full pipe never blocks the app; a broken target is reported once on stderr and
 * never crashes the process (a SonicBoom with no `error` listener would).
 *
 * The returned object has SonicBoom's surface that applications use: `write`, `flush(cb)`,
 * `flushSync`, `end`, `destroy`, `reopen`, `fd`, and the `ready`/`finish`/`close` events.
 */
import { EventEmitter } from "node:events";
import fs from "node:fs";
import { BufferedWriter, type WriteTarget } from "../destinations/buffered.js";
import { trackFlushable } from "../lifecycle.js";
import type { Destination } from "../destinations/destination.js";
import { stderrDestination, stdoutDestination } from "../destinations/fd.js";
import { fileDestination } from "../destinations/file.js";
import { WorkerTransport } from "../transports/transport.js";
import type { PinoStream } from "./settings.js";

/** pino's (SonicBoom's) destination options; those marked are read, the others accepted and ignored. */
export interface DestinationOptions {
  /** A file path or a file descriptor (read). Default: stdout. */
  dest?: string | number;
  /** Alias of `dest` (pino's `pino/file` transport option). */
  destination?: string | number;
  /** Write each line before the call returns (read). Default `false`: batched. */
  sync?: boolean;
  /** Append to the file (read). Default `true`; `false` empties it first. */
  append?: boolean;
  /** Create the file's directory (read). Default `false`, as pino. */
  mkdir?: boolean;
  /** Hold lines until this many characters are waiting (read; also written out by `flush`, `flushSync` and at exit). Default 0. */
  minLength?: number;
  /** With `minLength`: write what is held at least this often, in milliseconds (read). */
  periodicFlush?: number;
  /** SonicBoom's limits: logweave's writer bounds its buffer by itself (ignored). */
  maxLength?: number;
  maxWrite?: number;
  fsync?: boolean;
  mode?: number;
  contentMode?: string;
  retryEAGAIN?: unknown;
}

/** Writes straight to a file descriptor other than 1 and 2. */
class FdTarget implements WriteTarget {
  readonly name: string;

  constructor(private readonly fd: number) {
    this.name = `fd ${fd}`;
  }

  writeSync(buf: Buffer, offset: number, length: number): number {
    return fs.writeSync(this.fd, buf, offset, length);
  }
}

/** Where a destination writes, for `reopen()`. */
type Place = { readonly kind: "fd"; readonly fd: number } | { readonly kind: "file"; readonly path: string; readonly mkdir: boolean } | { readonly kind: "other" };

/**
 * A pino-style stream over a logweave destination. Everything it does is bounded and never
 * throws into the caller.
 */
export class PinoDestination extends EventEmitter implements PinoStream {
  /** Lets pino's stream checks (and this package's) see a stream. */
  readonly writable = true;
  #dest: Destination;
  readonly #sync: boolean;
  readonly #place: Place;
  #ended = false;
  /** `minLength`: lines held here until that many characters wait; 0 passes each line on. */
  readonly #minLength: number;
  #held = "";
  #untrack: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;

  /** @internal Use `pino.destination()`. */
  constructor(dest: Destination, sync: boolean, place: Place = { kind: "other" }, minLength = 0, periodicFlush = 0) {
    super();
    this.#dest = dest;
    this.#sync = sync;
    this.#place = place;
    this.#minLength = sync ? 0 : minLength;
    if (this.#minLength > 0) {
      // What is held here is written out with every logweave writer at exit and on signals.
      this.#untrack = trackFlushable({ flush: () => new Promise((resolve) => this.flush(() => resolve())), flushSync: () => this.flushSync() });
      if (periodicFlush > 0) {
        this.#timer = setInterval(() => this.#release(), Math.min(periodicFlush, 2 ** 31 - 1));
        this.#timer.unref();
      }
    }
    process.nextTick(() => this.emit("ready"));
  }

  /** The file descriptor written to, or -1 for a file or another destination. */
  get fd(): number {
    return this.#place.kind === "fd" ? this.#place.fd : -1;
  }

  /** Takes one line (or several). Returns `false` once ended. Never throws. */
  write(data: string): boolean {
    if (this.#ended) return false;
    if (this.#minLength > 0) {
      this.#held += String(data);
      if (this.#held.length >= this.#minLength) this.#release();
      return true;
    }
    try {
      this.#dest.write(String(data));
      if (this.#sync) this.#dest.flushSync?.();
    } catch {
      // logweave destinations report their own failures.
    }
    return true;
  }

  /** Hands what `minLength` held to the destination. */
  #release(): void {
    if (this.#held === "") return;
    const held = this.#held;
    this.#held = "";
    try {
      this.#dest.write(held);
    } catch {
      // logweave destinations report their own failures.
    }
  }

  /** Calls `cb` once every line written so far is out (or was dropped and reported). */
  flush(cb?: (err?: Error | null) => void): void {
    // As SonicBoom: the callback gets no argument when all went out, the error otherwise.
    const done = (err?: unknown): void => {
      if (typeof cb !== "function") return;
      if (err === undefined) cb();
      else cb(err as Error);
    };
    this.#release();
    try {
      const result = this.#dest.flush?.();
      if (result !== undefined && typeof (result as Promise<void>).then === "function") (result as Promise<void>).then(() => done(), done);
      else process.nextTick(done);
    } catch (e) {
      process.nextTick(done, e);
    }
  }

  /** Writes out every line written so far before returning. */
  flushSync(): void {
    this.#release();
    try {
      this.#dest.flushSync?.();
    } catch {
      // Reported by the destination.
    }
  }

  /** Writes out what is held and releases the target (a file is closed); emits `finish` and `close`. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#close();
    process.nextTick(() => {
      this.emit("finish");
      this.emit("close");
    });
  }

  /** As {@link end}, without `finish`. */
  destroy(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#close();
    process.nextTick(() => this.emit("close"));
  }

  /**
   * For log rotation: writes out what is held, closes the file and opens `file` (default: the
   * same path) again. Does nothing for a file descriptor, as SonicBoom.
   */
  reopen(file?: string): void {
    const place = this.#place;
    if (place.kind !== "file" || this.#ended) return;
    this.#close();
    this.#dest = fileDestination({ path: file ?? place.path, mkdir: place.mkdir });
    process.nextTick(() => this.emit("ready"));
  }

  #close(): void {
    this.#release();
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#untrack?.();
    this.#untrack = undefined;
    const dest = this.#dest as Destination & { close?: () => unknown };
    try {
      if (this.#place.kind === "fd" && (this.#place.fd === 1 || this.#place.fd === 2)) dest.flushSync?.(); // shared: never closed
      else if (typeof dest.close === "function") void dest.close();
      else dest.flushSync?.();
    } catch {
      // Reported by the destination.
    }
  }
}

/** A file descriptor number from pino's forms: a number, a numeric string; `undefined` is stdout. */
function fdOf(dest: unknown): string | number {
  if (dest === undefined || dest === null) return 1;
  if (typeof dest === "string" && dest !== "" && Number.isFinite(Number(dest))) return Number(dest);
  return dest as string | number;
}

/**
 * `pino.destination(dest?)`: a destination on a file descriptor (`1` by default), a file path,
 * or options (`dest`, `sync`, `append`, `mkdir`; SonicBoom's tuning options are accepted and
 * ignored). Never throws: a file that cannot be opened is reported once on stderr and its lines
 * are dropped (counted), while opening is retried on later writes.
 */
export function destination(dest?: string | number | DestinationOptions): PinoDestination {
  const options: DestinationOptions = typeof dest === "object" && dest !== null ? dest : { dest };
  const target = fdOf(options.dest ?? options.destination ?? (typeof dest === "object" ? undefined : dest));
  const sync = options.sync === true;
  const minLength = nonNegative(options.minLength);
  const periodicFlush = nonNegative(options.periodicFlush);
  if (typeof target === "number") {
    const writer = target === 1 ? stdoutDestination() : target === 2 ? stderrDestination() : new BufferedWriter(new FdTarget(target));
    return new PinoDestination(writer, sync, { kind: "fd", fd: target }, minLength, periodicFlush);
  }
  const path = String(target);
  const mkdir = options.mkdir === true;
  if (options.append === false) {
    try {
      fs.writeFileSync(path, "");
    } catch {
      // The file destination reports the same problem when it opens the file.
    }
  }
  return new PinoDestination(fileDestination({ path, mkdir }), sync, { kind: "file", path, mkdir }, minLength, periodicFlush);
}

function nonNegative(value: unknown): number {
  return typeof value === "number" && value > 0 && Number.isFinite(value) ? value : 0;
}

/** `pino(path)`: appends to a file, as pino's `buildSafeSonicBoom({ dest })`. */
export function fileStream(path: string): PinoDestination {
  return destination({ dest: path });
}

/**
 * pino's default stream: stdout (logweave's shared buffered writer), or `process.stdout` itself
 * when its `write` was replaced (a test runner capturing output), as pino does.
 */
export function defaultStream(): PinoStream {
  const out = process.stdout as unknown as { write: unknown; constructor: { prototype: { write: unknown } } };
  if (out.write !== out.constructor.prototype.write) return process.stdout as unknown as PinoStream;
  return new PinoDestination(stdoutDestination(), false, { kind: "fd", fd: 1 });
}

/** True for what pino takes as a stream argument (`writable`, a Node stream, a pino destination) or a logweave destination. */
export function isStream(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return value instanceof PinoDestination || Boolean(v.writable) || Boolean(v._writableState) || isLogweaveDestination(value);
}

/** True for logweave's own destinations (buffered writers, transports), which flush with promises. */
export function isLogweaveDestination(value: unknown): value is Destination {
  return value instanceof BufferedWriter || value instanceof WorkerTransport;
}

/** A stream for a logweave destination given to `pino()`, so `flush(cb)` calls back; any other stream as it is. */
export function asStream(value: PinoStream | Destination): PinoStream {
  return isLogweaveDestination(value) ? new PinoDestination(value, false) : (value as PinoStream);
}
