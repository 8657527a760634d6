/**
 * Request context as connect-style middleware `(req, res, next)`: Express 4 and 5, connect,
 * and anything else that calls middleware that way.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { withContext } from "../context.js";
import { trackCompletion } from "./completion.js";
import { runOwningEvents } from "./own-events.js";
import { requestFields, resolveRequestOptions, setResponseId, type RequestContextOptions } from "./request-context.js";

/**
 * The request as Express leaves it after routing: only what the completion line reads.
 * Structural, so logweave's types do not depend on `@types/express`.
 */
interface RoutedRequest extends IncomingMessage {
  baseUrl?: unknown;
  originalUrl?: unknown;
  route?: { path?: unknown } | undefined;
}

/** A connect-style middleware, as Express's `app.use()` takes it. */
export type RequestContextMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

/**
 * Middleware that runs the rest of the chain in a `withContext` scope holding `request_id`
 * (and `trace_id` / `span_id` / `parent_span_id`), sets the response id header and logs one
 * completion line with the matched route (see {@link RequestContextOptions}). Mount it first:
 * `app.use(requestContext())`. Throws a `TypeError` for bad options, when called.
 */
export function requestContext(options?: RequestContextOptions): RequestContextMiddleware {
  const resolved = resolveRequestOptions(options);
  return function logweaveRequestContext(req, res, next): void {
    const fields = requestFields(req.headers, resolved);
    setResponseId(res, fields.request_id, resolved);
    const routed = req as RoutedRequest;
    const originalUrl = typeof routed.originalUrl === "string" ? routed.originalUrl : req.url;
    withContext(fields as unknown as Record<string, unknown>, () =>
      runOwningEvents(req, res, () => {
        trackCompletion(res, { method: req.method, url: originalUrl, route: () => expressRoute(routed) }, resolved);
        next();
      }),
    );
  };
}

/** `baseUrl` + the matched route's path (`/api` + `/users/:id`), or `undefined` when unrouted. */
function expressRoute(req: RoutedRequest): string | undefined {
  try {
    const path = req.route?.path;
    if (path === undefined) return undefined;
    const base = typeof req.baseUrl === "string" ? req.baseUrl : "";
    return base + (typeof path === "string" ? path : String(path));
  } catch {
    return undefined;
  }
}
