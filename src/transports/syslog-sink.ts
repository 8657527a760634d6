/**
 * The worker side of the syslog transport: RFC 5424 messages over TCP (RFC 6587 octet counting)
 * or UDP (RFC 5426, one message per datagram).
 */
import dgram from "node:dgram";
import net from "node:net";
import { setImmediate as nextTurn } from "node:timers/promises";
import { ShipError, type Sink } from "./sink.js";
import { headerFacts, octetCounted, syslogMessage, type SyslogHeader } from "./syslog-message.js";

/** Resolved syslog options, as plain data for the worker. */
export interface SyslogSinkOptions {
  readonly protocol: "tcp" | "udp";
  readonly host: string;
  readonly port: number;
  readonly header: SyslogHeader;
  /** Messages longer than this many bytes are dropped and counted (`Infinity`: none). */
  readonly maxMessageBytes: number;
  readonly connectTimeoutMs: number;
  /** TCP: data written this long before a connection was found lost is sent again. */
  readonly resendWindowMs: number;
}

/** Most bytes kept for resending after a lost connection. */
const MAX_RESEND_BYTES = 4 * 1024 * 1024;

/** The syslog messages for `lines`, and how many were too large to send. */
function messagesOf(lines: readonly string[], options: SyslogSinkOptions): { messages: string[]; refused: number } {
  const messages: string[] = [];
  let refused = 0;
  for (const line of lines) {
    const message = syslogMessage(headerFacts(line), options.header);
    if (Buffer.byteLength(message) > options.maxMessageBytes) refused++;
    else messages.push(message);
  }
  return { messages, refused };
}

/**
 * Syslog over TCP. Plain TCP syslog has no acknowledgements, so a collector that goes away can
 * silently lose what was last written to it. Two things narrow that: before each write the
 * worker lets pending socket events run, so a connection the collector closed is seen and
 * replaced instead of written into; and what was written during the last `resendWindowMs` before
 * a connection was found lost is written again on the next one. Lines can then arrive twice,
 * never silently not at all within that window (at-least-once).
 */
class TcpSyslogSink implements Sink {
  readonly name: string;
  private socket: net.Socket | undefined;
  /** What was written on the current connection lately: candidates for resending. */
  private recent: Array<{ at: number; data: string }> = [];
  private recentBytes = 0;
  /** Written on a connection that was lost: goes first on the next one. */
  private resend = "";

  constructor(private readonly options: SyslogSinkOptions) {
    this.name = `syslog tcp://${options.host}:${options.port}`;
  }

  async send(lines: readonly string[]): Promise<number> {
    const { messages, refused } = messagesOf(lines, this.options);
    if (messages.length === 0) return refused;
    const data = messages.map(octetCounted).join("");
    // Let a FIN or RST that already arrived be handled, so we do not write into a dead socket.
    await nextTurn();
    const socket = await this.connection();
    if (this.resend !== "") {
      const again = this.resend;
      await write(socket, again);
      this.resend = "";
      this.remember(again);
    }
    await write(socket, data);
    this.remember(data);
    return refused;
  }

  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.end();
    socket?.unref();
  }

  private remember(data: string): void {
    const now = Date.now();
    this.recent.push({ at: now, data });
    this.recentBytes += data.length;
    const since = now - this.options.resendWindowMs;
    while (this.recent.length > 0 && ((this.recent[0] as { at: number }).at < since || this.recentBytes > MAX_RESEND_BYTES)) {
      this.recentBytes -= (this.recent.shift() as { data: string }).data.length;
    }
  }

  /** The connection was found lost: keep what it took lately for the next one. */
  private lost(socket: net.Socket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    socket.destroy();
    const since = Date.now() - this.options.resendWindowMs;
    let again = "";
    for (const entry of this.recent) if (entry.at >= since) again += entry.data;
    if (again.length <= MAX_RESEND_BYTES) this.resend = again + this.resend;
    this.recent = [];
    this.recentBytes = 0;
  }

  private connection(): Promise<net.Socket> {
    const current = this.socket;
    if (current !== undefined) {
      if (!current.destroyed && current.writable) return Promise.resolve(current);
      this.lost(current);
    }
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ShipError(`connect timed out after ${this.options.connectTimeoutMs} ms`, true));
      }, this.options.connectTimeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 10_000);
        socket.removeListener("error", onConnectError);
        // The collector never sends on plain TCP syslog: any end or error means it is gone.
        socket.on("error", () => this.lost(socket));
        socket.on("end", () => this.lost(socket));
        socket.on("close", () => this.lost(socket));
        socket.on("data", () => undefined);
        this.socket = socket;
        resolve(socket);
      });
      const onConnectError = (err: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(err);
      };
      socket.once("error", onConnectError);
    });
  }
}

function write(socket: net.Socket, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(data, (err) => (err ? reject(err) : resolve()));
  });
}

/** Syslog over UDP: one message per datagram, nothing acknowledged, nothing resent. */
class UdpSyslogSink implements Sink {
  readonly name: string;
  private socket: dgram.Socket | undefined;

  constructor(private readonly options: SyslogSinkOptions) {
    this.name = `syslog udp://${options.host}:${options.port}`;
  }

  async send(lines: readonly string[]): Promise<number> {
    const { messages, refused } = messagesOf(lines, this.options);
    const socket = (this.socket ??= this.open());
    let failed = 0;
    let lastError: unknown;
    await Promise.all(
      messages.map(
        (message) =>
          new Promise<void>((resolve) => {
            socket.send(message, this.options.port, this.options.host, (err) => {
              if (err) {
                failed++;
                lastError = err;
              }
              resolve();
            });
          }),
      ),
    );
    // Every datagram failed: the network is the problem, try the batch again later.
    if (failed > 0 && failed === messages.length) throw lastError;
    return refused + failed;
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  private open(): dgram.Socket {
    const socket = dgram.createSocket(net.isIP(this.options.host) === 6 ? "udp6" : "udp4");
    socket.on("error", () => {
      // Send errors arrive through the callbacks; a socket error only means the next batch opens anew.
      this.socket = undefined;
      socket.close();
    });
    return socket;
  }
}

/** The sink for these options. */
export function createSyslogSink(options: SyslogSinkOptions): Sink {
  return options.protocol === "udp" ? new UdpSyslogSink(options) : new TcpSyslogSink(options);
}
