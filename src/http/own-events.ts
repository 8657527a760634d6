/**
 * A request's own events in the request's own context.
 *
 * An event's listeners run in the async context of the code that emits it, not of the code that
 * added them. Under HTTP/1.1 pipelining, Node flushes a waiting response (and emits its
 * 'finish') from inside the previous request's `end()`, and a client that goes away closes every
 * pending request from one socket event: lines logged from those listeners would carry another
 * request's id, or none. So each request's IncomingMessage and ServerResponse emit in the scope
 * of the request they belong to whenever the code emitting is not that request's own.
 */
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import type { EventEmitter } from "node:events";

/** Which request the running code belongs to (a token per request), across every nested scope. */
const owner = new AsyncLocalStorage<object>();

/** The request an emitter belongs to; set again by a nested adapter (the innermost wins). */
const kOwner = Symbol("logweave.eventOwner");

interface Owner {
  readonly token: object;
  readonly scope: AsyncResource;
}

type Owned = EventEmitter & { [kOwner]?: Owner };

/**
 * Runs `fn` as the code of the request `req`/`res` (call it inside the request's `withContext`)
 * and makes every event they emit from now on run its listeners in this request's context when
 * the emitting code is not this request's: another pipelined request's `end()`, a socket event.
 * Code of the request itself (including a `withContext` nested in it) keeps its own context, so
 * its inner fields stay on lines logged from an event it causes. Listeners added before or after,
 * by the application or a framework, are covered alike. `fn` receives the request's scope, for
 * re-entering it elsewhere. Returns what `fn` returns. Never throws by itself: an object whose
 * `emit` cannot be replaced keeps emitting as before.
 */
export function runOwningEvents<T>(req: EventEmitter, res: EventEmitter, fn: (scope: AsyncResource) => T): T {
  const token = {};
  return owner.run(token, () => {
    const request: Owner = { token, scope: new AsyncResource("logweave.request") };
    own(req as Owned, request);
    own(res as Owned, request);
    return fn(request.scope);
  });
}

function own(emitter: Owned, request: Owner): void {
  try {
    const wrapped = emitter[kOwner] !== undefined;
    emitter[kOwner] = request;
    if (wrapped) return;
    const emit = emitter.emit;
    emitter.emit = function emitAsItsRequest(this: Owned, event: string | symbol, ...args: unknown[]): boolean {
      const current = this[kOwner];
      if (current === undefined || owner.getStore() === current.token) return emit.call(this, event, ...args);
      return current.scope.runInAsyncScope(emit, this, event, ...args);
    };
  } catch {
    // A frozen or exotic emitter: its listeners keep the emitter's context.
  }
}
