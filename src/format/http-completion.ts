/**
 * The request completion line of `logweave/http`, written in each format's own fields: ECS
 * `http.*` / `url.*` / `event.duration`, Cloud Logging's `httpRequest`; the other formats write
 * ordinary fields (`method`, `route`, `path`, `status`, `duration_ms`).
 *
 * The completion line passes an {@link HttpCompletion} as its fields argument; the field writer
 * asks the configuration's format for its members. Those members are logweave's own: they are
 * not renamed as user fields named `http` or `httpRequest` are, and no user value can produce them.
 */
import type { SerializeConfig } from "../serialize.js";
import { eachMember } from "./json-members.js";
import type { HttpCompletionFields, LineFormat } from "./line-format.js";

/** What one request's completion line says; pass it whole as the fields of the line. */
export class HttpCompletion implements HttpCompletionFields {
  constructor(
    readonly method: string | undefined,
    readonly route: string | undefined,
    readonly path: string | undefined,
    readonly status: number | undefined,
    readonly durationMs: number,
    readonly finished: boolean,
  ) {}

  /** The fields as ordinary fields, for formats without a mapping of their own. */
  plain(): Record<string, unknown> {
    const fields: Record<string, unknown> = { method: this.method };
    if (this.route !== undefined) fields.route = this.route;
    fields.path = this.path;
    if (this.status !== undefined) fields.status = this.status;
    fields.duration_ms = this.durationMs;
    return fields;
  }
}

const formats = new WeakMap<SerializeConfig, LineFormat>();

/** Records which format a configuration's serializer settings write (called once per configuration). */
export function bindFormat(cfg: SerializeConfig, format: LineFormat): void {
  formats.set(cfg, format);
}

/**
 * The members (JSON, `,"key":value…`) and top-level keys of `c` in the format `cfg` writes, or
 * `undefined` when that format has no mapping of its own (then `c.plain()` is written as any
 * fields object is). Never throws.
 */
export function completionMembers(c: HttpCompletion, cfg: SerializeConfig): { json: string; keys: string[] } | undefined {
  const write = formats.get(cfg)?.httpCompletion;
  if (write === undefined) return undefined;
  try {
    const json = write(c, cfg);
    const keys: string[] = [];
    eachMember(json, (key) => void keys.push(key));
    return { json, keys };
  } catch {
    return undefined;
  }
}
