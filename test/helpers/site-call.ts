/**
 * Transformer call sites by hand, entered exactly as emitted code enters them (see
 * `transformer/core/site-source.ts`): a site is a function returning its spec, and a call is
 * `entry(site, receiver)?.(site, ...values)` through the runtime's global entry.
 */
import type { CallSiteSpec } from "../../src/site.js";
import { SITE_ENTRY_KEY, type SiteWriter } from "../../src/site-entry.js";
import "../../src/index.js";

/** A site function for `spec`, as the transformer emits one. */
export function site(spec: CallSiteSpec): () => CallSiteSpec {
  return () => spec;
}

/** Enters a call of `holder` on `receiver`: the writer to pass the values to, or `undefined` when the call goes no further. */
export function enter(receiver: unknown, holder: unknown): SiteWriter | undefined {
  const entry = (globalThis as unknown as Record<symbol, (h: unknown, r: unknown) => SiteWriter | undefined>)[Symbol.for(SITE_ENTRY_KEY)];
  return entry(holder, receiver);
}
