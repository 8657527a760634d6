/**
 * The worker's bounded line queue.
 */

/**
 * Lines waiting for the collector, oldest first, with their character count. The owner applies
 * the cap (it also counts the batch in flight).
 */
export class LineQueue {
  private lines: string[] = [];
  private head = 0;
  private size = 0;

  /** Lines waiting. */
  get length(): number {
    return this.lines.length - this.head;
  }

  /** Characters waiting. */
  get chars(): number {
    return this.size;
  }

  /** Appends `line`. */
  push(line: string): void {
    this.lines.push(line);
    this.size += line.length;
  }

  /** Removes and returns up to `maxLines` lines holding at most `maxChars` characters (always at least one line when any). */
  take(maxLines: number, maxChars: number): string[] {
    const out: string[] = [];
    let chars = 0;
    while (this.head < this.lines.length && out.length < maxLines) {
      const line = this.lines[this.head] as string;
      if (out.length > 0 && chars + line.length > maxChars) break;
      out.push(line);
      chars += line.length;
      this.head++;
    }
    this.size -= chars;
    this.compact();
    return out;
  }

  /** Empties the queue; returns how many lines were in it. */
  clear(): number {
    const count = this.length;
    this.lines = [];
    this.head = 0;
    this.size = 0;
    return count;
  }

  /** Drops the consumed front once it is most of the array, so memory follows the queue. */
  private compact(): void {
    if (this.head === this.lines.length) {
      this.lines = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }
}
