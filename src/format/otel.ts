/**
 * The `otel` format: the OpenTelemetry log data model as one JSON object per line. The service
 * and process go in `resource`, the logger name is the `instrumentationScope`, user fields are
 * `attributes` (the call site as the `code.*` semantic-convention attributes).
 *
 *   {"severityNumber":9,"severityText":"INFO","timeUnixNano":"1732521600000000000",
 *    "resource":{"service.name":"checkout","process.pid":7,"host.name":"web-1"},
 *    "instrumentationScope":{"name":"auth"},"body":"User login","attributes":{"userId":1},
 *    "traceId":"…","spanId":"…","flags":1}
 */
import { quote } from "../json-string.js";
import { LEVEL_NAMES, LEVEL_VALUES } from "../levels.js";
import { member, type Identity, type LineFormat, type SourceLocation, type TraceIds } from "./line-format.js";

/** OpenTelemetry severity numbers for pino's levels (the first number of each range). */
const SEVERITY_NUMBER: Record<number, number> = { 10: 1, 20: 5, 30: 9, 40: 13, 50: 17, 60: 21 };
const HEADS: string[] = [];
for (const name of LEVEL_NAMES) {
  const level = LEVEL_VALUES[name];
  HEADS[level] = `{"severityNumber":${SEVERITY_NUMBER[level]},"severityText":"${name.toUpperCase()}","timeUnixNano":"`;
}

function codeAttributes(location: SourceLocation | undefined): string {
  if (location === undefined || (location.file === undefined && location.line === undefined)) return "";
  return (
    member("code.file.path", quote(String(location.file ?? ""))) +
    member("code.line.number", String(Number.isFinite(location.line) ? location.line : 0)) +
    member("code.column.number", String(Number.isFinite(location.column) ? location.column : 0)) +
    member("code.function.name", quote(String(location.function ?? "<anonymous>")))
  );
}

/** `{…}` from JSON members (each with its leading comma). */
function objectOf(members: string): string {
  return members === "" ? "{}" : "{" + members.slice(1) + "}";
}

/** The `otel` format. */
export const otelFormat: LineFormat = {
  name: "otel",
  // Only attribute keys can collide: the top-level keys hold no user fields.
  coreKeys: ["code.file.path", "code.line.number", "code.column.number", "code.function.name"],
  identityKeys: ["pid", "hostname", "service", "version", "env"],
  bareFields: true,
  eventKey: "event_id",
  sampledKey: "sampled_out",
  traceKeys: [],
  head: (level) => HEADS[level] ?? HEADS[30],
  mid(identity: Identity, name: string | undefined): string {
    let resource = "";
    if (identity.service !== undefined) resource += member("service.name", identity.service);
    if (identity.version !== undefined) resource += member("service.version", identity.version);
    if (identity.env !== undefined) resource += member("deployment.environment.name", identity.env);
    if (identity.pid !== undefined) resource += member("process.pid", identity.pid);
    if (identity.hostname !== undefined) resource += member("host.name", identity.hostname);
    // Milliseconds to nanoseconds: six zeros close the time string the head opened.
    let out = '000000"' + member("resource", objectOf(resource));
    if (name !== undefined && name !== "") out += member("instrumentationScope", '{"name":' + quote(name) + "}");
    return out + ',"body":';
  },
  message: (msgJson) => msgJson,
  // Without its leading comma: when there is one, the site opens the attributes object.
  site: (location, eventId) => (codeAttributes(location) + (eventId === undefined ? "" : member("event_id", quote(eventId)))).slice(1),
  trace: (ids: TraceIds) => member("traceId", '"' + ids.traceId + '"') + member("spanId", '"' + ids.spanId + '"') + member("flags", String(ids.flags & 0xff)),
  line(head, midMsg, lower, fields, site, extra, trace, fieldsBare): string {
    // The attributes open with the first piece that has members, cut of its leading comma; the
    // site and the lower layers are flat precomputed strings, cheap to cut. Fields are built per
    // call: cutting them would copy the whole text, so call sites hand them over already bare.
    let attributes: string;
    if (site !== "") attributes = site + lower + fields + extra;
    else if (lower !== "") attributes = lower.slice(1) + fields + extra;
    else if (fields !== "") attributes = (fieldsBare === true ? fields : fields.slice(1)) + extra;
    else attributes = extra.slice(1);
    return head + Date.now() + midMsg + ',"attributes":{' + attributes + "}" + trace + "}\n";
  },
};
