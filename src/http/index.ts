/**
 * logweave/http: request correlation for node:http, Express (connect-style) and Fastify.
 *
 * This module only re-exports.
 */
export { withRequestContext } from "./node-http.js";
export { requestContext, type RequestContextMiddleware } from "./express.js";
export {
  fastifyRequestContext,
  type FastifyRequestContextPlugin,
  type FastifyInstanceLike,
  type FastifyRequestLike,
  type FastifyReplyLike,
  type FastifyHookLike,
} from "./fastify.js";
export type { RequestContextOptions, RequestFields } from "./request-context.js";
export {
  parseRequestId,
  parseTraceParent,
  formatTraceParent,
  newRequestId,
  newTraceId,
  newSpanId,
  MAX_REQUEST_ID_LENGTH,
  type TraceParent,
} from "./ids.js";
export { outgoingTraceParent } from "./outgoing.js";
