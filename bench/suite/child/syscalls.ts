/**
 * Writes per line at low rates: how many write system calls a writer makes when the application
 * logs one line per turn of the event loop (`--pattern=turn`, 2,000 lines) or one line per
 * millisecond (`--pattern=timer`, 200 lines). Counted by the kernel (`syscw` in `/proc/self/io`:
 * every write-like call of the process), so nothing depends on the writer's own bookkeeping.
 *
 * `node syscalls.js --impl=/abs/writers.js --peer=minimal --file=… --pattern=turn|timer`
 */
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { arg, report } from "./args.js";
import { turn } from "./measure.js";
import type { Make } from "./target.js";

/** The process's write-like system calls so far, or NaN where /proc does not say. */
function writeCalls(): number {
  try {
    const m = /^syscw:\s+(\d+)/m.exec(fs.readFileSync("/proc/self/io", "utf8"));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

const { make } = (await import(pathToFileURL(arg("impl")!).href)) as { make: Make };
const prepared = await make("line", { kind: "fd", path: arg("file")! }, { primed: false, peer: arg("peer") });
if (prepared === undefined) throw new Error(`syscalls: no writer ${arg("peer")}`);
const timer = arg("pattern") === "timer";
const lines = timer ? 200 : 2_000;
const wait = timer ? () => new Promise<void>((resolve) => setTimeout(resolve, 1)) : turn;

for (let k = 0; k < 20; k++) {
  prepared.op(k);
  await wait();
}
await prepared.settle?.();
const before = writeCalls();
for (let k = 0; k < lines; k++) {
  prepared.op(k);
  await wait();
}
await prepared.settle?.();
// Reading /proc/self/io is a read, not a write: it does not count.
const writes = writeCalls() - before;
prepared.flushSync();
report({ lines, writes, writesPerLine: writes / lines });
