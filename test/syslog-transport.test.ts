/**
 * The syslog transport against a real rsyslog on loopback: every line arrives (TCP and UDP),
 * at process exit, across a collector restart in the middle of the run, and with the queue
 * full while the collector is down (dropped lines are counted and announced).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rsyslog, type Received } from "./helpers/rsyslog.js";

let dir: string;
let rsyslog: Rsyslog;

/** URL of a built module; the children and this file use the build, as applications do. */
function built(file: string): string {
  const full = path.resolve("dist/src", file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first`);
  return JSON.stringify(pathToFileURL(full).href);
}

/** Runs a child program; resolves with its exit code and stderr. */
function runChild(name: string, body: string): Promise<{ code: number | null; stderr: string }> {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(
    file,
    `import { configure, getLogger } from ${built("index.js")};\n` +
      `import { syslogTransport } from ${built("transports/index.js")};\n${body}\n`,
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

/** The JSON lines (MSG) of records from `app`. */
function messages(records: Received[], app: string): Record<string, unknown>[] {
  return records.filter((r) => r.appName === app).map((r) => JSON.parse(r.msg) as Record<string, unknown>);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-syslog-"));
  rsyslog = await Rsyslog.start(dir);
});

afterAll(async () => {
  await rsyslog?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("syslog over TCP", () => {
  it("every line of a process that calls process.exit() right after logging arrives, in order, as RFC 5424", async () => {
    const { code } = await runChild(
      "tcp-exit",
      `configure({ destination: syslogTransport({ port: ${rsyslog.tcpPort}, facility: "local3" }), level: "trace" });
const log = getLogger("tcp-exit");
const levels = ["trace", "debug", "info", "warn", "error", "fatal"];
for (let i = 0; i < 3000; i++) log[levels[i % 6]]("line " + i + " é ✓", { i, nested: { a: [1, "x"] } });
process.exit(0);`,
    );
    expect(code).toBe(0);
    const records = await rsyslog.waitFor((r) => r.filter((x) => x.appName === "tcp-exit").length >= 3000);
    const mine = records.filter((r) => r.appName === "tcp-exit");
    expect(mine).toHaveLength(3000);
    const severities: Record<number, number> = { 10: 7, 20: 7, 30: 6, 40: 4, 50: 3, 60: 2 };
    mine.forEach((record, i) => {
      const line = JSON.parse(record.msg) as Record<string, unknown>;
      expect(line.i).toBe(i);
      expect(line.msg).toBe(`line ${i} é ✓`);
      expect(line.nested).toEqual({ a: [1, "x"] });
      expect(record.severity).toBe(severities[line.level as number]);
      expect(record.facility).toBe(19);
      expect(record.procId).toBe(String(line.pid));
      expect(record.hostname).toBe(line.hostname);
      expect(Date.parse(record.timestamp)).toBe(line.time);
    });
  });

  it("every line arrives across a collector restart in the middle of the run", async () => {
    const { configure, getLogger } = await import(JSON.parse(built("index.js")) as string);
    const { syslogTransport } = await import(JSON.parse(built("transports/index.js")) as string);
    const transport = syslogTransport({ port: rsyslog.tcpPort, retryMinMs: 20, retryMaxMs: 200 });
    configure({ destination: transport, level: "info" });
    const log = getLogger("restart");
    const total = 1500;
    for (let i = 0; i < total; i++) {
      log.info("tick", { i });
      if (i % 10 === 9) await sleep(2);
      if (i === 500) await rsyslog.stop(); // the collector goes away mid-stream…
      if (i === 900) await rsyslog.startAgain(); // …and comes back while lines keep coming
    }
    await transport.flush();
    const records = await rsyslog.waitFor((r) => new Set(messages(r, "restart").map((m) => m.i)).size === total);
    const seen = messages(records, "restart").map((m) => m.i as number);
    expect(new Set(seen).size).toBe(total);
    // Lines resent after the lost connection may arrive twice, never out of their own order.
    expect(seen.length).toBeGreaterThanOrEqual(total);
    expect(transport.dropped).toBe(0);
    await transport.close();
  });

  it("with the collector down and the queue full, lines are dropped, counted, and announced once it is back", async () => {
    const { configure, getLogger } = await import(JSON.parse(built("index.js")) as string);
    const { syslogTransport } = await import(JSON.parse(built("transports/index.js")) as string);
    await rsyslog.stop();
    const transport = syslogTransport({ port: rsyslog.tcpPort, maxQueue: 20_000, retryMinMs: 20, retryMaxMs: 100 });
    configure({ destination: transport, level: "info" });
    const log = getLogger("full");
    for (let i = 0; i < 1000; i++) {
      log.info("while down", { i });
      if (i % 100 === 99) await sleep(5);
    }
    await rsyslog.startAgain();
    await transport.flush();
    // Read after the flush: by then the worker has taken (or dropped) every line.
    const dropped = transport.dropped as number;
    expect(dropped).toBeGreaterThan(500);
    // Drops are announced in the next batch built after them: one report or several, adding up.
    const announced = (r: Received[]): number =>
      messages(r, "logweave").reduce((sum, m) => sum + (m.msg === "logweave dropped lines" ? (m.dropped as number) : 0), 0);
    const records = await rsyslog.waitFor(
      (r) => announced(r) >= dropped && messages(r, "full").length >= 1000 - dropped,
      20_000,
      (r) => `dropped ${dropped}, announced ${announced(r)}, kept ${messages(r, "full").length}`,
    );
    expect(announced(records)).toBe(dropped);
    // What was kept arrives once each, in order, starting with the first lines logged.
    const kept = messages(records, "full").map((m) => m.i as number);
    expect(kept).toHaveLength(1000 - dropped);
    expect(kept.every((i, k) => k === 0 || i > kept[k - 1]!)).toBe(true);
    expect(kept.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, k) => k));
    expect(messages(records, "logweave").every((m) => m.level === 40)).toBe(true);
    await transport.close();
  });

  it("at exit with the collector down, the process still ends and says how many lines were lost", async () => {
    await rsyslog.stop();
    try {
      const { code, stderr } = await runChild(
        "exit-down",
        `configure({ destination: syslogTransport({ port: ${rsyslog.tcpPort}, exitTimeoutMs: 300 }), level: "info" });
const log = getLogger("exit-down");
for (let i = 0; i < 10; i++) log.info("lost", { i });
process.exit(3);`,
      );
      expect(code).toBe(3);
      expect(stderr).toMatch(/logweave: cannot ship to syslog tcp:\/\/127\.0\.0\.1:\d+: .*; 10 lines lost at exit/);
    } finally {
      await rsyslog.startAgain();
    }
  });
});

describe("syslog over UDP", () => {
  it("every line of a short-lived process arrives, one datagram each", async () => {
    const { code } = await runChild(
      "udp-exit",
      `configure({ destination: syslogTransport({ port: ${rsyslog.udpPort}, protocol: "udp" }), level: "info" });
const log = getLogger("udp-exit");
// Bursts of 50 datagrams: a receive buffer at the kernel's default size (no root) takes them all.
for (let i = 0; i < 300; i++) {
  log.error("udp " + i, { i });
  if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 20));
}`,
    );
    expect(code).toBe(0);
    const records = await rsyslog.waitFor((r) => r.filter((x) => x.appName === "udp-exit").length >= 300);
    const lines = messages(records, "udp-exit");
    expect(lines.map((m) => m.i).sort((a, b) => (a as number) - (b as number))).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(records.filter((r) => r.appName === "udp-exit").every((r) => r.severity === 3)).toBe(true);
  });
});

describe("messages larger than the collector's limit (rsyslog's default 8096 bytes, parsed by mmjsonparse)", () => {
  /** Lines of every shape and size, small to far past the limit; `big` marks those that must be cut. */
  const LINES: Array<{ fields: Record<string, unknown>; msg: string; big: boolean }> = [
    { msg: "small", fields: { k: 1 }, big: false },
    { msg: "just under", fields: { body: "a".repeat(7_500) }, big: false },
    { msg: "just over", fields: { body: "b".repeat(8_200) }, big: true },
    { msg: "one big field", fields: { body: "c".repeat(20_000), status: 200 }, big: true },
    { msg: "m".repeat(100_000), fields: {}, big: true },
    // Numbers only (within the serializer's limits of 100 keys and 100 items): cutting strings is not enough.
    { msg: "many numbers", fields: { grid: Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`k${k}`, Array.from({ length: 100 }, (_, i) => 1e11 + i)])) }, big: true },
    { msg: "nested", fields: { a: { b: { c: "d".repeat(9_000), e: ["f".repeat(9_000)] } } }, big: true },
    { msg: "non-ASCII grows as escapes", fields: { text: "é🙂".repeat(2_000) }, big: true },
    { msg: "escapes everywhere", fields: { text: '"\\\n\t'.repeat(5_000) }, big: true },
  ];

  async function ship(app: string, port: number, extra: Record<string, unknown>): Promise<{ dropped: number; truncated: number }> {
    const { configure, getLogger } = await import(JSON.parse(built("index.js")) as string);
    const { syslogTransport } = await import(JSON.parse(built("transports/index.js")) as string);
    const transport = syslogTransport({ port, ...extra });
    configure({ destination: transport, level: "info" });
    const log = getLogger(app);
    LINES.forEach(({ msg, fields }, i) => log.info(msg, { i, ...fields }));
    await transport.flush();
    const counts = { dropped: transport.dropped as number, truncated: transport.truncated as number };
    await transport.close();
    return counts;
  }

  for (const [name, cookie, cee] of [
    ["with the @cee: cookie (mmjsonparse's default)", undefined, true],
    ["without a cookie", "", false],
  ] as const) {
    it(`${name}: every line arrives as one message mmjsonparse takes, cut lines carry a note and are counted`, async () => {
      const collectorDir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-syslog-size-"));
      const collector = await Rsyslog.start(collectorDir, { maxMessageSize: "default", mmjsonparse: cookie === undefined ? {} : { cookie } });
      try {
        const app = cee ? "size-cee" : "size-plain";
        const counts = await ship(app, collector.tcpPort, cee ? { cee: true } : {});
        const records = await collector.waitFor((r) => r.filter((x) => x.appName === app).length >= LINES.length);
        const mine = records.filter((r) => r.appName === app);
        expect(mine).toHaveLength(LINES.length);
        expect(mine.map((r) => r.json)).toEqual(LINES.map(() => "OK"));
        const parsed = mine.map((r) => JSON.parse(cee ? r.msg.replace(/^@cee:/, "") : r.msg) as Record<string, unknown>);
        expect(parsed.map((p) => p.i)).toEqual(LINES.map((_, i) => i));
        parsed.forEach((record, i) => {
          const line = LINES[i]!;
          expect("logweave_truncated" in record, `line ${i}`).toBe(line.big);
          if (!line.big) expect(record).toMatchObject({ msg: line.msg, ...line.fields });
          else expect(record).toMatchObject({ level: 30, name: app, i });
        });
        expect(counts).toEqual({ dropped: 0, truncated: LINES.filter((l) => l.big).length });
      } finally {
        await collector.stop();
        fs.rmSync(collectorDir, { recursive: true, force: true });
      }
    });
  }
});
