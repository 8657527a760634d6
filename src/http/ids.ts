/**
 * Request and trace ids: reading the incoming ones without trusting them, making new ones.
 *
 * An incoming header is attacker-controlled text that lands on every log line of a request, so
 * it is accepted only when short and made of a small set of characters; anything else is
 * replaced by a fresh id, never cleaned up and kept.
 */
import { randomBytes, randomUUID } from "node:crypto";

/** Longest request id taken from a header (a UUID is 36 characters). */
export const MAX_REQUEST_ID_LENGTH = 128;

/** Letters, digits and the punctuation of UUIDs, ULIDs, base64 and `host:pid-counter` ids. */
const REQUEST_ID = /^[A-Za-z0-9._~:/+=@-]+$/;

/**
 * The request id carried by a header value, or `undefined` when there is none or it is not
 * acceptable: empty, longer than `maxLength`, repeated (an array), or holding a character outside
 * `A-Z a-z 0-9 . _ ~ : / + = @ -`. Never throws.
 */
export function parseRequestId(
  value: unknown,
  maxLength: number = MAX_REQUEST_ID_LENGTH,
): string | undefined {
  if (typeof value !== "string") return undefined;
  if (value.length === 0 || value.length > maxLength) return undefined;
  return REQUEST_ID.test(value) ? value : undefined;
}

/** A new request id: a random UUID (v4). */
export function newRequestId(): string {
  return randomUUID();
}

/** The parts of a W3C `traceparent` header this package uses. */
export interface TraceParent {
  /** 32 lowercase hex digits, not all zero. */
  readonly traceId: string;
  /** The caller's span: 16 lowercase hex digits, not all zero. */
  readonly parentId: string;
  /** Trace flags, 2 lowercase hex digits (`01` = sampled). */
  readonly flags: string;
}

const TRACEPARENT_V0 = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZERO = /^0+$/;
/** Version 00 is exactly this long; later versions may append `-…` fields. */
const TRACEPARENT_LENGTH = 55;
/** Generous cap for future versions, so a huge header is rejected before any regex runs. */
const TRACEPARENT_MAX_LENGTH = 512;

/**
 * Reads a W3C Trace Context `traceparent` header
 * (https://www.w3.org/TR/trace-context/#traceparent-header). Returns `undefined` for anything
 * the spec says to ignore: wrong length, uppercase or non-hex digits, version `ff`, extra fields
 * on version `00`, an all-zero trace id or parent id. Never throws.
 */
export function parseTraceParent(value: unknown): TraceParent | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text.length < TRACEPARENT_LENGTH || text.length > TRACEPARENT_MAX_LENGTH) return undefined;
  // A later version may carry more fields after a "-"; version 00 carries none.
  if (text.length > TRACEPARENT_LENGTH && text[TRACEPARENT_LENGTH] !== "-") return undefined;
  const match = TRACEPARENT_V0.exec(text.slice(0, TRACEPARENT_LENGTH));
  if (match === null) return undefined;
  const [, version, traceId, parentId, flags] = match as unknown as [string, string, string, string, string];
  if (version === "ff") return undefined;
  if (version === "00" && text.length !== TRACEPARENT_LENGTH) return undefined;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId)) return undefined;
  return { traceId, parentId, flags };
}

/** A new random trace id: 32 lowercase hex digits, never all zero. */
export function newTraceId(): string {
  return nonZeroHex(16);
}

/** A new random span id: 16 lowercase hex digits, never all zero. */
export function newSpanId(): string {
  return nonZeroHex(8);
}

function nonZeroHex(bytes: number): string {
  for (;;) {
    const hex = randomBytes(bytes).toString("hex");
    if (!ALL_ZERO.test(hex)) return hex;
  }
}

/**
 * A `traceparent` header value (version 00) for a call made on behalf of this span, or
 * `undefined` when the ids are not well formed.
 */
export function formatTraceParent(traceId: unknown, spanId: unknown, flags: unknown = "01"): string | undefined {
  if (typeof traceId !== "string" || typeof spanId !== "string") return undefined;
  const text = `00-${traceId}-${spanId}-${typeof flags === "string" ? flags : "01"}`;
  return parseTraceParent(text) === undefined ? undefined : text;
}
