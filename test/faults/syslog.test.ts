/**
 * Faults of a real rsyslog behind the syslog transport over TCP: it hangs (SIGSTOP) and then
 * dies (SIGKILL) and comes back; it hangs while the application exits; it restarts gracefully
 * in the middle of a stream; it is down while the queue overflows. Each prints its row of
 * written / delivered / dropped-and-reported / lost, and no line may be lost silently.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rsyslog, type Received } from "../helpers/rsyslog.js";
import { ids, ledger, type FaultRow } from "./helpers/ledger.js";
import { builtModule, DrivenProgram } from "./helpers/program.js";
import { printTable } from "./helpers/table.js";

let dir: string;
let rsyslog: Rsyslog;
const rows: FaultRow[] = [];

/** Stats a program reports about its transport. */
interface Stats {
  dropped: number;
  held: number;
}

/**
 * A program logging through `syslogTransport(options)` as logger `app`, driven step by step:
 * `log {from, to}` (numbered lines `i`, a turn of the event loop every 1,000), `flush`, `close`,
 * `exit`.
 */
function syslogProgram(app: string, options: Record<string, unknown>): Promise<DrivenProgram> {
  return DrivenProgram.start(
    dir,
    app,
    `import { configure, getLogger } from ${builtModule("index.js")};
import { syslogTransport } from ${builtModule("transports/index.js")};
const transport = syslogTransport(${JSON.stringify(options)});
configure({ destination: transport, level: "info" });
const log = getLogger(${JSON.stringify(app)});
const pad = ${JSON.stringify(PAD)};
const stats = () => ({ dropped: transport.dropped, held: transport.held });
const steps = {
  async log({ from, to }) {
    for (let i = from; i < to; i++) {
      log.info("line", { i, pad });
      if (i % 1000 === 999) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return stats();
  },
  async flush() { await transport.flush(); return stats(); },
  async close() { await transport.close(); return stats(); },
  pid() { return process.pid; },
  exit(code) { process.exit(code); },
};`,
  );
}

/** The records of logger `app`, parsed. */
function records(received: Received[], app: string): Array<Record<string, unknown>> {
  return received.filter((r) => r.appName === app).map((r) => JSON.parse(r.msg) as Record<string, unknown>);
}

/** Sum of `dropped` over the "logweave dropped lines" records of `pid` that arrived. */
function reportedInStream(received: Received[], pid: string): number {
  return received
    .filter((r) => r.appName === "logweave" && r.procId === pid)
    .map((r) => JSON.parse(r.msg) as Record<string, unknown>)
    .reduce((sum, r) => sum + (r.msg === "logweave dropped lines" ? (r.dropped as number) : 0), 0);
}

/** The distinct `i` of `app` that arrived, once `done` holds or after `ms` (never throws: the ledger tells). */
async function arrivals(app: string, done: (distinct: number, received: Received[]) => boolean, ms = 20_000): Promise<Received[]> {
  const end = Date.now() + ms;
  for (;;) {
    const received = rsyslog.received();
    const distinct = new Set(records(received, app).map((m) => m.i)).size;
    if (done(distinct, received) || Date.now() > end) return received;
    await sleep(25);
  }
}

/**
 * Bytes written towards `port` on loopback that the listener's application has not read: the
 * senders' send queues plus the listener's receive queues (established connections only).
 */
function unreadTowards(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  let total = 0;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of fs.readFileSync(table, "latin1").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 5 || f[3] !== "01") continue;
      const [tx, rx] = (f[4] as string).split(":").map((v) => parseInt(v, 16)) as [number, number];
      if ((f[2] as string).endsWith(":" + hex)) total += tx;
      if ((f[1] as string).endsWith(":" + hex)) total += rx;
    }
  }
  return total;
}

const PAD = "p".repeat(120);

/** Bytes of one framed message of these programs (for turning bytes in flight into lines). */
function frameBytes(app: string): number {
  const head = `<134>1 2026-12-01T10:00:00.000Z ${os.hostname()} ${app} 99999 - - `;
  const line = JSON.stringify({ level: 30, time: Date.now(), pid: 99999, hostname: os.hostname(), name: app, msg: "line", i: 10000, pad: PAD });
  return Buffer.byteLength(head + line) + 5;
}

/** The outage reports logweave wrote on stderr (one per outage, never one per retry). */
function outageReports(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.startsWith("logweave: cannot ship to syslog"));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-faults-syslog-"));
  rsyslog = await Rsyslog.start(dir);
});

afterAll(async () => {
  rsyslog?.resume();
  await rsyslog?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  printTable("syslog over TCP (real rsyslog)", rows);
});

describe("syslog over TCP against a real rsyslog", () => {
  it("hangs (SIGSTOP), then dies (SIGKILL) and comes back: every line arrives, repeats are at most the lines in flight", async () => {
    const app = "hang-die";
    const program = await syslogProgram(app, { port: rsyslog.tcpPort, retryMinMs: 20, retryMaxMs: 200 });
    const [before, during, after] = [500, 20_000, 500];
    const total = before + during + after;
    await program.step("log", { from: 0, to: before });
    await program.step("flush");
    await arrivals(app, (n) => n >= before);

    rsyslog.hang();
    await program.step("log", { from: before, to: before + during });
    // Longer than any time-based resend window: the kernel took these lines seconds ago.
    await sleep(3_000);
    const inFlightLines = Math.ceil(unreadTowards(rsyslog.tcpPort) / frameBytes(app));
    await rsyslog.kill();
    await rsyslog.startAgain();

    await program.step("log", { from: before + during, to: total });
    const stats = await program.step<Stats>("flush");
    const received = await arrivals(app, (n) => n + stats.dropped >= total, 30_000);
    await program.step("close");
    const result = await program.end();
    const row = ledger("hangs, then dies, then restarts", ids(total), records(received, app).map((m) => m.i as number), stats.dropped, `${inFlightLines} lines in flight at the kill`);
    rows.push(row);
    expect(inFlightLines).toBeGreaterThan(1000); // the kernel held many lines: the fault is real
    expect(row.lost).toBe(0);
    expect(row.droppedReported).toBe(0);
    // Sent again by whole batches (500 lines at most): the lines unread at the kill, a batch more.
    expect(row.duplicates).toBeLessThanOrEqual(inFlightLines + 500);
    expect(outageReports(result.stderr)).toHaveLength(1);
    expect(result.code).toBe(0);
  }, 90_000);

  it("hangs and resumes: every line arrives once", async () => {
    const app = "hang-resume";
    const program = await syslogProgram(app, { port: rsyslog.tcpPort });
    await program.step("log", { from: 0, to: 500 });
    await program.step("flush");
    await arrivals(app, (n) => n >= 500);
    rsyslog.hang();
    await program.step("log", { from: 500, to: 10_500 });
    await sleep(1_000);
    rsyslog.resume();
    const stats = await program.step<Stats>("flush");
    const received = await arrivals(app, (n) => n >= 10_500);
    await program.step("close");
    const result = await program.end();
    const row = ledger("hangs, then resumes", ids(10_500), records(received, app).map((m) => m.i as number), stats.dropped);
    rows.push(row);
    expect(row).toMatchObject({ delivered: 10_500, duplicates: 0, lost: 0, droppedReported: 0 });
    expect(result.stderr).toBe("");
  }, 60_000);

  it("hangs while the application exits: it ends within exitTimeoutMs and reports the lines the collector had not read", async () => {
    const app = "hang-exit";
    const program = await syslogProgram(app, { port: rsyslog.tcpPort, exitTimeoutMs: 500 });
    await program.step("log", { from: 0, to: 200 });
    await program.step("flush");
    await arrivals(app, (n) => n >= 200);
    rsyslog.hang();
    await program.step("log", { from: 200, to: 5_200 });
    const exiting = Date.now();
    program.fire("exit", 0);
    const result = await program.exit();
    const tookMs = Date.now() - exiting;
    rsyslog.resume();
    const reported = Number(/; (\d+) lines lost at exit/.exec(result.stderr)?.[1] ?? 0);
    // What the kernel held when the process ended may still reach the collector now it reads.
    const received = await arrivals(app, (n) => n >= 5_200, 5_000);
    const row = ledger("hangs while the app exits", ids(5_200), records(received, app).map((m) => m.i as number), reported, `exit took ${tookMs} ms (exitTimeoutMs 500)`);
    rows.push(row);
    expect(result.code).toBe(0);
    expect(tookMs).toBeLessThan(10_000); // a hang detector, not a timing goal: the wait is bounded by exitTimeoutMs
    expect(result.stderr).toMatch(/logweave: cannot ship to syslog tcp:\/\/127\.0\.0\.1:\d+: the collector did not take them in time; \d+ lines lost at exit \(\d+ of them sent but not yet read by the collector/);
    expect(row.lost).toBe(0);
  }, 60_000);

  it("restarts gracefully (SIGTERM) in the middle of a stream: every line arrives, repeats only what was in flight", async () => {
    const app = "restart";
    const program = await syslogProgram(app, { port: rsyslog.tcpPort, retryMinMs: 20, retryMaxMs: 200 });
    await program.step("log", { from: 0, to: 3_000 });
    const streaming = program.step("log", { from: 3_000, to: 6_000 });
    await sleep(2);
    await rsyslog.stop();
    await streaming;
    await program.step("log", { from: 6_000, to: 7_000 });
    await rsyslog.startAgain();
    await program.step("log", { from: 7_000, to: 9_000 });
    const stats = await program.step<Stats>("flush");
    const received = await arrivals(app, (n) => n >= 9_000);
    await program.step("close");
    await program.end();
    const row = ledger("graceful restart mid-stream", ids(9_000), records(received, app).map((m) => m.i as number), stats.dropped);
    rows.push(row);
    expect(row).toMatchObject({ delivered: 9_000, lost: 0, droppedReported: 0 });
    // What a graceful stop leaves unread is read from our send queue at its FIN: at most the
    // batches under way, never seconds of lines.
    expect(row.duplicates).toBeLessThanOrEqual(1_000);
  }, 60_000);

  it("is down while the queue overflows: the lines dropped are counted, announced, and exactly the ones missing", async () => {
    const app = "overflow";
    await rsyslog.stop();
    const program = await syslogProgram(app, { port: rsyslog.tcpPort, maxQueue: 50_000, retryMinMs: 20, retryMaxMs: 100 });
    await program.step("log", { from: 0, to: 3_000 });
    await rsyslog.startAgain();
    const stats = await program.step<Stats>("flush");
    const pid = String(await program.step<number>("pid"));
    const received = await arrivals(app, (n, r) => n + reportedInStream(r, pid) >= 3_000);
    await program.step("close");
    await program.end();
    const announced = reportedInStream(received, pid);
    const row = ledger("down, queue overflows", ids(3_000), records(received, app).map((m) => m.i as number), announced, `transport.dropped ${stats.dropped}`);
    rows.push(row);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(announced).toBe(stats.dropped);
    expect(row).toMatchObject({ lost: 0, overcounted: 0, duplicates: 0 });
  }, 60_000);
});
