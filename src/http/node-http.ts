/**
 * Request context for a plain `node:http` (or `node:https`, `node:http2` compat) server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { withContext } from "../context.js";
import { trackCompletion } from "./completion.js";
import { runOwningEvents } from "./own-events.js";
import { requestFields, resolveRequestOptions, setResponseId, type RequestContextOptions } from "./request-context.js";

/**
 * Wraps a request listener so each request runs in its own `withContext` scope holding
 * `request_id` (and `trace_id` / `span_id` / `parent_span_id`): every line logged while handling
 * it, across awaits and timers, carries them. Sets the response id header and logs one
 * completion line (see {@link RequestContextOptions}). Returns what `handler` returns.
 * Throws a `TypeError` for bad options, when called, not per request.
 *
 * ```ts
 * http.createServer(withRequestContext((req, res) => { log.info("hi"); res.end(); }));
 * ```
 */
export function withRequestContext<Req extends IncomingMessage, Res extends ServerResponse, R>(
  handler: (req: Req, res: Res) => R,
  options?: RequestContextOptions,
): (req: Req, res: Res) => R {
  if (typeof handler !== "function") throw new TypeError("withRequestContext: handler must be a function");
  const resolved = resolveRequestOptions(options);
  return function requestContextListener(this: unknown, req: Req, res: Res): R {
    const fields = requestFields(req.headers, resolved);
    setResponseId(res, fields.request_id, resolved);
    return withContext(fields as unknown as Record<string, unknown>, () =>
      runOwningEvents(req, res, () => {
        trackCompletion(res, { method: req.method, url: req.url, route: () => undefined }, resolved);
        return handler.call(this, req, res);
      }),
    );
  };
}
