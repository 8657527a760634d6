/**
 * The process's life as the destinations see it: the flush registry, the `"exit"` hook that
 * writes out everything held, the opt-in SIGTERM / SIGINT handlers, signal listeners a
 * destination asks for (SIGHUP to reopen a file), and whether the process is ending.
 *
 * Nothing here runs as a side effect of importing it or of resolving a configuration: the exit
 * hook is installed by the first destination that registers, signal handlers by `configure({
 * handleSignals: true })` or, with `LOGWEAVE_HANDLE_SIGNALS=1`, by that first registration.
 */
import type { Destination } from "./destinations/destination.js";

/** Something flushed on exit, on signals and by the public `flush()` / `flushSync()`. */
export interface Flushable {
  /** Resolves when every line taken so far is out, discarded, or a bounded wait is over. Never rejects. */
  flush(): Promise<void>;
  /**
   * Writes out every line taken so far before returning. A destination that bounds its wait
   * counts it from `startedAt` (epoch ms; default now), so that many destinations flushed one
   * after another at exit share one deadline instead of adding theirs up.
   */
  flushSync(startedAt?: number): void;
}

const registry = new Set<Flushable>();
let exitHookInstalled = false;
/** Epoch ms at which the process started ending (the `"exit"` event, or a signal that will end it). */
let endingSince: number | undefined;

function onExit(): void {
  endingSince ??= Date.now();
  flushAllSync();
}

/** The first registration installs the exit hook (and the signal handlers the environment asks for). */
function firstUse(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", onExit);
  if (process.env.LOGWEAVE_HANDLE_SIGNALS === "1") installSignalHandlers();
}

/**
 * True once the process is ending: from the `"exit"` event on (no later turn of the event loop
 * will come), or while a signal handler flushes before the signal ends the process.
 */
export function isExiting(): boolean {
  return endingSince !== undefined;
}

/**
 * The epoch ms by which a wait of `timeoutMs` must be over: counted from the moment the process
 * started ending when it is ending (every destination shares that start), from `startedAt`
 * otherwise.
 */
export function deadlineFor(timeoutMs: number, startedAt = Date.now()): number {
  return (endingSince ?? startedAt) + timeoutMs;
}

/**
 * Adds `target` to what {@link flushAllSync} and {@link flushAll} flush — and so to the exit and
 * signal flushes and the public `flush()` / `flushSync()` — until the returned function is called.
 */
export function trackFlushable(target: Flushable): () => void {
  registry.add(target);
  firstUse();
  return () => {
    registry.delete(target);
  };
}

const trackedDestinations = new WeakSet<object>();

/**
 * Flushes a destination of the application's own with the others: on exit, on signals, and in
 * the public `flush()` / `flushSync()`. Called for every configured destination object; one that
 * has neither `flush` nor `flushSync`, or is tracked already, is left alone. Never throws.
 */
export function trackDestination(d: Destination): void {
  if (typeof d.flush !== "function" && typeof d.flushSync !== "function") return;
  if (registry.has(d as unknown as Flushable) || trackedDestinations.has(d)) return;
  trackedDestinations.add(d);
  trackFlushable({
    flush: async () => {
      if (typeof d.flush === "function") await d.flush();
      else d.flushSync?.();
    },
    flushSync: () => d.flushSync?.(),
  });
}

/**
 * Writes out, synchronously, everything every registered destination holds, all waits counted
 * from one start. Runs on process `"exit"` by itself. Never throws.
 */
export function flushAllSync(): void {
  const startedAt = Date.now();
  for (const target of [...registry]) {
    try {
      target.flushSync(startedAt);
    } catch {
      // flushSync does not throw; this guards the loop against a broken destination.
    }
  }
}

/** Resolves when every registered destination has flushed (each bounds its own wait). Never rejects. */
export async function flushAll(): Promise<void> {
  await Promise.all([...registry].map((target) => target.flush().catch(() => undefined)));
}

const signalHandlers = new Map<NodeJS.Signals, () => void>();

/**
 * On each of `signals`: flush every destination synchronously; then, when our listener was the
 * only one for that signal, remove it and send the signal again so the process dies by it as it
 * would have without us. When the application listens too, the rest is left to the application.
 * Calling it again adds only the signals not yet handled.
 */
export function installSignalHandlers(signals: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"]): void {
  for (const signal of signals) {
    if (signalHandlers.has(signal)) continue;
    const listener = (): void => {
      const alone = process.listenerCount(signal) === 1 && process.listeners(signal)[0] === listener;
      // The signal will end the process: destinations bound their waits as at exit.
      if (alone) endingSince ??= Date.now();
      flushAllSync();
      if (!alone) return;
      // With no listener left Node restores the default action, which the re-raise triggers.
      process.removeListener(signal, listener);
      signalHandlers.delete(signal);
      try {
        process.kill(process.pid, signal);
      } catch {
        // Could not re-raise: the process goes on, as with an application listener.
        endingSince = undefined;
      }
    };
    process.on(signal, listener);
    signalHandlers.set(signal, listener);
  }
}

/**
 * Calls `listener` on `signal` until the returned function is called. For destinations that act
 * on a signal (a file reopened on SIGHUP after logrotate moved it). Listening changes what the
 * signal does: the process no longer ends by it, so callers only do this when asked to.
 */
export function onSignal(signal: NodeJS.Signals, listener: () => void): () => void {
  const guarded = (): void => {
    try {
      listener();
    } catch {
      // A destination's signal work never throws into the process's signal dispatch.
    }
  };
  process.on(signal, guarded);
  return () => {
    process.removeListener(signal, guarded);
  };
}
