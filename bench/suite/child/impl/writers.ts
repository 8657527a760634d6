/**
 * Destinations alone: the same finished line (a quickstart line, 131 bytes) handed N times to
 * each writer, into a file. The minimal batching writer is the yardstick; logweave's file
 * destination and pino's `pino.destination()` (sync: true, and minLength: 4096) are measured
 * against it. `options.peer` names the writer; the only scenario is `line`.
 */
import fs from "node:fs";
import os from "node:os";
import { fileDestination } from "logweave";
import { MinimalWriter } from "../minimal-writer.js";
import { openPinoFile } from "../pino-file.js";
import type { LineSink, Make, Prepared } from "../target.js";

/** The line every writer writes (a finished quickstart line). */
export const LINE = `{"level":30,"time":1700000000000,"pid":${process.pid},"hostname":${JSON.stringify(os.hostname())},"name":"auth","msg":"User login","userId":123456,"ip":"192.168.1.1","success":true}\n`;

/** The writers, by name. */
export const WRITERS = ["minimal", "logweave file", "pino sync: true", "pino minLength: 4096"] as const;

/** One writer writing {@link LINE} per operation. */
export const make: Make = async (id, target, options) => {
  if (id !== "line" || target.kind !== "fd") return undefined;
  const prepared = (out: LineSink, flushSync: () => void, settle?: () => Promise<void>): Prepared => ({
    op: () => out.write(LINE),
    linesPerOp: 1,
    flushSync,
    settle,
  });
  switch (options.peer) {
    case "minimal": {
      const w = new MinimalWriter(fs.openSync(target.path, "a"));
      return prepared(w, () => w.flushSync());
    }
    case "logweave file": {
      const d = fileDestination({ path: target.path });
      return prepared(d, () => d.flushSync(), () => d.flush());
    }
    case "pino sync: true":
    case "pino minLength: 4096": {
      const d = await openPinoFile(target.path, options.peer === "pino sync: true" ? "sync" : "minLength");
      return prepared(d.stream, d.flushSync, d.settle);
    }
    default:
      return undefined;
  }
};
