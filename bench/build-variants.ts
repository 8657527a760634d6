/**
 * The logweave variants of the benchmark cases: as written (untransformed runtime), and — once
 * the transformer is built — through the TypeScript plugin.
 */
import * as plain from "./cases/logweave-cases.js";

/** One way of running the logweave cases. */
export interface Variant {
  name: string;
  module: typeof plain;
  /** Whether this variant carries caller metadata (case 7). */
  callerCase: boolean;
}

/** Builds and imports every variant available. */
export async function buildVariants(): Promise<Variant[]> {
  return [{ name: "logweave untransformed", module: plain, callerCase: false }];
}
