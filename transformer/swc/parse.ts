/**
 * Parsing with `@swc/core`, with positions that do not depend on the SWC version.
 *
 * `parse` spans are 1-based UTF-8 byte offsets from a base that 1.15.41+ resets for every parse
 * and older versions carry over from earlier parses. The base is measured, not assumed: the
 * text is parsed behind a `;` (a shebang turned into a `//` comment of the same length), so the
 * first token sits at byte 0 of what SWC sees and the module's span starts exactly at the base.
 */
import swc from "@swc/core";
import { isNode, type SwcNode } from "./ast.js";
import { SourcePositions } from "./source-positions.js";

/** SWC's parser settings (`jsc.parser`: `syntax`, `tsx`, `jsx`, `decorators`, …). */
export type ParserConfig = Readonly<Record<string, unknown>>;

/** A parsed file: the module node (its first statement is the probe's `;`) and position conversions. */
export interface ParsedModule {
  readonly module: SwcNode;
  readonly positions: SourcePositions;
}

/** `@swc/core`'s `parseSync`, or a stand-in with the same contract (tests shift spans with one). */
export type ParseSync = (code: string, options: Record<string, unknown>) => unknown;

/** `@swc/core`'s `parse`, or a stand-in. */
export type ParseAsync = (code: string, options: Record<string, unknown>) => Promise<unknown>;

/** Parses `code` synchronously. Throws SWC's error for a syntax error. */
export function parseModuleSync(code: string, parser: ParserConfig, script = false, parse: ParseSync = swc.parseSync as unknown as ParseSync): ParsedModule {
  return finish(code, parse(probeText(code), parseOptions(parser, script)));
}

/** Parses `code` on SWC's thread pool. Rejects with SWC's error for a syntax error. */
export async function parseModule(code: string, parser: ParserConfig, script = false, parse: ParseAsync = swc.parse as unknown as ParseAsync): Promise<ParsedModule> {
  return finish(code, await parse(probeText(code), parseOptions(parser, script)));
}

/**
 * What SWC is given: a `;` before the text, whose shebang (only legal at its start, after a byte
 * order mark if there is one) becomes a comment of the same length.
 */
function probeText(code: string): string {
  const bom = code.startsWith("\uFEFF") ? 1 : 0;
  return ";" + (code.startsWith("#!", bom) ? code.slice(0, bom) + "//" + code.slice(bom + 2) : code);
}

function parseOptions(parser: ParserConfig, script: boolean): Record<string, unknown> {
  return { ...parser, target: "esnext", comments: false, script };
}

function finish(code: string, module: unknown): ParsedModule {
  if (!isNode(module) || module.span === undefined) throw new Error("logweave swc: @swc/core returned no module");
  // The probe's `;` is the first token: its span start is the base, and `code` starts one byte later.
  return { module, positions: new SourcePositions(code, module.span.start + 1) };
}
