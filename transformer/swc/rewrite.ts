/**
 * The rewrite of one file as text edits in original-source positions (magic-string's model):
 * each logger call the core planned is elided, folded or turned into a positional call, and the
 * site functions and the file's helpers are appended at the end (see `core/site-source.ts`).
 *
 * A positional call keeps its receiver and its dynamic values where they are written and only
 * replaces the text between them: the values the core passes come in source order (template
 * holes, then field values in written order), so `log.info(`a ${x}`, { k: 1, y })` becomes
 * `(__lw_on(s, log)?.(s, `${x}`, y))` by editing the gaps. Nested logger calls inside a kept
 * receiver or value are then edited in place like any other; an elided or folded call's inside
 * is gone, and nothing in it is touched. The site's `args` function is the call's own argument
 * text, copied, with each value replaced by a parameter.
 */
import MagicString, { type SourceMap } from "magic-string";
import { generatedNames, } from "../core/names.js";
import type { ResolvedOptions } from "../core/options.js";
import { planCall, type CallPlan, type PlannedValue } from "../core/plan.js";
import { planPinoCall } from "../core/pino-plan.js";
import { countPlan, emptyCounts, type FileCounts } from "../core/report.js";
import { argsFunctionSource, callPieces, chainCallPieces, fileHelpersSource, siteFunctionSource } from "../core/site-source.js";
import { isNode, items, spanOf } from "./ast.js";
import { describeCall, lastOptionalLink } from "./describe-call.js";
import type { LoggerResolver } from "./logger-resolution.js";
import type { CandidateCall } from "./candidate-calls.js";
import type { ModuleFacts } from "./module-reader.js";
import type { Range, SourcePositions } from "./source-positions.js";
/** The edited text and its map back to the original (when one was asked for). */
export interface Rewrite {
  readonly code: string;
  readonly map: SourceMap | undefined;
}

/** What `rewriteModule` needs besides the facts of the walk. */
export interface RewriteInput {
  readonly facts: ModuleFacts;
  readonly positions: SourcePositions;
  readonly resolver: LoggerResolver;
  readonly options: ResolvedOptions;
  /** Absolute path, for call locations. */
  readonly file: string;
  /** The file name the map names as its source (what SWC would write in `sources`); `undefined`: no map. */
  readonly mapSource: string | undefined;
}

/** Plans and applies every call of the module; returns the rewrite (`undefined`: nothing changed) and what happened to the calls. */
export function rewriteModule(input: RewriteInput): { rewrite: Rewrite | undefined; counts: FileCounts } {
  const { facts, positions, resolver, options } = input;
  const code = positions.code;
  const counts = emptyCounts();
  const s = new MagicString(code);
  const names = generatedNames(code);
  const siteFunctions: string[] = [];
  /** Ranges whose text is gone (elided or folded calls, removed statements): identifiers there no longer count as uses. */
  const removed: Range[] = [];
  let goneUntil = -1;
  let edited = false;
  /** Starts shared by two candidate calls (a receiver that begins with another logger call). */
  const sharedStarts = new Set<number>();
  const seenStarts = new Set<number>();
  for (const c of facts.candidates) {
    if (seenStarts.has(c.range.start)) sharedStarts.add(c.range.start);
    seenStarts.add(c.range.start);
  }

  for (const candidate of facts.candidates) {
    // Pre-order: a call that starts inside a removed one is part of it.
    if (candidate.range.start < goneUntil) continue;
    // A logweave logger, else a `logweave/pino` one (planned in pino's terms), else not a logger call.
    const pino = !resolver.isLogger(candidate.receiver, candidate.context) && resolver.isPinoLogger(candidate.receiver, candidate.context);
    if (!pino && !resolver.isLogger(candidate.receiver, candidate.context)) continue;
    let plan: CallPlan<Range>;
    try {
      const call = describeCall(candidate, input.file, positions);
      plan = pino ? planPinoCall(call, options) : planCall(call, options);
    } catch (e) {
      // Never break a build over one call: a call the step cannot read stays as written.
      plan = { action: "leave", reason: `internal error: ${e instanceof Error ? e.message : String(e)}` };
    }
    countPlan(counts, plan);
    const { start, end } = candidate.range;
    switch (plan.action) {
      case "leave":
        break;
      case "elide": {
        const statement = candidate.statement;
        if (statement !== undefined) {
          // A whole statement goes; where one is required, or removal could join neighbours, `;` stays.
          if (statement.removable) s.remove(statement.range.start, statement.range.end);
          else s.overwrite(statement.range.start, statement.range.end, ";");
          removed.push(statement.range);
          goneUntil = statement.range.end;
        } else {
          s.overwrite(start, end, candidate.tight ? asiGuard(facts, start) + "(void 0)" : "void 0", { contentOnly: true });
          removed.push(candidate.range);
          goneUntil = end;
        }
        edited = true;
        break;
      }
      case "fold":
        s.overwrite(start, end, String(plan.value), { contentOnly: true });
        removed.push(candidate.range);
        goneUntil = end;
        edited = true;
        break;
      case "site": {
        const receiverSpan = spanOf(candidate.receiver);
        if (receiverSpan === undefined) break;
        const receiverEnd = positions.index(receiverSpan.end);
        const site = names.site(siteFunctions.length);
        siteFunctions.push(siteFunctionSource(site, plan.spec, argsSource(candidate, plan.values, code, positions, names)));
        // The call text with the receiver and every value kept: only the text around them changes.
        const link = plan.receiverChain ? lastOptionalLink(candidate.receiver) : undefined;
        const linkSpan = link === undefined ? undefined : spanOf(link.base);
        let pieces: string[];
        if (link !== undefined && linkSpan !== undefined) {
          pieces = chainCallPieces(names, site, plan.optionalMethod, plan.values, link.named);
          const baseEnd = positions.index(linkSpan.end);
          s.overwrite(baseEnd, afterOptionalDot(code, baseEnd), pieces[1]);
          pieces.splice(1, 1);
        } else {
          pieces = callPieces(names, site, plan.optionalMethod, plan.values, candidate.tight);
        }
        const prefix = (candidate.tight || link !== undefined ? asiGuard(facts, start) : "") + pieces[0];
        const firstEnd = start + (code.codePointAt(start)! > 0xffff ? 2 : 1);
        if (sharedStarts.has(start) || firstEnd > receiverEnd) {
          // A call that starts where this one does, inside its receiver, edits there too: insert
          // before it (unmapped; such code is rare enough to lose one mapping).
          s.appendRight(start, prefix);
        } else {
          // Written over the receiver's first character, so the call's new first character maps
          // to the original call's first character.
          s.overwrite(start, firstEnd, prefix + code.slice(start, firstEnd));
        }
        const kept = [{ start, end: receiverEnd }, ...plan.values.map((v) => v.expr)];
        for (let i = 0; i < kept.length; i++) {
          const from = kept[i].end;
          const to = i + 1 < kept.length ? kept[i + 1].start : end;
          replace(s, from, to, pieces[i + 1]);
        }
        edited = true;
        break;
      }
    }
  }
  if (!edited) return { rewrite: undefined, counts };

  if (siteFunctions.length > 0) {
    // Hoisted declarations, so their place does not matter: after everything, where they move no line.
    s.append("\n" + [...siteFunctions, fileHelpersSource(names)].join("\n") + "\n");
  }
  keepImportedModules(s, facts, removed);

  // Mappings at every word boundary: each token SWC maps finds its own original position.
  const map = input.mapSource === undefined ? undefined : s.generateMap({ source: input.mapSource, includeContent: true, hires: "boundary" });
  return { rewrite: { code: s.toString(), map }, counts };
}

/**
 * `;` before a replacement that opens with `(` at the start of a statement in a statement list,
 * where the previous line may lack its semicolon (`a = b` ⏎ `(…)` would call `b`); else `""`.
 */
function asiGuard(facts: ModuleFacts, start: number): string {
  return facts.listStatementStarts.has(start) ? ";" : "";
}

/** Where the `?.` token after `from` ends (whitespace and comments skipped). */
function afterOptionalDot(code: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < code.length && /\s/.test(code[i])) i++;
    if (code.startsWith("//", i)) i = code.indexOf("\n", i) === -1 ? code.length : code.indexOf("\n", i);
    else if (code.startsWith("/*", i)) i = code.indexOf("*/", i) === -1 ? code.length : code.indexOf("*/", i) + 2;
    else break;
  }
  return code.startsWith("?.", i) ? i + 2 : i;
}

/** Replaces `[from, to)` with `text`; an empty range gets the text inserted. */
function replace(s: MagicString, from: number, to: number, text: string): void {
  if (to > from) s.overwrite(from, to, text);
  else s.appendLeft(from, text);
}

/**
 * SWC drops an import whose bindings are all unused after the rewrite, and with it the module's
 * side effects (a logging module that configures on import). When the only uses of an import
 * were inside removed calls, a bare `import "…"` keeps the module loaded, as it was before.
 */
function keepImportedModules(s: MagicString, facts: ModuleFacts, removed: readonly Range[]): void {
  if (removed.length === 0) return;
  const inRemoved = (at: number): boolean => removed.some((r) => at >= r.start && at < r.end);
  for (const imp of facts.imports) {
    const used = imp.bindings.some((b) => b.references.length > 0);
    const stillUsed = imp.bindings.some((b) => b.references.some((at) => !inRemoved(at)));
    if (used && !stillUsed) s.appendLeft(imp.range.end, `\nimport ${JSON.stringify(imp.source)};`);
  }
}

/**
 * The site's `args` function: the call's argument texts as written, each planned value replaced by
 * its parameter (a shorthand field `{ userId }` by `userId: __lw_0`). Static parts stay the very
 * source they were, so a receiver that is not a logger gets the same values the call would pass.
 */
function argsSource(candidate: CandidateCall, values: readonly PlannedValue<Range>[], code: string, positions: SourcePositions, names: ReturnType<typeof generatedNames>): string {
  const texts: string[] = [];
  let next = 0;
  for (const arg of items(candidate.call, "arguments")) {
    const expression = (arg as { expression?: unknown }).expression;
    const span = isNode(expression) ? spanOf(expression) : undefined;
    if (span === undefined) continue;
    const range = positions.range(span);
    let text = "";
    let at = range.start;
    while (next < values.length && values[next].expr.start >= range.start && values[next].expr.end <= range.end) {
      const v = values[next];
      const param = names.arg(next);
      text += code.slice(at, v.expr.start) + (v.shorthandKey !== undefined ? `${v.shorthandKey}: ${param}` : param);
      at = v.expr.end;
      next++;
    }
    texts.push(text + code.slice(at, range.end));
  }
  return argsFunctionSource(names, values.length, texts);
}
