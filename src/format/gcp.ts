/**
 * The `gcp` format: Google Cloud Logging's structured JSON (the special fields its agents and
 * Cloud Run read: `severity`, `message`, `time`, `logging.googleapis.com/sourceLocation`,
 * `…/trace`, `…/spanId`, `…/trace_sampled`, `…/labels`), user fields beside them (`jsonPayload`).
 *
 *   {"severity":"INFO","time":"2026-11-25T12:00:00.000Z","pid":7,"hostname":"web-1","name":"auth",
 *    "message":"User login","userId":1,"logging.googleapis.com/sourceLocation":{"file":"src/auth.ts","line":"12","function":"login"}}
 *
 * The trace is written as `projects/<id>/traces/<trace>` when `GOOGLE_CLOUD_PROJECT` (or
 * `GCLOUD_PROJECT`) names the project, as the bare trace id otherwise.
 */
import { quote } from "../json-string.js";
import { isoNow, member, type Identity, type LineFormat, type SourceLocation, type TraceIds } from "./line-format.js";

/** Cloud Logging severities for pino's level numbers (trace has none of its own: DEBUG). */
const SEVERITY: Record<number, string> = { 10: "DEBUG", 20: "DEBUG", 30: "INFO", 40: "WARNING", 50: "ERROR", 60: "CRITICAL" };
const HEADS: string[] = [];
for (const [level, severity] of Object.entries(SEVERITY)) HEADS[Number(level)] = `{"severity":"${severity}","time":"`;

const G = "logging.googleapis.com/";

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
  const env = typeof process !== "undefined" ? process.env : {};
  const project = env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT;
  return project ? quote(`projects/${project}/traces/${traceId}`) : '"' + traceId + '"';
}

/** The `gcp` format. */
export const gcpFormat: LineFormat = {
  name: "gcp",
  coreKeys: [
    "severity", "time", "message", "name", "pid", "hostname", "serviceContext",
    G + "sourceLocation", G + "trace", G + "spanId", G + "trace_sampled", G + "labels",
  ],
  identityKeys: ["pid", "hostname", "service", "version", "env"],
  eventKey: "event_id",
  sampledKey: "sampled_out",
  traceKeys: [],
  head: (level) => HEADS[level] ?? HEADS[30],
  mid(identity: Identity, name: string | undefined): string {
    let out = '"';
    if (identity.pid !== undefined) out += member("pid", identity.pid);
    if (identity.hostname !== undefined) out += member("hostname", identity.hostname);
    // serviceContext is what Error Reporting groups by; labels are indexed by Cloud Logging.
    if (identity.service !== undefined || identity.version !== undefined) {
      const parts: string[] = [];
      if (identity.service !== undefined) parts.push('"service":' + identity.service);
      if (identity.version !== undefined) parts.push('"version":' + identity.version);
      out += member("serviceContext", "{" + parts.join(",") + "}");
    }
    if (identity.env !== undefined) out += member(G + "labels", '{"env":' + (identity.env.startsWith('"') ? identity.env : quote(identity.env)) + "}");
    if (name !== undefined && name !== "") out += member("name", quote(name));
    return out + ',"message":';
  },
  message: (msgJson) => msgJson,
  site: (location, eventId) => sourceLocation(location) + (eventId === undefined ? "" : member("event_id", quote(eventId))),
  trace: (ids: TraceIds) =>
    member(G + "trace", traceName(ids.traceId)) + member(G + "spanId", '"' + ids.spanId + '"') +
    member(G + "trace_sampled", (ids.flags & 1) === 1 ? "true" : "false"),
  line: (head, midMsg, lower, fields, site, extra, trace) => head + isoNow() + midMsg + lower + fields + site + extra + trace + "}\n",
};
