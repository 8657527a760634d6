// Prints this process's own peak RSS on stderr at exit: VmHWM from /proc/self/status (not
// process.resourceUsage().maxRSS, which on Linux carries the spawning parent's peak across exec).
import fs from "node:fs";
process.on("exit", () => {
  let kb = 0;
  try {
    kb = Number(/^VmHWM:\s+(\d+)/m.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0);
  } catch {}
  process.stderr.write(`peakRssKb=${kb}\n`);
});
