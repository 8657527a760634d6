/**
 * The transport worker thread: receives lines from the application thread and ships them, so a
 * slow or absent collector never blocks the application.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createOtlpSink } from "./otlp-sink.js";
import { Slot, type FromWorker, type ToWorker, type WorkerInit } from "./protocol.js";
import { Shipper } from "./shipper.js";
import type { Sink } from "./sink.js";
import { createSyslogSink } from "./syslog-sink.js";

function sinkOf(init: WorkerInit): Sink {
  return init.sink.kind === "syslog" ? createSyslogSink(init.sink.options) : createOtlpSink(init.sink.options);
}

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error("logweave transport worker: must run in a worker thread");
  const init = workerData as WorkerInit;
  const control = new Int32Array(init.control);
  const post = (message: FromWorker): void => port.postMessage(message);
  const shipper = new Shipper(sinkOf(init), init.ship, control, post);
  port.on("message", (message: ToWorker) => {
    switch (message.t) {
      case "lines":
        shipper.receive(message.seq, message.text, message.dropped);
        break;
      case "flush":
        shipper.requestFlush(message.seq);
        break;
      case "drain":
        shipper.drain(message.deadline, message.final);
        break;
      case "close":
        void shipper.close(message.deadline).then(() => {
          post({ t: "closed" });
          port.close();
          // Nothing is left to ship: end the thread even if a retry timer or a dead socket lingers.
          setImmediate(() => process.exit(0));
        });
        break;
    }
  });
  Atomics.store(control, Slot.ready, 1);
  Atomics.notify(control, Slot.ready);
}

main();
