/**
 * The worker's shipping loop with a scripted sink, in process: order, batches, retries, drops
 * (counted and announced), the queue cap, flush bookkeeping and the exit deadline.
 */
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CONTROL_SLOTS, Slot, type FromWorker, type ShipSettings } from "../src/transports/protocol.js";
import { Shipper } from "../src/transports/shipper.js";
import { ShipError, type Sink } from "../src/transports/sink.js";

/** A sink that records batches and answers from a script (then succeeds). */
class ScriptedSink implements Sink {
  readonly name = "scripted";
  readonly batches: string[][] = [];
  readonly attempts: string[][] = [];
  script: Array<Error | number | "hang"> = [];
  closed = false;

  async send(lines: readonly string[]): Promise<number> {
    this.attempts.push([...lines]);
    const next = this.script.shift();
    if (next === "hang") return new Promise<number>(() => undefined);
    if (next instanceof Error) throw next;
    this.batches.push([...lines]);
    return typeof next === "number" ? next : 0;
  }

  close(): void {
    this.closed = true;
  }

  /** Every line delivered, in order. */
  delivered(): string[] {
    return this.batches.flat();
  }
}

const settings: ShipSettings = { maxQueue: 1_000_000, maxBatchLines: 10, maxBatchBytes: 1_000_000, retryMinMs: 1, retryMaxMs: 5 };

function setup(overrides: Partial<ShipSettings> = {}) {
  const sink = new ScriptedSink();
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  const posted: FromWorker[] = [];
  const shipper = new Shipper(sink, { ...settings, ...overrides }, control, (m) => posted.push(m));
  return { sink, control, posted, shipper };
}

const lines = (from: number, to: number): string => {
  let text = "";
  for (let i = from; i < to; i++) text += `{"level":30,"msg":"m","i":${i}}\n`;
  return text;
};
const indexOf = (line: string): number => (JSON.parse(line) as { i: number }).i;

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await sleep(2);
  expect(check()).toBe(true);
}

afterEach(() => vi.restoreAllMocks());

describe("Shipper", () => {
  it("ships every line in order, in batches of at most maxBatchLines", async () => {
    const { sink, control, shipper } = setup();
    shipper.receive(1, lines(0, 25));
    shipper.receive(2, lines(25, 40));
    await until(() => Atomics.load(control, Slot.settled) === 2);
    expect(sink.delivered().map(indexOf)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(Math.max(...sink.batches.map((b) => b.length))).toBeLessThanOrEqual(10);
    expect(Atomics.load(control, Slot.held)).toBe(0);
  });

  it("retries a failed batch until it goes, keeping the order", async () => {
    vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    const { sink, control, shipper } = setup();
    sink.script = [new Error("ECONNREFUSED"), new ShipError("HTTP 503", true, 0), new Error("reset")];
    shipper.receive(1, lines(0, 30));
    await until(() => Atomics.load(control, Slot.settled) === 1);
    expect(sink.attempts.slice(0, 4).map((b) => b.map(indexOf))).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    ]);
    expect(sink.delivered().map(indexOf)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(Atomics.load(control, Slot.dropped)).toBe(0);
  });

  it("reports an outage once on stderr, not once per retry", async () => {
    const writes = vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    const { sink, control, shipper } = setup();
    sink.script = Array.from({ length: 5 }, () => new Error("ECONNREFUSED"));
    shipper.receive(1, lines(0, 3));
    await until(() => Atomics.load(control, Slot.settled) === 1);
    const reports = writes.mock.calls.filter(([fd, text]) => fd === 2 && String(text).includes("cannot ship to scripted"));
    expect(reports).toHaveLength(1);
  });

  it("drops a refused batch, counts it, and announces it without waiting for the next line", async () => {
    vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    const { sink, control, shipper } = setup();
    sink.script = [new ShipError("HTTP 400", false)];
    shipper.receive(1, lines(0, 4));
    await until(() => sink.batches.length === 1);
    expect(Atomics.load(control, Slot.dropped)).toBe(4);
    expect(sink.batches[0]!.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 40, name: "logweave", msg: "logweave dropped lines", dropped: 4 }),
    ]);
    shipper.receive(2, lines(4, 6));
    await until(() => Atomics.load(control, Slot.settled) === 2);
    expect(sink.batches[1]!.map(indexOf)).toEqual([4, 5]);
  });

  it("drops that happen while a batch is retried are announced ahead of the lines that follow them", async () => {
    vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    const { sink, control, shipper } = setup({ maxQueue: 100 });
    sink.script = [new Error("down"), new Error("down"), new Error("down")];
    shipper.receive(1, lines(0, 3)); // 84 characters: fits
    shipper.receive(2, lines(3, 6)); // over the cap: dropped
    await until(() => Atomics.load(control, Slot.settled) === 2);
    shipper.receive(3, lines(6, 7));
    await until(() => Atomics.load(control, Slot.settled) === 3);
    const delivered = sink.delivered().map((line) => JSON.parse(line) as { i?: number; dropped?: number });
    expect(delivered.map((l) => l.i ?? `dropped ${l.dropped}`)).toEqual([0, 1, 2, "dropped 3", 6]);
  });

  it("counts lines the sink refused one by one (datagram too large, partial success)", async () => {
    const writes = vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    const { sink, control, shipper } = setup();
    sink.script = [3];
    shipper.receive(1, lines(0, 5));
    await until(() => Atomics.load(control, Slot.settled) === 1);
    expect(Atomics.load(control, Slot.dropped)).toBe(3);
    expect(writes.mock.calls.filter(([fd]) => fd === 2).map(([, text]) => String(text))).toEqual([expect.stringContaining("scripted refused 3 lines")]);
  });

  it("past the cap (queue and batch in flight together) lines are dropped and counted", async () => {
    const { sink, control, shipper } = setup({ maxQueue: 300 });
    sink.script = ["hang"];
    shipper.receive(1, lines(0, 5)); // ~28 characters each: the first batch hangs in flight
    await until(() => sink.attempts.length === 1);
    shipper.receive(2, lines(5, 40));
    const held = Atomics.load(control, Slot.held);
    expect(held).toBeLessThanOrEqual(300);
    const dropped = Atomics.load(control, Slot.dropped);
    expect(dropped).toBeGreaterThan(20);
    expect(dropped + Math.round(held / 28)).toBe(40);
  });

  it("answers a flush request once its message is settled", async () => {
    const writes = vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    const { sink, control, posted, shipper } = setup();
    sink.script = [new Error("down")];
    shipper.receive(1, lines(0, 2));
    shipper.requestFlush(1);
    expect(posted).toEqual([]);
    await until(() => Atomics.load(control, Slot.settled) === 1);
    expect(posted).toEqual([{ t: "flushed", seq: 1 }]);
    shipper.requestFlush(1);
    expect(posted).toHaveLength(2);
    expect(writes.mock.calls.filter(([fd]) => fd === 2).map(([, text]) => String(text))).toEqual([expect.stringContaining("cannot ship to scripted: down")]);
  });

  it("at a final drain deadline, what the collector did not take is dropped, reported, and settled", async () => {
    const writes = vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    const { sink, control, shipper } = setup();
    sink.script = Array.from({ length: 10_000 }, () => new Error("ECONNREFUSED"));
    shipper.receive(1, lines(0, 25));
    shipper.drain(Date.now() + 50, true);
    await until(() => Atomics.load(control, Slot.settled) === 1);
    expect(Atomics.load(control, Slot.dropped)).toBe(25);
    expect(writes.mock.calls.some(([fd, text]) => fd === 2 && String(text).includes("25 lines lost at exit"))).toBe(true);
  });

  it("a non-final drain only hurries: at its deadline nothing is dropped and retries go on", async () => {
    vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    const { sink, control, shipper } = setup({ retryMinMs: 1, retryMaxMs: 5 });
    sink.script = Array.from({ length: 20 }, () => new Error("ECONNREFUSED"));
    shipper.receive(1, lines(0, 3));
    shipper.drain(Date.now() + 5, false);
    await until(() => Atomics.load(control, Slot.settled) === 1);
    expect(Atomics.load(control, Slot.dropped)).toBe(0);
    expect(sink.delivered().map(indexOf)).toEqual([0, 1, 2]);
  });

  it("close ships what is held, then closes the sink", async () => {
    const { sink, shipper } = setup();
    shipper.receive(1, lines(0, 12));
    await shipper.close(Date.now() + 5_000);
    expect(sink.delivered()).toHaveLength(12);
    expect(sink.closed).toBe(true);
  });
});
