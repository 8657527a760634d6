/**
 * `pino.transport()` and the `transport` option, mapped onto what logweave has. pino runs
 * transports as modules in a worker thread; `logweave/pino` does not load transport modules.
 * Supported targets:
 *
 * - `"pino/file"`: a file or file descriptor (`options.destination`, default stdout; `mkdir`,
 *   `append`, `sync`), as `pino.destination()`;
 * - `"pino-pretty"`: logweave's pretty format on a file descriptor (`options.destination`,
 *   default stdout); `colorize` is read (default: when the output is a terminal), its other
 *   options are not;
 * - `"logweave/syslog"` and `"logweave/otlp"`: logweave's own transports (`syslogTransport`,
 *   `otlpTransport` from `logweave/transports`, their options as `options`), from a worker thread;
 * - several `targets` (each with its `level`, default `info`, and `dedupe`), made of the above.
 *
 * Any other target (a transport package, a file of your own, `pipeline`) throws a clear error
 * when the logger is made: pass a stream instead — any writable, or a logweave transport from
 * `logweave/transports` (`syslogTransport()`, `otlpTransport()`) — as `pino(options, stream)`.
 */
import tty from "node:tty";
import type { Destination } from "../destinations/destination.js";
import { colorsEnabled, processEnvironment } from "../format/color-choice.js";
import { PrettyPrinter } from "../format/pretty.js";
import { otlpTransport, type OtlpTransportOptions } from "../transports/otlp.js";
import { syslogTransport, type SyslogTransportOptions } from "../transports/syslog.js";
import { destination, PinoDestination, type DestinationOptions } from "./destination.js";
import { DEFAULT_LEVELS } from "./levels.js";
import type { PinoStream } from "./settings.js";

/** The transport targets `logweave/pino` maps; every other target is refused. */
export const SUPPORTED_TARGETS: readonly string[] = ["pino/file", "pino-pretty", "logweave/syslog", "logweave/otlp"];

/** One target: a module name and its options, with the lowest level it receives. */
export interface TransportTarget {
  target: string;
  options?: Record<string, unknown>;
  level?: string | number;
}

/** pino's transport options. */
export interface TransportOptions {
  target?: string;
  options?: Record<string, unknown>;
  targets?: readonly TransportTarget[];
  pipeline?: readonly TransportTarget[];
  level?: string | number;
  levels?: Record<string, number>;
  dedupe?: boolean;
  sync?: boolean;
  worker?: unknown;
  caller?: unknown;
}

function unsupported(what: string): Error {
  return new Error(
    `logweave/pino: ${what} is not supported: logweave/pino does not run transport modules in a worker thread. ` +
      `Supported targets: ${SUPPORTED_TARGETS.map((t) => JSON.stringify(t)).join(", ")}. ` +
      `Or pass a stream instead (pino(options, stream)): any writable.`,
  );
}

/** The stream for one supported target. Throws for any other. */
function targetDestination(target: TransportTarget, sync: boolean): PinoDestination {
  const options = target.options ?? {};
  const name = target.target;
  if (name === "pino/file") {
    return destination({ ...(options as DestinationOptions), dest: (options.destination as string | number | undefined) ?? 1, sync });
  }
  if (name === "pino-pretty") return prettyDestination(options, sync);
  if (name === "logweave/syslog") return new PinoDestination(syslogTransport(options as SyslogTransportOptions), false);
  if (name === "logweave/otlp") return new PinoDestination(otlpTransport(options as OtlpTransportOptions), false);
  throw unsupported(`transport target ${JSON.stringify(name)}`);
}

/** logweave's pretty format on a file descriptor, for the `pino-pretty` target. */
function prettyDestination(options: Record<string, unknown>, sync: boolean): PinoDestination {
  const out = destination({ dest: (options.destination as string | number | undefined) ?? 1, sync, mkdir: options.mkdir === true, append: options.append !== false });
  const fd = out.fd;
  let terminal = false;
  try {
    terminal = fd >= 0 && tty.isatty(fd);
  } catch {
    terminal = false;
  }
  const colors = typeof options.colorize === "boolean" ? options.colorize : colorsEnabled(terminal, processEnvironment());
  const printer = new PrettyPrinter({ colors });
  const pretty: Destination = {
    write: (line) => {
      const text = printer.formatLine(line);
      if (text !== "") out.write(text ?? line);
    },
    flush: () => new Promise((resolve) => out.flush(() => resolve())),
    flushSync: () => out.flushSync(),
  };
  return new PinoDestination(pretty, false);
}

/** Lines to several targets, each from its level up (pino's multistream in the transport worker). */
class Targets implements PinoStream {
  readonly [key: symbol]: unknown;
  /** What pino's stream checks look for: `pino(pino.transport({ targets }))` takes it as the stream. */
  readonly writable = true;
  lastLevel?: number;
  readonly #targets: { level: number; stream: PinoDestination }[];
  readonly #dedupe: boolean;

  constructor(targets: { level: number; stream: PinoDestination }[], dedupe: boolean) {
    this.#targets = [...targets].sort((a, b) => a.level - b.level);
    this.#dedupe = dedupe;
    (this as Record<symbol, unknown>)[Symbol.for("pino.metadata")] = true;
  }

  write(line: string): void {
    const level = this.lastLevel ?? 0;
    if (this.#dedupe) {
      // Only the targets with the highest level at or below the line's.
      let best = -Infinity;
      for (const t of this.#targets) if (t.level <= level && t.level > best) best = t.level;
      for (const t of this.#targets) if (t.level === best) t.stream.write(line);
      return;
    }
    for (const t of this.#targets) if (t.level <= level) t.stream.write(line);
  }

  flush(cb?: (err?: Error | null) => void): void {
    let left = this.#targets.length;
    if (left === 0) {
      if (cb) process.nextTick(() => cb());
      return;
    }
    for (const t of this.#targets) {
      t.stream.flush(() => {
        if (--left === 0 && cb) cb();
      });
    }
  }

  flushSync(): void {
    for (const t of this.#targets) t.stream.flushSync();
  }

  end(): void {
    for (const t of this.#targets) t.stream.end();
  }
}

/** A target's level number: a label of the logger's levels, a number, or `info`. */
function levelOf(level: unknown, levels: Record<string, number> | undefined): number {
  if (typeof level === "number") return level;
  if (typeof level === "string") return (levels ?? DEFAULT_LEVELS)[level] ?? DEFAULT_LEVELS[level] ?? DEFAULT_LEVELS.info;
  return DEFAULT_LEVELS.info;
}

/**
 * The stream for pino's `transport` option (`target`, or `targets`, with `levels` and `dedupe`).
 * Throws for `pipeline` and for targets it does not map (see the module comment).
 */
export function transportStream(options: TransportOptions): PinoStream {
  const sync = options.sync === true;
  if (options.target && options.targets) throw new Error("only one of target or targets can be specified");
  if (options.pipeline) throw unsupported("transport.pipeline");
  if (options.targets) {
    const targets = options.targets.map((t) => {
      if ((t as { pipeline?: unknown }).pipeline) throw unsupported("a pipeline in transport.targets");
      return { level: levelOf(t.level, options.levels), stream: targetDestination(t, sync) };
    });
    return new Targets(targets, options.dedupe === true);
  }
  if (typeof options.target !== "string") throw unsupported("a transport without a target");
  const stream = targetDestination({ target: options.target, options: options.options }, sync);
  if (options.level === undefined) return stream;
  return new Targets([{ level: levelOf(options.level, options.levels), stream }], false);
}

/** `pino.transport(options)`: the stream for `pino(options, stream)`; see {@link transportStream}. */
export function transport(options: TransportOptions): PinoStream {
  return transportStream(options);
}

