/**
 * Fault injection for the OTLP transport: a loopback collector that is healthy, then fails for
 * two seconds in one way — hangs, trickles its answers, resets connections, is not there,
 * answers a status (400, 401, 403, 404, 500, 429, 502, 503, 504, with and without Retry-After) —
 * then recovers, while an application logs a line every 10 ms throughout.
 *
 * Per fault it prints lines written / delivered (the collector confirmed them) / dropped
 * (counted by the transport) / reported (in "dropped lines" records the collector received) /
 * lost (none of these), and the requests per second the failing collector saw. It asserts:
 * nothing is ever lost; every line arrives when the failure is one the protocol retries;
 * refused lines are counted and reported exactly once per outage; a failing collector is
 * asked a few times a second at most, whatever the failure.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { OtlpReceiver, type Answer } from "../helpers/otlp-receiver.js";

function built(file: string): string {
  const full = path.resolve("dist/src", file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first`);
  return pathToFileURL(full).href;
}

const { getLogger } = (await import(built("index.js"))) as typeof import("../../src/index.js");
const { otlpTransport } = (await import(built("transports/index.js"))) as typeof import("../../src/transports/index.js");

/** How long each phase lasts, and the application's pace. */
const HEALTHY_MS = 300;
const OUTAGE_MS = 2_000;
const RECOVERED_MS = 300;
const LOG_EVERY_MS = 10;
/** The transport's request deadline in these runs (a hung or trickling answer is given up on then). */
const TIMEOUT_MS = 500;
/** "A few requests per second" at a failing collector. */
const MAX_REQUESTS_PER_SECOND = 5;

interface Fault {
  readonly name: string;
  /** How the collector answers during the outage; "down" closes it (connections refused). */
  readonly answer: Answer | "down";
  /** Whether OTLP says to retry this failure (then every line must arrive). */
  readonly retryable: boolean;
}

const HEALTHY = "healthy (200)";

const FAULTS: Fault[] = [
  { name: HEALTHY, answer: { status: 200 }, retryable: true },
  { name: "hangs (no answer)", answer: { status: 0, hang: true }, retryable: true },
  { name: "trickles its answer", answer: { status: 200, body: " ".repeat(10_000) + "{}", trickleMs: 20 }, retryable: true },
  { name: "resets connections", answer: { status: 0, reset: true }, retryable: true },
  { name: "is down (refused)", answer: "down", retryable: true },
  ...[429, 502, 503, 504].map((status) => ({ name: `HTTP ${status}`, answer: { status }, retryable: true })),
  { name: "HTTP 429 Retry-After: 1", answer: { status: 429, headers: { "retry-after": "1" } }, retryable: true },
  { name: "HTTP 503 Retry-After: 0", answer: { status: 503, headers: { "retry-after": "0" } }, retryable: true },
  ...[400, 401, 403, 404, 500].map((status) => ({ name: `HTTP ${status}`, answer: { status, body: '{"code":3,"message":"refused"}' }, retryable: false })),
];

interface Row {
  fault: string;
  written: number;
  delivered: number;
  duplicates: number;
  dropped: number;
  reported: number;
  reports: number;
  lost: number;
  requestsInOutage: number;
  perSecond: number;
}

const rows: Row[] = [];

/** Waits until `check` holds; fails with `what` after 30 s (only to detect a hang). */
async function until(check: () => boolean, what: () => string): Promise<void> {
  const end = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what()}`);
    await sleep(20);
  }
}

/** Logs one line every LOG_EVERY_MS for `ms`; returns how many. */
async function logFor(ms: number, log: (i: number) => void, start: number): Promise<number> {
  const end = Date.now() + ms;
  let i = start;
  while (Date.now() < end) {
    log(i++);
    await sleep(LOG_EVERY_MS);
  }
  return i;
}

async function run(fault: Fault, index: number): Promise<Row> {
  let receiver = await OtlpReceiver.start();
  const port = Number(new URL(receiver.url).port);
  const transport = otlpTransport({ url: receiver.url, timeoutMs: TIMEOUT_MS });
  const scope = `fault-${index}`;
  const logger = getLogger(scope, { destination: transport, level: "info" });
  const log = (i: number): void => logger.info("line", { i });
  // Everything the collector received, across restarts.
  const received: OtlpReceiver[] = [receiver];
  try {
    let written = await logFor(HEALTHY_MS, log, 0);

    const outageStart = Date.now();
    const failuresBefore = transport.status.consecutiveFailures;
    let failuresSeen = 0;
    if (fault.answer === "down") await receiver.close();
    else receiver.fallback = fault.answer;
    const counter = setInterval(() => (failuresSeen = Math.max(failuresSeen, transport.status.consecutiveFailures)), 5);
    written = await logFor(OUTAGE_MS, log, written);
    clearInterval(counter);
    const outageMs = Date.now() - outageStart;
    // Requests the failing collector saw (for a closed port: the attempts the transport counted).
    const requestsInOutage = fault.answer === "down" ? failuresSeen - failuresBefore : receiver.requests.filter((r) => r.at >= outageStart && r.at < outageStart + outageMs).length;

    if (fault.answer === "down") {
      receiver = await OtlpReceiver.start(port);
      received.push(receiver);
    } else {
      receiver.fallback = undefined;
    }
    written = await logFor(RECOVERED_MS, log, written);

    const records = (): Array<{ record: Record<string, unknown>; scope: string }> => received.flatMap((r) => r.records());
    const attributes = (record: Record<string, unknown>): Record<string, { intValue?: string }> =>
      Object.fromEntries(((record.attributes ?? []) as Array<{ key: string; value: { intValue?: string } }>).map((kv) => [kv.key, kv.value]));
    const delivered = (): Set<string> => new Set(records().filter((r) => r.scope === scope).map((r) => attributes(r.record).i?.intValue ?? "?"));
    await until(
      () => delivered().size + transport.dropped >= written,
      () => `${fault.name}: ${delivered().size} delivered + ${transport.dropped} dropped of ${written}`,
    );
    // A report owed for the last drops goes out with (or right after) the last lines.
    if (transport.dropped > 0) {
      await until(
        () => records().some((r) => r.scope === "logweave"),
        () => `${fault.name}: no drop report yet`,
      );
    }
    await transport.flush();
    await sleep(300); // room for a report that would wrongly come again

    const reports = records().filter((r) => r.scope === "logweave" && (r.record.body as { stringValue?: string }).stringValue === "logweave dropped lines");
    const reported = reports.reduce((sum, r) => sum + Number(attributes(r.record).dropped?.intValue ?? 0), 0);
    const unique = delivered().size;
    const all = records().filter((r) => r.scope === scope).length;
    expect(received.flatMap((r) => r.invalid())).toEqual([]);
    return {
      fault: fault.name,
      written,
      delivered: unique,
      duplicates: all - unique,
      dropped: transport.dropped,
      reported,
      reports: reports.length,
      lost: written - unique - transport.dropped,
      requestsInOutage,
      perSecond: Math.round((requestsInOutage / (outageMs / 1000)) * 10) / 10,
    };
  } finally {
    await transport.close();
    for (const r of received) await r.close();
  }
}

/** A plain text table, columns right-aligned but the first. */
function table(data: Row[]): string {
  const header = ["fault", "written", "delivered", "dup", "dropped", "reported", "reports", "lost", "req in outage", "req/s"];
  const body = data.map((r) => [r.fault, r.written, r.delivered, r.duplicates, r.dropped, r.reported, r.reports, r.lost, r.requestsInOutage, r.perSecond].map(String));
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

afterAll(() => {
  const ordered = FAULTS.map((f) => rows.find((r) => r.fault === f.name)).filter((r): r is Row => r !== undefined);
  process.stdout.write(
    `\nOTLP transport under collector faults (${OUTAGE_MS} ms outage between ${HEALTHY_MS} ms healthy and ${RECOVERED_MS} ms recovered, ` +
      `a line every ${LOG_EVERY_MS} ms, timeoutMs ${TIMEOUT_MS}, default backoff):\n${table(ordered)}\n\n`,
  );
});

describe.concurrent("OTLP transport against a failing collector", () => {
  FAULTS.forEach((fault, index) => {
    it(`${fault.name}: nothing lost, ${fault.retryable ? "every line delivered" : "drops counted and reported once"}, a few requests a second at most`, async () => {
      const row = await run(fault, index);
      rows.push(row);
      expect(row.lost, "lines neither delivered nor counted").toBe(0);
      if (fault.retryable) {
        expect(row.delivered).toBe(row.written);
        expect(row.dropped).toBe(0);
        expect(row.reports).toBe(0);
      } else {
        expect(row.dropped).toBeGreaterThan(0);
        expect(row.reports, "one report per outage").toBe(1);
        expect(row.reported).toBe(row.dropped);
      }
      // The healthy baseline's rate is its batching, not a failing collector's.
      if (fault.name !== HEALTHY) expect(row.perSecond).toBeLessThanOrEqual(MAX_REQUESTS_PER_SECOND);
    });
  });
});
