/**
 * End to end: N lines of the quickstart call written to stdout redirected to a file, each logger
 * in its own child process with its recommended production setup. Reports wall time (spawn to
 * exit, so the final flush counts), lines/s and the child's own peak RSS (VmHWM, printed by
 * e2e/peak-rss.mjs loaded with `--import`: `process.resourceUsage().maxRSS` would report the
 * bench's own, larger, peak inherited across fork and exec).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** One end-to-end measurement. */
export interface EndToEndResult {
  name: string;
  lines: number;
  wallMs: number;
  linesPerSecond: number;
  peakRssKb: number;
}

const SCRIPTS: { name: string; file: string; args?: string[] }[] = [
  { name: "floor", file: "e2e/floor.mjs" },
  { name: "logweave (stdout, default)", file: "e2e/logweave.mjs" },
  { name: "logweave transformed", file: ".out/e2e/app.js" },
  { name: "pino (destination, sync: false)", file: "e2e/pino.mjs", args: ["async"] },
  { name: "pino (destination, sync: true)", file: "e2e/pino.mjs", args: ["sync"] },
  { name: "pino (destination, minLength: 4096)", file: "e2e/pino.mjs", args: ["minLength"] },
];

/** Runs every script once with `lines` lines; returns what arrived, how fast, and each child's peak RSS. */
export async function endToEnd(lines: number): Promise<EndToEndResult[]> {
  const results: EndToEndResult[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-e2e-"));
  const peak = pathToFileURL(path.join(here, "e2e", "peak-rss.mjs")).href;
  for (const s of SCRIPTS) {
    const script = path.join(here, s.file);
    if (!fs.existsSync(script)) continue;
    const outFile = path.join(dir, s.name.replace(/[^a-z0-9]+/gi, "-") + ".log");
    const fd = fs.openSync(outFile, "w");
    const started = process.hrtime.bigint();
    const rss = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", peak, script, String(lines), ...(s.args ?? [])], { stdio: ["ignore", fd, "pipe"] });
      let err = "";
      child.stderr!.on("data", (d) => (err += d));
      child.on("error", reject);
      child.on("exit", (code) => {
        const m = /peakRssKb=(\d+)/.exec(err);
        if (code !== 0) reject(new Error(`${s.file} exited ${code}: ${err}`));
        else resolve(m ? Number(m[1]) : 0);
      });
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    fs.closeSync(fd);
    const arrived = countLines(outFile);
    fs.rmSync(outFile);
    results.push({ name: s.name, lines: arrived, wallMs, linesPerSecond: (arrived / wallMs) * 1000, peakRssKb: rss });
    console.log(`  e2e ${s.name.padEnd(36)} ${arrived} lines ${(wallMs / 1000).toFixed(2)} s ${Math.round((arrived / wallMs) * 1000)} lines/s peak RSS ${(rss / 1024).toFixed(0)} MiB`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return results;
}

function countLines(file: string): number {
  const buf = fs.readFileSync(file);
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}
