/**
 * The one completion line per request: method, route, path, status, duration.
 */
import type { ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Logger } from "../logger.js";
import type { ResolvedRequestOptions } from "./request-context.js";

/** What the completion line needs to know, read when the response is over. */
export interface CompletionSource {
  readonly method: string | undefined;
  /** The raw request target; only its path is logged (the query may hold secrets). */
  readonly url: string | undefined;
  /** The matched route pattern (e.g. `/users/:id`), when the framework knows it. */
  route(): string | undefined;
}

/** Longest path logged on the completion line. */
const MAX_PATH_LENGTH = 1024;

/**
 * Logs the completion line of `res` once the response is over. The line carries the request's
 * context because `res` emits in it (call it inside `runOwningEvents`). Nothing happens without
 * a logger.
 */
export function trackCompletion(
  res: ServerResponse,
  source: CompletionSource,
  options: ResolvedRequestOptions,
): void {
  const log = options.log;
  if (log === undefined) return;
  const start = performance.now();
  // 'close' comes after 'finish' and also when the client goes away first.
  res.once("close", () => {
    try {
      logCompletion(log, res, source, performance.now() - start);
    } catch {
      // A completion line must never fail the server.
    }
  });
}

function logCompletion(log: Logger, res: ServerResponse, source: CompletionSource, elapsed: number): void {
  const fields: Record<string, unknown> = { method: source.method };
  const route = source.route();
  if (route !== undefined) fields.route = route;
  fields.path = pathOf(source.url);
  const durationMs = Math.round(elapsed * 1000) / 1000;
  if (!res.writableFinished) {
    if (res.headersSent) fields.status = res.statusCode;
    fields.duration_ms = durationMs;
    log.warn("request aborted", fields);
    return;
  }
  const status = res.statusCode;
  fields.status = status;
  fields.duration_ms = durationMs;
  if (status >= 500) log.error("request completed", fields);
  else if (status >= 400) log.warn("request completed", fields);
  else log.info("request completed", fields);
}

/** The path part of a request target: no query, no fragment, capped. */
function pathOf(url: string | undefined): string | undefined {
  if (typeof url !== "string") return undefined;
  let end = url.length;
  const q = url.indexOf("?");
  if (q !== -1) end = q;
  const h = url.indexOf("#");
  if (h !== -1 && h < end) end = h;
  return url.slice(0, Math.min(end, MAX_PATH_LENGTH));
}
