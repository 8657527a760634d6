/**
 * A synchronous pause for the few places that must wait without returning to the event loop
 * (a full pipe at exit, another process's rotation lock).
 */

let cell: Int32Array | undefined;

/** Blocks the calling thread for `ms` without using the CPU (Node allows Atomics.wait on the main thread). */
export function sleepSync(ms: number): void {
  cell ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(cell, 0, 0, ms);
}
