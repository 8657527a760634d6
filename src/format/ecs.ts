/**
 * The `ecs` format: Elastic Common Schema field names, as the ecs-logging libraries write them
 * (dotted names at the top level; user fields beside them).
 *
 *   {"log.level":"info","@timestamp":"2026-11-25T12:00:00.000Z","ecs.version":"8.11.0","process.pid":7,
 *    "host.hostname":"web-1","service.name":"checkout","log.logger":"auth","message":"User login","userId":1}
 */
import { quote } from "../json-string.js";
import { LEVEL_NAMES, LEVEL_VALUES } from "../levels.js";
import { isoNow, member, type Identity, type LineFormat, type SourceLocation, type TraceIds } from "./line-format.js";

/** The ECS version the field names follow. */
export const ECS_VERSION = "8.11.0";

const HEADS: string[] = [];
for (const name of LEVEL_NAMES) HEADS[LEVEL_VALUES[name]] = `{"log.level":"${name}","@timestamp":"`;

function origin(location: SourceLocation | undefined): string {
  if (location === undefined || (location.file === undefined && location.line === undefined)) return "";
  return (
    member("log.origin.file.name", quote(String(location.file ?? ""))) +
    member("log.origin.file.line", String(Number.isFinite(location.line) ? location.line : 0)) +
    member("log.origin.function", quote(String(location.function ?? "<anonymous>")))
  );
}

/** The `ecs` format. */
export const ecsFormat: LineFormat = {
  name: "ecs",
  coreKeys: [
    "@timestamp", "log.level", "message", "ecs.version", "log.logger", "process.pid", "host.hostname",
    "service.name", "service.version", "service.environment",
    "log.origin.file.name", "log.origin.file.line", "log.origin.function",
  ],
  identityKeys: ["pid", "hostname", "service", "version", "env"],
  eventKey: "event.code",
  sampledKey: "sampled_out",
  traceKeys: ["trace.id", "span.id"],
  head: (level) => HEADS[level] ?? HEADS[30],
  mid(identity: Identity, name: string | undefined): string {
    let out = '"' + member("ecs.version", '"' + ECS_VERSION + '"');
    if (identity.pid !== undefined) out += member("process.pid", identity.pid);
    if (identity.hostname !== undefined) out += member("host.hostname", identity.hostname);
    if (identity.service !== undefined) out += member("service.name", identity.service);
    if (identity.version !== undefined) out += member("service.version", identity.version);
    if (identity.env !== undefined) out += member("service.environment", identity.env);
    if (name !== undefined && name !== "") out += member("log.logger", quote(name));
    return out + ',"message":';
  },
  message: (msgJson) => msgJson,
  site: (location, eventId) => origin(location) + (eventId === undefined ? "" : member("event.code", quote(eventId))),
  trace: (ids: TraceIds) => member("trace.id", '"' + ids.traceId + '"') + member("span.id", '"' + ids.spanId + '"'),
  line: (head, midMsg, lower, fields, site, extra, trace) => head + isoNow() + midMsg + lower + fields + site + extra + trace + "}\n",
};
