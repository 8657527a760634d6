/**
 * `TcpQueues`: what the kernel holds of a connection that the peer's application has not read,
 * read from /proc/net/tcp{,6} — checked against real loopback connections whose reader reads
 * nothing, then everything.
 */
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { NOT_FOUND, TcpQueues, type Unread } from "../src/transports/tcp-unread.js";

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const done of cleanup.splice(0)) done();
});

/** A server that does not read until told to, and a client connected to it. */
async function connection(listenOn: string, connectTo: string): Promise<{ client: net.Socket; peer: net.Socket; queues: TcpQueues }> {
  const server = net.createServer({ pauseOnConnect: true });
  await new Promise<void>((resolve) => server.listen(0, listenOn, resolve));
  const port = (server.address() as net.AddressInfo).port;
  const accepted = new Promise<net.Socket>((resolve) => server.once("connection", resolve));
  const client = net.connect(port, connectTo);
  await new Promise<void>((resolve) => client.once("connect", resolve));
  const peer = await accepted;
  cleanup.push(() => {
    client.destroy();
    peer.destroy();
    server.close();
  });
  const queues = new TcpQueues(
    { address: client.localAddress as string, port: client.localPort as number },
    { address: client.remoteAddress as string, port: client.remotePort as number },
  );
  return { client, peer, queues };
}

const CHUNK = 64 * 1024;

/**
 * Writes until the kernel stops taking bytes (the reader reads nothing); returns the bytes of the
 * writes it took whole (it may hold part of the last one too).
 */
async function fill(client: net.Socket): Promise<number> {
  const chunk = Buffer.alloc(CHUNK, 120);
  let taken = 0;
  for (;;) {
    const done = await Promise.race([
      new Promise<boolean>((resolve) => client.write(chunk, () => resolve(true))),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 300)),
    ]);
    if (!done) return taken;
    taken += chunk.length;
  }
}

function total(unread: ReturnType<TcpQueues["read"]>): number {
  const u = unread as Unread;
  return u.sent + (u.peer ?? NaN);
}

describe("TcpQueues on loopback", () => {
  for (const [name, listenOn, connectTo] of [
    ["IPv4", "127.0.0.1", "127.0.0.1"],
    ["IPv4 to a dual-stack listener (peer socket in tcp6)", "::", "127.0.0.1"],
    ["IPv6", "::1", "::1"],
  ] as const) {
    it(`${name}: our send queue plus the peer's receive queue is every byte the reader has not read`, async () => {
      const { client, peer, queues } = await connection(listenOn, connectTo);
      expect(queues.read()).toEqual({ sent: 0, peer: 0 });
      const taken = await fill(client);
      expect(taken).toBeGreaterThan(0);
      const unread = total(queues.read());
      expect(unread).toBeGreaterThanOrEqual(taken);
      expect(unread).toBeLessThan(taken + CHUNK);
      // The reader reads everything: nothing is unread any more.
      let read = 0;
      peer.on("data", (d: Buffer) => (read += d.length));
      peer.resume();
      // Everything written: the writes taken whole and the one the kernel stopped taking.
      while (read < taken + CHUNK) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(queues.read()).toEqual({ sent: 0, peer: 0 });
    });
  }

  it("a reset connection is not found", async () => {
    const { client, queues } = await connection("127.0.0.1", "127.0.0.1");
    client.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queues.read()).toBe(NOT_FOUND);
  });
});
