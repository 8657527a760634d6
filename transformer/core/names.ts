/**
 * The names emitted code uses: the runtime module the front ends recognize loggers from, the
 * runtime entry's global key, and the generated identifiers, the same in every front end so their
 * outputs read alike.
 */
export { SITE_ENTRY_KEY } from "../../src/site-entry.js";

/** The module loggers come from (`getLogger`, `Logger`): what the front ends recognize. Emitted code never imports it. */
export const RUNTIME_MODULE = "logweave";

/** The identifiers a transformed file declares. */
export interface GeneratedNames {
  /** The file's function that finds the runtime's entry and enters a call (`__lw_on`). */
  readonly on: string;
  /** The file's function for a call when no logweave runtime is loaded at all (`__lw_plain`). */
  readonly plain: string;
  /** The file's variable caching the runtime's entry once found (`__lw_entry`). */
  readonly entry: string;
  /** The file's temporary holding the part of a receiver before its optional link (`__lw_t`). */
  readonly temp: string;
  /** Name of the `index`-th site function (0-based, in source order). */
  site(index: number): string;
  /** Name of the `index`-th parameter of a site's `args` function. */
  arg(index: number): string;
}

/**
 * Names that cannot collide with anything in the file: `__lw_on`, `__lw_site_<n>`…, or `__lw<k>_…`
 * with the smallest `k` whose prefix the source text does not contain at all. Deterministic: the
 * same source gives the same names.
 */
export function generatedNames(sourceText: string): GeneratedNames {
  let prefix = "__lw_";
  for (let k = 1; sourceText.includes(prefix); k++) prefix = `__lw${k}_`;
  return {
    on: prefix + "on",
    plain: prefix + "plain",
    entry: prefix + "entry",
    temp: prefix + "t",
    site: (index) => prefix + "site_" + index,
    arg: (index) => prefix + index,
  };
}
