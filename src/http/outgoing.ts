/**
 * Propagation to the services a request calls.
 */
import { getContext } from "../context.js";
import { formatTraceParent } from "./ids.js";

/**
 * The `traceparent` header value for an outgoing call made while handling the current request
 * (this request's trace id and span id), or `undefined` outside a request context or when the
 * context holds no valid trace ids.
 */
export function outgoingTraceParent(): string | undefined {
  const context = getContext();
  return formatTraceParent(context.trace_id, context.span_id, context.trace_flags ?? "01");
}
