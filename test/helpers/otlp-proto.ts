/**
 * OTLP/JSON checked against the official protos (vendored under test/vendor/opentelemetry-proto
 * at a pinned release), decoded strictly with protobufjs.
 *
 * A body passes only when (1) every member is a field of the proto message, named in
 * lowerCamelCase, with the JSON form the OTLP/JSON encoding gives its type
 * (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding: proto3 JSON mapping, 64-bit
 * integers as decimal strings, enums as integers only, trace and span ids as hex, no `null`),
 * at most one member of a oneof; and (2) converted by protobufjs to the binary protobuf message,
 * encoded and decoded back, it gives the same data: nothing lost, nothing reinterpreted.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

/** The vendored opentelemetry-proto release (test/vendor/opentelemetry-proto/README.md). */
export const OTLP_PROTO_VERSION = "v1.11.0 (790608c4d51e6ffc12210b541e8514cbed9e91a4)";

const VENDOR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../vendor/opentelemetry-proto");

const root = new protobuf.Root();
root.resolvePath = (_origin, target) => path.join(VENDOR, target);
root.loadSync("opentelemetry/proto/collector/logs/v1/logs_service.proto");
root.resolveAll();

/** `ExportLogsServiceRequest`, from the official protos. */
export const ExportLogsServiceRequest = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");
/** `ExportLogsServiceResponse`, from the official protos. */
export const ExportLogsServiceResponse = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse");

/** Byte lengths of the OTLP id fields, which OTLP/JSON writes in hex. */
const HEX_IDS: Readonly<Record<string, number>> = { traceId: 16, spanId: 8 };

const INT32 = new Set(["int32", "sint32", "sfixed32"]);
const UINT32 = new Set(["uint32", "fixed32"]);
const INT64 = new Set(["int64", "sint64", "sfixed64"]);
const UINT64 = new Set(["uint64", "fixed64"]);

/**
 * Every way `value` departs from the OTLP/JSON form of `type` (default: the logs export
 * request), as `path: problem` sentences; empty when it conforms and survives the binary round
 * trip unchanged.
 */
export function otlpJsonProblems(value: unknown, type: protobuf.Type = ExportLogsServiceRequest): string[] {
  const problems: string[] = [];
  checkMessage(value, type, "$", problems);
  if (problems.length > 0) return problems;
  const message = type.fromObject(toProtobufJs(value, type) as Record<string, unknown>);
  const verified = type.verify(message);
  if (verified !== null) return [`$: protobufjs rejects it: ${verified}`];
  const decoded = type.decode(type.encode(message).finish());
  const back = fromProtobufJs(type.toObject(decoded, { longs: String, enums: Number, bytes: Array, defaults: false, oneofs: false }), type);
  const expected = withoutDefaults(value, type);
  if (JSON.stringify(back) !== JSON.stringify(expected)) {
    return [`$: the binary round trip changes the data: ${JSON.stringify(expected).slice(0, 300)} became ${JSON.stringify(back).slice(0, 300)}`];
  }
  return [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkMessage(value: unknown, type: protobuf.Type, at: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${at}: a ${type.name} must be a JSON object`);
    return;
  }
  const oneofs = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const field = type.fields[key];
    if (field === undefined) {
      const snake = Object.values(type.fields).find((f) => snakeCase(f.name) === key);
      problems.push(`${at}.${key}: ${type.name} has no field ${key}${snake ? ` (OTLP/JSON names it ${snake.name})` : ""}`);
      continue;
    }
    if (field.partOf !== null) {
      const other = oneofs.get(field.partOf.name);
      if (other !== undefined) problems.push(`${at}: ${other} and ${key} are members of one oneof (${field.partOf.name})`);
      oneofs.set(field.partOf.name, key);
    }
    const member = value[key];
    if (field.repeated) {
      if (!Array.isArray(member)) problems.push(`${at}.${key}: repeated field must be an array`);
      else member.forEach((item, i) => checkValue(item, field, key, `${at}.${key}[${i}]`, problems));
    } else {
      checkValue(member, field, key, `${at}.${key}`, problems);
    }
  }
}

function checkValue(value: unknown, field: protobuf.Field, key: string, at: string, problems: string[]): void {
  if (value === null) {
    problems.push(`${at}: null (leave the field out instead)`);
    return;
  }
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return checkMessage(value, resolved, at, problems);
  if (resolved instanceof protobuf.Enum) {
    // OTLP/JSON: "Values of enum fields MUST be encoded as integer values."
    if (!Number.isInteger(value)) problems.push(`${at}: enum ${resolved.name} must be an integer`);
    else if (!Object.values(resolved.values).includes(value as number)) problems.push(`${at}: ${String(value)} is not a value of ${resolved.name}`);
    return;
  }
  const t = field.type;
  const problem = scalarProblem(value, t, key);
  if (problem !== undefined) problems.push(`${at}: ${problem}`);
}

function scalarProblem(value: unknown, t: string, key: string): string | undefined {
  if (t === "string") return typeof value === "string" ? undefined : "must be a string";
  if (t === "bool") return typeof value === "boolean" ? undefined : "must be true or false";
  if (t === "double" || t === "float") {
    if (typeof value === "number" && Number.isFinite(value)) return undefined;
    return value === "NaN" || value === "Infinity" || value === "-Infinity" ? undefined : "must be a number";
  }
  if (INT32.has(t)) return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 ? undefined : `must be a 32-bit integer (${t})`;
  if (UINT32.has(t)) return Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 32 ? undefined : `must be an unsigned 32-bit integer (${t})`;
  if (INT64.has(t) || UINT64.has(t)) {
    // The proto3 JSON mapping writes 64-bit integers as decimal strings.
    if (typeof value !== "string" || !/^-?(0|[1-9]\d*)$/.test(value)) return `must be a 64-bit integer as a decimal string (${t})`;
    const n = BigInt(value);
    const [min, max] = UINT64.has(t) ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
    return n >= min && n <= max ? undefined : `${value} is out of range for ${t}`;
  }
  if (t === "bytes") {
    if (typeof value !== "string") return "bytes must be a string";
    const size = HEX_IDS[key];
    if (size !== undefined) {
      // OTLP/JSON: trace and span ids are hex (either case), not base64; empty means unset.
      return value === "" || new RegExp(`^[0-9a-fA-F]{${size * 2}}$`).test(value) ? undefined : `${key} must be ${size * 2} hex digits`;
    }
    return /^[A-Za-z0-9+/]*={0,2}$/.test(value) && value.length % 4 === 0 ? undefined : "bytes must be base64";
  }
  return `unknown scalar type ${t}`;
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/** The checked JSON as protobufjs takes it: hex ids as bytes. */
function toProtobufJs(value: unknown, type: protobuf.Type): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const field = type.fields[key] as protobuf.Field;
    const convert = (v: unknown): unknown => {
      if (field.resolvedType instanceof protobuf.Type) return toProtobufJs(v, field.resolvedType);
      if (field.type === "bytes" && HEX_IDS[key] !== undefined) return Buffer.from(v as string, "hex");
      if (field.type === "bytes") return Buffer.from(v as string, "base64");
      if ((field.type === "double" || field.type === "float") && typeof v === "string") return Number(v);
      return v;
    };
    out[key] = field.repeated ? (member as unknown[]).map(convert) : convert(member);
  }
  return out;
}

/** protobufjs's decoded object in OTLP/JSON form again. */
function fromProtobufJs(value: unknown, type: protobuf.Type): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    if (!(field.name in value)) continue;
    const member = value[field.name];
    const convert = (v: unknown): unknown => {
      if (field.resolvedType instanceof protobuf.Type) return fromProtobufJs(v, field.resolvedType);
      if (field.type === "bytes") {
        const bytes = Buffer.from(v as number[]);
        return HEX_IDS[field.name] !== undefined ? bytes.toString("hex") : bytes.toString("base64");
      }
      return v;
    };
    out[field.name] = field.repeated ? (member as unknown[]).map(convert) : convert(member);
  }
  return out;
}

/**
 * `value` as the round trip gives it back: in field order, without members equal to their
 * proto3 default (the binary form does not carry them), empty repeated fields left out.
 */
function withoutDefaults(value: unknown, type: protobuf.Type): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    if (!(field.name in value)) continue;
    const member = value[field.name];
    const convert = (v: unknown): unknown => {
      if (field.resolvedType instanceof protobuf.Type) return withoutDefaults(v, field.resolvedType);
      if (field.type === "bytes" && HEX_IDS[field.name] !== undefined) return (v as string).toLowerCase();
      if ((field.type === "double" || field.type === "float") && typeof v === "string") return Number(v);
      return v;
    };
    if (field.repeated) {
      if ((member as unknown[]).length > 0) out[field.name] = (member as unknown[]).map(convert);
      continue;
    }
    // A oneof member is carried even when it holds its default; a plain field is not.
    if (field.partOf === null && isDefault(member, field)) continue;
    out[field.name] = convert(member);
  }
  return out;
}

function isDefault(value: unknown, field: protobuf.Field): boolean {
  if (field.resolvedType instanceof protobuf.Type) return false;
  // "0" is the default of a 64-bit integer (a decimal string), not of a string field (a key "0").
  return value === "" || value === 0 || value === false || (value === "0" && (INT64.has(field.type) || UINT64.has(field.type)));
}
