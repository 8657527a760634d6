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
   * Largest message in bytes, header included: the collector's limit. A larger line has its JSON
   * values cut to fit — longest user strings first, the message last — and stays one valid JSON
   * object, with `logweave_truncated: <bytes cut>`; cut messages are counted
   * (`transport.truncated`). Default 8 096, rsyslog's default `maxMessageSize` (its "8k");
   * raise both together.
   */
  maxMessageBytes?: number;
  /**
   * Put the `@cee:` cookie before each JSON message, as rsyslog's `mmjsonparse` expects by
   * default (and CEE-enhanced syslog readers). Default false.
   */
  cee?: boolean;
  /** TCP connect timeout. Default 5 000 ms. */
  connectTimeoutMs?: number;
  /**
   * TCP, to a collector on another host: how many bytes its kernel may hold that it has not read
   * yet. The transport cannot see that queue (it reads the local ones from `/proc/net/tcp`), so it
   * keeps that many of the last bytes sent and sends them again after a lost connection. Default
   * 1 MiB; raise it to the collector's receive buffer for at-least-once delivery through a
   * collector that hangs and dies.
   */
  remoteUnreadBytes?: number;
}

/** rsyslog's default `maxMessageSize` ("8k"): the largest message it takes whole. */
const RSYSLOG_MAX_MESSAGE_BYTES = 8096;

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
  const maxMessageBytes = options.maxMessageBytes ?? RSYSLOG_MAX_MESSAGE_BYTES;
  if (typeof maxMessageBytes !== "number" || !(maxMessageBytes > 0)) {
    throw new TypeError(`syslogTransport: maxMessageBytes must be a positive number; got ${String(maxMessageBytes)}`);
  }
  if (options.cee !== undefined && typeof options.cee !== "boolean") throw new TypeError("syslogTransport: cee must be a boolean");
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const remoteUnreadBytes = options.remoteUnreadBytes ?? 1024 * 1024;
  if (!(connectTimeoutMs > 0) || !(remoteUnreadBytes >= 0)) {
    throw new TypeError("syslogTransport: connectTimeoutMs must be positive and remoteUnreadBytes not negative");
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
    cee: options.cee === true,
    connectTimeoutMs,
    remoteUnreadBytes,
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
