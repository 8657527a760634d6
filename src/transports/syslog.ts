/**
 * `syslogTransport()`: ships logweave lines to a syslog collector (rsyslog, syslog-ng, Vector…)
 * from a worker thread, as RFC 5424 messages over TCP (RFC 6587 octet counting) or UDP.
 */
import os from "node:os";
import path from "node:path";
import type { SyslogSinkOptions } from "./syslog-sink.js";
import { FACILITIES, headerField, type SyslogFacility } from "./syslog-message.js";
import { WorkerTransport, type TransportDestination, type TransportOptions } from "./transport.js";

/** Options of {@link syslogTransport}. */
export interface SyslogTransportOptions extends TransportOptions {
  /** Collector host. Default `"127.0.0.1"`. */
  host?: string;
  /** Collector port. Default 514. */
  port?: number;
  /** `"tcp"` (default; octet-counted framing) or `"udp"` (one datagram per line, fire and forget). */
  protocol?: "tcp" | "udp";
  /** Facility name or number (0–23). Default `"user"`. */
  facility?: SyslogFacility | number;
  /** APP-NAME of lines without a logger name. Default: the main script's file name, else `"node"`. */
  appName?: string;
  /** HOSTNAME of lines without `hostname`. Default `os.hostname()`. */
  hostname?: string;
  /** MSGID of every message. Default none (`-`). */
  msgId?: string;
  /**
   * Messages larger than this many bytes are dropped and counted, never cut (a cut JSON line is
   * not JSON). Default: no limit over TCP, 65 000 over UDP. Match your collector's limit
   * (rsyslog's `maxMessageSize` is 8 KiB unless raised).
   */
  maxMessageBytes?: number;
  /** TCP connect timeout. Default 5 000 ms. */
  connectTimeoutMs?: number;
  /**
   * TCP: what was written this long before a connection was found lost is written again on the
   * next one (duplicates possible, silent loss much less so). Default 2 000 ms; 0 turns it off.
   */
  resendWindowMs?: number;
}

function defaultAppName(): string {
  const script = process.argv[1];
  return script === undefined || script === "" ? "node" : path.basename(script).replace(/\.[cm]?[jt]s$/, "");
}

/** Applies defaults; throws a `TypeError` naming a bad option. */
export function syslogSinkOptions(options: SyslogTransportOptions): SyslogSinkOptions {
  const protocol = options.protocol ?? "tcp";
  if (protocol !== "tcp" && protocol !== "udp") {
    throw new TypeError(`syslogTransport: protocol must be "tcp" or "udp"; got ${JSON.stringify(protocol)}`);
  }
  const port = options.port ?? 514;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new TypeError(`syslogTransport: port must be an integer from 1 to 65535; got ${String(port)}`);
  }
  const host = options.host ?? "127.0.0.1";
  if (typeof host !== "string" || host === "") throw new TypeError("syslogTransport: host must be a non-empty string");
  const facilityOption = options.facility ?? "user";
  const facility = typeof facilityOption === "number" ? facilityOption : FACILITIES[facilityOption];
  if (!Number.isInteger(facility) || facility < 0 || facility > 23) {
    throw new TypeError(`syslogTransport: facility must be a facility name or 0–23; got ${JSON.stringify(facilityOption)}`);
  }
  const maxMessageBytes = options.maxMessageBytes ?? (protocol === "udp" ? 65_000 : Infinity);
  if (typeof maxMessageBytes !== "number" || !(maxMessageBytes > 0)) {
    throw new TypeError(`syslogTransport: maxMessageBytes must be a positive number; got ${String(maxMessageBytes)}`);
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const resendWindowMs = options.resendWindowMs ?? 2_000;
  if (!(connectTimeoutMs > 0) || !(resendWindowMs >= 0)) {
    throw new TypeError("syslogTransport: connectTimeoutMs must be positive and resendWindowMs not negative");
  }
  return {
    protocol,
    host,
    port,
    header: {
      facility,
      hostname: headerField(options.hostname ?? os.hostname(), 255),
      appName: headerField(options.appName ?? defaultAppName(), 48),
      procId: String(process.pid),
      msgId: options.msgId === undefined ? "-" : headerField(options.msgId, 32),
    },
    maxMessageBytes,
    connectTimeoutMs,
    resendWindowMs,
  };
}

/**
 * A destination that ships every line to a syslog collector from a worker thread:
 * `configure({ destination: syslogTransport({ host, port }) })`. Each line becomes one RFC 5424
 * message — severity from the level, APP-NAME from the logger name, TIMESTAMP from `time`, MSG
 * the JSON line. Batched, with a bounded queue, retries with backoff while the collector is down
 * (lines beyond the queue are dropped, counted, and announced by a "logweave dropped lines" line
 * once shipping resumes), and a bounded wait on exit. Throws a `TypeError` for bad options, and
 * an Error when the worker module is not there (an application bundled into one file).
 */
export function syslogTransport(options: SyslogTransportOptions = {}): TransportDestination {
  const sink = syslogSinkOptions(options);
  return new WorkerTransport({ kind: "syslog", options: sink }, options, `syslog ${sink.protocol}://${sink.host}:${sink.port}`);
}
