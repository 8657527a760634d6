/**
 * The trace ids `logweave/http` puts in a request's context (`trace_id`, `span_id`,
 * `trace_flags`, from a valid `traceparent` or new), read back from the field layers so that
 * ecs, gcp and otel write them as their native trace fields — as they write an active
 * OpenTelemetry span's ids — instead of as plain fields.
 *
 * Only well-formed ids are taken (lowercase hex, not all zero, as W3C Trace Context and the
 * OTLP transport require); anything else stays an ordinary field, written as it was.
 */
import { eachMember, stringOf } from "./json-members.js";
import type { TraceIds } from "./line-format.js";

const TRACE_ID = /^"[0-9a-f]{32}"$/;
const SPAN_ID = /^"[0-9a-f]{16}"$/;
const FLAGS = /^"[0-9a-f]{2}"$/;
const ZERO_TRACE = '"00000000000000000000000000000000"';
const ZERO_SPAN = '"0000000000000000"';

/** Members with the trace ids taken out, and the ids. */
export interface ContextTrace {
  /** The members that were not trace ids, in order (JSON members). */
  readonly rest: string;
  /** The ids found; `flags` is 0 when the layers had none. */
  readonly ids: TraceIds;
}

/**
 * The trace of `json` (field-layer members) when it holds a well-formed `trace_id` and `span_id`,
 * else `undefined` (and the members stay as they are). Never throws.
 */
export function contextTrace(json: string): ContextTrace | undefined {
  // Most lines have no trace in their layers: one scan for the key says so.
  if (json.indexOf('"trace_id":') === -1) return undefined;
  let traceId: string | undefined;
  let spanId: string | undefined;
  let flags: string | undefined;
  eachMember(json, (key, value) => {
    if (key === "trace_id" && TRACE_ID.test(value) && value !== ZERO_TRACE) traceId = value;
    else if (key === "span_id" && SPAN_ID.test(value) && value !== ZERO_SPAN) spanId = value;
    else if (key === "trace_flags" && FLAGS.test(value)) flags = value;
  });
  if (traceId === undefined || spanId === undefined) return undefined;
  let rest = "";
  const stop = eachMember(json, (key, value, member) => {
    if ((key === "trace_id" && value === traceId) || (key === "span_id" && value === spanId) || (key === "trace_flags" && value === flags)) return;
    rest += member;
  });
  rest += json.slice(stop);
  return { rest, ids: { traceId: stringOf(traceId), spanId: stringOf(spanId), flags: flags === undefined ? 0 : parseInt(stringOf(flags), 16) } };
}

/**
 * A per-format cache of {@link MemberEncoding.lower}-style rewrites of the lower field layers:
 * the same few texts (a logger's bindings, a request's context) come again and again.
 */
export class LowerCache<T> {
  private lastIn: string | undefined;
  private lastOut!: T;
  private readonly table = new Map<string, T>();

  constructor(private readonly make: (json: string) => T) {}

  /** `make(json)`, computed once per distinct text (the table is emptied when it grows past 256). */
  get(json: string): T {
    if (json === this.lastIn) return this.lastOut;
    let out = this.table.get(json);
    if (out === undefined) {
      out = this.make(json);
      if (this.table.size >= 256) this.table.clear();
      this.table.set(json, out);
    }
    this.lastIn = json;
    this.lastOut = out;
    return out;
  }
}
