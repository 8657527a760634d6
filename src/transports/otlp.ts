/**
 * `otlpTransport()`: ships logweave lines to an OpenTelemetry collector (or any OTLP/HTTP logs
 * endpoint) from a worker thread, as JSON `ExportLogsServiceRequest`s.
 */
import { endpointName } from "./otlp-endpoint.js";
import { otlpSinkOptions, type OtlpTransportOptions } from "./otlp-options.js";
import type { OtlpSinkOptions } from "./otlp-sink.js";
import { readStatus, type OtlpTransportStatus } from "./otlp-status.js";
import { WorkerTransport, type TransportDestination } from "./transport.js";

export type { OtlpTransportOptions } from "./otlp-options.js";
export type { OtlpTransportStatus } from "./otlp-status.js";

/** The destination {@link otlpTransport} returns: a transport that also tells how shipping goes. */
export interface OtlpTransportDestination extends TransportDestination {
  /**
   * How shipping goes now, read without waiting for the worker: lines dropped and held, since
   * when requests fail and the last failure, the last success, the next attempt while backing
   * off. For health checks and alerts, e.g. `status.failingSince !== undefined &&
   * Date.now() - status.failingSince > 60_000`. A new snapshot on every read; never throws.
   */
  readonly status: OtlpTransportStatus;
}

class OtlpWorkerTransport extends WorkerTransport implements OtlpTransportDestination {
  private readonly statusBuffer: SharedArrayBuffer;

  constructor(sink: OtlpSinkOptions, options: OtlpTransportOptions) {
    super({ kind: "otlp", options: sink }, options, endpointName(sink.url));
    this.statusBuffer = sink.status;
  }

  get status(): OtlpTransportStatus {
    return { dropped: this.dropped, held: this.held, ...readStatus(this.statusBuffer) };
  }
}

/**
 * A destination that ships every line to an OTLP/HTTP logs endpoint from a worker thread:
 * `configure({ destination: otlpTransport({ url, serviceName }) })`. Each line becomes one log
 * record (see `otlp-records.ts` for the mapping); the service's name, version and environment
 * go on the resource. Batched. Network errors, timeouts and 429/502/503/504 are retried;
 * any other status drops the batch (counted, announced); after every failure the next request
 * waits (exponential backoff with jitter, capped by `retryMaxMs`, never before `Retry-After`).
 * Bounded queue; bounded wait on exit. Read `status` for the transport's health. Throws a
 * `TypeError` for bad options.
 */
export function otlpTransport(options: OtlpTransportOptions = {}): OtlpTransportDestination {
  return new OtlpWorkerTransport(otlpSinkOptions(options), options);
}
