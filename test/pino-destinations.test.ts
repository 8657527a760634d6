/**
 * `pino.destination()` and `pino.transport()` of `logweave/pino`, on logweave's destinations:
 * files and descriptors (sync, append, mkdir, minLength, reopen, end), the `pino/file` and
 * `pino-pretty` targets, several targets by level, and the clear refusal of what is not mapped.
 */
import dgram from "node:dgram";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import pino from "../src/pino/index.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-pino-dest-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (file: string): Record<string, unknown>[] =>
  fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : [];

const flushed = (log: { flush(cb: () => void): void }): Promise<void> => new Promise((resolve) => log.flush(resolve));

describe("pino.destination", () => {
  it("a file gets the lines once flushed, batched (nothing written during the call)", async () => {
    const file = path.join(dir, "app.log");
    const log = pino(pino.destination(file));
    log.info("a");
    log.info("b");
    expect(read(file)).toEqual([]);
    await flushed(log);
    expect(read(file).map((l) => l.msg)).toEqual(["a", "b"]);
  });

  it("sync: true writes each line before the call returns", () => {
    const file = path.join(dir, "sync.log");
    const log = pino(pino.destination({ dest: file, sync: true }));
    log.info("now");
    expect(read(file).map((l) => l.msg)).toEqual(["now"]);
  });

  it("append: false empties the file first; the default appends", async () => {
    const file = path.join(dir, "a.log");
    fs.writeFileSync(file, '{"msg":"old"}\n');
    const appending = pino(pino.destination({ dest: file, sync: true }));
    appending.info("kept");
    expect(read(file).map((l) => l.msg)).toEqual(["old", "kept"]);
    const fresh = pino(pino.destination({ dest: file, append: false, sync: true }));
    fresh.info("new");
    expect(read(file).map((l) => l.msg)).toEqual(["new"]);
  });

  it("mkdir: true creates the directory; without it a missing directory is reported, never thrown", async () => {
    const made = path.join(dir, "x", "y", "m.log");
    const log = pino(pino.destination({ dest: made, mkdir: true, sync: true }));
    log.info("made");
    expect(read(made).map((l) => l.msg)).toEqual(["made"]);
    const missing = path.join(dir, "nope", "m.log");
    const quiet = pino(pino.destination({ dest: missing, sync: true }));
    expect(() => quiet.info("lost")).not.toThrow();
    expect(fs.existsSync(missing)).toBe(false);
  });

  it("minLength holds lines until that much waits, and flush writes them out", async () => {
    const file = path.join(dir, "min.log");
    const log = pino(pino.destination({ dest: file, minLength: 4096 }));
    log.info("held");
    await new Promise((r) => setTimeout(r, 20));
    expect(read(file)).toEqual([]);
    await flushed(log);
    expect(read(file).map((l) => l.msg)).toEqual(["held"]);
  });

  it("reopen() moves on to a new file after the old one was renamed (log rotation)", async () => {
    const file = path.join(dir, "rot.log");
    const dest = pino.destination({ dest: file, sync: true });
    const log = pino(dest);
    log.info("first");
    fs.renameSync(file, file + ".1");
    dest.reopen();
    log.info("second");
    expect(read(file + ".1").map((l) => l.msg)).toEqual(["first"]);
    expect(read(file).map((l) => l.msg)).toEqual(["second"]);
  });

  it("another file descriptor is written to as a descriptor", async () => {
    const file = path.join(dir, "fd.log");
    const fd = fs.openSync(file, "a");
    try {
      const log = pino(pino.destination({ dest: fd, sync: true }));
      log.info("by fd");
      expect(read(file).map((l) => l.msg)).toEqual(["by fd"]);
    } finally {
      fs.closeSync(fd);
    }
  });

  it("end() writes out what is held, then emits finish and close; later lines are refused", async () => {
    const file = path.join(dir, "end.log");
    const dest = pino.destination(file);
    const log = pino(dest);
    log.info("last");
    const events: string[] = [];
    dest.on("finish", () => events.push("finish"));
    const closed = new Promise((resolve) => dest.on("close", resolve));
    dest.end();
    await closed;
    expect(events).toEqual(["finish"]);
    expect(dest.write("after\n")).toBe(false);
    expect(read(file).map((l) => l.msg)).toEqual(["last"]);
  });

  it("emits ready, as SonicBoom does", async () => {
    const dest = pino.destination(path.join(dir, "r.log"));
    await new Promise((resolve) => dest.once("ready", resolve));
  });
});

describe("pino.transport and the transport option", () => {
  it("pino/file writes to its destination", async () => {
    const file = path.join(dir, "t.log");
    const log = pino({ transport: { target: "pino/file", options: { destination: file } } });
    log.info("via transport");
    await flushed(log);
    expect(read(file).map((l) => l.msg)).toEqual(["via transport"]);
  });

  it("pino-pretty writes logweave's pretty lines (colorize read)", async () => {
    const file = path.join(dir, "pretty.log");
    const log = pino({ name: "svc", transport: { target: "pino-pretty", options: { destination: file, colorize: false } } });
    log.info({ user: 7 }, "pretty line");
    await flushed(log);
    const text = fs.readFileSync(file, "utf8");
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  svc: pretty line user=7\n$/);
  });

  it("targets get the lines from their own level up; dedupe sends each line to the highest only", async () => {
    const all = path.join(dir, "all.log");
    const errors = path.join(dir, "errors.log");
    const targets = [
      { target: "pino/file", level: "debug", options: { destination: all } },
      { target: "pino/file", level: "error", options: { destination: errors } },
    ];
    const log = pino({ level: "debug", transport: { targets } });
    log.debug("d");
    log.error("e");
    await flushed(log);
    expect(read(all).map((l) => l.msg)).toEqual(["d", "e"]);
    expect(read(errors).map((l) => l.msg)).toEqual(["e"]);

    const all2 = path.join(dir, "all2.log");
    const errors2 = path.join(dir, "errors2.log");
    const deduped = pino({
      level: "debug",
      transport: {
        dedupe: true,
        targets: [
          { target: "pino/file", level: "debug", options: { destination: all2 } },
          { target: "pino/file", level: "error", options: { destination: errors2 } },
        ],
      },
    });
    deduped.debug("d");
    deduped.error("e");
    await flushed(deduped);
    expect(read(all2).map((l) => l.msg)).toEqual(["d"]);
    expect(read(errors2).map((l) => l.msg)).toEqual(["e"]);
  });

  it("pino(pino.transport({ targets })) takes the transport as its stream", async () => {
    const file = path.join(dir, "as-stream.log");
    const log = pino(pino.transport({ targets: [{ target: "pino/file", level: "info", options: { destination: file } }] }));
    log.info("through the stream");
    await flushed(log);
    expect(read(file).map((l) => l.msg)).toEqual(["through the stream"]);
  });

  it("a target without a level gets info and above, as in pino", async () => {
    const file = path.join(dir, "info.log");
    const log = pino({ level: "trace", transport: { targets: [{ target: "pino/file", options: { destination: file } }] } });
    log.debug("no");
    log.info("yes");
    await flushed(log);
    expect(read(file).map((l) => l.msg)).toEqual(["yes"]);
  });

  it("any other target fails when the logger is made, naming what is supported and what to do instead", () => {
    expect(() => pino({ transport: { target: "pino-elasticsearch" } })).toThrow(
      /transport target "pino-elasticsearch" is not supported.*"pino\/file", "pino-pretty", "logweave\/syslog", "logweave\/otlp".*pass a stream/,
    );
    expect(() => pino.transport({ targets: [{ target: "./my-transport.js" }] })).toThrow(/"\.\/my-transport\.js" is not supported/);
    expect(() => pino({ transport: { pipeline: [{ target: "pino/file" }] } })).toThrow(/transport\.pipeline is not supported/);
  });

  it("logweave/syslog ships lines from their target's level up to a syslog collector", async () => {
    // The built package: the transport's worker thread runs dist/src/transports/worker.js.
    const { default: built } = (await import(path.join(REPO_ROOT, "dist/src/pino/index.js"))) as { default: typeof pino };
    const socket = dgram.createSocket("udp4");
    const received: string[] = [];
    socket.on("message", (m) => received.push(m.toString()));
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    try {
      const port = (socket.address() as { port: number }).port;
      const log = built({ name: "svc", transport: { targets: [{ target: "logweave/syslog", level: "warn", options: { protocol: "udp", port, appName: "shop" } }] } });
      log.info("not shipped");
      log.error({ order: 7 }, "shipped");
      await flushed(log);
      for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(received).toHaveLength(1);
      // user facility (1), error severity (3): PRI 11; APP-NAME from the logger's name.
      expect(received[0]).toMatch(/^<11>1 \S+ \S+ svc \d+ - - \{"level":50,.*"order":7,"msg":"shipped"\}$/);
    } finally {
      socket.close();
    }
  });

  it("pino.multistream says it is not supported", () => {
    expect(() => pino.multistream()).toThrow(/pino\.multistream is not supported/);
  });

  it("a logweave destination can be given as the stream, and flush calls back", async () => {
    const { fileDestination } = await import("../src/destinations/file.js");
    const file = path.join(dir, "lw.log");
    const log = pino({}, fileDestination({ path: file }) as never);
    log.info("into logweave");
    await flushed(log);
    expect(read(file).map((l) => l.msg)).toEqual(["into logweave"]);
  });
});
