/**
 * The safe serializer against `JSON.stringify` and against itself before the fast path.
 *
 * Run: `npx tsx bench/serializer.ts [rounds]` (default 9 rounds). In one process, each round
 * measures, in rotating order, the serializer as it was before (vendored at
 * test/helpers/baseline-serializer/, the same copy the differential test compares against), the
 * current one (src/serialize.ts) and `JSON.stringify` of the same value, on the same values.
 *
 * Times are CPU time of this process (user + system, `process.cpuUsage`), not wall time: the
 * machine is shared and a process waiting for a core would otherwise be charged for it. Each
 * measurement is mitata's median (p50) over its samples; the tables give the median over rounds and
 * the spread (lowest–highest), and ratios are taken within a round, then their median reported.
 *
 * Every output is flattened before the clock stops (one `charCodeAt` in the middle): a serializer
 * that builds its text by concatenation hands back a rope that the destination flattens when it
 * writes it, while `JSON.stringify` hands back a flat string, so the flattening is charged to the
 * serializer that caused it.
 *
 * Before timing, each case checks that the current serializer writes exactly what the old one wrote,
 * and, for plain data, exactly what `JSON.stringify` writes (so neither does less work).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { do_not_optimize, measure } from "mitata";
import { compileRedaction } from "../src/redact.js";
import { DEFAULT_LIMITS, serializeValue, type SerializeConfig } from "../src/serialize.js";
import { serializeValue as baselineValue } from "../test/helpers/baseline-serializer/serialize.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rounds = Number(process.argv[2] ?? 9);

// Default limits but for maxItems, raised so that the 200 records are all written (a value that
// hits no limit, as JSON.stringify's output of it has them all).
const limits = { ...DEFAULT_LIMITS, maxItems: 1000 };
// Each serializer gets its own configuration object: both keep per-configuration caches on it.
const current: SerializeConfig = { limits, redactor: compileRedaction(undefined) };
const baseline: SerializeConfig = { limits, redactor: compileRedaction(undefined) };

/** pino's own package.json: the value pino's deep-object benchmark logs. */
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/pino/package.json"), "utf8")) as Record<string, unknown>;
/** pino's deep-object benchmark value: its package.json nested four levels deep. */
const deep: Record<string, unknown> = Object.assign({}, pkg, { level: "info" });
let at = deep;
for (let i = 0; i < 3; i++) at = at.deep = Object.assign({}, JSON.parse(JSON.stringify(deep)));

const records = Array.from({ length: 200 }, (_, i) => ({
  id: 10_000 + i,
  name: `user-${i}`,
  email: `user${i}@example.com`,
  active: i % 3 !== 0,
  score: Math.round(i * 7.3) / 10,
}));

const config = {
  server: { host: "0.0.0.0", port: 8080, tls: { enabled: true, cert: "/etc/ssl/cert.pem", ciphers: ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"] } },
  database: { url: "postgres://db.internal:5432/app", pool: { min: 2, max: 20, idleMillis: 30_000 }, replicas: ["db-r1.internal", "db-r2.internal"] },
  features: { search: { enabled: true, engine: "opensearch", shards: 3 }, billing: { enabled: false, provider: "stripe", retries: 5 } },
  logging: { level: "info", format: "json", sampling: { debug: 0.1, trace: 0.01 } },
};

const flat = {
  requestId: "b7f3c2a1-9d4e-4f6a-8b2c-1e5d7a9c3f0b",
  method: "GET",
  path: "/api/v1/orders",
  status: 200,
  durationMs: 12.5,
  bytes: 5120,
  cached: false,
  region: "eu-west-1",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
  retries: 0,
};

const cleanString = "GET /api/v1/orders?page=2&size=50 completed in 12 ms for tenant acme-corp (cache miss)";
const escapedString = 'line one\nline two\t"quoted" \\ back and a control \u0001 char, then some more text';
const separatorString = "a paragraph\u2028another paragraph\u2029and one more, as pasted from a word processor";

function nestedError(): Error {
  const root = new Error("connection refused: db-r1.internal:5432");
  Object.assign(root, { code: "ECONNREFUSED" });
  const mid = new Error("query failed: SELECT * FROM orders WHERE tenant = $1", { cause: root });
  return new TypeError("could not load orders for tenant acme-corp", { cause: mid });
}
const error = nestedError();

/** The same content as a plain object: what `JSON.stringify` is compared with for an Error. */
function errorAsPlain(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out: Record<string, unknown> = { type: err.constructor.name, message: err.message, stack: err.stack };
  for (const k of Object.keys(err)) out[k] = (err as unknown as Record<string, unknown>)[k];
  if ("cause" in err) out.cause = errorAsPlain(err.cause);
  return out;
}

interface Case {
  readonly name: string;
  readonly value: unknown;
  /** What JSON.stringify is given (the value itself, but for the Error). */
  readonly plain: unknown;
}

const cases: readonly Case[] = [
  { name: "package.json-sized object", value: pkg, plain: pkg },
  { name: "pino deep-object (package.json x4)", value: deep, plain: deep },
  { name: "200 small records", value: records, plain: records },
  { name: "3-level nested config", value: config, plain: config },
  { name: "flat 10-key record", value: flat, plain: flat },
  { name: "string, no escapes", value: cleanString, plain: cleanString },
  { name: "string with escapes", value: escapedString, plain: escapedString },
  { name: "string with U+2028/U+2029", value: separatorString, plain: separatorString },
  { name: "Error with cause (3 deep)", value: error, plain: errorAsPlain(error) },
];

const flatten = (s: string): number => s.charCodeAt(s.length >> 1);
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};

function check(c: Case): void {
  const now = serializeValue(c.value, current);
  const before = baselineValue(c.value, baseline);
  if (now !== before) throw new Error(`${c.name}: the current serializer's output differs from the old one's`);
  const reference = JSON.stringify(c.plain).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  if (c.value === c.plain && now !== reference) throw new Error(`${c.name}: output differs from JSON.stringify's`);
  if (now.length !== reference.length && c.value !== c.plain) {
    // An Error: same content as its plain form, in the serializer's member order.
    const a = JSON.parse(now) as unknown;
    const b = JSON.parse(reference) as unknown;
    if (JSON.stringify(sortKeys(a)) !== JSON.stringify(sortKeys(b))) throw new Error(`${c.name}: content differs from its plain form`);
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
}

const gc = (() => {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
})();

/** Bytes allocated per call (heap growth between collections, output kept alive and flattened). */
function allocated(fn: () => string): number {
  const once = (n: number): number | undefined => {
    const keep: string[] = new Array(n);
    gc();
    const h0 = process.memoryUsage().heapUsed;
    for (let i = 0; i < n; i++) {
      keep[i] = fn();
      flatten(keep[i]);
    }
    const h1 = process.memoryUsage().heapUsed;
    do_not_optimize(keep);
    return h1 > h0 ? (h1 - h0) / n : undefined;
  };
  const probe = once(4) ?? 1024;
  // Stay well inside the young generation's first megabyte so that no scavenge runs mid-sample.
  const n = Math.max(1, Math.min(2000, Math.floor(256 * 1024 / probe)));
  const samples: number[] = [];
  for (let i = 0; i < 9; i++) {
    const s = once(n);
    if (s !== undefined) samples.push(s);
  }
  return median(samples);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fmt = (ns: number): string => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const x = (r: number): string => `${r.toFixed(2)}x`;
const spread = (xs: readonly number[], f: (n: number) => string): string => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${rounds} rounds, CPU time, medians of per-round p50 (spread: lowest–highest round)\n`);
  const rows: string[] = [];
  for (const c of cases) {
    check(c);
    const impls: Record<string, () => string> = {
      old: () => baselineValue(c.value, baseline),
      new: () => serializeValue(c.value, current),
      "JSON.stringify": () => JSON.stringify(c.plain),
    };
    const names = Object.keys(impls);
    const times: Record<string, number[]> = { old: [], new: [], "JSON.stringify": [] };
    const newVsJson: number[] = [];
    const oldVsJson: number[] = [];
    const newVsOld: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const got: Record<string, number> = {};
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + r) % names.length];
        const fn = impls[name];
        const stats = await measure(() => do_not_optimize(flatten(fn())), { now: cpuNow, min_cpu_time: 80e6 });
        got[name] = stats.p50;
        times[name].push(stats.p50);
      }
      newVsJson.push(got.new / got["JSON.stringify"]);
      oldVsJson.push(got.old / got["JSON.stringify"]);
      newVsOld.push(got.new / got.old);
    }
    const bytes = { old: allocated(impls.old), new: allocated(impls.new), json: allocated(impls["JSON.stringify"]) };
    const row = [
      c.name,
      `${fmt(median(times["JSON.stringify"]))} (${spread(times["JSON.stringify"], fmt)})`,
      `${fmt(median(times.old))} (${spread(times.old, fmt)})`,
      `${fmt(median(times.new))} (${spread(times.new, fmt)})`,
      `${x(median(oldVsJson))} (${spread(oldVsJson, x)})`,
      `**${x(median(newVsJson))}** (${spread(newVsJson, x)})`,
      `${x(median(newVsOld))} (${spread(newVsOld, x)})`,
      `${bytes.json.toFixed(0)} / ${bytes.old.toFixed(0)} / ${bytes.new.toFixed(0)}`,
    ].join(" | ");
    rows.push(`| ${row} |`);
    console.log(`| ${row} |`);
  }
  console.log("\n| value | JSON.stringify | old | new | old / JSON | new / JSON | new / old | bytes per call: JSON / old / new |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) console.log(r);
}

await main();
