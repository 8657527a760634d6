/**
 * Why a goal is missed: what profiles showed the time goes to, and what would close it. Written
 * from CPU profiles of the scenarios (bench/suite/profile.ts); the run adds its own fresh profile
 * of each missed scenario under "Where the time goes", so a reader can check the reason still
 * holds.
 */

/** By scenario id: the mechanism behind a miss and what would close it. */
export const MISS_HINTS: Readonly<Record<string, string>> = {
  basic:
    "a message-only line is mostly the fixed cost both loggers share (the string joins in `jsonLine`, `Date.now()` as text, the garbage of the joined line); what is left of logweave's own is the call's entry (genuine-receiver and level check) and the configuration check. Closing it would need the time text cached per millisecond and the line built in one join.",
  object:
    "as for basic: the line's joins and its garbage dominate, the call's members are precomputed. Same remedy.",
  "deep-object":
    "the serializer walks the 3.4 KB object in JavaScript (`writeProperties`, `writeObject`, the per-key facts, guarded reads: about half the time), where pino hands it to `JSON.stringify`. Closing it needs per-shape serializers: a shape checked once (no sensitive key, no getter, no `toJSON`, within the limits) and then written by `JSON.stringify`, the verdict cached per configuration.",
  "long-string":
    "`quote` is most of the time, and most of that is V8's `JSON.stringify` of the 2,000-character string, as in pino; the rest is the scan for U+2028/U+2029 that `JSON.stringify` leaves raw (about 10%) and the garbage of the escaped copy. Nothing short of a faster escape in V8 closes it; a scan-free variant measured slower on clean strings, the common case.",
  "multi-arg-interpolate": "a template message with one hole: the hole is escaped (`escapeInner`) and joined into the message; the joins and the entry are the cost, as for basic.",
  "multi-arg-all":
    "the call's own `JSON.stringify({ obj: true })` (the `%j` argument, in user code) and escaping the holes (`escapeInner`, `quote`) are half the time; pino does the same work in `format`.",
  "multi-arg-extra": "as multi-arg-all.",
  "multi-arg-deep":
    "the user code's `JSON.stringify(deep)` (24 KB) and escaping that message again (`quote`: `JSON.stringify` of a string full of quotes) are 80% of the time — the same two passes pino's `%j` makes. Nothing in logweave's own code is left to remove.",
  child: "as basic, plus the child's bindings joined from their cached text.",
  "child-child": "as child.",
  "child-creation": "the child itself (bindings copied and serialized once, on its first line: `layerFromObject`, `makeLayer`) and the first line's configuration refresh; then ten lines as in child.",
  formatters: "the ECS line is built by the format (renamed members, `log.level`, `@timestamp` as ISO text) instead of the plain JSON fast path.",
  quickstart:
    "`jsonLine` (the joins of head, time, logger middle, members and site text) and garbage collection of the joined strings are about half the time; the typed members (`siteFields`, `serializeNumber`) most of the rest. The hand-written floor does the same joins with fewer pieces. Closing the gap to the floor needs the members and the site text joined at build time into fewer pieces.",
  "quickstart-pino-order": "the same plan as the quickstart (pino's order is planned like message-first calls); see quickstart.",
  "error-cause": "V8 capturing and formatting the two stacks (`Error.captureStackTrace`, `stack` getters) dominates for both loggers.",
  "request-scope":
    "garbage collection (18%) and the scope: `withContext` copies its fields (`copyInto`) and serializes them once per scope (`layerFromObject`), a pino child per request does about the same; then five lines through the context-aware path (`#writeSiteOther`).",
};
