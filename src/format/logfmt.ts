/**
 * The `logfmt` format: `key=value` pairs separated by spaces, one line per call.
 *
 *   level=info time=2026-11-25T12:00:00.000Z pid=7 hostname=web-1 name=auth msg="User login" userId=1 ip=192.168.1.1
 *
 * A value is written bare when it is a number, `true`/`false`/`null` or a string without spaces,
 * quotes, `=`, backslashes or control characters; any other string is quoted and escaped as a
 * JSON string literal (which logfmt readers unquote), so no value can split a line or forge a
 * pair. Objects and arrays are written as their JSON text, quoted. Characters a key cannot hold
 * (space, `=`, `"`, controls) are percent-encoded.
 */
import { quote } from "../json-string.js";
import { eachMember } from "./json-members.js";
import { LEVEL_NAMES, LEVEL_VALUES } from "../levels.js";
import { OWN_MEMBER_KEYS, isoNow, flagsHex, type Identity, type LineFormat, type MemberEncoding, type SourceLocation, type TraceIds } from "./line-format.js";

const HEADS: string[] = [];
for (const name of LEVEL_NAMES) HEADS[LEVEL_VALUES[name]] = `level=${name} time=`;

/** Keys logfmt lines write themselves. */
const CORE_KEYS = ["level", "time", "pid", "hostname", "name", "msg", "caller", "caller_function"];

/** True when a character must not appear in a bare value or a key. */
function unsafe(c: number): boolean {
  return c <= 0x20 || c === 0x22 /* " */ || c === 0x3d /* = */ || c === 0x5c /* \ */ || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff);
}

/**
 * A JSON value's text as a logfmt value (see the module comment). Input is serializer output,
 * so it is valid JSON; anything unexpected is quoted whole. Never throws.
 */
export function logfmtValue(json: string): string {
  const first = json.charCodeAt(0);
  if (first === 0x22 /* " */) {
    if (json.length <= 2) return '""';
    for (let i = 1; i < json.length - 1; i++) if (unsafe(json.charCodeAt(i))) return json;
    return json.slice(1, -1);
  }
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) return quote(json);
  for (let i = 0; i < json.length; i++) if (unsafe(json.charCodeAt(i))) return quote(json);
  return json === "" ? '""' : json;
}

/**
 * A user key as a logfmt key: characters a key cannot hold, and `%` itself, are percent-encoded
 * (`%20`, `%u2028`), so two different keys never become one; the empty key is `%`.
 */
export function logfmtKey(key: string): string {
  let i = 0;
  while (i < key.length && !unsafe(key.charCodeAt(i)) && key.charCodeAt(i) !== 0x25) i++;
  if (i === key.length) return key === "" ? "%" : key;
  let out = key.slice(0, i);
  for (; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (unsafe(c) || c === 0x25) out += c < 0x100 ? "%" + c.toString(16).padStart(2, "0") : "%u" + c.toString(16).padStart(4, "0");
    else out += key[i];
  }
  return out;
}

/**
 * JSON members (`,"key":value…`, as the field layers and the serializer write them) to logfmt
 * pairs (` key=value…`). Never throws: text that is not members is kept as one quoted value.
 */
export function membersToLogfmt(json: string): string {
  let out = "";
  const stop = eachMember(json, (key, value) => {
    out += " " + logfmtKey(key) + "=" + logfmtValue(value);
  });
  return stop === json.length ? out : out + " fields=" + quote(json.slice(stop));
}

function callerPairs(location: SourceLocation | undefined): string {
  if (location === undefined || (location.file === undefined && location.line === undefined)) return "";
  const where = String(location.file ?? "") + ":" + (Number.isFinite(location.line) ? location.line : 0) + ":" + (Number.isFinite(location.column) ? location.column : 0);
  return " caller=" + logfmtValue(quote(where)) + " caller_function=" + logfmtValue(quote(String(location.function ?? "<anonymous>")));
}

let lastLower = "";
let lastLowerPairs = "";

/** logfmt's member encoding. */
const encoding: MemberEncoding = {
  members: membersToLogfmt,
  lower(json: string): string {
    if (json !== lastLower) {
      lastLowerPairs = membersToLogfmt(json);
      lastLower = json;
    }
    return lastLowerPairs;
  },
  prefix: (key) => " " + logfmtKey(key) + "=",
  value: logfmtValue,
};

/** The `logfmt` format. */
export const logfmtFormat: LineFormat = {
  name: "logfmt",
  opening: 'level=',
  coreKeys: CORE_KEYS,
  identityKeys: ["pid", "hostname"],
  encoding,
  ...OWN_MEMBER_KEYS,
  head: (level) => HEADS[level] ?? HEADS[30],
  mid(identity: Identity, name: string | undefined): string {
    let out = "";
    if (identity.pid !== undefined) out += " pid=" + logfmtValue(identity.pid);
    if (identity.hostname !== undefined) out += " hostname=" + logfmtValue(identity.hostname);
    if (name !== undefined && name !== "") out += " name=" + logfmtValue(quote(name));
    return out + " msg=";
  },
  message: logfmtValue,
  site: (location, eventId) => callerPairs(location) + (eventId === undefined ? "" : " event_id=" + logfmtValue(quote(eventId))),
  trace: (ids: TraceIds) => ` trace_id=${ids.traceId} span_id=${ids.spanId} trace_flags=${flagsHex(ids.flags)}`,
  line: (head, midMsg, lower, fields, site, extra, trace) => head + isoNow() + midMsg + lower + fields + site + extra + trace + "\n",
};
