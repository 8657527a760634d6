/**
 * The `ecs` format: Elastic Common Schema, as the ecs-logging libraries write it (dotted names at
 * the top level, `@timestamp`, `log.level` and `message` first, as the ecs-logging spec orders
 * them), user fields beside them.
 *
 *   {"@timestamp":"2026-11-25T12:00:00.000Z","log.level":"info","message":"User login","ecs.version":"8.11.0",
 *    "process.pid":7,"host.hostname":"web-1","service.name":"checkout","event.dataset":"checkout.log",
 *    "log.logger":"auth","userId":1}
 *
 * - An error (`err`) is ECS `error` (`type`, `message`, `stack_trace`, `code`); its cause and
 *   other properties stay under `err`, a custom field, so nothing is lost.
 * - A user field whose name starts with an ECS top-level name (`host`, `host.name`, `log`,
 *   `error`, `event`, `url`, `user`, `labels`, `message`… every field set of the ECS version
 *   written) or with `fields` is renamed `fields.<name>`, dots in `<name>` written `%2E` (and
 *   `%` as `%25`) so renamed fields never nest: it can neither clash with an ECS field's type (a
 *   document Elasticsearch rejects) nor pose as logweave's own metadata. So is a name
 *   Elasticsearch refuses (empty, blank, or with an empty part between dots: `""`, `"a."`, `"a..b"`).
 * - `base.labels`, set on purpose, is ECS `labels` (keys with `.`, `*`, `\` made `_`, values strings).
 * - The trace ids `logweave/http` puts in the context are `trace.id` / `span.id`.
 * - The request completion line of `logweave/http` is `http.request.method`, `url.path`,
 *   `http.response.status_code`, `event.duration` (nanoseconds), and `route`.
 */
import { quote } from "../json-string.js";
import { LEVEL_NAMES, LEVEL_VALUES } from "../levels.js";
import { serializeString } from "../serialize.js";
import { contextTrace, LowerCache } from "./context-trace.js";
import { errorParts } from "./error-members.js";
import { eachMember, stringOf } from "./json-members.js";
import { isoNow, member, type Identity, type LineFormat, type MemberEncoding, type SourceLocation, type TraceIds } from "./line-format.js";

/** The ECS version the field names follow (test/vendor/ecs holds its field reference). */
export const ECS_VERSION = "8.11.0";

/**
 * The top-level names of ECS 8.11.0 (every field set, and the base fields `@timestamp`,
 * `labels`, `message`, `tags`): a user field under one of them is renamed.
 */
export const ECS_TOP_LEVEL_NAMES: readonly string[] = [
  "@timestamp", "agent", "client", "cloud", "container", "data_stream", "destination", "device", "dll", "dns", "ecs",
  "email", "error", "event", "faas", "file", "group", "host", "http", "labels", "log", "message", "network",
  "observer", "orchestrator", "organization", "package", "process", "registry", "related", "rule", "server",
  "service", "source", "span", "tags", "threat", "tls", "trace", "transaction", "url", "user", "user_agent",
  "vulnerability",
];

// `fields` is where renamed user fields go: a user's own `fields` goes there too, so it stays an object.
const RESERVED = new Set([...ECS_TOP_LEVEL_NAMES, "fields"]);

const HEADS: string[] = [];
for (const name of LEVEL_NAMES) HEADS[LEVEL_VALUES[name]] = `","log.level":"${name}"`;

const MESSAGE = ',"message":';

function origin(location: SourceLocation | undefined): string {
  if (location === undefined || (location.file === undefined && location.line === undefined)) return "";
  return (
    member("log.origin.file.name", quote(String(location.file ?? ""))) +
    member("log.origin.file.line", String(Number.isFinite(location.line) ? location.line : 0)) +
    member("log.origin.function", quote(String(location.function ?? "<anonymous>")))
  );
}

/** An error's members: ECS `error`, then what ECS has no field for under `err`. */
function errorMembers(json: string): string {
  const parts = errorParts(json);
  if (parts === undefined) return '"err":' + json;
  let error = "";
  if (parts.type !== undefined) error += ',"type":' + parts.type;
  if (parts.message !== undefined) error += ',"message":' + parts.message;
  if (parts.stack !== undefined) error += ',"stack_trace":' + parts.stack;
  // error.code is a keyword: a numeric code is written as its text.
  if (parts.code !== undefined) error += ',"code":' + (parts.code.charCodeAt(0) === 0x22 ? parts.code : quote(parts.code));
  if (error === "") return '"err":' + json;
  return '"error":{' + error.slice(1) + "}" + (parts.rest === "" ? "" : ',"err":{' + parts.rest.slice(1) + "}");
}

const RENAMED = "fields.";

/**
 * A renamed user key as written: the part after `fields.` with `.` (and `%`) percent-encoded, so
 * that renamed keys never nest in one another — `host` and `host.name` would otherwise be a value
 * and an object at `fields.host`, a document Elasticsearch rejects.
 */
function ecsKey(key: string): string {
  if (!key.startsWith(RENAMED)) return key;
  const rest = key.slice(RENAMED.length);
  if (rest === "") return RENAMED + "%";
  const encoded = rest.indexOf(".") === -1 && rest.indexOf("%") === -1 ? rest : rest.replace(/%/g, "%25").replace(/\./g, "%2E");
  // Elasticsearch refuses a name that is only whitespace.
  return RENAMED + (encoded.trim() === "" ? encodeURIComponent(encoded) : encoded);
}

/** True for a name Elasticsearch refuses: empty, or with an empty or blank part between dots. */
function unmappable(key: string): boolean {
  if (key === "" || key.charCodeAt(0) === 0x2e || key.charCodeAt(key.length - 1) === 0x2e || key.indexOf("..") !== -1) return true;
  return key.trim() === "" || (key.indexOf(".") !== -1 && key.split(".").some((part) => part.trim() === ""));
}

/** Members with `err` written as ECS `error`, and renamed keys as {@link ecsKey} writes them. */
function ecsMembers(json: string): string {
  if (json.indexOf('"err":') === -1 && json.indexOf('"' + RENAMED) === -1) return json;
  let out = "";
  const stop = eachMember(json, (key, value, m) => {
    if (key === "err") out += "," + errorMembers(value);
    else if (key.startsWith(RENAMED)) out += "," + quote(ecsKey(key)) + ":" + value;
    else out += m;
  });
  return out + json.slice(stop);
}

const lowerCache = new LowerCache((json: string): string => {
  const found = contextTrace(json);
  const members = found === undefined ? json : found.rest + ecsTrace(found.ids);
  return ecsMembers(members);
});

function ecsTrace(ids: TraceIds): string {
  return member("trace.id", '"' + ids.traceId + '"') + member("span.id", '"' + ids.spanId + '"');
}

const encoding: MemberEncoding = {
  members: ecsMembers,
  lower: (json) => lowerCache.get(json),
  prefix: (key) => "," + quote(ecsKey(key)) + ":",
  special: (key) => (key === "err" ? errorMembers : undefined),
};

/** ECS `labels` from `base.labels`: keys sanitized as ecs-logging asks, values as strings. */
function labelsMember(json: string): string {
  let out = "";
  eachMember(json.length <= 2 || json.charCodeAt(0) !== 0x7b ? "" : "," + json.slice(1, -1), (key, value) => {
    // Labels are keywords: a number, boolean or object is written as its JSON text.
    out += "," + quote(key.replace(/[.*\\]/g, "_")) + ":" + (value.charCodeAt(0) === 0x22 ? value : quote(value));
  });
  return out === "" ? "" : member("labels", "{" + out.slice(1) + "}");
}

/** The `ecs` format. */
export const ecsFormat: LineFormat = {
  name: "ecs",
  opening: '{"@timestamp":',
  coreKeys: [
    "@timestamp", "log.level", "message", "ecs.version", "log.logger", "process.pid", "host.hostname",
    "service.name", "service.version", "service.environment", "event.dataset", "labels",
    "log.origin.file.name", "log.origin.file.line", "log.origin.function", "error", "fields",
  ],
  reservesKey(key: string): boolean {
    const dot = key.indexOf(".");
    return RESERVED.has(dot === -1 ? key : key.slice(0, dot)) || unmappable(key);
  },
  identityKeys: ["pid", "hostname", "service", "version", "env", "labels"],
  encoding,
  eventKey: "event.code",
  sampledKey: "sampled_out",
  traceKeys: ["trace.id", "span.id", "trace_id", "span_id", "trace_flags"],
  head: (level) => HEADS[level] ?? HEADS[30],
  mid(identity: Identity, name: string | undefined): string {
    let out = member("ecs.version", '"' + ECS_VERSION + '"');
    if (identity.pid !== undefined) out += member("process.pid", identity.pid);
    if (identity.hostname !== undefined) out += member("host.hostname", identity.hostname);
    if (identity.service !== undefined) out += member("service.name", identity.service);
    if (identity.version !== undefined) out += member("service.version", identity.version);
    if (identity.env !== undefined) out += member("service.environment", identity.env);
    // ecs-logging: "the logging library should set event.dataset=${service.name}.log".
    if (identity.service !== undefined && identity.service.charCodeAt(0) === 0x22) {
      out += member("event.dataset", quote(stringOf(identity.service) + ".log"));
    }
    if (identity.labels !== undefined) out += labelsMember(identity.labels);
    if (name !== undefined && name !== "") out += member("log.logger", quote(name));
    return out + MESSAGE;
  },
  message: (msgJson) => msgJson,
  site: (location, eventId) => origin(location) + (eventId === undefined ? "" : member("event.code", quote(eventId))),
  trace: ecsTrace,
  httpCompletion(c, cfg): string {
    let out = "";
    if (c.method !== undefined) out += member("http.request.method", serializeString(c.method, cfg));
    if (c.path !== undefined) out += member("url.path", serializeString(c.path, cfg));
    if (c.status !== undefined) out += member("http.response.status_code", String(c.status));
    // event.duration is in nanoseconds.
    out += member("event.duration", String(Math.round(c.durationMs * 1e6)));
    if (c.route !== undefined) out += member("route", serializeString(c.route, cfg));
    return out;
  },
  line(head, midMsg, lower, fields, site, extra, trace): string {
    // ecs-logging puts @timestamp, log.level and message first: the logger's middle (identity,
    // name) moves after the message. It ends where `,"message":` starts, which no key or value
    // before it can contain (inside JSON strings quotes are escaped).
    const at = midMsg.indexOf(MESSAGE);
    const msg = at === -1 ? midMsg : midMsg.slice(at);
    const mid = at === -1 ? "" : midMsg.slice(0, at);
    return '{"@timestamp":"' + isoNow() + head + msg + mid + lower + fields + site + extra + trace + "}\n";
  },
};
