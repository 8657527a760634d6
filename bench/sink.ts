/**
 * The in-process sink every logger in the benchmark writes to: it receives each finished line
 * as a string and counts bytes, so what is measured is the cost of producing the line.
 */
import { Writable } from "node:stream";

/** Counts what it receives. */
export const counter = { lines: 0, chars: 0 };

/** A `write(string)` sink (logweave, pino, bunyan). */
export const sink = {
  write(line: string): boolean {
    counter.lines++;
    counter.chars += line.length;
    return true;
  },
};

/** The same sink as a Writable stream (winston needs one). */
export function writableSink(): Writable {
  return new Writable({
    objectMode: false,
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, cb) {
      counter.lines++;
      counter.chars += chunk.length;
      cb();
    },
  });
}
