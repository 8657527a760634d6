/**
 * What an output format is to the line assembler: the static pieces it builds once (per level,
 * per logger, per call site) and the one function that joins them with a call's dynamic text.
 *
 * Fields always arrive as JSON members (`,"key":value`), the form the serializer, the field
 * layers and the transformer's precomputed text share; a format that is not JSON (logfmt)
 * converts them. Every format writes one line that ends in `\n` and holds no other line break.
 */

/** The formats that write lines themselves (`pretty` rewrites `json` lines; `auto` picks one). */
export type LineFormatName = "json" | "logfmt" | "ecs" | "otel" | "gcp";

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
 * How a format that is not JSON writes field members. JSON formats have none: the members the
 * serializer writes are theirs as they are.
 */
export interface MemberEncoding {
  /** JSON members (`,"key":value…`) in this encoding. Never throws. */
  members(json: string): string;
  /** {@link MemberEncoding.members} for a logger's lower field layers: the same few texts again and again, cached. */
  lower(json: string): string;
  /** The text written before the value of `key` (logfmt: ` key=`). */
  prefix(key: string): string;
  /** One JSON value's text in this encoding. */
  value(json: string): string;
}

/** An output format: its reserved keys and the builders of its static and dynamic pieces. */
export interface LineFormat {
  readonly name: LineFormatName;
  /** Keys this format writes itself: a user field with one of these names is written as `fields.<name>`. */
  readonly coreKeys: readonly string[];
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
