/**
 * OpenTelemetry trace ids on log lines, without depending on `@opentelemetry/api`.
 *
 * The api keeps its registered globals (context manager, tracer provider…) on one object at
 * `globalThis[Symbol.for("opentelemetry.js.api.1")]`, and a context keeps the active span under
 * `Symbol.for("OpenTelemetry Context Key SPAN")`. Reading those two is what `trace.getActiveSpan()`
 * does, so logweave imports nothing: when no OpenTelemetry SDK registered itself, detection at
 * configuration time finds nothing and log calls pay nothing.
 */
import type { TraceIds } from "./format/line-format.js";

const API_KEY = Symbol.for("opentelemetry.js.api.1");
const SPAN_KEY = Symbol.for("OpenTelemetry Context Key SPAN");
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE = "00000000000000000000000000000000";
const ZERO_SPAN = "0000000000000000";

interface OtelGlobals {
  context?: { active(): { getValue(key: symbol): unknown } };
}

interface SpanLike {
  spanContext(): { traceId?: unknown; spanId?: unknown; traceFlags?: unknown };
}

/** The trace members of the current call, in one format, or `""`. */
export type TraceReader = () => string;

/** True when an OpenTelemetry api has registered its globals (an SDK was started). */
export function openTelemetryRegistered(): boolean {
  const globals = (globalThis as Record<symbol, unknown>)[API_KEY];
  return globals !== null && typeof globals === "object";
}

/**
 * A reader of the active span's ids, rendered with `render`; `undefined` when OpenTelemetry's
 * api has not registered its globals (no SDK started yet). Reading never throws: a broken
 * context manager or span gives `""`, and ids that are not lowercase hex are never written.
 */
export function traceReader(render: (ids: TraceIds) => string): TraceReader | undefined {
  const globals = (globalThis as Record<symbol, unknown>)[API_KEY] as OtelGlobals | undefined;
  if (globals === null || typeof globals !== "object") return undefined;
  // spanContext() returns the span's own object each time: render once per span.
  let last: unknown;
  let lastText = "";
  return () => {
    try {
      const manager = globals.context;
      if (manager === undefined) return "";
      const span = manager.active().getValue(SPAN_KEY) as SpanLike | undefined;
      if (span === undefined || span === null || typeof span.spanContext !== "function") return "";
      const sc = span.spanContext();
      if (sc === last) return lastText;
      const { traceId, spanId, traceFlags } = sc;
      let text = "";
      if (
        typeof traceId === "string" && TRACE_ID.test(traceId) && traceId !== ZERO_TRACE &&
        typeof spanId === "string" && SPAN_ID.test(spanId) && spanId !== ZERO_SPAN
      ) {
        text = render({ traceId, spanId, flags: typeof traceFlags === "number" ? traceFlags & 0xff : 0 });
      }
      last = sc;
      lastText = text;
      return text;
    } catch {
      return "";
    }
  };
}
