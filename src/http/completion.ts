/**
 * The one completion line per request: method, route, path, status, duration — in the format's
 * own HTTP fields where it has them (see `src/format/http-completion.ts`).
 */
import type { ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { HttpCompletion } from "../format/http-completion.js";
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
  const durationMs = Math.round(elapsed * 1000) / 1000;
  const route = source.route();
  const path = pathOf(source.url);
  if (!res.writableFinished) {
    const status = res.headersSent ? res.statusCode : undefined;
    log.warn("request aborted", new HttpCompletion(source.method, route, path, status, durationMs, false));
    return;
  }
  const status = res.statusCode;
  // Each format writes these as its own fields (ECS http.* / url.*, Cloud Logging's httpRequest),
  // others as method, route, path, status, duration_ms.
  const fields = new HttpCompletion(source.method, route, path, status, durationMs, true);
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
