/**
 * The status block the OTLP worker writes and the application reads: what it says, how long
 * its text may be, and that a read never mixes two writes.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createStatusBuffer, readStatus, StatusWriter } from "../src/transports/otlp-status.js";

describe("OTLP status block", () => {
  it("says nothing before the first request", () => {
    expect(readStatus(createStatusBuffer())).toEqual({
      failingSince: undefined,
      consecutiveFailures: 0,
      lastError: undefined,
      lastErrorAt: undefined,
      lastSuccessAt: undefined,
      retryAt: undefined,
    });
  });

  it("a failure, then a success: the outage ends, the last error stays", () => {
    const buffer = createStatusBuffer();
    const writer = new StatusWriter(buffer);
    writer.failed(2_000, "HTTP 503: busy", 2, 1_000, 2_500);
    expect(readStatus(buffer)).toEqual({
      failingSince: 1_000,
      consecutiveFailures: 2,
      lastError: "HTTP 503: busy",
      lastErrorAt: 2_000,
      lastSuccessAt: undefined,
      retryAt: 2_500,
    });
    writer.succeeded(3_000);
    expect(readStatus(buffer)).toEqual({
      failingSince: undefined,
      consecutiveFailures: 0,
      lastError: "HTTP 503: busy",
      lastErrorAt: 2_000,
      lastSuccessAt: 3_000,
      retryAt: undefined,
    });
  });

  it("keeps at most 512 bytes of an error, never splitting a character", () => {
    const buffer = createStatusBuffer();
    new StatusWriter(buffer).failed(1, "é".repeat(400), 1, 1, 2);
    const text = readStatus(buffer).lastError!;
    expect(Buffer.byteLength(text)).toBe(512);
    expect(text).toBe("é".repeat(256));
    new StatusWriter(buffer).failed(1, "short", 1, 1, 2);
    expect(readStatus(buffer).lastError).toBe("short");
  });

  it("a read while another thread writes never mixes two writes", async () => {
    const module = path.resolve("dist/src/transports/otlp-status.js");
    if (!fs.existsSync(module)) throw new Error(`${module} is missing: run \`npm run build\` first`);
    const buffer = createStatusBuffer();
    const worker = new Worker(
      `const { workerData, parentPort } = require("node:worker_threads");
import(workerData.module).then(({ StatusWriter }) => {
  const writer = new StatusWriter(workerData.buffer);
  const end = Date.now() + 300;
  for (let i = 1; Date.now() < end; i++) writer.failed(i, "e" + i + "x".repeat(i % 300), i, i, i);
  parentPort.postMessage("done");
});`,
      { eval: true, workerData: { buffer, module: pathToFileURL(module).href } },
    );
    let reads = 0;
    let done = false;
    worker.once("message", () => (done = true));
    while (!done) {
      const s = readStatus(buffer);
      const i = s.consecutiveFailures;
      if (i > 0) {
        reads++;
        expect([s.failingSince, s.lastErrorAt, s.retryAt, s.lastError]).toEqual([i, i, i, "e" + i + "x".repeat(i % 300)]);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await worker.terminate();
    expect(reads).toBeGreaterThan(10);
  });

  it("a writer that died in the middle of a write does not hang the reader", () => {
    const buffer = createStatusBuffer();
    new StatusWriter(buffer).failed(5, "before", 1, 5, 6);
    Atomics.add(new Int32Array(buffer), 0, 1); // a write begun and never finished
    expect(readStatus(buffer).lastError).toBe("before");
  });
});
