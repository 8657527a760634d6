/**
 * pino's destination for a file, in the two setups its documentation gives for speed:
 * `pino.destination({ dest, sync: true })` and `pino.destination({ dest, minLength: 4096, sync: false })`.
 */
import { once } from "node:events";
import pino from "pino";
import { turn } from "./measure.js";
import type { PinoMode } from "./target.js";

/** An open pino destination, with what the timing needs from it. */
export interface PinoFile {
  readonly stream: pino.DestinationStream & { write(line: string): boolean };
  readonly flushSync: () => void;
  /** Resolves when no asynchronous write is out (minLength mode); `undefined` in sync mode. */
  readonly settle: (() => Promise<void>) | undefined;
}

/** Opens `path` as pino's destination in `mode`, ready to write. */
export async function openPinoFile(path: string, mode: PinoMode): Promise<PinoFile> {
  const dest = pino.destination(mode === "sync" ? { dest: path, sync: true } : { dest: path, minLength: 4096, sync: false });
  if ((dest as unknown as { fd: number }).fd < 0) await once(dest, "ready");
  // SonicBoom has no public "nothing in flight" that does not fsync (flush(cb) fsyncs); its
  // `_writing` flag says whether an fs.write is out.
  const writing = dest as unknown as { _writing: boolean };
  const settle =
    mode === "sync"
      ? undefined
      : async (): Promise<void> => {
          for (let k = 0; writing._writing && k < 100_000; k++) await turn();
        };
  return { stream: dest, flushSync: () => dest.flushSync(), settle };
}
