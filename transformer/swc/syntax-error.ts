/**
 * Syntax errors with a position: `src/app.ts:3:7: Expression expected`.
 *
 * `@swc/core` reports a syntax error as text only — a diagnostic drawn for a terminal, with the
 * line in the gutter and a caret under the column — and no structured position. The position is
 * read back from that drawing: the gutter gives the line, the caret's offset under the source
 * line gives the column in display cells (tabs to the next multiple of 4, wide characters two),
 * converted back to UTF-16 code units against the file's own text.
 */
import type { SourcePositions } from "./source-positions.js";

/** A file that does not parse. */
export class SwcSyntaxError extends SyntaxError {
  /** The file as given (path). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units. */
  readonly column: number;
  /** SWC's message without the drawing (`Expression expected`). */
  readonly reason: string;
  /** SWC's full diagnostic. */
  readonly diagnostic: string;

  constructor(file: string, line: number, column: number, reason: string, diagnostic: string) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = "SwcSyntaxError";
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
    this.diagnostic = diagnostic;
  }
}

/** The SWC diagnostic inside an error from `@swc/core`, without the native stack trace after it. */
export function swcDiagnostic(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\n\s*Caused by:|\nStack backtrace:/)[0].trimEnd();
}

/**
 * Reads the first error of an SWC diagnostic about `positions.code` (the text SWC was given).
 * Returns `undefined` when the text is not a diagnostic it recognizes.
 */
export function syntaxErrorFrom(error: unknown, file: string, positions: SourcePositions): SwcSyntaxError | undefined {
  const diagnostic = swcDiagnostic(error);
  const lines = diagnostic.split("\n");
  const reasonLine = lines.find((l) => /^\s*x\s+\S/.test(l));
  if (reasonLine === undefined) return undefined;
  const reason = reasonLine.replace(/^\s*x\s+/, "").trim();

  const marker = lines.findIndex((l) => /^\s*:\s*\^/.test(l));
  for (let i = marker - 1; marker > 0 && i >= 0; i--) {
    const gutter = /^(\s*)(\d+) \|/.exec(lines[i]);
    if (gutter === null) continue;
    const line = Number(gutter[2]);
    const colon = lines[marker].indexOf(":");
    const cells = lines[marker].indexOf("^") - (colon + 2);
    return new SwcSyntaxError(file, line, columnAt(positions.lineText(line), cells), reason, diagnostic);
  }
  // No caret: the header `,-[file:line:col]` (or `[line:col]`) still has the line.
  const header = /,-\[(?:.*:)?(\d+):(\d+)\]/.exec(diagnostic);
  if (header === null) return undefined;
  return new SwcSyntaxError(file, Number(header[1]), Number(header[2]), reason, diagnostic);
}

/** The 1-based UTF-16 column of the character drawn at display cell `cells` of `lineText`. */
function columnAt(lineText: string, cells: number): number {
  let width = 0;
  let index = 0;
  for (const ch of lineText) {
    if (width >= cells) break;
    const cp = ch.codePointAt(0)!;
    width = ch === "\t" ? (Math.floor(width / 4) + 1) * 4 : width + cellWidth(cp);
    index += ch.length;
  }
  return index + 1;
}

/** Terminal cells of a code point: 0 for combining marks, 2 for wide East Asian text and emoji, else 1. */
function cellWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x20d0 && cp <= 0x20ff)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f680 && cp <= 0x1f6ff) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}
