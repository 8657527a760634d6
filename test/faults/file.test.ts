/**
 * Faults of the file under a `fileDestination`: its directory deleted while the program runs,
 * several processes rotating one file, the file moved away by an external rotation (logrotate's
 * `create`, with and without a SIGHUP), each in real processes. Every line written must be in a
 * file that existed: lines are lost only with a file the fault itself deleted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids, ledger, type FaultRow } from "./helpers/ledger.js";
import { builtModule, DrivenProgram, runProgram } from "./helpers/program.js";
import { printTable } from "./helpers/table.js";

let dir: string;
const rows: FaultRow[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-faults-file-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  printTable("fileDestination: the file system misbehaves", rows);
});

/** The `i` of every line of `p` (tag `p`) in the files named `names` (missing ones skipped). */
function linesIn(files: readonly string[], tag?: string): Array<number | string> {
  const out: Array<number | string> = [];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    for (const text of fs.readFileSync(file, "utf8").split("\n")) {
      if (text === "") continue;
      const record = JSON.parse(text) as { i: number; p?: string };
      out.push(tag === undefined ? record.i : `${record.p}:${record.i}`);
    }
  }
  return out;
}

/** A program appending numbered lines to `file` with `options`, driven step by step. */
function fileProgram(name: string, file: string, options: string): Promise<DrivenProgram> {
  return DrivenProgram.start(
    dir,
    name,
    `import { fileDestination } from ${builtModule("index.js")};
const dest = fileDestination({ path: ${JSON.stringify(file)}, ${options} });
const steps = {
  async log({ from, to }) {
    for (let i = from; i < to; i++) {
      dest.write(JSON.stringify({ i, pad: "x".repeat(i % 40) }) + "\\n");
      if (i % 200 === 199) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return dest.dropped;
  },
  flush() { dest.flushSync(); return dest.dropped; },
  hup() { process.kill(process.pid, "SIGHUP"); return true; },
  close() { dest.close(); return dest.dropped; },
};`,
  );
}

describe("fileDestination under file-system faults", () => {
  it("its directory is deleted twice while the program runs: recreated each time, reported once, no line lost but with the deleted files", async () => {
    const file = path.join(dir, "deleted", "logs", "app.log");
    const program = await fileProgram("deleted-dir", file, "maxSize: 1e9");
    const seen: Array<number | string> = [];
    let next = 0;
    for (let round = 0; round < 3; round++) {
      await program.step("log", { from: next, to: next + 2_000 });
      next += 2_000;
      await program.step("flush");
      seen.push(...linesIn([file]));
      if (round < 2) fs.rmSync(path.dirname(file), { recursive: true });
    }
    const dropped = await program.step<number>("close");
    const result = await program.end();
    const row = ledger("directory deleted twice", ids(next), seen, dropped, "a file's lines counted when read before its deletion");
    rows.push(row);
    expect(row).toMatchObject({ lost: 0, duplicates: 0, droppedReported: 0 });
    expect(result.stderr.match(/was deleted/g)).toHaveLength(1);
  }, 60_000);

  it("four processes rotate one file: every line kept exactly once, no file far past maxSize", async () => {
    const file = path.join(dir, "shared", "app.log");
    const perProcess = 5_000;
    const maxSize = 20_000;
    const tags = ["a", "b", "c", "d"];
    const results = await Promise.all(
      tags.map((tag) =>
        runProgram(
          dir,
          `shared-${tag}`,
          `import { fileDestination } from ${builtModule("index.js")};
const dest = fileDestination({ path: ${JSON.stringify(file)}, maxSize: ${maxSize}, maxFiles: 60 });
let i = 0;
const batch = () => {
  for (let k = 0; k < 25; k++, i++) dest.write(JSON.stringify({ p: "${tag}", i, pad: "x".repeat(i % 50) }) + "\\n");
  if (i < ${perProcess}) setImmediate(batch);
  else dest.close();
};
batch();`,
        ),
      ),
    );
    const names = fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith("app.log") && !n.endsWith(".lock")).map((n) => path.join(path.dirname(file), n));
    const largest = Math.max(...names.map((n) => fs.statSync(n).size));
    const written = tags.flatMap((tag) => ids(perProcess).map((i) => `${tag}:${i}`));
    const row = ledger("4 processes rotate one file", written, linesIn(names, "p"), 0, `${names.length} files, largest ${largest} B (maxSize ${maxSize})`);
    rows.push(row);
    for (const result of results) expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(row).toMatchObject({ lost: 0, duplicates: 0 });
    expect(largest).toBeLessThanOrEqual(2 * maxSize);
  }, 60_000);

  for (const hup of [false, true]) {
    it(`logrotate moves the file away and creates a new one${hup ? ", then sends SIGHUP (reopenOn)" : " (no signal)"}: every line is in one of the two`, async () => {
      const file = path.join(dir, hup ? "logrotate-hup" : "logrotate", "app.log");
      const program = await fileProgram(hup ? "logrotate-hup" : "logrotate", file, hup ? `reopenOn: "SIGHUP"` : "");
      const streaming = program.step("log", { from: 0, to: 20_000 });
      await sleep(20);
      fs.renameSync(file, `${file}.1`);
      fs.writeFileSync(file, "");
      if (hup) await program.step("hup");
      await streaming;
      await program.step("log", { from: 20_000, to: 21_000 });
      const dropped = await program.step<number>("close");
      const result = await program.end();
      const row = ledger(hup ? "logrotate create + SIGHUP" : "logrotate create, no signal", ids(21_000), linesIn([`${file}.1`, file]), dropped);
      rows.push(row);
      expect(row).toMatchObject({ lost: 0, duplicates: 0, droppedReported: 0 });
      expect([result.code, result.stderr]).toEqual([0, ""]);
      expect(linesIn([file]).length).toBeGreaterThan(1_000); // the new file took the lines after the move
    }, 60_000);
  }
});
