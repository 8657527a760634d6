/**
 * The minimal batching writer: lines joined in a string, written with one `writeSync` when 48 Ki
 * characters are waiting (below V8's large-object size even for two-byte text) or at the end of the event-loop turn. No error handling, no exit handling: the
 * least a batching destination can do, the yardstick for the real ones.
 */
import fs from "node:fs";
import type { LineSink } from "./target.js";

const HIGH_WATER = 48 * 1024;

/** A minimal batching writer on an open file descriptor. */
export class MinimalWriter implements LineSink {
  #pending = "";
  #scheduled = false;
  readonly #fd: number;
  readonly #onTurnEnd = (): void => {
    this.#scheduled = false;
    this.flushSync();
  };

  constructor(fd: number) {
    this.#fd = fd;
  }

  /** Queues `line`; writes at once past 48 Ki characters. */
  write(line: string): boolean {
    this.#pending += line;
    if (this.#pending.length >= HIGH_WATER) this.flushSync();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#onTurnEnd);
    }
    return true;
  }

  /** Writes everything pending. */
  flushSync(): void {
    if (this.#pending.length === 0) return;
    const text = this.#pending;
    this.#pending = "";
    fs.writeSync(this.#fd, text);
  }
}
