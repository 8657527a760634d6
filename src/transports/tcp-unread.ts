/**
 * How much of what a TCP connection carried its peer's application has not read yet, as Linux
 * shows it in `/proc/net/tcp` and `/proc/net/tcp6`: the send queue of our socket (bytes written
 * that the peer's kernel has not acknowledged) and, when the peer socket is on this host (same
 * network namespace), its receive queue (bytes its kernel took that its application has not read).
 *
 * Plain TCP syslog has no acknowledgements; these two numbers are what lets the transport count
 * a line as delivered only once the collector can have read it. Reading the tables costs about a
 * millisecond (more with many sockets), so callers rate-limit it.
 */
import fs from "node:fs";
import os from "node:os";

/** One end of a connection, as `net.Socket` gives it. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/** What the kernel holds of a connection's data that the peer's application has not read. */
export interface Unread {
  /** Our send queue: bytes not yet acknowledged by the peer's kernel. */
  readonly sent: number;
  /** The peer's receive queue when the peer socket is visible from here; `undefined` otherwise. */
  readonly peer: number | undefined;
}

/** The reading could not be made here (no `/proc/net/tcp`: not Linux, or not readable). */
export const UNMEASURABLE = "unmeasurable";
/** The tables are there but do not list the connection (it is gone). */
export const NOT_FOUND = "not-found";

const LITTLE_ENDIAN = os.endianness() === "LE";

/** The 16 bytes of an IPv6 address (IPv4 given as mapped), or `undefined` when unreadable. */
function ipv6Bytes(address: string): number[] | undefined {
  let text = address;
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4 !== null) return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4.slice(1).map(Number)];
  let tail: number[] = [];
  const dotted = /:(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    tail = dotted.slice(1).map(Number);
    text = text.slice(0, dotted.index + 1) + "0:0";
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const head = groups(halves[0] as string);
  const rest = halves.length === 2 ? groups(halves[1] as string) : [];
  const zeros = 8 - head.length - rest.length;
  if (zeros < 0 || (halves.length === 1 && zeros !== 0)) return undefined;
  const words = [...head, ...new Array<number>(zeros).fill(0), ...rest];
  if (words.some((w) => !(w >= 0 && w <= 0xffff))) return undefined;
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** 4 bytes as /proc prints them: the 32-bit word in host byte order, upper-case hex. */
function word(bytes: readonly number[]): string {
  const ordered = LITTLE_ENDIAN ? [...bytes].reverse() : bytes;
  return ordered.map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
}

/** The ways `/proc/net/tcp{,6}` can print `endpoint` (`ADDR:PORT`), for each table. */
function encodings(endpoint: Endpoint): { tcp: string | undefined; tcp6: string } | undefined {
  const bytes = ipv6Bytes(endpoint.address);
  if (bytes === undefined || !(endpoint.port > 0)) return undefined;
  const port = ":" + endpoint.port.toString(16).padStart(4, "0").toUpperCase();
  const mapped = bytes.slice(0, 12).every((b, i) => b === (i < 10 ? 0 : 0xff));
  const tcp6 = [0, 4, 8, 12].map((i) => word(bytes.slice(i, i + 4))).join("") + port;
  return { tcp: mapped ? word(bytes.slice(12)) + port : undefined, tcp6 };
}

/** The tx and rx queues of the socket `local → remote` in a table's text, or `undefined`. */
function queues(table: string, local: string, remote: string): { tx: number; rx: number } | undefined {
  const at = table.indexOf(" " + local + " " + remote + " ");
  if (at < 0) return undefined;
  // After the addresses: the state, then "TX:RX" in hex.
  const fields = table.slice(at + local.length + remote.length + 3, at + local.length + remote.length + 40).split(" ");
  const [tx, rx] = (fields[1] ?? "").split(":");
  const sent = parseInt(tx ?? "", 16);
  const read = parseInt(rx ?? "", 16);
  return Number.isFinite(sent) && Number.isFinite(read) ? { tx: sent, rx: read } : undefined;
}

function readTable(name: "tcp" | "tcp6"): string | undefined {
  try {
    return fs.readFileSync(`/proc/net/${name}`, "latin1");
  } catch {
    return undefined;
  }
}

/**
 * The kernel's queues of one connection, read on demand. Remembers which table lists the peer
 * (or that none does), so later readings open only the tables they need: each costs about a
 * millisecond whatever the number of sockets (the kernel walks its hash tables).
 */
export class TcpQueues {
  private readonly ours: { tcp: string | undefined; tcp6: string } | undefined;
  private readonly theirs: { tcp: string | undefined; tcp6: string } | undefined;
  /** Where the peer socket was found: a table, `null` for nowhere, `undefined` before looking. */
  private peerTable: "tcp" | "tcp6" | null | undefined;

  /** For the connection from `local` to `remote` (our socket's own addresses). */
  constructor(local: Endpoint, remote: Endpoint) {
    this.ours = encodings(local);
    this.theirs = encodings(remote);
  }

  /**
   * The unread bytes now; {@link UNMEASURABLE} when this system does not show them,
   * {@link NOT_FOUND} when the connection is not listed (closed). Never throws.
   */
  read(): Unread | typeof UNMEASURABLE | typeof NOT_FOUND {
    try {
      const ours = this.ours;
      const theirs = this.theirs;
      if (ours === undefined || theirs === undefined) return UNMEASURABLE;
      const v4 = ours.tcp !== undefined && theirs.tcp !== undefined;
      const tables: { tcp?: string | undefined; tcp6?: string | undefined } = {};
      const table = (name: "tcp" | "tcp6"): string | undefined => (name in tables ? tables[name] : (tables[name] = readTable(name)));
      const find = (name: "tcp" | "tcp6", from: typeof ours, to: typeof ours): { tx: number; rx: number } | undefined => {
        const text = table(name);
        const a = name === "tcp" ? from.tcp : from.tcp6;
        const b = name === "tcp" ? to.tcp : to.tcp6;
        return text === undefined || a === undefined || b === undefined ? undefined : queues(text, a, b);
      };
      const mine = v4 ? find("tcp", ours, theirs) : find("tcp6", ours, theirs);
      if (mine === undefined) {
        return table(v4 ? "tcp" : "tcp6") === undefined ? UNMEASURABLE : NOT_FOUND;
      }
      // The peer's socket: in the same table as ours, or in tcp6 when it listens on a dual-stack
      // address and sees our IPv4 address as mapped; looked for everywhere once, then only there.
      let peer: { tx: number; rx: number } | undefined;
      if (this.peerTable === undefined) {
        const first = v4 ? "tcp" : "tcp6";
        peer = find(first, theirs, ours);
        if (peer !== undefined) this.peerTable = first;
        else if (v4 && (peer = find("tcp6", { tcp: undefined, tcp6: theirs.tcp6 }, { tcp: undefined, tcp6: ours.tcp6 })) !== undefined) this.peerTable = "tcp6";
        else this.peerTable = null;
      } else if (this.peerTable !== null) {
        peer = find(this.peerTable, theirs, ours);
      }
      return { sent: mine.tx, peer: peer?.rx };
    } catch {
      return UNMEASURABLE;
    }
  }
}
