/**
 * The file destination against a minimal batching writer and pino's destination (sonic-boom),
 * each variant in its own process, variants alternated within every round.
 *
 *   npx tsx bench/destination.ts [--rounds 5] [--lines 1000000] [--only throughput,latency,lowrate,logger]
 *                                [--before <dist dir>] [--compare name=<dist dir>,…] [--skip variant,…] [--strace]
 *
 * Modes:
 * - throughput: `--lines` lines to a real file in a tight loop; ns a line (wall and CPU), and the
 *   same minus the cost of making the lines ("+ns a line": what the destination adds).
 * - latency: the same loop with every `write` call timed: p50 / p99 / p99.9 / p99.99 / max.
 * - lowrate: one line per turn of the event loop (setImmediate); `fs.writeSync` / `fs.write` calls
 *   counted by wrapping them (with `--strace`, also write(2) counted by `strace -c -f`).
 * - logger: the quickstart call through the real logger (built by the TypeScript plugin, caller
 *   on and off) to a file destination: what the `caller` field costs on a real fd.
 *
 * Lines are made from precomputed pieces, a time and a counter, as the logger makes them (cons
 * strings). Each child first writes 200 000 lines to another file (warm-up), then the measured
 * pass. Every run checks that the file holds exactly the bytes given (no variant does less).
 * `--before` adds a "logweave before" variant from another build's `dist` (e.g. main's; the copy
 * needs a package.json saying `"type": "module"`), and `--compare` any number of named ones, so
 * before/after are compared in one run on the same machine state.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const CURRENT_DIST = path.join(root, "dist");
/** logweave's stdout destination with the child's fd 1 opened on the output file. */
const STDOUT_VARIANT = "logweave stdout";

type Shape = "plain" | "caller";
type Mode = "throughput" | "latency" | "lowrate" | "logger";
interface Spec {
  mode: Mode;
  variant: string;
  shape: Shape;
  lines: number;
  dist: string;
  file: string;
}
/** What a child reports. */
interface Result {
  wallNs?: number;
  cpuNs?: number;
  percentiles?: Record<string, number>;
  writeCalls?: number;
  bytes: number;
  expected: number;
}

// ---------------------------------------------------------------------------------------------
// The lines: a quickstart line, and the same with a caller object (about twice the bytes).

const HEAD = '{"level":30,"time":';
const MID = `,"pid":${process.pid},"hostname":"bench-host","name":"auth","msg":"User login","userId":`;
const TAIL: Record<Shape, string> = {
  plain: ',"ip":"192.168.1.1","success":true}\n',
  caller:
    ',"ip":"192.168.1.1","success":true,"caller":{"file":"src/routes/auth.ts","line":42,"column":7,"function":"login"}}\n',
};
const T0 = Date.now();
/** Line `i`, concatenated at call time like the logger's (Date.now() is slow here: one per 1024 lines). */
function lineOf(tail: string, i: number): string {
  return HEAD + (T0 + (i >> 10)) + MID + i + tail;
}
function expectedBytes(shape: Shape, lines: number): number {
  let total = 0;
  for (let i = 0; i < lines; i++) total += Buffer.byteLength(lineOf(TAIL[shape], i));
  return total;
}

// ---------------------------------------------------------------------------------------------
// The writers under test: each takes lines and is flushed synchronously at the end.

interface Writer {
  write(line: string): void;
  end(): void;
}

/** The minimal batching writer: lines in an array, joined and written by one writeSync per 64 KiB. */
function minimalWriter(file: string): Writer {
  const fd = fs.openSync(file, "a");
  let parts: string[] = [];
  let chars = 0;
  return {
    write(line) {
      parts.push(line);
      chars += line.length;
      if (chars >= 65536) {
        fs.writeSync(fd, parts.join(""));
        parts = [];
        chars = 0;
      }
    },
    end() {
      if (parts.length > 0) fs.writeSync(fd, parts.join(""));
      fs.closeSync(fd);
    },
  };
}

async function makeWriter(spec: Spec): Promise<Writer> {
  if (spec.variant === "logweave" || spec.variant.startsWith("logweave ")) {
    const mod = (await import(pathToFileURL(path.join(spec.dist, "src/index.js")).href)) as typeof import("../src/index.js");
    if (spec.variant === STDOUT_VARIANT) {
      // fd 1 is the file (the parent opened it): the stdout writer, no file checks between batches.
      // Its warm-up pass goes through a file destination: the same writer code gets optimized.
      if (spec.file.endsWith(".warm")) {
        const warm = mod.fileDestination({ path: spec.file });
        return { write: (line) => warm.write(line), end: () => warm.close() };
      }
      const out = mod.stdoutDestination();
      return { write: (line) => out.write(line), end: () => out.flushSync() };
    }
    const dest = mod.fileDestination({ path: spec.file });
    return { write: (line) => dest.write(line), end: () => dest.close() };
  }
  switch (spec.variant) {
    case "generate": {
      // Uses each line, so that making it cannot be optimized away.
      let chars = 0;
      return { write: (line) => void (chars += line.length), end: () => void (chars > 0 || console.error("no lines")) };
    }
    case "minimal":
      return minimalWriter(spec.file);
    case "pino sync":
    case "pino minLength 4096": {
      const { default: pino } = await import("pino");
      const options = spec.variant === "pino sync" ? { dest: spec.file, sync: true } : { dest: spec.file, sync: true, minLength: 4096 };
      const dest = pino.destination(options);
      return {
        write: (line) => void dest.write(line),
        end: () => {
          dest.flushSync();
          dest.end();
        },
      };
    }
    default:
      throw new Error(`unknown variant ${spec.variant}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Child: one variant, one mode.

/** Counts fs.writeSync / fs.write calls (every writer here goes through the fs module object). */
function countWrites(): { count: () => number } {
  let calls = 0;
  const fsm = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["writeSync", "write", "writev", "writevSync"]) {
    const original = fsm[name] as (...args: unknown[]) => unknown;
    fsm[name] = function (this: unknown, ...args: unknown[]) {
      calls++;
      return original.apply(this, args);
    };
  }
  return { count: () => calls };
}

/** Lines written before the measured pass, so that it runs optimized code. */
const WARM_UP_LINES = 200_000;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

async function runChild(spec: Spec): Promise<Result> {
  const toStdout = spec.variant === STDOUT_VARIANT;
  if (!toStdout) fs.rmSync(spec.file, { force: true });
  const tail = TAIL[spec.shape];
  const n = spec.lines;
  const result: Result = { bytes: 0, expected: spec.variant === "generate" ? 0 : expectedBytes(spec.shape, n) };
  if (spec.mode === "logger") {
    await runLogger(spec, result);
  } else if (spec.mode === "lowrate") {
    const counter = countWrites();
    const w = await makeWriter(spec);
    const before = counter.count();
    await new Promise<void>((resolve) => {
      let i = 0;
      const step = (): void => {
        w.write(lineOf(tail, i));
        if (++i < n) setImmediate(step);
        else resolve();
      };
      setImmediate(step);
    });
    result.writeCalls = counter.count() - before;
    w.end();
  } else {
    // A warm-up pass into another file first: every variant is measured with its code optimized.
    const warm = await makeWriter({ ...spec, file: `${spec.file}.warm` });
    for (let i = 0; i < WARM_UP_LINES; i++) warm.write(lineOf(tail, i));
    warm.end();
    fs.rmSync(`${spec.file}.warm`, { force: true });
    const w = await makeWriter(spec);
    if (spec.mode === "throughput") {
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) w.write(lineOf(tail, i));
      w.end();
      result.wallNs = Number(process.hrtime.bigint() - t0) / n;
      const cpu = process.cpuUsage(cpu0);
      result.cpuNs = ((cpu.user + cpu.system) * 1000) / n;
    } else {
      const times = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const line = lineOf(tail, i);
        const t0 = process.hrtime.bigint();
        w.write(line);
        times[i] = Number(process.hrtime.bigint() - t0);
      }
      w.end();
      times.sort();
      result.percentiles = {
        p50: percentile(times, 0.5),
        p99: percentile(times, 0.99),
        "p99.9": percentile(times, 0.999),
        "p99.99": percentile(times, 0.9999),
        max: times[n - 1] as number,
      };
    }
  }
  if (toStdout) {
    result.bytes = fs.fstatSync(1).size;
  } else {
    result.bytes = fs.existsSync(spec.file) ? fs.statSync(spec.file).size : 0;
    fs.rmSync(spec.file, { force: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The logger mode: the quickstart call built by the TypeScript plugin, caller on and off.

const APP = `import { configure, fileDestination, getLogger } from "logweave";
const log = getLogger("auth");
export function setup(path: string): () => void {
  const destination = fileDestination({ path });
  configure({ destination, format: "json", level: "info" });
  return () => destination.close();
}
export function run(n: number): void {
  for (let i = 0; i < n; i++) log.info("User login", { userId: i, ip: "192.168.1.1", success: true });
}
`;

/** Builds the app with the plugin (caller on or off) once; returns the built file. */
async function buildApp(caller: boolean): Promise<string> {
  const dir = path.join(here, ".out", "destination-app", caller ? "caller" : "no-caller");
  const built = path.join(dir, "app.js");
  if (fs.existsSync(built)) return built;
  const { default: ts } = await import("typescript");
  const { default: transformer } = await import("../transformer/typescript/index.js");
  fs.mkdirSync(dir, { recursive: true });
  const source = path.join(dir, "app.ts");
  fs.writeFileSync(source, APP);
  const program = ts.createProgram([source], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    rootDir: dir,
    outDir: dir,
  });
  const emitted = program.emit(undefined, undefined, undefined, false, {
    before: [transformer(program, { minLevel: "trace", caller, root: root })],
  });
  if (emitted.emitSkipped) throw new Error("bench: building the logger app failed");
  return built;
}

async function runLogger(spec: Spec, result: Result): Promise<void> {
  const built = await buildApp(spec.shape === "caller");
  // The same built app against the dist under test: the import names that dist's entry.
  const text = fs.readFileSync(built, "utf8").replace(/from "logweave"/g, `from ${JSON.stringify(pathToFileURL(path.join(spec.dist, "src/index.js")).href)}`);
  const copy = path.join(path.dirname(built), `run-${process.pid}.mjs`);
  fs.writeFileSync(copy, text);
  try {
    const app = (await import(pathToFileURL(copy).href)) as { setup(p: string): () => void; run(n: number): void };
    const closeWarm = app.setup(`${spec.file}.warm`);
    app.run(WARM_UP_LINES);
    closeWarm();
    fs.rmSync(`${spec.file}.warm`, { force: true });
    const close = app.setup(spec.file);
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    app.run(spec.lines);
    close();
    result.wallNs = Number(process.hrtime.bigint() - t0) / spec.lines;
    const cpu = process.cpuUsage(cpu0);
    result.cpuNs = ((cpu.user + cpu.system) * 1000) / spec.lines;
    const content = fs.readFileSync(spec.file, "utf8");
    result.expected = content.split("\n").length - 1 === spec.lines && content.includes(spec.shape === "caller" ? '"caller":' : '"msg":"User login"') ? content.length : -1;
  } finally {
    fs.rmSync(copy, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Parent: rounds of alternated child processes, medians and spread.

function args(): Map<string, string> {
  const out = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i] as string;
    if (!key.startsWith("--")) continue;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) out.set(key.slice(2), "true");
    else out.set(key.slice(2), argv[++i] as string);
  }
  return out;
}

function spawnChild(spec: Spec, strace: boolean): Result & { syscalls?: number } {
  const command = [process.execPath, "--import", "tsx", fileURLToPath(import.meta.url), "--child", JSON.stringify(spec)];
  const traced = strace ? ["strace", "-c", "-f", "-e", "trace=write,writev,pwrite64", "-o", `${spec.file}.strace`, ...command] : command;
  // The result comes on stderr: stdout is the output file for the stdout variant.
  const out = spec.variant === STDOUT_VARIANT ? fs.openSync(spec.file, "w") : "ignore";
  const child = spawnSync(traced[0] as string, traced.slice(1), { cwd: root, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", out, "pipe"] });
  if (typeof out === "number") {
    fs.closeSync(out);
    fs.rmSync(spec.file, { force: true });
  }
  if (child.status !== 0) throw new Error(`${spec.variant} (${spec.mode}) failed: ${child.stderr}`);
  const result = JSON.parse(child.stderr.trim().split("\n").at(-1) as string) as Result & { syscalls?: number };
  if (strace) {
    const report = fs.readFileSync(`${spec.file}.strace`, "utf8");
    fs.rmSync(`${spec.file}.strace`, { force: true });
    result.syscalls = 0;
    for (const m of report.matchAll(/^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(write|writev|pwrite64)\s*$/gm)) result.syscalls += Number(m[1]);
  }
  if (result.expected !== -1 && result.bytes !== result.expected) {
    throw new Error(`${spec.variant} (${spec.mode}, ${spec.shape}) wrote ${result.bytes} bytes, expected ${result.expected}`);
  }
  if (result.expected === -1) throw new Error(`${spec.variant} (logger, ${spec.shape}) did not write the expected lines`);
  return result;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[s.length >> 1] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const fmt = (xs: number[], digits = 0): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `${median(xs).toFixed(digits)} (${(s[0] as number).toFixed(digits)}–${(s.at(-1) as number).toFixed(digits)})`;
};

async function main(): Promise<void> {
  const a = args();
  if (a.has("child")) {
    const result = await runChild(JSON.parse(a.get("child") as string) as Spec);
    process.stderr.write(JSON.stringify(result) + "\n");
    return;
  }
  const rounds = Number(a.get("rounds") ?? 5);
  const lines = Number(a.get("lines") ?? 1_000_000);
  const only = new Set((a.get("only") ?? "throughput,latency,lowrate,logger").split(","));
  const before = a.get("before");
  const strace = a.has("strace");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-destination-bench-"));
  const file = path.join(dir, "out.log");
  const dists: Array<[string, string]> = [["logweave", CURRENT_DIST]];
  if (before !== undefined) dists.push(["logweave before", path.resolve(before)]);
  for (const pair of (a.get("compare") ?? "").split(",").filter(Boolean)) {
    const [name, dist] = pair.split("=") as [string, string];
    dists.push([`logweave ${name}`, path.resolve(dist)]);
  }
  const skip = new Set((a.get("skip") ?? "").split(","));
  const writers = ["minimal", ...dists.map(([name]) => name), STDOUT_VARIANT, "pino sync", "pino minLength 4096"].filter((w) => !skip.has(w));
  const distOf = (variant: string): string => dists.find(([name]) => name === variant)?.[1] ?? CURRENT_DIST;

  const plan: Array<Omit<Spec, "file" | "dist">> = [];
  for (const shape of ["plain", "caller"] as Shape[]) {
    if (only.has("throughput")) for (const variant of ["generate", ...writers]) plan.push({ mode: "throughput", variant, shape, lines });
    if (only.has("latency")) for (const variant of writers) plan.push({ mode: "latency", variant, shape, lines });
    if (only.has("logger")) for (const [variant] of dists) plan.push({ mode: "logger", variant, shape, lines });
  }
  if (only.has("lowrate")) for (const variant of writers) plan.push({ mode: "lowrate", variant, shape: "plain", lines: Math.min(lines, 20_000) });

  const results = new Map<string, Array<Result & { syscalls?: number }>>();
  const key = (s: Omit<Spec, "file" | "dist">): string => `${s.mode}|${s.shape}|${s.variant}`;
  console.log(`node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}; ${rounds} rounds, ${lines} lines`);
  for (let round = 0; round < rounds; round++) {
    // Alternate: each round starts one variant later, so no variant always runs first.
    const order = plan.map((_, i) => plan[(i + round * 3) % plan.length] as Omit<Spec, "file" | "dist">);
    for (const s of order) {
      const result = spawnChild({ ...s, dist: distOf(s.variant), file }, strace && s.mode === "lowrate");
      const list = results.get(key(s)) ?? [];
      list.push(result);
      results.set(key(s), list);
    }
    process.stderr.write(`round ${round + 1}/${rounds} done (load ${os.loadavg()[0]?.toFixed(1)})\n`);
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const get = (mode: Mode, shape: Shape, variant: string) => results.get(`${mode}|${shape}|${variant}`) ?? [];
  const out: string[] = [];
  out.push(`\nnode ${process.version}, load at end ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}; medians over ${rounds} rounds (min–max)`);
  if (only.has("throughput")) {
    out.push("\n### Throughput: ns a line, 1M lines to a file in a tight loop (the destination's own cost: + over making the lines)\n");
    out.push("| writer | line | wall ns/line | +ns/line (wall) | CPU ns/line | +ns/line (CPU) | × minimal (+wall) |");
    out.push("|---|---|---:|---:|---:|---:|---:|");
    for (const shape of ["plain", "caller"] as Shape[]) {
      const gen = get("throughput", shape, "generate");
      const genWall = median(gen.map((r) => r.wallNs as number));
      const genCpu = median(gen.map((r) => r.cpuNs as number));
      const minimalPlus = median(get("throughput", shape, "minimal").map((r) => (r.wallNs as number) - genWall));
      for (const variant of ["generate", ...writers]) {
        const rs = get("throughput", shape, variant);
        const plusWall = rs.map((r) => (r.wallNs as number) - genWall);
        out.push(
          `| ${variant} | ${shape} | ${fmt(rs.map((r) => r.wallNs as number))} | ${variant === "generate" ? "—" : fmt(plusWall)} | ${fmt(rs.map((r) => r.cpuNs as number))} | ${variant === "generate" ? "—" : fmt(rs.map((r) => (r.cpuNs as number) - genCpu))} | ${variant === "generate" ? "—" : (median(plusWall) / minimalPlus).toFixed(2)} |`,
        );
      }
    }
  }
  if (only.has("latency")) {
    out.push("\n### Latency of one write() call, ns (1M calls to a file, each timed; timer cost included)\n");
    out.push("| writer | line | p50 | p99 | p99.9 | p99.99 | max |");
    out.push("|---|---|---:|---:|---:|---:|---:|");
    for (const shape of ["plain", "caller"] as Shape[]) {
      for (const variant of writers) {
        const rs = get("latency", shape, variant);
        const col = (p: string): string => fmt(rs.map((r) => (r.percentiles as Record<string, number>)[p] as number));
        out.push(`| ${variant} | ${shape} | ${col("p50")} | ${col("p99")} | ${col("p99.9")} | ${col("p99.99")} | ${col("max")} |`);
      }
    }
  }
  if (only.has("lowrate")) {
    const n = Math.min(lines, 20_000);
    out.push(`\n### Low rate: ${n} lines, one per setImmediate turn — write calls made\n`);
    out.push(`| writer | fs write calls | calls per line |${strace ? " write(2) (strace) |" : ""}`);
    out.push(`|---|---:|---:|${strace ? "---:|" : ""}`);
    for (const variant of writers) {
      const rs = get("lowrate", "plain", variant);
      const calls = rs.map((r) => r.writeCalls as number);
      out.push(`| ${variant} | ${fmt(calls)} | ${(median(calls) / n).toFixed(4)} |${strace ? ` ${fmt(rs.map((r) => r.syscalls as number))} |` : ""}`);
    }
  }
  if (only.has("logger")) {
    out.push("\n### The logger to a file: the quickstart call built by the plugin, caller off and on\n");
    out.push("| logweave | caller | wall ns/call | CPU ns/call | caller's cost (wall) | caller's cost (CPU) |");
    out.push("|---|---|---:|---:|---:|---:|");
    for (const [variant] of dists) {
      const off = get("logger", "plain", variant);
      const on = get("logger", "caller", variant);
      const cost = (f: (r: Result) => number) => `+${((median(on.map(f)) / median(off.map(f)) - 1) * 100).toFixed(0)}%`;
      out.push(`| ${variant} | off | ${fmt(off.map((r) => r.wallNs as number))} | ${fmt(off.map((r) => r.cpuNs as number))} | | |`);
      out.push(`| ${variant} | on | ${fmt(on.map((r) => r.wallNs as number))} | ${fmt(on.map((r) => r.cpuNs as number))} | ${cost((r) => r.wallNs as number)} | ${cost((r) => r.cpuNs as number)} |`);
    }
  }
  console.log(out.join("\n"));
}

await main();
