/**
 * Context: fields that follow async code (awaits, timers, promise chains) without passing a
 * logger around — a request id set once in a middleware appears on every line of that request.
 *
 * Backed by AsyncLocalStorage. A scope's fields are serialized once per configuration and
 * merged with each logger's bindings once, not per line.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { layerFromObject, mergeLayers, type FieldLayer } from "./fields.js";
import { nodeFieldKey } from "./node-objects.js";
import { readMember, type SerializeConfig } from "./serialize.js";

/** One `withContext` scope: its fields merged with the enclosing scopes' fields. */
export class ContextScope {
  /** The merged raw fields (inner scopes win), read when the scope is first serialized. */
  readonly fields: Readonly<Record<string, unknown>>;
  private layerFor: SerializeConfig | undefined;
  private layer: FieldLayer | undefined;
  private mergedBase: FieldLayer | undefined;
  private merged: FieldLayer | undefined;
  private mergedCache: WeakMap<FieldLayer, FieldLayer> | undefined;

  constructor(fields: Readonly<Record<string, unknown>>) {
    this.fields = fields;
  }

  /** This scope's fields as a layer for `cfg` (serialized on first use per configuration). */
  layerOf(cfg: SerializeConfig): FieldLayer {
    if (this.layerFor !== cfg || this.layer === undefined) {
      this.layer = layerFromObject(this.fields, cfg);
      this.layerFor = cfg;
      this.mergedBase = undefined;
      this.mergedCache = undefined;
    }
    return this.layer;
  }

  /** `lower` (a logger's base fields and bindings) under this scope's fields, cached per lower layer. */
  over(lower: FieldLayer, cfg: SerializeConfig): FieldLayer {
    const layer = this.layerOf(cfg);
    if (this.mergedBase === lower) return this.merged!;
    let merged = this.mergedCache?.get(lower);
    if (merged === undefined) {
      merged = mergeLayers(lower, layer);
      (this.mergedCache ??= new WeakMap()).set(lower, merged);
    }
    this.mergedBase = lower;
    this.merged = merged;
    return merged;
  }
}

const storage = new AsyncLocalStorage<ContextScope>();

/** False until the first `withContext`, so programs that never use context never pay for a lookup. */
let used = false;

/** The innermost scope around the current code, or `undefined`. */
export function currentScope(): ContextScope | undefined {
  return used ? storage.getStore() : undefined;
}

/**
 * Runs `fn` with `fields` attached to every line logged inside it, across awaits, timers and
 * promise chains; nested scopes merge (inner fields win). Returns what `fn` returns.
 * `fields` that are not a bag of fields — not an object, binary data, a boxed string — add
 * nothing (the function still runs).
 */
export function withContext<T>(fields: Readonly<Record<string, unknown>>, fn: () => T): T {
  used = true;
  const parent = storage.getStore();
  let merged: Record<string, unknown>;
  if (fields === null || typeof fields !== "object") {
    merged = parent ? (parent.fields as Record<string, unknown>) : {};
  } else {
    merged = Object.create(null) as Record<string, unknown>;
    if (parent) copyInto(merged, parent.fields);
    copyInto(merged, fields);
  }
  return storage.run(new ContextScope(merged), fn);
}

/** The fields of the current context (merged), for reading; an empty object outside any scope. */
export function getContext(): Readonly<Record<string, unknown>> {
  return storage.getStore()?.fields ?? {};
}

// Own enumerable keys copied with defineProperty semantics, so `__proto__` stays a plain key.
// Binary data and boxed strings are values, not bags: their index keys are never listed.
function copyInto(target: Record<string, unknown>, source: Readonly<Record<string, unknown>>): void {
  let keys: string[];
  try {
    if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer || source instanceof String) return;
    // A Node request, response or socket is one field under its key, never a bag of its internals.
    const whole = nodeFieldKey(source);
    if (whole !== undefined) source = { [whole]: source };
    keys = Object.keys(source);
  } catch {
    return;
  }
  for (const k of keys) {
    const v = readMember(source, k);
    // A key set again moves to the end, so the inner scope's order wins.
    if (Object.hasOwn(target, k)) delete target[k];
    Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
}
