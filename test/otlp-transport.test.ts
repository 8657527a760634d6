/**
 * The OTLP transport against a loopback receiver that validates every body against the
 * ExportLogsServiceRequest JSON schema: the mapping of each line, retries on the statuses the
 * spec calls retryable, drops (counted, announced) on a refusal, and every line of a process
 * that exits right after logging.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Ajv } from "ajv";
import { exportLogsServiceRequestSchema, OtlpReceiver } from "./helpers/otlp-receiver.js";

function built(file: string): string {
  const full = path.resolve("dist/src", file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first`);
  return pathToFileURL(full).href;
}

// The build, as applications use it: the transport's worker runs dist/src/transports/worker.js.
const { configure, getLogger, withContext } = (await import(built("index.js"))) as typeof import("../src/index.js");
const { otlpTransport } = (await import(built("transports/index.js"))) as typeof import("../src/transports/index.js");

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";

let receiver: OtlpReceiver;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-otlp-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  receiver = await OtlpReceiver.start();
});
afterEach(() => receiver.close());

/** Waits until `check` holds, failing with `what` after 10 s. */
async function until(check: () => boolean, what: () => string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what()}`);
    await sleep(10);
  }
}

describe("the receiver's schema", () => {
  const validate = new Ajv({ strict: true }).compile(exportLogsServiceRequestSchema);
  const request = (record: Record<string, unknown>): unknown => ({
    resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ scope: { name: "s" }, logRecords: [record] }] }],
  });
  const good = { timeUnixNano: "1", severityNumber: 9, severityText: "INFO", body: { stringValue: "m" } };

  it("accepts a well-formed record and rejects what the OTLP/JSON mapping does not allow", () => {
    expect(validate(request(good))).toBe(true);
    for (const bad of [
      { ...good, time_unix_nano: "1" }, // snake_case field name
      { ...good, timeUnixNano: "1.5" }, // not an integer
      { ...good, severityNumber: 25 }, // outside the enum
      { ...good, body: { stringValue: "m", intValue: "1" } }, // two members of a oneof
      { ...good, traceId: "AAECAwQFBgcICQoLDA0ODw==" }, // base64, not hex
      { ...good, attributes: [{ key: "k", value: { stringValue: 1 } }] },
      { ...good, attributes: [{ key: "k" }] },
    ]) {
      expect(validate(request(bad)), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("OTLP/HTTP JSON", () => {
  it("maps every part of a line to a schema-valid log record", async () => {
    const transport = otlpTransport({ url: receiver.url, serviceName: "checkout", resourceAttributes: { "service.version": "1.2.3" } });
    configure({ destination: transport, level: "debug", base: { pid: process.pid, hostname: "web-1" } });
    const log = getLogger("auth");
    withContext({ trace_id: TRACE, span_id: SPAN, trace_flags: "01", request_id: "r-1" }, () => {
      log.info("User login", { userId: 42, ratio: 0.5, ok: true, none: null, tags: ["a", 1], geo: { city: "Oslo", n: { deep: 1 } }, big: 2 ** 60 });
    });
    const err = Object.assign(new TypeError("bad input"), { code: "E_BAD" });
    log.error("failed", { err });
    getLogger().debug("from the root logger");
    await transport.flush();
    expect(receiver.invalid()).toEqual([]);
    const records = receiver.records();
    expect(records).toHaveLength(3);

    const [login, failed, root] = records as [(typeof records)[0], (typeof records)[0], (typeof records)[0]];
    expect(login.resource).toMatchObject({ "service.name": "checkout", "service.version": "1.2.3", "host.name": "web-1", "process.pid": String(process.pid) });
    expect(login.scope).toBe("auth");
    expect(login.record).toMatchObject({
      severityNumber: 9,
      severityText: "INFO",
      body: { stringValue: "User login" },
      traceId: TRACE,
      spanId: SPAN,
      flags: 1,
    });
    expect(BigInt(login.record.timeUnixNano as string) % 1_000_000n).toBe(0n);
    const attributes = Object.fromEntries((login.record.attributes as Array<{ key: string; value: unknown }>).map((kv) => [kv.key, kv.value]));
    expect(attributes).toEqual({
      request_id: { stringValue: "r-1" },
      userId: { intValue: "42" },
      ratio: { doubleValue: 0.5 },
      ok: { boolValue: true },
      none: {},
      tags: { arrayValue: { values: [{ stringValue: "a" }, { intValue: "1" }] } },
      geo: {
        kvlistValue: {
          values: [
            { key: "city", value: { stringValue: "Oslo" } },
            { key: "n", value: { kvlistValue: { values: [{ key: "deep", value: { intValue: "1" } }] } } },
          ],
        },
      },
      big: { doubleValue: 2 ** 60 },
    });

    expect(failed.record).toMatchObject({ severityNumber: 17, severityText: "ERROR", body: { stringValue: "failed" } });
    const errorAttributes = Object.fromEntries((failed.record.attributes as Array<{ key: string; value: unknown }>).map((kv) => [kv.key, kv.value]));
    expect(errorAttributes["exception.type"]).toEqual({ stringValue: "TypeError" });
    expect(errorAttributes["exception.message"]).toEqual({ stringValue: "bad input" });
    expect((errorAttributes["exception.stacktrace"] as { stringValue: string }).stringValue).toContain("TypeError: bad input");
    expect(errorAttributes.err).toEqual({ kvlistValue: { values: [{ key: "code", value: { stringValue: "E_BAD" } }] } });
    expect(failed.record.traceId).toBeUndefined();

    expect(root.scope).toBe("logweave");
    expect(root.record).toMatchObject({ severityNumber: 5, severityText: "DEBUG" });
    await transport.close();
  });

  it("retries 503 and 429 (honouring Retry-After) and delivers every line once", async () => {
    receiver.script.push({ status: 503, headers: { "retry-after": "0" } }, { status: 429 }, { status: 502 });
    const transport = otlpTransport({ url: receiver.url, retryMinMs: 10, retryMaxMs: 50 });
    configure({ destination: transport, level: "info" });
    const log = getLogger("retry");
    for (let i = 0; i < 200; i++) log.info("n", { i });
    await transport.flush();
    expect(receiver.requests.slice(0, 3).map((r) => r.status)).toEqual([503, 429, 502]);
    const seen = receiver.records().map((r) => (r.record.attributes as Array<{ key: string; value: { intValue: string } }>)[0]!.value.intValue);
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
    expect(transport.dropped).toBe(0);
    expect(receiver.invalid()).toEqual([]);
    await transport.close();
  });

  it("a refused batch (400) is dropped, counted, and announced in the next request", async () => {
    receiver.script.push({ status: 400, body: '{"message":"nope"}' });
    const transport = otlpTransport({ url: receiver.url });
    configure({ destination: transport, level: "info" });
    const log = getLogger("refused");
    for (let i = 0; i < 5; i++) log.info("first", { i });
    await transport.flush();
    expect(transport.dropped).toBe(5);
    log.info("second");
    await transport.flush();
    const records = receiver.records();
    expect(records.map((r) => (r.record.body as { stringValue: string }).stringValue)).toEqual(["logweave dropped lines", "second"]);
    expect(records[0]!.record.attributes).toEqual([{ key: "dropped", value: { intValue: "5" } }]);
    expect(records[0]!.record.severityText).toBe("WARN");
    await transport.close();
  });

  it("ships json lines whatever format is configured (the transport reads them), and says so once", async () => {
    const writes = vi.spyOn(fs, "writeSync").mockImplementation(() => 0);
    const transport = otlpTransport({ url: receiver.url });
    configure({ destination: transport, level: "info", format: "ecs" });
    getLogger("formatted").error("in ecs", { n: 1 });
    expect(writes.mock.calls.filter(([fd]) => fd === 2).map(([, text]) => text)).toEqual(['logweave: format "ecs" is not used for this destination: it reads and ships json lines\n']);
    writes.mockRestore();
    await transport.flush();
    const [record] = receiver.records();
    expect(record!.record.severityText).toBe("ERROR");
    expect(record!.record.body).toEqual({ stringValue: "in ecs" });
    expect(record!.record.attributes).toContainEqual({ key: "n", value: { intValue: "1" } });
    configure({ format: "json" });
    await transport.close();
  });

  it("flush() resolves with the collector down (after exitTimeoutMs), keeping the lines queued", async () => {
    // A port nobody listens on: every attempt is refused, retries back off.
    const transport = otlpTransport({ url: "http://127.0.0.1:9/v1/logs", exitTimeoutMs: 300, retryMinMs: 50, retryMaxMs: 100 });
    configure({ destination: transport, level: "info" });
    getLogger("down").info("waiting for a collector");
    await transport.flush();
    expect(transport.held).toBeGreaterThan(0);
    configure({ destination: "stdout" });
    await transport.close();
  });

  it("partialSuccess.rejectedLogRecords counts as dropped", async () => {
    receiver.script.push({ status: 200, body: '{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"too old"}}' });
    const transport = otlpTransport({ url: receiver.url });
    configure({ destination: transport, level: "info" });
    for (let i = 0; i < 4; i++) getLogger("partial").info("x", { i });
    await transport.flush();
    expect(transport.dropped).toBe(2);
    await transport.close();
  });

  it("the queue cap holds from the first line, before the worker has taken anything in", async () => {
    const url = receiver.url;
    await receiver.close();
    const transport = otlpTransport({ url, maxQueue: 10_000, exitTimeoutMs: 100 });
    configure({ destination: transport, level: "info" });
    const log = getLogger("burst");
    let most = 0;
    for (let i = 0; i < 2_000; i++) {
      log.info("a burst in one synchronous loop", { i });
      most = Math.max(most, transport.held);
    }
    expect(most).toBeLessThanOrEqual(10_000);
    expect(transport.dropped).toBeGreaterThan(1_500);
    receiver = await OtlpReceiver.start(Number(new URL(url).port));
    await transport.flush();
    const kept = receiver.records().filter((r) => r.scope === "burst");
    expect(kept.length + transport.dropped).toBe(2_000);
    await transport.close();
  });

  it("lines logged while the receiver is not up yet arrive once it is", async () => {
    const url = receiver.url;
    await receiver.close();
    const transport = otlpTransport({ url, retryMinMs: 10, retryMaxMs: 50 });
    configure({ destination: transport, level: "info" });
    for (let i = 0; i < 50; i++) getLogger("late").info("early", { i });
    await sleep(100);
    const port = Number(new URL(url).port);
    receiver = await OtlpReceiver.start(port);
    await transport.flush();
    expect(receiver.records()).toHaveLength(50);
    expect(receiver.invalid()).toEqual([]);
    await transport.close();
  });

  it("on SIGTERM with handleSignals, lines still in flight reach the collector before the process dies", async () => {
    receiver.script.push({ status: 200, delayMs: 300 }); // the first batch is still unanswered at SIGTERM
    const file = path.join(dir, "sigterm.mjs");
    fs.writeFileSync(
      file,
      `import { configure, getLogger } from ${JSON.stringify(built("index.js"))};
import { otlpTransport } from ${JSON.stringify(built("transports/index.js"))};
configure({ destination: otlpTransport({ url: ${JSON.stringify(receiver.url)}, maxBatchLines: 100 }), level: "info", handleSignals: true });
const log = getLogger("sigterm");
for (let i = 0; i < 500; i++) log.info("before the signal", { i });
setInterval(() => {}, 1000);
setTimeout(() => process.stdout.write("ready\\n"), 20);
`,
    );
    const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.once("data", () => child.kill("SIGTERM"));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
    expect(signal).toBe("SIGTERM");
    await until(() => receiver.records().length >= 500, () => `${receiver.records().length} records`);
    expect(receiver.records()).toHaveLength(500);
  });

  it("every line of a process that calls process.exit() right after logging arrives (gzip bodies)", async () => {
    const file = path.join(dir, "exit.mjs");
    fs.writeFileSync(
      file,
      `import { configure, getLogger } from ${JSON.stringify(built("index.js"))};
import { otlpTransport } from ${JSON.stringify(built("transports/index.js"))};
configure({ destination: otlpTransport({ url: ${JSON.stringify(receiver.url)}, compression: "gzip", maxBatchLines: 300 }), level: "info" });
const log = getLogger("exit");
for (let i = 0; i < 2000; i++) log.info("bye", { i });
process.exit(0);
`,
    );
    const code = await new Promise<number | null>((resolve) => spawn(process.execPath, [file], { stdio: "inherit" }).on("exit", resolve));
    expect(code).toBe(0);
    await until(() => receiver.records().length >= 2000, () => `${receiver.records().length} records`);
    expect(receiver.records()).toHaveLength(2000);
    expect(receiver.requests.every((r) => r.headers["content-encoding"] === "gzip")).toBe(true);
    expect(receiver.requests.length).toBeGreaterThanOrEqual(Math.ceil(2000 / 300));
    expect(receiver.invalid()).toEqual([]);
  });
});
