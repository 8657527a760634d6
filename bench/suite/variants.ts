/**
 * The variants of a scenario: who is measured, from which built module, with which arguments.
 * Every variant runs in a process of its own (see rounds.ts).
 */
import path from "node:path";
import { OUT } from "./build.js";
import type { Dest, Scenario } from "./scenarios.js";

/** What a variant is, for the ratios: the goals compare logweave's roles with the best pino. */
export type Role = "floor" | "transformed" | "no-caller" | "untransformed" | "elided" | "pino" | "peer" | "pino-compat" | "pino-compat-transformed";

/** One measured variant. */
export interface Variant {
  readonly name: string;
  readonly role: Role;
  /** The built implementation module (absolute path). */
  readonly impl: string;
  /** Extra arguments for child/main.ts. */
  readonly args: readonly string[];
  /** Variants whose lines must carry the same content share a group (the line format). */
  readonly contentGroup: string;
}

const impl = {
  floor: path.join(OUT.plain, "impl", "floor.js"),
  pino: path.join(OUT.plain, "impl", "pino.js"),
  others: path.join(OUT.plain, "impl", "others.js"),
  writers: path.join(OUT.plain, "impl", "writers.js"),
  untransformed: path.join(OUT.plain, "impl", "logweave.js"),
  transformed: path.join(OUT.transformed, "impl", "logweave.js"),
  noCaller: path.join(OUT.noCaller, "impl", "logweave.js"),
  elided: path.join(OUT.elided, "impl", "logweave.js"),
  pinoCompat: path.join(OUT.plain, "impl", "logweave-pino.generated.js"),
  pinoCompatTransformed: path.join(OUT.transformed, "impl", "logweave-pino.generated.js"),
};

/** The built modules, for the latency and destination runs. */
export const IMPL = impl;

/** The other loggers measured on the quickstart scenario (full runs only). */
const PEERS = ["winston", "bunyan", "LogTape", "tslog"];

/** Names of pino's variants to a file: its two documented fast setups, in both prototype states. */
export const PINO_FD = [
  { name: "pino sync: true", args: ["--pino=sync"] },
  { name: "pino sync: true, after a child", args: ["--pino=sync", "--primed"] },
  { name: "pino minLength: 4096", args: ["--pino=minLength"] },
  { name: "pino minLength: 4096, after a child", args: ["--pino=minLength", "--primed"] },
] as const;

/** The variants of `scenario` to `dest`. */
export function variantsOf(scenario: Scenario, dest: Dest, options: { quick: boolean }): Variant[] {
  const v = (name: string, role: Role, module: string, args: readonly string[] = []): Variant => ({ name, role, impl: module, args, contentGroup: "json" });
  const out: Variant[] = [v("floor", "floor", impl.floor)];
  out.push(v("logweave transformed", "transformed", impl.transformed));
  out.push(v("logweave transformed, no caller", "no-caller", impl.noCaller));
  if (scenario.id === "caller") {
    // The call-site case: logweave's inlined caller against pino-caller.
    out.push(v("pino + pino-caller", "pino", impl.pino));
    return out;
  }
  out.push(v("logweave untransformed", "untransformed", impl.untransformed));
  if (scenario.id === "disabled-debug") out.push(v("logweave elided", "elided", impl.elided));
  if (scenario.id.startsWith("shared-site")) return out;
  if (scenario.pinoFile !== undefined) {
    // pino's own calls through the drop-in, in pino's setup for the destination.
    const setup = dest === "sink" ? [] : ["--pino=sync"];
    out.push(v("logweave/pino", "pino-compat", impl.pinoCompat, setup));
    out.push(v("logweave/pino transformed", "pino-compat-transformed", impl.pinoCompatTransformed, setup));
  }
  if (dest === "sink") {
    out.push(v("pino", "pino", impl.pino));
    out.push(v("pino, after a child", "pino", impl.pino, ["--primed"]));
    if (scenario.id === "quickstart" && !options.quick) for (const peer of PEERS) out.push({ ...v(peer, "peer", impl.others, [`--peer=${peer}`]), contentGroup: "peer" });
  } else {
    for (const p of PINO_FD) out.push(v(p.name, "pino", impl.pino, p.args));
  }
  return out;
}

/** The formats table: the quickstart scenario to the sink in each line format. */
export function formatVariants(formats: readonly string[]): Variant[] {
  const out: Variant[] = [];
  for (const format of formats) {
    const args = [`--format=${format}`];
    out.push({ name: `transformed ${format}`, role: "transformed", impl: impl.transformed, args, contentGroup: format });
    out.push({ name: `transformed, no caller ${format}`, role: "no-caller", impl: impl.noCaller, args, contentGroup: format });
    out.push({ name: `untransformed ${format}`, role: "untransformed", impl: impl.untransformed, args, contentGroup: format });
  }
  return out;
}

/** The destination-alone table: one finished line to a file through each writer. */
export function writerVariants(): Variant[] {
  return ["minimal", "logweave file", "pino sync: true", "pino minLength: 4096"].map((name) => ({
    name,
    role: name === "minimal" ? "floor" : name.startsWith("pino") ? "pino" : "transformed",
    impl: impl.writers,
    args: [`--peer=${name}`],
    contentGroup: "line",
  }));
}
