/**
 * `logweave pretty [--level <level>] [--color | --no-color]`: reads JSON log lines (logweave's,
 * pino's, bunyan's) on stdin and writes them pretty on stdout, with the runtime's own formatter
 * (`pretty.ts`). Lines that are not log records pass through byte for byte.
 *
 * Streaming: input is split as it arrives (`line-splitter.ts`), each input chunk becomes at most
 * one write, and reading pauses while stdout is full. A reader that goes away (`| head`) ends the
 * command quietly with exit code 0.
 *
 * Exit codes: 0 done; 1 a read or write error; 2 a usage error.
 *
 * Node-only (process streams); the runtime never imports this file.
 */
import { parseArgs } from "node:util";
import { parseLevel } from "../levels.js";
import { colorsEnabled, type ColorEnvironment } from "./color-choice.js";
import { LineSplitter } from "./line-splitter.js";
import { PrettyPrinter } from "./pretty.js";

/** The `logweave pretty` usage text. */
export const PRETTY_USAGE = `Usage: logweave pretty [options] < app.log
       node app.js | logweave pretty

Prints JSON log lines (logweave, pino, bunyan) as colored, aligned, human-readable lines:
time, level, logger name, message, fields, file:line of the call, error stacks indented.
Lines that are not JSON log records pass through unchanged.

Options:
  -l, --level <level>   leave out records below this level (trace, debug, info, warn, error,
                        fatal, or a number)
  --color, --no-color   force colors on or off (default: on when stdout is a terminal;
                        FORCE_COLOR and NO_COLOR are followed)
  -h, --help            this text
`;

/** The streams and environment the command runs with (the process's, or a test's). */
export interface PrettyCommandIO {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean; destroy?(): void };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: (text: string) => void;
  readonly env: ColorEnvironment;
}

/** Parsed command line of `logweave pretty`. */
interface PrettyArgs {
  readonly minLevel: number | undefined;
  readonly color: boolean | undefined;
}

class UsageError extends Error {}

/** Runs `logweave pretty` with `args` (after `pretty`). Resolves to the exit code when input ends. */
export async function runPrettyCommand(args: readonly string[], io: PrettyCommandIO): Promise<number> {
  let parsed: PrettyArgs | "help";
  try {
    parsed = parsePrettyArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`logweave pretty: ${error.message}\n\n${PRETTY_USAGE}`);
    return 2;
  }
  if (parsed === "help") {
    io.stdout.write(PRETTY_USAGE);
    return 0;
  }
  const colors = parsed.color ?? colorsEnabled(io.stdout.isTTY === true, io.env);
  if (io.stdin.isTTY === true) io.stderr("logweave pretty: reading log lines from the terminal (pipe a program's output in; Ctrl-D ends)\n");
  return prettyStream(io, new PrettyPrinter({ colors, minLevel: parsed.minLevel }));
}

function parsePrettyArgs(args: readonly string[]): PrettyArgs | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        level: { type: "string", short: "l" },
        color: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowNegative: true,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return "help";
  let minLevel: number | undefined;
  if (values.level !== undefined) {
    minLevel = /^\s*\d+\s*$/.test(values.level) ? Number(values.level) : parseLevel(values.level);
    if (minLevel === undefined) throw new UsageError(`--level: "${values.level}" is not a level (trace, debug, info, warn, error, fatal, silent or a number)`);
  }
  return { minLevel, color: values.color };
}

/** Pretty text and raw pass-through bytes of one input chunk, written as one piece. */
class OutputBatch {
  #parts: (string | Buffer)[] = [];
  #text = "";

  text(s: string): void {
    this.#text += s;
  }

  raw(bytes: Buffer): void {
    if (this.#text !== "") this.#parts.push(this.#text);
    this.#text = "";
    this.#parts.push(bytes);
  }

  /** Everything collected since the last call, or `undefined` when there is nothing. */
  take(): string | Buffer | undefined {
    const text = this.#text;
    this.#text = "";
    if (this.#parts.length === 0) return text === "" ? undefined : text;
    if (text !== "") this.#parts.push(text);
    const parts = this.#parts;
    this.#parts = [];
    return Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
  }
}

function prettyStream(io: PrettyCommandIO, printer: PrettyPrinter): Promise<number> {
  const { stdin, stdout } = io;
  const out = new OutputBatch();
  const splitter = new LineSplitter({
    onLine(line, terminated) {
      const pretty = printer.formatLine(line.toString("utf8"));
      if (pretty !== undefined) out.text(pretty);
      else {
        out.raw(line);
        if (terminated) out.text("\n");
      }
    },
    onRaw(bytes) {
      out.raw(bytes);
    },
  });

  return new Promise<number>((resolve) => {
    let finished = false;
    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      stdin.removeListener("data", onData);
      stdin.removeListener("end", onEnd);
      stdin.removeListener("error", onReadError);
      // The stdout error listener stays: a late EPIPE must not become an uncaught exception.
      resolve(code);
    };
    const write = (data: string | Buffer, done?: () => void): void => {
      if (stdout.write(data, (error) => (error ? undefined : done?.()))) return;
      // Stdout is full: stop reading until it drains, so memory stays bounded.
      stdin.pause();
      stdout.once("drain", () => {
        if (!finished) stdin.resume();
      });
    };
    const onData = (chunk: Buffer | string): void => {
      splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
      const data = out.take();
      if (data !== undefined) write(data);
    };
    const onEnd = (): void => {
      splitter.end();
      const data = out.take();
      // Resolve once the last bytes are handed to the system, so the exit code comes after them.
      write(data ?? "", () => finish(0));
    };
    const onReadError = (error: Error): void => {
      io.stderr(`logweave pretty: cannot read stdin: ${error.message}\n`);
      finish(1);
    };
    const onWriteError = (error: NodeJS.ErrnoException): void => {
      if (finished) return;
      // The reader went away (`| head -1`): nothing more to show, not a failure.
      if (error.code !== "EPIPE") io.stderr(`logweave pretty: cannot write stdout: ${error.message}\n`);
      stdin.destroy?.();
      finish(error.code === "EPIPE" ? 0 : 1);
    };
    stdin.on("data", onData);
    stdin.on("end", onEnd);
    stdin.on("error", onReadError);
    stdout.on("error", onWriteError);
  });
}
