/**
 * The worker side of the OTLP transport: `POST /v1/logs` with a JSON `ExportLogsServiceRequest`
 * (OTLP/HTTP, https://opentelemetry.io/docs/specs/otlp/#otlphttp).
 */
import http from "node:http";
import https from "node:https";
import { gzipSync } from "node:zlib";
import { parseLine } from "./line.js";
import { exportRequest } from "./otlp-records.js";
import { ShipError, type Sink } from "./sink.js";

/** Resolved OTLP options, as plain data for the worker. */
export interface OtlpSinkOptions {
  /** Full URL of the logs endpoint, e.g. `http://localhost:4318/v1/logs`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Resource attributes (`service.name` and the user's). */
  readonly resource: Readonly<Record<string, string | number | boolean>>;
  readonly timeoutMs: number;
  readonly compression: "gzip" | "none";
}

/** Statuses the OTLP spec says to retry (https://opentelemetry.io/docs/specs/otlp/#retryable-response-codes). */
const RETRYABLE = new Set([429, 502, 503, 504]);
/** Longest part of an error response quoted in a report. */
const MAX_QUOTED = 200;

class OtlpSink implements Sink {
  readonly name: string;
  private readonly url: URL;
  private readonly agent: http.Agent;

  constructor(private readonly options: OtlpSinkOptions) {
    this.url = new URL(options.url);
    this.name = `OTLP ${this.url.origin}${this.url.pathname}`;
    const Agent = this.url.protocol === "https:" ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 1 });
  }

  async send(lines: readonly string[]): Promise<number> {
    const body = JSON.stringify(exportRequest(lines.map(parseLine), this.options.resource));
    const payload = this.options.compression === "gzip" ? gzipSync(body) : Buffer.from(body);
    const response = await this.post(payload);
    if (response.status >= 200 && response.status < 300) return rejectedCount(response.body);
    const quoted = response.body.slice(0, MAX_QUOTED).replace(/\s+/g, " ");
    const message = `HTTP ${response.status}${quoted === "" ? "" : `: ${quoted}`}`;
    if (RETRYABLE.has(response.status)) throw new ShipError(message, true, retryAfterMs(response.retryAfter));
    throw new ShipError(message, false);
  }

  close(): void {
    this.agent.destroy();
  }

  private post(payload: Buffer): Promise<{ status: number; body: string; retryAfter: string | undefined }> {
    const request = this.url.protocol === "https:" ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(
        this.url,
        {
          method: "POST",
          agent: this.agent,
          timeout: this.options.timeoutMs,
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
            // Only the start of a response is ever read; the rest is not kept.
            if (size < 64 * 1024) chunks.push(chunk);
            size += chunk.length;
          });
          res.on("end", () => {
            const retryAfter = res.headers["retry-after"];
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), retryAfter });
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new ShipError(`no answer within ${this.options.timeoutMs} ms`, true)));
      req.on("error", reject);
      req.end(payload);
    });
  }
}

/** `partialSuccess.rejectedLogRecords` of a success response (an int64: number or string), else 0. */
function rejectedCount(body: string): number {
  if (body === "") return 0;
  try {
    const value = (JSON.parse(body) as { partialSuccess?: { rejectedLogRecords?: unknown } }).partialSuccess?.rejectedLogRecords;
    const count = typeof value === "string" ? Number(value) : value;
    return typeof count === "number" && Number.isFinite(count) && count > 0 ? count : 0;
  } catch {
    return 0;
  }
}

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds, or `undefined`. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The sink for these options. */
export function createOtlpSink(options: OtlpSinkOptions): Sink {
  return new OtlpSink(options);
}
