/**
 * The worker side of the OTLP transport: `POST /v1/logs` with a JSON `ExportLogsServiceRequest`
 * (OTLP/HTTP, https://opentelemetry.io/docs/specs/otlp/#otlphttp), paced by `otlp-pacing.ts`,
 * each request bounded by a deadline for its whole exchange, the outcome written to the shared
 * status block the application reads.
 */
import http from "node:http";
import https from "node:https";
import { parentPort } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { reportProblem } from "../diagnostics.js";
import { parseLine } from "./line.js";
import { Pacing } from "./otlp-pacing.js";
import { endpointName } from "./otlp-endpoint.js";
import { exportRequest } from "./otlp-records.js";
import { partialSuccess, refusalText, retryAfterMs, type PartialSuccess } from "./otlp-response.js";
import { StatusWriter } from "./otlp-status.js";
import type { ToWorker } from "./protocol.js";
import { ShipError, type Sink } from "./sink.js";

/** Resolved OTLP options, as plain data for the worker. */
export interface OtlpSinkOptions {
  /** Full URL of the logs endpoint, e.g. `http://localhost:4318/v1/logs`. */
  readonly url: string;
  /** Request headers, names in lower case, already checked (user-agent included). */
  readonly headers: Readonly<Record<string, string>>;
  /** Resource attributes (`service.name`, `service.version`, `deployment.environment.name`…). */
  readonly resource: Readonly<Record<string, string | number | boolean>>;
  /** Deadline of one whole request: connecting, sending, and reading the complete answer. */
  readonly timeoutMs: number;
  readonly compression: "gzip" | "none";
  /** Backoff after a failed request: first ceiling and cap (see `otlp-pacing.ts`). */
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  /** The status block shared with the application (`otlp-status.ts`). */
  readonly status: SharedArrayBuffer;
}

/** Statuses the OTLP spec says to retry (https://opentelemetry.io/docs/specs/otlp/#retryable-response-codes). */
const RETRYABLE = new Set([429, 502, 503, 504]);
/** Most bytes of an answer kept (the start is all a report quotes; the rest is read and dropped). */
const MAX_ANSWER_BYTES = 64 * 1024;
/** The longest a Node timer waits; a longer one would fire at once (TimeoutOverflowWarning). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** At most one partial-success report per this interval. */
const REPORT_INTERVAL_MS = 60_000;

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly retryAfter: string | string[] | undefined;
}

class OtlpSink implements Sink {
  readonly name: string;
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly pacing: Pacing;
  private readonly status: StatusWriter;
  private closed = false;
  private wakeGate: (() => void) | undefined;
  private lastPartialReport = -Infinity;

  constructor(private readonly options: OtlpSinkOptions) {
    this.url = new URL(options.url);
    this.name = endpointName(options.url);
    const Agent = this.url.protocol === "https:" ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 1 });
    this.pacing = new Pacing(options.retryMinMs, options.retryMaxMs);
    this.status = new StatusWriter(options.status);
  }

  /**
   * Sends `lines` as one request once the backoff allows. Resolves to the number of records the
   * collector rejected in a partial success; rejects with a retryable {@link ShipError} (network
   * error, timeout, 429/502/503/504: send the batch again; its `retryAfterMs` is this sink's
   * wait, `Retry-After` included) or a non-retryable one (any other status: drop the batch).
   */
  async send(lines: readonly string[]): Promise<number> {
    await this.gate();
    const body = JSON.stringify(exportRequest(lines.map(parseLine), this.options.resource));
    const payload = this.options.compression === "gzip" ? gzipSync(body) : Buffer.from(body);
    let answer: Answer;
    try {
      answer = await this.post(payload);
    } catch (err) {
      const message = errorText(err);
      // Closing destroys the connection under a request in flight: that is no collector failure.
      if (this.closed) throw new ShipError(message, true);
      throw new ShipError(message, true, this.failed(message));
    }
    if (answer.status >= 200 && answer.status < 300) {
      this.pacing.succeeded();
      this.status.succeeded(Date.now());
      const partial = partialSuccess(answer.body);
      if (partial.errorMessage !== undefined) this.reportPartial(partial);
      return partial.rejected;
    }
    const quoted = refusalText(answer.body);
    const message = `HTTP ${answer.status}${quoted === "" ? "" : `: ${quoted}`}`;
    if (RETRYABLE.has(answer.status)) {
      throw new ShipError(message, true, this.failed(message, retryAfterMs(answer.retryAfter, Date.now())));
    }
    this.failed(message);
    throw new ShipError(message, false);
  }

  /** Someone waits for the lines until `deadline` (epoch ms): shorten the backoff (see `Pacing.hurry`). */
  hurry(deadline: number): void {
    this.pacing.hurry(deadline);
    this.wakeGate?.();
  }

  close(): void {
    this.closed = true;
    this.wakeGate?.();
    this.agent.destroy();
  }

  /** Records a failure; returns how long the next request waits. */
  private failed(message: string, retryAfter?: number): number {
    const now = Date.now();
    const delay = this.pacing.failed(now, retryAfter);
    this.status.failed(now, message, this.pacing.failures, this.pacing.failingSince ?? now, now + delay);
    return delay;
  }

  /** Waits until the backoff allows the next request; rejects (retryable) once the sink is closed. */
  private async gate(): Promise<void> {
    for (;;) {
      if (this.closed) throw new ShipError("the transport is closing", true);
      const wait = this.pacing.waitMs(Date.now());
      if (wait <= 0) return;
      await new Promise<void>((resolve) => {
        // A wait beyond a timer's range is waited in pieces: the loop looks again.
        const timer = setTimeout(done, Math.min(wait, MAX_TIMER_MS));
        const self = this;
        function done(): void {
          clearTimeout(timer);
          if (self.wakeGate === done) self.wakeGate = undefined;
          resolve();
        }
        this.wakeGate = done;
      });
    }
  }

  private post(payload: Buffer): Promise<Answer> {
    const request = this.url.protocol === "https:" ? https.request : http.request;
    const timeoutMs = this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        outcome();
      };
      const req = request(
        this.url,
        {
          method: "POST",
          agent: this.agent,
          headers: {
            ...this.options.headers,
            "content-type": "application/json",
            "content-length": payload.length,
            ...(this.options.compression === "gzip" ? { "content-encoding": "gzip" } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
            size += chunk.length;
          });
          res.on("end", () => {
            const body = Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString("utf8");
            settle(() => resolve({ status: res.statusCode ?? 0, body, retryAfter: res.headers["retry-after"] }));
          });
          res.on("error", (err) => settle(() => reject(err)));
          res.on("close", () => settle(() => reject(new Error("the connection closed before the answer was complete"))));
        },
      );
      // A deadline for the whole exchange, not an idle timeout: a collector that trickles its
      // answer a byte at a time must not hold the batch (and every line behind it) forever.
      const deadline = setTimeout(() => {
        const err = new ShipError(`no complete answer within ${timeoutMs} ms`, true);
        settle(() => reject(err));
        req.destroy(err);
      }, Math.min(timeoutMs, MAX_TIMER_MS));
      req.on("error", (err) => settle(() => reject(err)));
      req.end(payload);
    });
  }

  private reportPartial(partial: PartialSuccess): void {
    const now = Date.now();
    if (now - this.lastPartialReport < REPORT_INTERVAL_MS) return;
    this.lastPartialReport = now;
    const what = partial.rejected > 0 ? `${this.name} rejected ${partial.rejected} records` : `${this.name} accepted the records with a warning`;
    reportProblem(what, new Error(partial.errorMessage), partial.rejected > 0 ? "they are dropped and counted" : "nothing was dropped");
  }
}

/** `"<code> <message>"` of a failed request (`ECONNREFUSED connect ECONNREFUSED …`). Never throws. */
function errorText(err: unknown): string {
  try {
    if (err instanceof Error) {
      const code = (err as NodeJS.ErrnoException).code;
      return typeof code === "string" && !err.message.startsWith(code) ? `${code} ${err.message}` : err.message;
    }
    return String(err);
  } catch {
    return "unknown error";
  }
}

/**
 * The sink for these options. In the transport's worker it also hears the application's drain and
 * close messages (the ones the shipper acts on): someone then waits for the lines, so the sink's
 * backoff gives way to their deadline instead of sleeping through it.
 */
export function createOtlpSink(options: OtlpSinkOptions): Sink {
  const sink = new OtlpSink(options);
  parentPort?.on("message", (message: ToWorker) => {
    if (message !== null && typeof message === "object" && (message.t === "drain" || message.t === "close")) sink.hurry(message.deadline);
  });
  return sink;
}
