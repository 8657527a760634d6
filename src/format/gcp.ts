/**
 * The `gcp` format: Google Cloud Logging's structured JSON (the special fields its agents and
 * Cloud Run read: `severity`, `message`, `time`, `logging.googleapis.com/sourceLocation`,
 * `…/trace`, `…/spanId`, `…/trace_sampled`, `…/labels`, `httpRequest`), user fields beside them
 * (`jsonPayload`).
 *
 *   {"severity":"INFO","time":"2026-11-25T12:00:00.000Z","pid":7,"hostname":"web-1","name":"auth",
 *    "message":"User login","userId":1,"logging.googleapis.com/sourceLocation":{"file":"src/auth.ts","line":"12","function":"login"}}
 *
 * - An error (`err`) also gives the top-level `stack_trace` Error Reporting reads (its stack, as
 *   Google's own logging libraries write it), beside `serviceContext` (`LOGWEAVE_SERVICE` /
 *   `LOGWEAVE_VERSION`, else Cloud Run's `K_SERVICE` / `K_REVISION`).
 * - User fields Cloud Logging would read as entry metadata — `timestamp`, `timestampSeconds`,
 *   `timestampNanos`, `httpRequest`, `stack_trace`, `serviceContext`, `@type` and every
 *   `logging.googleapis.com/…` key — are renamed `fields.<name>` like the other core keys.
 * - Labels are set on purpose with `base.labels` (an object; values written as strings), beside
 *   `env` from `LOGWEAVE_ENV`: `logging.googleapis.com/labels`.
 * - The trace ids `logweave/http` puts in the context are `logging.googleapis.com/trace` (as
 *   `projects/<id>/traces/<trace>` when `GOOGLE_CLOUD_PROJECT` or `GCLOUD_PROJECT` names the
 *   project, the bare id otherwise: Cloud Logging then cannot link the entry to its trace),
 *   `…/spanId` and `…/trace_sampled`, as an active OpenTelemetry span's are.
 * - The request completion line of `logweave/http` is `httpRequest` (`requestMethod`,
 *   `requestUrl`, `status`, `latency`), and `route`.
 */
import { quote } from "../json-string.js";
import { serializeString } from "../serialize.js";
import { contextTrace, LowerCache } from "./context-trace.js";
import { errorParts } from "./error-members.js";
import { eachMember } from "./json-members.js";
import { OWN_MEMBER_KEYS, isoNow, member, type Identity, type LineFormat, type MemberEncoding, type SourceLocation, type TraceIds } from "./line-format.js";

/** Cloud Logging severities for pino's level numbers (trace has none of its own: DEBUG). */
const SEVERITY: Record<number, string> = { 10: "DEBUG", 20: "DEBUG", 30: "INFO", 40: "WARNING", 50: "ERROR", 60: "CRITICAL" };
const HEADS: string[] = [];
for (const [level, severity] of Object.entries(SEVERITY)) HEADS[Number(level)] = `{"severity":"${severity}","time":"`;

/** The prefix of Cloud Logging's special payload fields. */
export const GCP_SPECIAL_PREFIX = "logging.googleapis.com/";
const G = GCP_SPECIAL_PREFIX;

function env(): Readonly<Record<string, string | undefined>> {
  return typeof process !== "undefined" ? process.env : {};
}

/** The project trace names are made in: `GOOGLE_CLOUD_PROJECT`, else `GCLOUD_PROJECT`; `undefined` without either. */
export function gcpProject(): string | undefined {
  const e = env();
  return e.GOOGLE_CLOUD_PROJECT || e.GCLOUD_PROJECT || undefined;
}

function sourceLocation(location: SourceLocation | undefined): string {
  if (location === undefined || (location.file === undefined && location.line === undefined)) return "";
  // LogEntrySourceLocation.line is an int64: a string in proto3's JSON mapping.
  return member(
    G + "sourceLocation",
    '{"file":' + quote(String(location.file ?? "")) +
      ',"line":"' + (Number.isFinite(location.line) ? location.line : 0) + '"' +
      ',"function":' + quote(String(location.function ?? "<anonymous>")) + "}",
  );
}

function traceName(traceId: string): string {
  const project = gcpProject();
  return project ? quote(`projects/${project}/traces/${traceId}`) : '"' + traceId + '"';
}

function gcpTrace(ids: TraceIds): string {
  return member(G + "trace", traceName(ids.traceId)) + member(G + "spanId", '"' + ids.spanId + '"') +
    member(G + "trace_sampled", (ids.flags & 1) === 1 ? "true" : "false");
}

/** An error's members: itself under `err`, and its stack as the top-level `stack_trace`. */
function errorMembers(json: string): string {
  const stack = errorParts(json)?.stack;
  return '"err":' + json + (stack === undefined ? "" : member("stack_trace", stack));
}

function withErrors(json: string): string {
  if (json.indexOf('"err":') === -1) return json;
  let out = "";
  const stop = eachMember(json, (key, value, m) => {
    out += key === "err" ? "," + errorMembers(value) : m;
  });
  return out + json.slice(stop);
}

const lowerCache = new LowerCache((json: string): string => {
  const found = contextTrace(json);
  return withErrors(found === undefined ? json : found.rest + gcpTrace(found.ids));
});

const encoding: MemberEncoding = {
  members: withErrors,
  lower: (json) => lowerCache.get(json),
  prefix: (key) => "," + quote(key) + ":",
  special: (key) => (key === "err" ? errorMembers : undefined),
};

/** `logging.googleapis.com/labels` (a map of strings) from `base.labels` and `env`, or `""`. */
function labelsMember(identity: Identity): string {
  let out = "";
  const labels = identity.labels;
  if (labels !== undefined && labels.charCodeAt(0) === 0x7b && labels.length > 2) {
    eachMember("," + labels.slice(1, -1), (key, value) => {
      if (key === "env" && identity.env !== undefined) return;
      out += "," + quote(key) + ":" + (value.charCodeAt(0) === 0x22 ? value : quote(value));
    });
  }
  if (identity.env !== undefined) out += ',"env":' + (identity.env.charCodeAt(0) === 0x22 ? identity.env : quote(identity.env));
  return out === "" ? "" : member(G + "labels", "{" + out.slice(1) + "}");
}

/** `serviceContext` from the service identity, else Cloud Run's or App Engine's own variables, or `""`. */
function serviceContext(identity: Identity): string {
  const e = env();
  const fallbackService = e.K_SERVICE || e.GAE_SERVICE || e.FUNCTION_TARGET;
  const fallbackVersion = e.K_REVISION || e.GAE_VERSION;
  const service = identity.service ?? (fallbackService ? quote(fallbackService) : undefined);
  const version = identity.version ?? (fallbackVersion ? quote(fallbackVersion) : undefined);
  if (service === undefined && version === undefined) return "";
  const parts: string[] = [];
  if (service !== undefined) parts.push('"service":' + service);
  if (version !== undefined) parts.push('"version":' + version);
  return member("serviceContext", "{" + parts.join(",") + "}");
}

/** The `gcp` format. */
export const gcpFormat: LineFormat = {
  name: "gcp",
  opening: '{"severity":',
  coreKeys: [
    "severity", "time", "message", "name", "pid", "hostname", "serviceContext", "stack_trace", "@type",
    "timestamp", "timestampSeconds", "timestampNanos", "httpRequest",
  ],
  reservesKey: (key) => key.startsWith(G),
  identityKeys: ["pid", "hostname", "service", "version", "env", "labels"],
  encoding,
  ...OWN_MEMBER_KEYS,
  head: (level) => HEADS[level] ?? HEADS[30],
  mid(identity: Identity, name: string | undefined): string {
    let out = '"';
    if (identity.pid !== undefined) out += member("pid", identity.pid);
    if (identity.hostname !== undefined) out += member("hostname", identity.hostname);
    // serviceContext is what Error Reporting groups by; labels are indexed by Cloud Logging.
    out += serviceContext(identity) + labelsMember(identity);
    if (name !== undefined && name !== "") out += member("name", quote(name));
    return out + ',"message":';
  },
  message: (msgJson) => msgJson,
  site: (location, eventId) => sourceLocation(location) + (eventId === undefined ? "" : member("event_id", quote(eventId))),
  trace: gcpTrace,
  httpCompletion(c, cfg): string {
    // google.logging.type.HttpRequest: latency is a Duration ("0.012s"), status an int32.
    let request = "";
    if (c.method !== undefined) request += ',"requestMethod":' + serializeString(c.method, cfg);
    if (c.path !== undefined) request += ',"requestUrl":' + serializeString(c.path, cfg);
    if (c.status !== undefined) request += ',"status":' + c.status;
    request += ',"latency":"' + (Math.max(0, Math.round(c.durationMs * 1000)) / 1e6).toFixed(6).replace(/\.?0+$/, "") + 's"';
    return member("httpRequest", "{" + request.slice(1) + "}") + (c.route === undefined ? "" : member("route", serializeString(c.route, cfg)));
  },
  line: (head, midMsg, lower, fields, site, extra, trace) => head + isoNow() + midMsg + lower + fields + site + extra + trace + "}\n",
};
