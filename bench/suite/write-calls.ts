/**
 * Write system calls per line at low rates (child/syscalls.ts): each writer of the
 * destination-alone table, one line per event-loop turn and one line per millisecond.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OUT } from "./build.js";
import { IMPL } from "./variants.js";
import { runOnce } from "./worker.js";

/** Writes per line for one writer. */
export interface WriteCallsResult {
  readonly name: string;
  readonly perTurn: number;
  readonly perMs: number;
}

/** The writers measured. */
const WRITERS = ["minimal", "logweave file", "pino sync: true", "pino minLength: 4096"];

/** Measures every writer in both patterns. */
export async function measureWriteCalls(): Promise<WriteCallsResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-syscalls-"));
  try {
    const results: WriteCallsResult[] = [];
    for (const name of WRITERS) {
      const per: Record<string, number> = {};
      for (const pattern of ["turn", "timer"]) {
        const file = path.join(dir, "out.log");
        const r = await runOnce(`syscalls ${name}`, path.join(OUT.plain, "syscalls.js"), [`--impl=${IMPL.writers}`, `--peer=${name}`, `--file=${file}`, `--pattern=${pattern}`]);
        fs.rmSync(file, { force: true });
        per[pattern] = r.writesPerLine as number;
      }
      results.push({ name, perTurn: per.turn, perMs: per.timer });
      console.log(`  write calls per line: ${name.padEnd(22)} one line a turn ${per.turn.toFixed(3)} · one line a ms ${per.timer.toFixed(3)}`);
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
