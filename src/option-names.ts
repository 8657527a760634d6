/**
 * Naming a mistyped option: the one wording every entry point uses for an option it does not
 * know (`configure()`, `getLogger()`, the transformer's plugin options, the SWC step, the CLI),
 * with the closest known name as a hint.
 */

/**
 * The known name `name` most likely meant — the same letters in another case, or at most two
 * edits away (one for short names) — or `undefined`. Never throws.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return bestDistance <= (name.length <= 4 ? 1 : 2) ? best : undefined;
}

/**
 * `unknown option "colour" (did you mean "color"?)`, or with the list of options when nothing is
 * close: `unknown option "x"; options: a, b`. `quoted`: names in quotes (the transformer's style
 * for JSON-ish settings), else bare (`configure()`'s).
 */
export function unknownOptionMessage(name: string, known: readonly string[], quoted = true): string {
  const q = (s: string) => (quoted ? JSON.stringify(s) : s);
  const hint = closestName(name, known);
  return `unknown option ${q(name)}` + (hint !== undefined ? ` (did you mean ${q(hint)}?)` : `; options: ${known.join(", ")}`);
}

/** Levenshtein distance, for short option names only. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
