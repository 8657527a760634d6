/**
 * A logger family's events: pino's loggers are EventEmitters whose children share their root's
 * listeners (a child is `Object.create(parent)`, so it reaches the root's `_events`), which is how
 * a `level-change` listener on the root hears a child's level change. Here children are objects
 * of their own, so the emitter state (`_events`, `_eventsCount`, `_maxListeners`) is read and
 * written through accessors that lead to the family's root.
 *
 * EventEmitter's methods make that state when first used, so its constructor is never run per
 * logger (a child per request stays cheap), and `instanceof EventEmitter` holds.
 */
import { EventEmitter } from "node:events";

/** Where a child finds its family's emitter state. */
const OWNER = Symbol("logweave.pino.eventsOwner");

type Holder = Record<string | symbol, unknown>;

/** Makes `proto`'s objects EventEmitters whose state lives on their family's root. Called once per logger class. */
export function installFamilyEvents(proto: object): void {
  Object.setPrototypeOf(proto, EventEmitter.prototype);
  for (const prop of ["_events", "_eventsCount", "_maxListeners"]) {
    const own = Symbol(prop);
    Object.defineProperty(proto, prop, {
      configurable: true,
      get(this: Holder) {
        const owner = this[OWNER] as Holder | undefined;
        return owner !== undefined ? owner[prop] : this[own];
      },
      set(this: Holder, value: unknown) {
        const owner = this[OWNER] as Holder | undefined;
        if (owner !== undefined) owner[prop] = value;
        else this[own] = value;
      },
    });
  }
}

/** Makes `child` share the listeners of `parent`'s family. */
export function joinFamilyEvents(child: object, parent: object): void {
  (child as Holder)[OWNER] = ((parent as Holder)[OWNER] as object | undefined) ?? parent;
}
