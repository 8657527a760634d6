/**
 * The rewrite of one file as text edits in original-source positions (magic-string's model):
 * each logger call the core planned is elided, folded or turned into a positional call, and the
 * runtime import and the site constants are inserted after the imports.
 *
 * A positional call keeps its receiver and its dynamic values where they are written and only
 * replaces the text between them: the values the core passes come in source order (template
 * holes, then field values in written order), so `log.info(`a ${x}`, { k: 1, y })` becomes
 * `log.__lwOn?.(s)?.__lwWrite(s, x, y)` by editing the gaps. Nested logger calls inside a kept
 * receiver or value are then edited in place like any other; an elided or folded call's inside
 * is gone, and nothing in it is touched.
 */
import MagicString, { type SourceMap } from "magic-string";
import type { CallSiteSpec } from "../../src/site.js";
import { generatedNames, RUNTIME_MODULE } from "../core/names.js";
import type { ResolvedOptions } from "../core/options.js";
import { planCall, type CallPlan } from "../core/plan.js";
import { countPlan, emptyCounts, type FileCounts } from "../core/report.js";
import { runtimeImportSource, siteDeclarationSource, writeCallSource } from "../core/site-source.js";
import { spanOf } from "./ast.js";
import { describeCall } from "./describe-call.js";
import type { LoggerResolver } from "./logger-resolution.js";
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
  const sites: CallSiteSpec[] = [];
  /** Ranges whose text is gone (elided or folded calls, removed statements): identifiers there no longer count as uses. */
  const removed: Range[] = [];
  let goneUntil = -1;
  let edited = false;

  for (const candidate of facts.candidates) {
    // Pre-order: a call that starts inside a removed one is part of it.
    if (candidate.range.start < goneUntil) continue;
    if (!resolver.isLogger(candidate.receiver, candidate.context)) continue;
    let plan: CallPlan<Range>;
    try {
      plan = planCall(describeCall(candidate, input.file, positions), options);
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
          s.overwrite(start, end, candidate.tight ? "(void 0)" : "void 0");
          removed.push(candidate.range);
          goneUntil = end;
        }
        edited = true;
        break;
      }
      case "fold":
        s.overwrite(start, end, String(plan.value));
        removed.push(candidate.range);
        goneUntil = end;
        edited = true;
        break;
      case "site": {
        const receiverSpan = spanOf(candidate.receiver);
        if (receiverSpan === undefined) break;
        const receiverEnd = positions.index(receiverSpan.end);
        const site = names.site(sites.length);
        sites.push(plan.spec);
        // The call text with the receiver and every value kept: only the gaps between them change.
        const template = writeCallSource("\u0000", candidate.optional, site, plan.values.map(() => "\u0000"));
        const gaps = template.split("\u0000").slice(1);
        const kept = [{ start, end: receiverEnd }, ...plan.values];
        for (let i = 0; i < kept.length; i++) {
          const from = kept[i].end;
          const to = i + 1 < kept.length ? kept[i + 1].start : end;
          replace(s, from, to, gaps[i]);
        }
        edited = true;
        break;
      }
    }
  }
  if (!edited) return { rewrite: undefined, counts };

  if (sites.length > 0) {
    const header = [runtimeImportSource(names), ...sites.map((spec, i) => siteDeclarationSource(names, i, spec))].join("\n");
    const { index, after } = facts.insertAt;
    s.appendLeft(index, after ? "\n" + header : header + "\n");
  }
  keepImportedModules(s, facts, removed, sites.length > 0);

  // Mappings at every word boundary: each token SWC maps finds its own original position.
  const map = input.mapSource === undefined ? undefined : s.generateMap({ source: input.mapSource, includeContent: true, hires: "boundary" });
  return { rewrite: { code: s.toString(), map }, counts };
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
function keepImportedModules(s: MagicString, facts: ModuleFacts, removed: readonly Range[], runtimeImported: boolean): void {
  if (removed.length === 0) return;
  const inRemoved = (at: number): boolean => removed.some((r) => at >= r.start && at < r.end);
  for (const imp of facts.imports) {
    if (imp.source === RUNTIME_MODULE && runtimeImported) continue;
    const used = imp.bindings.some((b) => b.references.length > 0);
    const stillUsed = imp.bindings.some((b) => b.references.some((at) => !inRemoved(at)));
    if (used && !stillUsed) s.appendLeft(imp.range.end, `\nimport ${JSON.stringify(imp.source)};`);
  }
}
