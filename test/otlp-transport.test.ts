/**
 * The OTLP transport against a loopback receiver that checks every body strictly against the
 * official protos: the mapping of each line, retries on the statuses the spec calls retryable,
 * drops (counted, announced) on a refusal, backoff after every failure, the deadline of a
 * request, the status the application reads, and every line of a process that exits right after
 * logging.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { OtlpReceiver } from "./helpers/otlp-receiver.js";

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

describe("OTLP/HTTP JSON", () => {
  it("maps every part of a line to a log record the official protos accept", async () => {
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
      severityText: "info",
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
      big: { intValue: "1152921504606846976" },
    });

    expect(failed.record).toMatchObject({ severityNumber: 17, severityText: "error", body: { stringValue: "failed" } });
    const errorAttributes = Object.fromEntries((failed.record.attributes as Array<{ key: string; value: unknown }>).map((kv) => [kv.key, kv.value]));
    expect(errorAttributes["exception.type"]).toEqual({ stringValue: "TypeError" });
    expect(errorAttributes["exception.message"]).toEqual({ stringValue: "bad input" });
    expect((errorAttributes["exception.stacktrace"] as { stringValue: string }).stringValue).toContain("TypeError: bad input");
    expect(errorAttributes.err).toEqual({ kvlistValue: { values: [{ key: "code", value: { stringValue: "E_BAD" } }] } });
    expect(failed.record.traceId).toBeUndefined();

    expect(receiver.requests.map((r) => r.path)).toEqual(["/v1/logs"]);
    expect(root.scope).toBe("logweave");
    expect(root.record).toMatchObject({ severityNumber: 5, severityText: "debug" });
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
    expect(records[0]!.record.severityText).toBe("warn");
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
    expect(record!.record.severityText).toBe("error");
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
    // Whenever the backoff lets the next attempt go (flush() gives up after exitTimeoutMs).
    const kept = (): number => receiver.records().filter((r) => r.scope === "burst").length;
    await until(() => kept() + transport.dropped >= 2_000, () => `${kept()} kept, ${transport.dropped} dropped`);
    expect(kept() + transport.dropped).toBe(2_000);
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

/** Runs `source` (an ES module importing the build) in a child process; resolves with its exit code and stderr. */
async function runChild(name: string, source: string, env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(file, source);
  const child = spawn(process.execPath, [file], { stdio: ["ignore", "inherit", "pipe"], env: { ...process.env, ...env } });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, stderr };
}

const imports = (): string => `import { configure, getLogger } from ${JSON.stringify(built("index.js"))};
import { otlpTransport } from ${JSON.stringify(built("transports/index.js"))};
`;

/** The attributes of a record as a plain object. */
function attributesOf(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(((record.attributes ?? []) as Array<{ key: string; value: unknown }>).map((kv) => [kv.key, kv.value]));
}

/** Records that are logweave's own "dropped lines" reports. */
function dropReports(): Array<{ record: Record<string, unknown> }> {
  return receiver.records().filter((r) => (r.record.body as { stringValue?: string } | undefined)?.stringValue === "logweave dropped lines");
}

describe("the deadline of a request", () => {
  it("a collector that trickles its answer cannot hold a batch past timeoutMs: it is sent again", async () => {
    // 2,000 bytes at one every 50 ms: 100 s for the whole answer, a byte well inside any idle timeout.
    receiver.script.push({ status: 200, body: " ".repeat(2_000) + "{}", trickleMs: 50 });
    const transport = otlpTransport({ url: receiver.url, timeoutMs: 300, retryMinMs: 10, retryMaxMs: 50 });
    configure({ destination: transport, level: "info" });
    for (let i = 0; i < 20; i++) getLogger("trickle").info("slow collector", { i });
    await until(() => receiver.records().length === 20, () => `${receiver.records().length} records delivered`);
    expect(receiver.requests.length).toBe(2);
    expect(transport.status.lastError).toBe("no complete answer within 300 ms");
    await transport.close();
  });

  it("a collector that never answers is given up on at timeoutMs and the batch sent again", async () => {
    receiver.script.push({ status: 0, hang: true });
    const transport = otlpTransport({ url: receiver.url, timeoutMs: 200, retryMinMs: 10, retryMaxMs: 50 });
    configure({ destination: transport, level: "info" });
    for (let i = 0; i < 20; i++) getLogger("hang").info("silent collector", { i });
    await until(() => receiver.records().length === 20, () => `${receiver.records().length} records delivered`);
    expect(transport.dropped).toBe(0);
    await transport.close();
  });
});

describe("backoff after every failure", () => {
  for (const status of [400, 401, 403, 404, 500]) {
    it(`a collector answering ${status} to everything is asked a few times a second at most, not in a loop`, async () => {
      receiver.fallback = { status, body: '{"code":16,"message":"no"}' };
      const transport = otlpTransport({ url: receiver.url });
      configure({ destination: transport, level: "info" });
      const log = getLogger("refused");
      const end = Date.now() + 1_500;
      let i = 0;
      while (Date.now() < end) {
        log.info("while refused", { i: i++ });
        await sleep(5);
      }
      const asked = receiver.requests.length;
      // Backoff from 250 ms doubling: about 4 requests in 1.5 s; a storm sends thousands.
      expect(asked).toBeGreaterThanOrEqual(2);
      expect(asked).toBeLessThanOrEqual(10);
      await transport.close();
    });
  }

  it("a timeoutMs beyond a timer's range is not a timeout at once", async () => {
    receiver.script.push({ status: 200, delayMs: 100 });
    const transport = otlpTransport({ url: receiver.url, timeoutMs: 1e12, retryMinMs: 10, retryMaxMs: 20 });
    configure({ destination: transport, level: "info" });
    getLogger("huge").info("slow answer");
    await until(() => receiver.records().length === 1, () => `${receiver.requests.length} requests`);
    expect(transport.status.lastError).toBeUndefined();
    await transport.close();
  });

  it("drops of an outage are reported once, with their total, when the collector takes lines again", async () => {
    receiver.fallback = { status: 401 };
    const transport = otlpTransport({ url: receiver.url, retryMinMs: 20, retryMaxMs: 100 });
    configure({ destination: transport, level: "info" });
    const log = getLogger("outage");
    for (let i = 0; i < 30; i++) {
      log.info("during the outage", { i });
      await sleep(10);
    }
    await until(() => transport.dropped === 30, () => `${transport.dropped} dropped`);
    receiver.fallback = undefined;
    log.info("after the outage");
    await until(() => receiver.records().some((r) => r.scope === "outage" && (r.record.body as { stringValue: string }).stringValue === "after the outage"), () => `${receiver.records().length} records`);
    await sleep(300); // room for a report that would wrongly come again
    const reports = dropReports();
    expect(reports).toHaveLength(1);
    expect(attributesOf(reports[0]!.record).dropped).toEqual({ intValue: "30" });
    expect(transport.dropped).toBe(30);
    await transport.close();
  });

  it("retryable statuses wait at least the collector's Retry-After, then deliver every line", async () => {
    receiver.script.push({ status: 503, headers: { "retry-after": "1" } });
    const transport = otlpTransport({ url: receiver.url, retryMinMs: 10, retryMaxMs: 50 });
    configure({ destination: transport, level: "info" });
    for (let i = 0; i < 10; i++) getLogger("after").info("throttled", { i });
    await until(() => receiver.records().length === 10, () => `${receiver.records().length} records`);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]!.at - receiver.requests[0]!.at).toBeGreaterThanOrEqual(990);
    await transport.close();
  });
});

describe("transport.status", () => {
  it("tells since when requests fail and why, then that they succeed again", async () => {
    const transport = otlpTransport({ url: receiver.url, retryMinMs: 20, retryMaxMs: 100 });
    configure({ destination: transport, level: "info" });
    const log = getLogger("status");
    expect(transport.status).toEqual({
      dropped: 0,
      held: 0,
      failingSince: undefined,
      consecutiveFailures: 0,
      lastError: undefined,
      lastErrorAt: undefined,
      lastSuccessAt: undefined,
      retryAt: undefined,
    });
    const before = Date.now();
    receiver.fallback = { status: 403, body: '{"code":7,"message":"bad api key"}' };
    log.info("refused");
    await until(() => transport.status.consecutiveFailures >= 2, () => JSON.stringify(transport.status));
    const failing = transport.status;
    expect(failing.failingSince).toBeGreaterThanOrEqual(before);
    expect(failing.lastError).toBe("HTTP 403: bad api key");
    expect(failing.lastErrorAt).toBeGreaterThanOrEqual(failing.failingSince!);
    expect(failing.retryAt).toBeGreaterThan(failing.lastErrorAt!);
    expect(failing.dropped).toBe(1);
    receiver.fallback = undefined;
    log.info("accepted");
    await until(() => transport.status.lastSuccessAt !== undefined, () => JSON.stringify(transport.status));
    const healthy = transport.status;
    expect(healthy).toMatchObject({ failingSince: undefined, consecutiveFailures: 0, retryAt: undefined, lastError: "HTTP 403: bad api key" });
    await transport.close();
  });

  it("names a network error", async () => {
    const transport = otlpTransport({ url: "http://127.0.0.1:9/v1/logs", retryMinMs: 20, retryMaxMs: 50, exitTimeoutMs: 100 });
    configure({ destination: transport, level: "info" });
    getLogger("down").info("nobody listens");
    await until(() => transport.status.lastError !== undefined, () => JSON.stringify(transport.status));
    expect(transport.status.lastError).toMatch(/^ECONNREFUSED /);
    configure({ destination: "stdout" });
    await transport.close();
  });
});

describe("identity and headers", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it("LOGWEAVE_SERVICE, LOGWEAVE_VERSION, LOGWEAVE_ENV name the resource and are not repeated on each record", async () => {
    Object.assign(process.env, { LOGWEAVE_SERVICE: "checkout", LOGWEAVE_VERSION: "1.4.2", LOGWEAVE_ENV: "production" });
    const transport = otlpTransport({ url: receiver.url });
    configure({ destination: transport, level: "info" });
    getLogger("identity").info("hello", { orderId: 7 });
    await transport.flush();
    const [only] = receiver.records();
    expect(only!.resource).toMatchObject({ "service.name": "checkout", "service.version": "1.4.2", "deployment.environment.name": "production" });
    expect(Object.keys(attributesOf(only!.record))).toEqual(["orderId"]);
    await transport.close();
  });

  it("a line's own service that differs from the resource's stays on the record", async () => {
    const transport = otlpTransport({ url: receiver.url, serviceName: "gateway" });
    configure({ destination: transport, level: "info", base: { service: "billing" } });
    getLogger("identity").info("hello");
    await transport.flush();
    const [only] = receiver.records();
    expect(only!.resource["service.name"]).toBe("gateway");
    expect(attributesOf(only!.record).service).toEqual({ stringValue: "billing" });
    configure({ base: {} });
    await transport.close();
  });

  it("sends a User-Agent naming logweave and its version", async () => {
    const version = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string }).version;
    const transport = otlpTransport({ url: receiver.url });
    configure({ destination: transport, level: "info" });
    getLogger("ua").info("who is asking");
    await transport.flush();
    expect(receiver.requests[0]!.headers["user-agent"]).toBe(`logweave/${version} node/${process.versions.node}`);
    await transport.close();
  });

  it("OTEL_EXPORTER_OTLP_ENDPOINT, _HEADERS, _COMPRESSION and _TIMEOUT apply when no option says otherwise", async () => {
    const base = receiver.url.replace(/\/v1\/logs$/, "/mypath");
    Object.assign(process.env, {
      OTEL_EXPORTER_OTLP_ENDPOINT: base,
      OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=s%20e%2Ccret,x-team=core",
      OTEL_EXPORTER_OTLP_LOGS_HEADERS: "x-team=logs",
      OTEL_EXPORTER_OTLP_COMPRESSION: "gzip",
      OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: "250",
    });
    receiver.script.push({ status: 0, hang: true });
    const transport = otlpTransport({ retryMinMs: 10, retryMaxMs: 20 });
    configure({ destination: transport, level: "info" });
    getLogger("env").info("configured by the environment");
    await until(() => receiver.records().length === 1, () => `${receiver.requests.length} requests`);
    const last = receiver.requests.at(-1)!;
    expect(last.path).toBe("/mypath/v1/logs");
    expect(last.headers).toMatchObject({ "x-api-key": "s e,cret", "x-team": "logs", "content-encoding": "gzip" });
    expect(transport.status.lastError).toBe("no complete answer within 250 ms");
    await transport.close();
  });
});

describe("at exit", () => {
  it("honours a Retry-After that ends within exitTimeoutMs, and delivers", async () => {
    receiver.script.push({ status: 503, headers: { "retry-after": "1" } });
    const { code } = await runChild(
      "retry-after-exit",
      imports() +
        `configure({ destination: otlpTransport({ url: ${JSON.stringify(receiver.url)}, exitTimeoutMs: 3000 }), level: "info" });
for (let i = 0; i < 10; i++) getLogger("exit").info("bye", { i });
process.exit(0);
`,
    );
    expect(code).toBe(0);
    expect(receiver.records()).toHaveLength(10);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]!.at - receiver.requests[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it("a collector that came back during a long backoff gets the lines at exit (the backoff gives way to the exit deadline)", async () => {
    // Two 503s without a hint, with a first backoff of 5-10 s: only a hurried retry can deliver in time.
    receiver.script.push({ status: 503 }, { status: 503 });
    const { code } = await runChild(
      "backoff-exit",
      imports() +
        `const transport = otlpTransport({ url: ${JSON.stringify(receiver.url)}, retryMinMs: 10000, retryMaxMs: 20000, exitTimeoutMs: 3000 });
configure({ destination: transport, level: "info" });
for (let i = 0; i < 10; i++) getLogger("exit").info("bye", { i });
await new Promise((resolve) => { const t = setInterval(() => { if (transport.status.consecutiveFailures >= 1) { clearInterval(t); resolve(); } }, 5); });
process.exit(0);
`,
    );
    expect(code).toBe(0);
    expect(receiver.records()).toHaveLength(10);
    expect(receiver.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("does not ask again before a Retry-After that ends after exitTimeoutMs: the lines are reported lost", async () => {
    receiver.script.push({ status: 503, headers: { "retry-after": "30" } });
    const { code, stderr } = await runChild(
      "retry-after-too-late",
      imports() +
        `configure({ destination: otlpTransport({ url: ${JSON.stringify(receiver.url)}, exitTimeoutMs: 500 }), level: "info" });
for (let i = 0; i < 10; i++) getLogger("exit").info("bye", { i });
process.exit(0);
`,
    );
    expect(code).toBe(0);
    expect(receiver.requests).toHaveLength(1);
    expect(stderr).toContain("10 lines lost at exit");
  });
});

describe("partial success", () => {
  it("the collector's errorMessage is in the report on stderr", async () => {
    receiver.script.push({ status: 200, body: '{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"timestamps too old"}}' });
    const { code, stderr } = await runChild(
      "partial",
      imports() +
        `const transport = otlpTransport({ url: ${JSON.stringify(receiver.url)} });
configure({ destination: transport, level: "info" });
for (let i = 0; i < 4; i++) getLogger("partial").info("x", { i });
await transport.flush();
process.stdout.write(String(transport.dropped));
`,
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/rejected 2 records: timestamps too old/);
  });
});
