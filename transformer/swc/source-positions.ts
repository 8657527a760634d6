/**
 * Positions in one source file: SWC span values → UTF-16 indices (what magic-string and
 * JavaScript strings use) → 1-based line and column (what call sites and stack traces show).
 *
 * SWC spans count UTF-8 bytes from a base that depends on the SWC version, so the base is
 * measured per parse (see `parse.ts`) and handed in as `origin`: the span value of the file's
 * first byte. Byte offsets equal UTF-16 indices while the text is ASCII; otherwise a lookup
 * table is built once per file.
 */
import type { Span } from "./ast.js";

/** A range of the source in UTF-16 indices, end exclusive. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Conversions for one source text. */
export class SourcePositions {
  readonly code: string;
  readonly #origin: number;
  /** byte offset → UTF-16 index, only for non-ASCII text. */
  readonly #byteToIndex: Uint32Array | undefined;
  #lineStarts: number[] | undefined;

  /** `origin` is the span value of the first byte of `code`. */
  constructor(code: string, origin: number) {
    this.code = code;
    this.#origin = origin;
    this.#byteToIndex = isAscii(code) ? undefined : byteTable(code);
  }

  /** The UTF-16 index of a span value (clamped to the text). */
  index(spanValue: number): number {
    const byte = spanValue - this.#origin;
    const table = this.#byteToIndex;
    if (table === undefined) return Math.max(0, Math.min(byte, this.code.length));
    return table[Math.max(0, Math.min(byte, table.length - 1))];
  }

  /** A span as a UTF-16 range. */
  range(span: Span): Range {
    return { start: this.index(span.start), end: this.index(span.end) };
  }

  /** 1-based line and 1-based column (UTF-16 code units, as editors and V8 count) of an index. */
  lineColumn(index: number): { line: number; column: number } {
    const starts = (this.#lineStarts ??= lineStarts(this.code));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - starts[lo] + 1 };
  }

  /** The text of line `line` (1-based), without its terminator; empty past the end. */
  lineText(line: number): string {
    const starts = (this.#lineStarts ??= lineStarts(this.code));
    if (line < 1 || line > starts.length) return "";
    const from = starts[line - 1];
    const to = line < starts.length ? starts[line] : this.code.length;
    return this.code.slice(from, to).replace(/(?:\r\n|[\n\r\u2028\u2029])$/, "");
  }
}

function isAscii(code: string): boolean {
  return !/[^\u0000-\u007f]/.test(code);
}

/** For every UTF-8 byte offset (and the end), the UTF-16 index of the character it belongs to. */
function byteTable(code: string): Uint32Array {
  const table = new Uint32Array(Buffer.byteLength(code, "utf8") + 1);
  let byte = 0;
  for (let i = 0; i < code.length; i++) {
    const unit = code.charCodeAt(i);
    let width: number;
    let units = 1;
    if (unit < 0x80) width = 1;
    else if (unit < 0x800) width = 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < code.length && (code.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      width = 4;
      units = 2;
    } else width = 3; // BMP, or a lone surrogate (encoded as U+FFFD: 3 bytes)
    for (let k = 0; k < width; k++) table[byte + k] = i;
    byte += width;
    i += units - 1;
  }
  table[byte] = code.length;
  return table;
}

/** Line starts as JavaScript counts lines: LF, CR LF, CR, U+2028, U+2029. */
function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 0x0d) {
      if (code.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    } else if (c === 0x0a || c === 0x2028 || c === 0x2029) {
      starts.push(i + 1);
    }
  }
  return starts;
}
