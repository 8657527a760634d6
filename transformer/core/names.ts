/**
 * The names emitted code uses: the runtime module and its entry points, and the generated
 * identifiers, the same in every front end so their outputs read alike.
 */

/** The module the site factory is imported from. */
export const RUNTIME_MODULE = "logweave";

/** The runtime's site factory export (`callSite(spec)`). */
export const CALL_SITE_EXPORT = "callSite";

/** Logger method: the logger when the site's level is enabled now, else `undefined`. */
export const ENABLED_METHOD = "__lwOn";

/** Logger method: writes one call of a site with its positional values. */
export const WRITE_METHOD = "__lwWrite";

/** The identifiers a transformed file declares. */
export interface GeneratedNames {
  /** Local name of the imported `callSite`. */
  readonly callSite: string;
  /** Name of the `index`-th hoisted site constant (0-based, in source order). */
  site(index: number): string;
}

/**
 * Names that cannot collide with anything in the file: `__lw_callSite` and `__lw_site_<n>`, or
 * `__lw<k>_…` with the smallest `k` whose prefix the source text does not contain at all.
 * Deterministic: the same source gives the same names.
 */
export function generatedNames(sourceText: string): GeneratedNames {
  let prefix = "__lw_";
  for (let k = 1; sourceText.includes(prefix); k++) prefix = `__lw${k}_`;
  return { callSite: prefix + "callSite", site: (index) => prefix + "site_" + index };
}
