/**
 * The `otel` format: each line is one OTLP/JSON `ExportLogsServiceRequest` — what the
 * OpenTelemetry Collector's `otlpjsonfile` receiver reads, one request per line, with no custom
 * operators — holding one resource (the service and process), one scope (the logger name) and
 * one `LogRecord`. Field mapping, as the OTLP transport's (`src/transports/otlp-records.ts`):
 *
 *   time → timeUnixNano, observedTimeUnixNano   level → severityNumber, severityText ("info")
 *   msg → body.stringValue                       name → scope.name ("logweave" for the root logger)
 *   fields → attributes (KeyValue / AnyValue)    err → exception.type / .message / .stacktrace
 *   call site → code.file.path, code.line.number, code.column.number, code.function.name
 *   service, version, env, pid, hostname, OTEL_RESOURCE_ATTRIBUTES → resource attributes
 *   active span, or the ids `logweave/http` puts in the context → traceId, spanId, flags
 *   logweave/http's completion line → http.request.method, url.path, http.route,
 *     http.response.status_code (OpenTelemetry's HTTP semantic conventions), duration_ms
 *
 *   {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
 *    "scopeLogs":[{"scope":{"name":"auth"},"logRecords":[{"body":{"stringValue":"User login"},
 *    "attributes":[{"key":"userId","value":{"intValue":"1"}}],"timeUnixNano":"1732521600000000000",
 *    "observedTimeUnixNano":"1732521600000000000","severityNumber":9,"severityText":"info"}]}]}]}
 *
 * Member order inside a message does not matter to OTLP/JSON readers; the record's static parts
 * come where the line assembler has them (the severity, a per-level piece, closes the record).
 */
import { quote } from "../json-string.js";
import { serializeString } from "../serialize.js";
import { LEVEL_NAMES, LEVEL_VALUES } from "../levels.js";
import { defaultServiceName, ROOT_SCOPE, severityOf } from "../transports/otlp-records.js";
import { otlpEnvironment } from "../transports/otlp-env.js";
import { contextTrace, LowerCache } from "./context-trace.js";
import { errorParts } from "./error-members.js";
import { eachMember } from "./json-members.js";
import { OWN_MEMBER_KEYS, type Identity, type LineFormat, type MemberEncoding, type SourceLocation, type TraceIds } from "./line-format.js";
import { anyValueOf, keyValue, keyValuesOf, textKeyValue } from "./otel-values.js";

const TAILS: string[] = [];
for (const name of LEVEL_NAMES) {
  const s = severityOf(LEVEL_VALUES[name]);
  TAILS[LEVEL_VALUES[name]] = `,"severityNumber":${s.number},"severityText":"${s.text}"}]}]}]}\n`;
}

// An escaped backslash, or the escape of a surrogate code unit (the serializer escapes only lone ones).
const LONE_SURROGATE = /\\(\\|u[dD][89a-fA-F][0-9a-fA-F]{2})/g;

function replaceSurrogate(escape: string): string {
  return escape === "\\\\" ? escape : "\\ufffd";
}

/**
 * JSON text with each escaped lone surrogate as U+FFFD: protobuf strings are UTF-8. Applied where
 * text enters a line (values, keys, the message, the precomputed parts, each once), never to the
 * whole line, which would flatten and scan it on every call.
 */
function utf8Safe(json: string): string {
  return json.indexOf("\\ud") === -1 && json.indexOf("\\uD") === -1 ? json : json.replace(LONE_SURROGATE, replaceSurrogate);
}

function codeAttributes(location: SourceLocation | undefined): string {
  if (location === undefined || (location.file === undefined && location.line === undefined)) return "";
  return (
    textKeyValue("code.file.path", quote(String(location.file ?? ""))) +
    textKeyValue("code.line.number", String(Number.isFinite(location.line) ? location.line : 0)) +
    textKeyValue("code.column.number", String(Number.isFinite(location.column) ? location.column : 0)) +
    textKeyValue("code.function.name", quote(String(location.function ?? "<anonymous>")))
  );
}

/** An error as the OpenTelemetry `exception.*` attributes; its other properties stay under `err`. */
function errorAttributes(json: string): string {
  const parts = errorParts(json);
  if (parts === undefined) return keyValue('"err"', json).slice(1);
  let out = "";
  if (parts.type !== undefined) out += textKeyValue("exception.type", parts.type);
  if (parts.message !== undefined) out += textKeyValue("exception.message", parts.message);
  if (parts.stack !== undefined) out += textKeyValue("exception.stacktrace", parts.stack);
  const rest = (parts.code === undefined ? "" : ',"code":' + parts.code) + parts.rest;
  if (rest !== "" || out === "") out += keyValue('"err"', "{" + rest.slice(1) + "}");
  return out.slice(1);
}

/** Members as attributes, `err` as `exception.*`. */
function attributesOf(json: string): string {
  if (json.indexOf('"err":') === -1) return keyValuesOf(json);
  let out = "";
  const stop = eachMember(json, (key, value) => {
    out += key === "err" ? "," + errorAttributes(value) : keyValue(quote(key), value);
  });
  return stop === json.length ? out : out + keyValue('"fields"', quote(json.slice(stop)));
}

function recordTrace(ids: TraceIds): string {
  return ',"traceId":"' + ids.traceId + '","spanId":"' + ids.spanId + '","flags":' + (ids.flags & 0xff);
}

/** A lower layer's attributes, and its record-level trace members when it holds `logweave/http`'s ids. */
interface LowerParts {
  readonly attributes: string;
  readonly trace: string;
}

const lowerCache = new LowerCache((json: string): LowerParts => {
  const safe = utf8Safe(json);
  const found = contextTrace(safe);
  return found === undefined ? { attributes: attributesOf(safe), trace: "" } : { attributes: attributesOf(found.rest), trace: recordTrace(found.ids) };
});

// The lower layers are converted in `line`, which also takes their trace ids out of the attributes.
const encoding: MemberEncoding = {
  members: (json) => attributesOf(utf8Safe(json)),
  lower: (json) => json,
  prefix: (key) => ',{"key":' + utf8Safe(quote(key)) + ',"value":',
  value: (json) => anyValueOf(utf8Safe(json)) + "}",
  special: (key) => (key === "err" ? (json: string) => errorAttributes(utf8Safe(json)) : undefined),
};

/** The resource's attributes: `OTEL_RESOURCE_ATTRIBUTES` / `OTEL_SERVICE_NAME`, then the identity, as the OTLP transport builds them. */
function resourceAttributes(identity: Identity): string {
  const fromEnv = typeof process !== "undefined" ? otlpEnvironment(process.env).resource : {};
  const seen = new Set<string>();
  let out = "";
  for (const [key, value] of Object.entries(fromEnv)) {
    seen.add(key);
    out += textKeyValue(key, quote(value));
  }
  const add = (key: string, json: string | undefined): void => {
    if (json === undefined || seen.has(key)) return;
    seen.add(key);
    out += textKeyValue(key, json);
  };
  add("service.name", identity.service);
  add("service.version", identity.version);
  add("deployment.environment.name", identity.env);
  add("service.name", quote(defaultServiceName()));
  add("host.name", identity.hostname);
  add("process.pid", identity.pid);
  return out.slice(1);
}

/** The `otel` format. */
export const otelFormat: LineFormat = {
  name: "otel",
  opening: '{"resourceLogs":[',
  // Only attribute keys can collide: the top-level keys hold no user fields.
  coreKeys: ["code.file.path", "code.line.number", "code.column.number", "code.function.name", "exception.type", "exception.message", "exception.stacktrace"],
  identityKeys: ["pid", "hostname", "service", "version", "env"],
  encoding,
  bareFields: true,
  ...OWN_MEMBER_KEYS,
  // The severity closes the record (see `line`).
  head: (level) => TAILS[level] ?? TAILS[30],
  mid(identity: Identity, name: string | undefined): string {
    return utf8Safe(
      '{"resourceLogs":[{"resource":{"attributes":[' + resourceAttributes(identity) + "]}," +
      '"scopeLogs":[{"scope":{"name":' + quote(name === undefined || name === "" ? ROOT_SCOPE : name) + '},"logRecords":[{"body":',
    );
  },
  message: (msgJson) => '{"stringValue":' + utf8Safe(msgJson) + "}",
  // Without its leading comma: when there is one, the site opens the attributes list.
  site: (location, eventId) => utf8Safe((codeAttributes(location) + (eventId === undefined ? "" : textKeyValue("event_id", quote(eventId)))).slice(1)),
  trace: recordTrace,
  httpCompletion(c, cfg): string {
    // The OpenTelemetry HTTP semantic conventions (stable): method, path, route, status.
    let out = "";
    if (c.method !== undefined) out += ',"http.request.method":' + serializeString(c.method, cfg);
    if (c.path !== undefined) out += ',"url.path":' + serializeString(c.path, cfg);
    if (c.route !== undefined) out += ',"http.route":' + serializeString(c.route, cfg);
    if (c.status !== undefined) out += ',"http.response.status_code":' + c.status;
    return utf8Safe(out + ',"duration_ms":' + c.durationMs);
  },
  line(tail, midMsg, lower, fields, site, extra, trace, fieldsBare): string {
    let lowerTrace = "";
    let lowerAttributes = "";
    if (lower !== "") {
      const parts = lowerCache.get(lower);
      lowerAttributes = parts.attributes;
      // An active span's ids win over the context's (with a span, logweave/http sets none).
      if (trace === "") lowerTrace = parts.trace;
    }
    // The attributes open with the first piece that has members, cut of its leading comma; the
    // site and the lower layers are precomputed strings, cheap to cut. Fields are built per
    // call: cutting them would copy the whole text, so call sites hand them over already bare.
    let attributes: string;
    if (site !== "") attributes = site + lowerAttributes + fields + extra;
    else if (lowerAttributes !== "") attributes = lowerAttributes.slice(1) + fields + extra;
    else if (fields !== "") attributes = (fieldsBare === true ? fields : fields.slice(1)) + extra;
    else attributes = extra.slice(1);
    const ms = Date.now();
    // Every piece is already UTF-8-safe (see utf8Safe): no scan of the whole line.
    return midMsg + ',"attributes":[' + attributes + "]" + trace + lowerTrace +
      ',"timeUnixNano":"' + ms + '000000","observedTimeUnixNano":"' + ms + '000000"' + tail;
  },
};

