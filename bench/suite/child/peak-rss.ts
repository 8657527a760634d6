/**
 * This process's own peak resident set size, from `/proc/self/status` (`VmHWM`). Not
 * `process.resourceUsage().maxRSS`: on Linux that high-water mark survives fork and exec, so a
 * child spawned by a large parent reports the parent's peak when its own is smaller.
 */
import fs from "node:fs";

/** Peak RSS in KiB, or `undefined` where `/proc` does not say (not Linux). */
export function peakRssKb(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
