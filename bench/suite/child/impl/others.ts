/**
 * The other loggers, each set up as its documentation recommends for JSON output, on the
 * quickstart scenario only, to the in-process sink: winston (timestamp + json formats), bunyan,
 * LogTape (JSON Lines formatter) and tslog (JSON mode, a transport writing lines).
 */
import { Writable } from "node:stream";
import { configure as logtapeConfigure, getLogger as logtapeGetLogger, jsonLinesFormatter } from "@logtape/logtape";
import bunyan from "bunyan";
import { Logger as TsLogger } from "tslog";
import winston from "winston";
import type { LineSink, Make, Prepared } from "../target.js";

/** The quickstart call through `options.peer`. */
export const make: Make = async (id, target, options) => {
  if (id !== "quickstart" || target.kind !== "sink") return undefined;
  const sink = target.sink;
  const prepared = (op: (i: number) => void): Prepared => ({ op, linesPerOp: 1, flushSync: () => {} });
  switch (options.peer) {
    case "winston": {
      const log = winston.createLogger({
        level: "info",
        defaultMeta: { name: "auth" },
        format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
        transports: [new winston.transports.Stream({ stream: writable(sink) })],
      });
      return prepared((i) => log.info("User login", { userId: i, ip: "192.168.1.1", success: true }));
    }
    case "bunyan": {
      const log = bunyan.createLogger({ name: "auth", level: "info", streams: [{ stream: sink as unknown as NodeJS.WritableStream }] });
      return prepared((i) => log.info({ userId: i, ip: "192.168.1.1", success: true }, "User login"));
    }
    case "LogTape": {
      await logtapeConfigure({
        reset: true,
        sinks: { bench: (record) => sink.write(jsonLinesFormatter(record)) },
        loggers: [
          { category: ["auth"], sinks: ["bench"], lowestLevel: "info" },
          { category: ["logtape", "meta"], sinks: [], lowestLevel: "error" },
        ],
      });
      const log = logtapeGetLogger(["auth"]);
      return prepared((i) => log.info("User login", { userId: i, ip: "192.168.1.1", success: true }));
    }
    case "tslog": {
      const log = new TsLogger({ type: "hidden", name: "auth", minLevel: 3 });
      log.attachTransport((record: unknown) => {
        sink.write(JSON.stringify(record) + "\n");
      });
      return prepared((i) => log.info({ userId: i, ip: "192.168.1.1", success: true }, "User login"));
    }
    default:
      return undefined;
  }
};

/** The sink as a Writable stream (winston needs one). */
function writable(sink: LineSink): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, cb) {
      sink.write(String(chunk));
      cb();
    },
  });
}
