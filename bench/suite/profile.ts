/**
 * Where the time goes: runs one variant of one scenario under `node --cpu-prof` and sums the
 * profile's samples by function (self time: the function itself, not what it calls) and by
 * function including callees, so the optimizers see what to attack.
 *
 * `npx tsx bench/suite/profile.ts <scenario> [sink|fd] [variant name, default "logweave transformed"] [--top=15]`
 * (after `npm run build` and `npx tsx bench/suite/build.ts`).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OUT } from "./build.js";
import { SCENARIOS, type Dest } from "./scenarios.js";
import { variantsOf } from "./variants.js";
import { runOnce } from "./worker.js";

/** One function's share of the samples. */
export interface ProfileEntry {
  /** `name file:line` (file relative to the repository, or a node: URL). */
  readonly fn: string;
  /** Share of all samples spent in the function itself. */
  readonly self: number;
  /** Share of all samples with the function on the stack. */
  readonly total: number;
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function frameName(f: CpuProfileNode["callFrame"]): string {
  let file = f.url.startsWith("file://") ? fileURLToPath(f.url) : f.url;
  if (file.startsWith(repo)) file = path.relative(repo, file);
  const name = f.functionName === "" ? "(anonymous)" : f.functionName;
  return file === "" ? name : `${name} ${file}:${f.lineNumber + 1}`;
}

/** Self and inclusive shares by function of a `.cpuprofile`, largest self time first. */
export function summarize(profile: CpuProfile): ProfileEntry[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, k) => {
    const dt = profile.timeDeltas[k] ?? 0;
    all += dt;
    const leaf = byId.get(id)!;
    const leafName = frameName(leaf.callFrame);
    self.set(leafName, (self.get(leafName) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const name = frameName(byId.get(n)!.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + dt);
    }
  });
  return [...self].map(([fn, t]) => ({ fn, self: t / all, total: (total.get(fn) ?? 0) / all })).sort((a, b) => b.self - a.self);
}

/** Profiles `variantName` of `scenario` to `dest` for `runMs`; returns the summary. */
export async function profileScenario(scenario: string, dest: Dest, variantName: string, runMs = 2000): Promise<ProfileEntry[]> {
  const s = SCENARIOS.find((x) => x.id === scenario);
  if (s === undefined) throw new Error(`no scenario ${scenario}`);
  const v = variantsOf(s, dest, { quick: true }).find((x) => x.name === variantName);
  if (v === undefined) throw new Error(`no variant ${variantName} in ${scenario}/${dest}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-profile-"));
  try {
    const file = path.join(dir, "out.log");
    await runOnce(`profile ${scenario}`, path.join(OUT.plain, "main.js"), [`--impl=${v.impl}`, `--scenario=${scenario}`, `--dest=${dest}`, ...(dest === "fd" ? [`--file=${file}`] : []), ...v.args, "--mode=profile", `--run-ms=${runMs}`], [
      "--cpu-prof",
      `--cpu-prof-dir=${dir}`,
    ]);
    const prof = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (prof === undefined) throw new Error("no profile written");
    return summarize(JSON.parse(fs.readFileSync(path.join(dir, prof), "utf8")) as CpuProfile);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [scenario, dest = "sink", variant = "logweave transformed"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const top = Number(process.argv.find((a) => a.startsWith("--top="))?.slice(6) ?? 15);
  const entries = await profileScenario(scenario, dest as Dest, variant);
  console.log(`${scenario} → ${dest}, ${variant}: self / with callees`);
  for (const e of entries.slice(0, top)) console.log(`${(e.self * 100).toFixed(1).padStart(5)}% ${(e.total * 100).toFixed(1).padStart(5)}%  ${e.fn}`);
}
