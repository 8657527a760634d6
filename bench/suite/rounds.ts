/**
 * Measures one table: a scenario to one destination, every variant in a process of its own.
 *
 * The processes are started two at a time, then kept alive while the parent asks them for slices
 * (child/measure.ts): per round, `passes` slices each, interleaved, in an order rotated every
 * round, so every variant is measured within milliseconds of the others and none is always first
 * or last. A round keeps one slice per variant (see keptSlices). After
 * the rounds each process writes out what it buffered and reports; the parent then checks that
 * every line arrived (the sink's count, or the file's lines) and compares the content of the first
 * lines with the reference variant's (content.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OUT } from "./build.js";
import { firstDifference, type ContentKind } from "./content.js";
import type { Dest } from "./scenarios.js";
import type { Role, Variant } from "./variants.js";
import type { Slice } from "./child/measure.js";
import { MeasuredProcess } from "./worker.js";

/** How long to run. */
export interface RoundOptions {
  readonly rounds: number;
  readonly warmMs: number;
  readonly batchMs: number;
  /** Slices per variant per round, interleaved; see keptSlices for the one kept. */
  readonly passes: number;
}

/** One variant's figures. */
export interface VariantResult {
  readonly name: string;
  readonly role: Role;
  /** CPU ns per operation, one per round (the slice kept from the round; see keptSlices). */
  readonly cpuNs: number[];
  /** Wall ns per operation of the same slices. */
  readonly wallNs: number[];
  readonly linesPerOp: number;
  readonly peakRssKb: number | undefined;
  /** `undefined` when the lines carry the reference's content and all arrived; else what is wrong. */
  readonly problem: string | undefined;
  readonly counters: Record<string, number> | undefined;
}

/** One table to measure: a scenario to a destination, with its variants. */
export interface Table {
  /** The table's name in the results: the scenario id, or `formats`, `writers`. */
  readonly id: string;
  readonly scenario: string;
  readonly dest: Dest;
  readonly variants: readonly Variant[];
  readonly content: ContentKind;
}

/** One table's figures. */
export interface TableResult {
  readonly id: string;
  readonly scenario: string;
  readonly dest: Dest;
  readonly variants: VariantResult[];
  readonly rounds: number;
}

/** Lines kept from each variant for the content check. */
const COMPARED = 20;

/** Measures one table. */
export async function measureTable(table: Table, o: RoundOptions): Promise<TableResult> {
  const { scenario, dest, variants, content } = table;
  const dir = dest === "fd" ? fs.mkdtempSync(path.join(os.tmpdir(), "logweave-bench-")) : undefined;
  const procs: MeasuredProcess[] = [];
  try {
    const files = variants.map((_, k) => (dir === undefined ? undefined : path.join(dir, `${k}.log`)));
    // Started two at a time (the warm-ups need not be quiet; the slices are taken one at a time).
    for (let k = 0; k < variants.length; k += 2) {
      const started = await Promise.all(
        variants.slice(k, k + 2).map((v, j) => {
          const file = files[k + j];
          const args = [`--impl=${v.impl}`, `--scenario=${scenario}`, `--dest=${dest}`, ...(file ? [`--file=${file}`] : []), ...v.args, `--warm-ms=${o.warmMs}`, `--batch-ms=${o.batchMs}`];
          return MeasuredProcess.start(`${scenario}/${dest}/${v.name}`, path.join(OUT.plain, "main.js"), args);
        }),
      );
      procs.push(...started.map((s) => s.process));
    }
    const slices: Slice[][][] = variants.map(() => []); // [variant][round][pass]
    // Round -1 is not kept: a process's first slice after the warm-up (and after sitting idle
    // while the others warmed up) runs slow in every variant.
    for (let r = -1; r < o.rounds; r++) {
      const round: Slice[][] = variants.map(() => []);
      for (let pass = 0; pass < o.passes; pass++) {
        for (let j = 0; j < variants.length; j++) {
          const k = (j + r + variants.length) % variants.length;
          round[k].push((await procs[k].ask("slice")) as unknown as Slice);
        }
      }
      if (r >= 0) round.forEach((s, k) => slices[k].push(s));
    }
    const kept = slices.map(keptSlices);
    const cpu = kept.map((ks) => ks.map((s) => s.cpuNs));
    const wall = kept.map((ks) => ks.map((s) => s.wallNs));
    const finals: { ops: number; linesPerOp: number; sinkLines: number; first: string[]; counters?: Record<string, number>; peakRssKb?: number }[] = [];
    for (const p of procs) finals.push((await p.end()) as (typeof finals)[number]);

    // What arrived, and its first lines.
    const arrived = finals.map((f, k) => {
      const file = files[k];
      if (file === undefined) return { count: f.sinkLines, first: f.first.flatMap(splitLines).slice(0, COMPARED) };
      return readLines(file);
    });
    const refIndex = referenceOf(variants);
    const results: VariantResult[] = variants.map((v, k) => {
      const f = finals[k];
      const expected = f.ops * f.linesPerOp;
      let problem: string | undefined;
      if (arrived[k].count !== expected) problem = `${arrived[k].count} lines arrived of ${expected} written`;
      else {
        const ref = refIndex[k];
        if (ref !== k) problem = firstDifference(arrived[ref].first, arrived[k].first, v.contentGroup === "logfmt" ? "logfmt" : content);
      }
      return { name: v.name, role: v.role, cpuNs: cpu[k], wallNs: wall[k], linesPerOp: f.linesPerOp, peakRssKb: f.peakRssKb, problem, counters: f.counters };
    });
    return { id: table.id, scenario, dest, variants: results, rounds: o.rounds };
  } finally {
    for (const p of procs) p.kill();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * For each variant, the variant whose lines it must match: the first pino variant; where there is
 * none, the untransformed build of the same content group (the plain build is the oracle); else
 * the floor. Other loggers (content group "peer") are not compared: their lines have other shapes.
 */
function referenceOf(variants: readonly Variant[]): number[] {
  return variants.map((v, k) => {
    if (v.contentGroup === "peer") return k;
    const same = (role: Role) => variants.findIndex((w) => w.role === role && w.contentGroup === v.contentGroup);
    for (const role of ["pino", "untransformed", "floor"] as const) {
      const i = same(role);
      if (i !== -1) return i;
    }
    return k;
  });
}

/**
 * One slice per round: the fastest among those that held at least the variant's usual number of
 * garbage collections (the median over all its slices); a round without one keeps its slice with
 * the most collections. The fastest, because a neighbour's burst slows single slices several times
 * over; with at least the usual collections, because a slice is fast too when it happened to hold
 * one collection fewer, which would flatter the variant that allocates most.
 */
function keptSlices(rounds: Slice[][]): Slice[] {
  const counts = rounds.flat().map((s) => s.gcs).sort((a, b) => a - b);
  const usual = counts[counts.length >> 1] ?? 0;
  return rounds.map((round) => {
    const full = round.filter((s) => s.gcs >= usual);
    const pool = full.length > 0 ? full : round.filter((s) => s.gcs === Math.max(...round.map((x) => x.gcs)));
    return pool.reduce((a, b) => (b.cpuNs < a.cpuNs ? b : a));
  });
}

function splitLines(chunk: string): string[] {
  return chunk.split("\n").filter((l) => l !== "");
}

/** A file's line count and its first lines, read in chunks (a file may pass 2 GiB in a full run). */
function readLines(file: string): { count: number; first: string[] } {
  const fd = fs.openSync(file, "r");
  const chunk = Buffer.allocUnsafe(1 << 24);
  let count = 0;
  const first: string[] = [];
  let head = ""; // the start of a line still to be completed, while first lines are collected
  try {
    for (let n = fs.readSync(fd, chunk, 0, chunk.length, null); n > 0; n = fs.readSync(fd, chunk, 0, chunk.length, null)) {
      const buf = chunk.subarray(0, n);
      let start = 0;
      for (let at = buf.indexOf(10); at !== -1; at = buf.indexOf(10, at + 1)) {
        if (first.length < COMPARED) {
          first.push(head + buf.toString("utf8", start, at));
          head = "";
        }
        start = at + 1;
        count++;
      }
      if (first.length < COMPARED) head += buf.toString("utf8", start, n);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { count, first };
}
