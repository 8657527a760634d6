/**
 * The worker side of the syslog transport: RFC 5424 messages over TCP (RFC 6587 octet counting)
 * or UDP (RFC 5426, one message per datagram).
 */
import dgram from "node:dgram";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import { fitJson } from "./fit-json.js";
import { ShipError, type Sink } from "./sink.js";
import { headerFacts, messageText, octetCounted, syslogHead, type SyslogHeader } from "./syslog-message.js";
import { NOT_FOUND, TcpQueues, UNMEASURABLE } from "./tcp-unread.js";

/** Resolved syslog options, as plain data for the worker. */
export interface SyslogSinkOptions {
  readonly protocol: "tcp" | "udp";
  readonly host: string;
  readonly port: number;
  readonly header: SyslogHeader;
  /** Largest message in bytes (header and MSG); larger ones have their JSON values cut to fit. */
  readonly maxMessageBytes: number;
  /** Put the `@cee:` cookie before JSON messages (rsyslog mmjsonparse's default). */
  readonly cee: boolean;
  readonly connectTimeoutMs: number;
  /**
   * TCP, collector on another host: bytes its kernel may hold that it has not read (not visible
   * from here); that many of the last bytes sent are kept to send again after a lost connection.
   */
  readonly remoteUnreadBytes: number;
}

/** Where the kernel's queues cannot be read (not Linux): our own send buffer is assumed this large. */
const UNMEASURED_SEND_BUFFER = 4 * 1024 * 1024;
/** Reading the kernel's queues: at most this often while shipping, and while someone waits. */
const SAMPLE_MIN_MS = 50;
const SAMPLE_MAX_MS = 1_000;
const HURRIED_SAMPLE_MIN_MS = 1;

/**
 * The syslog messages for `lines`, how many were too large even when cut, how many were cut, and
 * how many messages are the application's (from the lines after the first `uncounted`).
 */
function messagesOf(
  lines: readonly string[],
  options: SyslogSinkOptions,
  uncounted = 0,
): { messages: string[]; refused: number; truncated: number; counted: number } {
  const messages: string[] = [];
  let refused = 0;
  let truncated = 0;
  let counted = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const facts = headerFacts(line);
    const head = syslogHead(facts, options.header);
    const cookie = options.cee && facts.json ? "@cee:" : "";
    let text = messageText(facts);
    const room = options.maxMessageBytes - Buffer.byteLength(head) - cookie.length;
    if (Buffer.byteLength(text) > room) {
      const fitted = fitJson(text, room);
      if (fitted === undefined) {
        refused++;
        continue;
      }
      text = fitted.text;
      truncated++;
    }
    messages.push(head + cookie + text);
    if (i >= uncounted) counted++;
  }
  return { messages, refused, truncated, counted };
}

/** What was written on a connection: kept until the collector can have read it. */
interface Sent {
  /** Bytes written on the connection up to the end of this entry. */
  end: number;
  readonly data: string;
  readonly bytes: number;
  /** The application's lines in it (the drop report left out). */
  readonly lines: number;
  /** True once the collector can have read it (or, unmeasured, once it was handed over). */
  settled: boolean;
}

/**
 * Syslog over TCP. Plain TCP syslog has no acknowledgements, so what the kernel took is not yet
 * delivered: a collector that stops reading (hangs) and then dies loses what sat in the two
 * kernels' buffers. The sink therefore keeps every message until the collector can have read
 * it — until the kernel's queues (`/proc/net/tcp`, see `tcp-unread.ts`) no longer hold it — and
 * sends those still unread again, first, on the next connection. A line is then delivered at
 * least once, and a restart repeats at most the lines that were in flight. Before each write,
 * pending socket events run, so a connection the collector closed is replaced, not written into.
 *
 * Collector on another host: its receive queue is not visible; the last `remoteUnreadBytes`
 * acknowledged bytes are kept too. Where the queues cannot be read at all (not Linux): a
 * message counts as delivered once handed over, and the last `remoteUnreadBytes` + 4 MiB are
 * kept to send again.
 */
class TcpSyslogSink implements Sink {
  readonly name: string;
  truncated = 0;
  private socket: net.Socket | undefined;
  private queues: TcpQueues | undefined;
  /** Bytes written on the current connection (writes the kernel took whole). */
  private written = 0;
  /** Written on the current connection and kept, oldest first. */
  private sent: Sent[] = [];
  /** Left by a lost connection: written first on the next one. */
  private resend: Sent[] = [];
  private keptChars = 0;
  private unsettledLines = 0;
  private lastSample = -Infinity;
  private sampleCost = 1;

  constructor(private readonly options: SyslogSinkOptions) {
    this.name = `syslog tcp://${options.host}:${options.port}`;
  }

  async send(lines: readonly string[], uncounted = 0): Promise<number> {
    const { messages, refused, truncated, counted } = messagesOf(lines, this.options, uncounted);
    this.truncated += truncated;
    if (messages.length === 0) return refused;
    const data = messages.map(octetCounted).join("");
    const socket = await this.ready();
    this.sample(false);
    await this.writeKept(socket, { end: 0, data, bytes: Buffer.byteLength(data), lines: counted, settled: false });
    return refused;
  }

  pendingLines(): number {
    return this.unsettledLines;
  }

  heldChars(): number {
    return this.keptChars;
  }

  busy(): boolean {
    return this.unsettledLines > 0 || this.resend.length > 0;
  }

  async settle(hurry: boolean): Promise<void> {
    if (this.resend.length > 0) await this.ready();
    this.sample(hurry);
  }

  close(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.end();
    socket?.unref();
  }

  /** The connection, with what a lost one left unread written on it first. */
  private async ready(): Promise<net.Socket> {
    // Let a FIN or RST that already arrived be handled, so we do not write into a dead socket.
    await nextTurn();
    const socket = await this.connection();
    while (this.resend.length > 0) {
      const entry = this.resend[0] as Sent;
      await this.writeKept(socket, entry, true);
      this.resend.shift();
    }
    return socket;
  }

  /** Writes `entry` on `socket` and keeps it (counted once, whether new or sent again). */
  private async writeKept(socket: net.Socket, entry: Sent, again = false): Promise<void> {
    await write(socket, entry.data);
    if (this.socket !== socket) throw new ShipError("the connection was lost during the write", true);
    this.written += entry.bytes;
    entry.end = this.written;
    this.sent.push(entry);
    if (!again) {
      this.keptChars += entry.data.length;
      if (!entry.settled) this.unsettledLines += entry.lines;
    }
  }

  /**
   * Reads the kernel's queues (rate-limited by what a reading costs; `hurry` while someone waits)
   * and lets go of what the collector can have read.
   */
  private sample(hurry: boolean): void {
    const queues = this.queues;
    if (queues === undefined || this.socket === undefined) return;
    // While someone waits, as often as a reading allows; otherwise a small share of the time.
    const interval = hurry
      ? Math.max(HURRIED_SAMPLE_MIN_MS, this.sampleCost)
      : Math.min(SAMPLE_MAX_MS, Math.max(SAMPLE_MIN_MS, 50 * this.sampleCost));
    if (performance.now() - this.lastSample < interval) return;
    this.measure(queues);
  }

  private measure(queues: TcpQueues): void {
    const started = performance.now();
    const unread = queues.read();
    this.lastSample = performance.now();
    this.sampleCost = this.lastSample - started;
    if (unread === NOT_FOUND) return; // the connection is going away: nothing learnt
    let readUpTo: number;
    let keepFrom: number;
    if (unread === UNMEASURABLE) {
      readUpTo = this.written;
      keepFrom = this.written - this.options.remoteUnreadBytes - UNMEASURED_SEND_BUFFER;
    } else if (unread.peer === undefined) {
      readUpTo = this.written - unread.sent;
      keepFrom = readUpTo - this.options.remoteUnreadBytes;
    } else {
      readUpTo = this.written - unread.sent - unread.peer;
      keepFrom = readUpTo;
    }
    for (const entry of this.sent) {
      if (entry.end > readUpTo) break;
      if (!entry.settled) {
        entry.settled = true;
        this.unsettledLines -= entry.lines;
      }
    }
    while (this.sent.length > 0 && (this.sent[0] as Sent).end <= keepFrom) {
      const entry = this.sent.shift() as Sent;
      this.keptChars -= entry.data.length;
    }
  }

  /** The connection was found lost: what it may not have delivered goes first on the next one. */
  private lost(socket: net.Socket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.queues = undefined;
    socket.destroy();
    // What was written on it is older than what was still waiting to be written again.
    this.resend = [...this.sent, ...this.resend];
    this.sent = [];
    this.written = 0;
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
        const queues = new TcpQueues(
          { address: socket.localAddress ?? "", port: socket.localPort ?? 0 },
          { address: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 },
        );
        // The collector never sends on plain TCP syslog: any end or error means it is gone.
        socket.on("error", () => this.lost(socket));
        socket.on("end", () => {
          // A collector that closes after reading everything sends FIN; what it had not read
          // yet is still in our send queue, readable until the socket is destroyed.
          if (this.socket === socket) this.measure(queues);
          this.lost(socket);
        });
        socket.on("close", () => this.lost(socket));
        socket.on("data", () => undefined);
        this.socket = socket;
        this.queues = queues;
        this.written = 0;
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

  truncated = 0;

  async send(lines: readonly string[]): Promise<number> {
    const { messages, refused, truncated } = messagesOf(lines, this.options);
    this.truncated += truncated;
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
