/**
 * logweave's own complaints — bad environment values, a destination that throws, a file that
 * cannot be written, a collector that is down: one line each on stderr (fd 2, written
 * synchronously), never thrown into the app. The one place such a line is written.
 */
import fs from "node:fs";

const said = new Set<string>();

/**
 * Set by the writer of the file stderr refers to: takes a report line when writing it straight
 * to fd 2 could land inside a log line that writer has only partly written. Returns false to
 * let the report be written directly.
 */
let stderrWriter: ((line: string) => boolean) | undefined;

/** Routes reports through `writer` when it says so (see {@link stderrWriter}); one at a time, the last wins. */
export function routeReports(writer: (line: string) => boolean): void {
  stderrWriter = writer;
}

/** Writes `logweave: <text>` to stderr the first time `key` is seen. Never throws. */
export function warnOnce(key: string, text: string): void {
  if (said.has(key)) return;
  said.add(key);
  say(text);
}

/**
 * Writes one `logweave: <what>: <code> <message>; <consequence>` line to stderr, every time it is
 * called (callers decide how often: once per destination, once per outage). Used for problems the
 * logger cannot log about through itself. Never throws: a failing stderr only loses the report.
 */
export function reportProblem(what: string, err: unknown, consequence: string): void {
  say(`${what}: ${describeProblem(err)}; ${consequence}`);
}

/** `"<code> <message>"` for errno errors, the message alone for other errors. Never throws. */
export function describeProblem(err: unknown): string {
  try {
    if (err instanceof Error) {
      const code = (err as NodeJS.ErrnoException).code;
      return typeof code === "string" ? `${code} ${err.message}` : err.message;
    }
    return String(err);
  } catch {
    return "unknown error";
  }
}

function say(text: string): void {
  const line = "logweave: " + text + "\n";
  try {
    if (stderrWriter?.(line) === true) return;
  } catch {
    // Write it directly.
  }
  try {
    fs.writeSync(2, line);
  } catch {
    // stderr is gone too; nothing more can be done.
  }
}
