/**
 * The floor: the same lines built by hand from precomputed strings + `Date.now()` + the dynamic
 * values, written through the same sink. No logger can do less; it is the physical limit of the
 * "static fragments + dynamic values" design.
 */
import os from "node:os";
import { sink } from "./sink.js";

const core = `,"pid":${process.pid},"hostname":${JSON.stringify(os.hostname())},"name":"auth","msg":`;

/** Floor versions of the cases that have one. */
export const floorCases: Record<string, (i: number) => void> = {
  quickstart: (i) => {
    sink.write('{"level":30,"time":' + Date.now() + core + '"User login","userId":' + i + ',"ip":"192.168.1.1","success":true}\n');
  },
  messageOnly: () => {
    sink.write('{"level":30,"time":' + Date.now() + core + '"Cache warmed"}\n');
  },
  template: (i) => {
    sink.write('{"level":30,"time":' + Date.now() + core + '"User ' + i + " bought " + (i % 7) + ' items"}\n');
  },
  disabledDebug: () => {},
};
