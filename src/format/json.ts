/**
 * The `json` format (the default): pino-compatible lines.
 *
 *   {"level":30,"time":1732521600000,"pid":7,"hostname":"web-1","name":"auth","msg":"User login","userId":1}
 */
import { quote } from "../json-string.js";
import { OWN_MEMBER_KEYS, flagsHex, member, type Identity, type LineFormat, type SourceLocation, type TraceIds } from "./line-format.js";

/** `,"name":"…"` for a logger name, or nothing for the unnamed root logger. */
function nameMember(name: string | undefined): string {
  return name === undefined || name === "" ? "" : ',"name":' + quote(name);
}

/** `,"caller":{"file":…,"line":…,"column":…,"function":…}`, or `""` without a location. */
export function callerMember(location: SourceLocation | undefined): string {
  if (location === undefined || (location.file === undefined && location.line === undefined)) return "";
  return (
    ',"caller":{"file":' + quote(String(location.file ?? "")) +
    ',"line":' + (Number.isFinite(location.line) ? location.line : 0) +
    ',"column":' + (Number.isFinite(location.column) ? location.column : 0) +
    ',"function":' + quote(String(location.function ?? "<anonymous>")) + "}"
  );
}

const HEADS: string[] = [];

/** The `json` format. */
export const jsonFormat: LineFormat = {
  name: "json",
  opening: '{"level":',
  coreKeys: ["level", "time", "pid", "hostname", "name", "msg", "caller"],
  identityKeys: ["pid", "hostname"],
  ...OWN_MEMBER_KEYS,
  head: (level) => (HEADS[level] ??= `{"level":${level},"time":`),
  mid(identity: Identity, name: string | undefined): string {
    let out = "";
    if (identity.pid !== undefined) out += member("pid", identity.pid);
    if (identity.hostname !== undefined) out += member("hostname", identity.hostname);
    return out + nameMember(name) + ',"msg":';
  },
  message: (msgJson) => msgJson,
  site: (location, eventId) => callerMember(location) + (eventId === undefined ? "" : member("event_id", quote(eventId))),
  trace: (ids: TraceIds) =>
    member("trace_id", '"' + ids.traceId + '"') + member("span_id", '"' + ids.spanId + '"') + member("trace_flags", '"' + flagsHex(ids.flags) + '"'),
  line: (head, midMsg, lower, fields, site, extra, trace) => head + Date.now() + midMsg + lower + fields + site + extra + trace + "}\n",
};
