/**
 * What an output format is to the line assembler: the static pieces it builds once (per level,
 * per logger, per call site) and the one function that joins them with a call's dynamic text.
 *
 * Fields always arrive as JSON members (`,"key":value`), the form the serializer, the field
 * layers and the transformer's precomputed text share; a format that is not JSON (logfmt)
 * converts them. Every format writes one line that ends in `\n` and holds no other line break,
 * except `github`, which writes pretty text (an error's stack on lines of its own) and its
 * workflow annotations.
 */
import type { SerializeConfig } from "../serialize.js";

/** The formats that write lines themselves (`pretty` rewrites `json` lines; `auto` picks one). */
export type LineFormatName = "json" | "logfmt" | "ecs" | "otel" | "gcp" | "github";

/**
 * The process-wide fields a format may write in its own places (`pid` and `hostname`, and the
 * service fields from the environment), as JSON text, already serialized.
 */
export interface Identity {
  readonly pid?: string;
  readonly hostname?: string;
  readonly service?: string;
  readonly version?: string;
  readonly env?: string;
  /**
   * `base.labels`, set on purpose by the application: the entry labels in `gcp`
   * (`logging.googleapis.com/labels`), ECS `labels` in `ecs`. Other formats leave it a base field.
   */
  readonly labels?: string;
}

/** The identity keys a format either places itself or leaves to the base field layer. */
export type IdentityKey = keyof Identity;

/** The active span of the current context, as OpenTelemetry gives it (ids checked: lowercase hex). */
export interface TraceIds {
  /** 32 hex digits. */
  readonly traceId: string;
  /** 16 hex digits. */
  readonly spanId: string;
  /** W3C trace flags (bit 0: sampled). */
  readonly flags: number;
}

/** Where a call came from, as the transformer recorded it. */
export interface SourceLocation {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly function: string | undefined;
}

/**
 * How a format writes field members when it does not take the serializer's JSON members as they
 * are: a format that is not JSON (logfmt), OTLP's KeyValue lists (otel), or a JSON format that
 * writes a few keys its own way (`err` as ECS `error.*`; the ids `logweave/http` puts in the
 * context as native trace fields). `json` has none: its members are the serializer's.
 */
export interface MemberEncoding {
  /** JSON members (`,"key":value…`) in this encoding. Never throws. */
  members(json: string): string;
  /** {@link MemberEncoding.members} for a logger's lower field layers: the same few texts again and again, cached. */
  lower(json: string): string;
  /** The text written before the value of `key` (logfmt: ` key=`). */
  prefix(key: string): string;
  /** One JSON value's text in this encoding; absent when values are written as the serializer writes them. */
  value?(json: string): string;
  /**
   * For a key this format writes its own way whatever comes first (`err`), the writer of its
   * members from the value's JSON: one or more members, the first without its leading comma
   * (the call site writes the comma), never `""`. `undefined` for other keys.
   */
  special?(key: string): ((json: string) => string) | undefined;
}

/** An output format: its reserved keys and the builders of its static and dynamic pieces. */
export interface LineFormat {
  readonly name: LineFormatName;
  /**
   * The text every line of this format starts with (`{"level":` for `json`), by which a line's
   * format is recognized (the drop report is written in the format of the lines around it);
   * `undefined` for a format whose lines are not machine-read (`github`).
   */
  readonly opening: string | undefined;
  /** Keys this format writes itself: a user field with one of these names is written as `fields.<name>`. */
  readonly coreKeys: readonly string[];
  /**
   * Further keys this format keeps for itself by rule rather than by name (ECS: every key under
   * an ECS field set; gcp: every `logging.googleapis.com/` key), renamed as core keys are.
   */
  reservesKey?(key: string): boolean;
  /**
   * The members of the request completion line of `logweave/http` in this format's own fields
   * (ECS `http.*`, `url.*`, `event.duration`; gcp `httpRequest`), JSON, strings serialized with
   * `cfg`; absent: written as ordinary fields (`method`, `route`, `path`, `status`, `duration_ms`).
   */
  httpCompletion?(c: HttpCompletionFields, cfg: SerializeConfig): string;
  /** Identity keys this format writes in its own places; the others stay ordinary base fields. */
  readonly identityKeys: readonly IdentityKey[];
  /** The member encoding of a format that is not JSON; `undefined` for JSON formats. */
  readonly encoding?: MemberEncoding;
  /**
   * The format opens a JSON object with the members (otel's `attributes`), so it cuts the leading
   * comma of the first. Set, it asks the assembler for a call site's fields without that comma
   * when nothing comes before them (no site text, no lower layer): `line`'s `fieldsBare`.
   */
  readonly bareFields?: boolean;
  /** Key of the call-site event id. */
  readonly eventKey: string;
  /** Key of the count of calls that sampling or the rate limit left out before this line. */
  readonly sampledKey: string;
  /** Keys of the trace members, reserved when tracing is on. */
  readonly traceKeys: readonly string[];
  /** The text before the time, for one level. */
  head(level: number): string;
  /** Everything between the time and the message text for one logger: identity, name, message key. */
  mid(identity: Identity, name: string | undefined): string;
  /** The message in this format, from its JSON string literal. */
  message(msgJson: string): string;
  /**
   * The static text a call site adds (caller location, event id), from its parts; `""` for none.
   * Built once per site per configuration; passed back to {@link LineFormat.line} as `site`.
   */
  site(location: SourceLocation | undefined, eventId: string | undefined): string;
  /** The trace members in this format, for {@link LineFormat.line}'s `trace`. */
  trace(ids: TraceIds): string;
  /**
   * The whole line: `head` (from {@link LineFormat.head}) + the current time + `midMsg` (mid and
   * message) + the field members (the lower layers' `lower`, then the call's `fields`) + the site
   * text + `extra` (members only some lines have, e.g. the sampled-out count) + the trace text,
   * closed, ending in `\n`. Members are in the format's {@link LineFormat.encoding} (JSON when it
   * has none). The pieces come separately so a format can cut one without flattening the others.
   * `fieldsBare`: `fields` comes without its leading comma (see {@link LineFormat.bareFields}).
   */
  line(head: string, midMsg: string, lower: string, fields: string, site: string, extra: string, trace: string, fieldsBare?: boolean): string;
}

/** What the request completion line of `logweave/http` says (see `src/http/completion.ts`). */
export interface HttpCompletionFields {
  readonly method: string | undefined;
  readonly route: string | undefined;
  /** The path of the request target (no query). */
  readonly path: string | undefined;
  /** The response status, when headers were sent. */
  readonly status: number | undefined;
  /** Milliseconds, to the microsecond. */
  readonly durationMs: number;
  /** False when the client went away before the response ended. */
  readonly finished: boolean;
}

/** A JSON member `,"key":value` for a key known to need no escaping. */
export function member(key: string, valueJson: string): string {
  return ',"' + key + '":' + valueJson;
}

/** The current time as an ISO 8601 string, computed once per millisecond (many lines share one). */
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
let lastMs = -1;
let lastIso = "";

/** Trace flags as two hex digits (`"01"` when sampled), as W3C traceparent writes them. */
export function flagsHex(flags: number): string {
  return (flags & 0xff).toString(16).padStart(2, "0");
}

/**
 * The keys of logweave's own members (event id, sampled-out count, trace) in every format whose
 * platform has no names of its own for them.
 */
export const OWN_MEMBER_KEYS: Pick<LineFormat, "eventKey" | "sampledKey" | "traceKeys"> = {
  eventKey: "event_id",
  sampledKey: "sampled_out",
  traceKeys: ["trace_id", "span_id", "trace_flags"],
};
