/**
 * Request context as a Fastify plugin (Fastify 4 and 5), using hooks.
 *
 * Fastify runs a request through several hooks and parses the body on stream events, which do
 * not carry the AsyncLocalStorage context of the hook that started them. So the scope is opened
 * in `onRequest`, captured in an AsyncResource, and re-entered before validation and before the
 * handler — the technique of `@fastify/request-context`.
 */
import type { AsyncResource } from "node:async_hooks";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { withContext } from "../context.js";
import { trackCompletion } from "./completion.js";
import { runOwningEvents } from "./own-events.js";
import { requestFields, resolveRequestOptions, setResponseId, type RequestContextOptions } from "./request-context.js";

/** The parts of a Fastify request the plugin reads. Structural: no dependency on fastify's types. */
export interface FastifyRequestLike {
  readonly headers: IncomingHttpHeaders;
  readonly raw: IncomingMessage;
  readonly method: string;
  readonly url: string;
  readonly routeOptions?: { readonly url?: string | undefined } | undefined;
}

/** The parts of a Fastify reply the plugin uses. */
export interface FastifyReplyLike {
  readonly raw: ServerResponse;
}

/** A callback-style Fastify hook. */
export type FastifyHookLike = (request: FastifyRequestLike, reply: FastifyReplyLike, done: (err?: Error) => void) => void;

/** The part of a Fastify instance the plugin uses. */
export interface FastifyInstanceLike {
  addHook(name: "onRequest" | "preValidation" | "preHandler", hook: FastifyHookLike): unknown;
}

/** A Fastify plugin taking {@link RequestContextOptions}, registered with `app.register(…)`. */
export type FastifyRequestContextPlugin = (instance: FastifyInstanceLike, options: RequestContextOptions, done: (err?: Error) => void) => void;

const kScope = Symbol("logweave.requestScope");

type ScopedRequest = FastifyRequestLike & { [kScope]?: AsyncResource };

function fastifyRequestContextPlugin(
  instance: FastifyInstanceLike,
  options: RequestContextOptions,
  done: (err?: Error) => void,
): void {
  let resolved;
  try {
    // Fastify passes `{}` when register() had no options; its own keys never collide with ours.
    resolved = resolveRequestOptions(options ?? {});
  } catch (err) {
    done(err as Error);
    return;
  }
  const opts = resolved;
  instance.addHook("onRequest", (request, reply, next) => {
    const fields = requestFields(request.headers, opts);
    setResponseId(reply.raw, fields.request_id, opts);
    withContext(fields as unknown as Record<string, unknown>, () =>
      // One scope for the later hooks and for the request's own events (onResponse and
      // onRequestAbort run from them).
      runOwningEvents(request.raw, reply.raw, (scope) => {
        (request as ScopedRequest)[kScope] = scope;
        trackCompletion(
          reply.raw,
          { method: request.method, url: request.url, route: () => request.routeOptions?.url },
          opts,
        );
        next();
      }),
    );
  });
  const reenter: FastifyHookLike = (request, _reply, next) => {
    const scope = (request as ScopedRequest)[kScope];
    if (scope === undefined) next();
    else scope.runInAsyncScope(next);
  };
  instance.addHook("preValidation", reenter);
  instance.addHook("preHandler", reenter);
  done();
}

// What `fastify-plugin` sets: hooks apply to the whole app, not only to this plugin's scope.
Object.defineProperty(fastifyRequestContextPlugin, Symbol.for("skip-override"), { value: true });
Object.defineProperty(fastifyRequestContextPlugin, Symbol.for("fastify.display-name"), { value: "logweave-request-context" });
Object.defineProperty(fastifyRequestContextPlugin, Symbol.for("plugin-meta"), {
  value: { name: "logweave-request-context", fastify: ">=4" },
});

/**
 * Fastify plugin: every request runs in a `withContext` scope holding `request_id` (and
 * `trace_id` / `span_id` / `parent_span_id`) through all of Fastify's hooks and the handler;
 * sets the response id header and logs one completion line with the route pattern.
 *
 * ```ts
 * await app.register(fastifyRequestContext, { log: getLogger("http") });
 * ```
 */
export const fastifyRequestContext: FastifyRequestContextPlugin = fastifyRequestContextPlugin;
