/**
 * JSON text as OTLP/JSON `AnyValue` and `KeyValue` text (opentelemetry/proto/common/v1/common.proto
 * in the proto3 JSON mapping OTLP/JSON uses): the `otel` format's member encoding.
 *
 * The mapping is the OTLP transport's (`src/transports/otlp-records.ts` `anyValue`) and the
 * OpenTelemetry JS SDK's: strings `stringValue`, booleans `boolValue`, integers below 2^63
 * `intValue` (a decimal string), other numbers `doubleValue`, arrays `arrayValue`, objects
 * `kvlistValue`, null `{}`. Strings keep the serializer's escaping, so no value can split a line.
 */
import { quote } from "../json-string.js";
import { eachMember, endOfValue } from "./json-members.js";

const INTEGER = /^-?(0|[1-9]\d*)$/;
/** Integers at least this large (in magnitude) do not fit an int64 and stay doubles. */
const INT64_LIMIT = 2 ** 63;

/** The `AnyValue` of one JSON value's text. Never throws: text that is not JSON is a string. */
export function anyValueOf(json: string): string {
  const c = json.charCodeAt(0);
  if (c === 0x22 /* " */) return '{"stringValue":' + json + "}";
  if (c === 0x7b /* { */) return '{"kvlistValue":{"values":[' + keyValuesOf(json.length <= 2 ? "" : "," + json.slice(1, -1)).slice(1) + "]}}";
  if (c === 0x5b /* [ */) return '{"arrayValue":{"values":[' + arrayValues(json) + "]}}";
  if (json === "true" || json === "false") return '{"boolValue":' + json + "}";
  if (json === "null") return "{}";
  const n = Number(json);
  if (json !== "" && n === n) {
    // The exact value of the double, as the SDK writes it: 2^60 is 1152921504606846976, not its shortest text.
    if (Number.isInteger(n) && Math.abs(n) < INT64_LIMIT) return '{"intValue":"' + (Number.isSafeInteger(n) && INTEGER.test(json) ? json : BigInt(n).toString()) + '"}';
    if (Number.isFinite(n)) return '{"doubleValue":' + json + "}";
  }
  return '{"stringValue":' + quote(json) + "}";
}

/** The values of a JSON array's text, each as an `AnyValue`, comma-separated. */
function arrayValues(json: string): string {
  let out = "";
  let i = 1;
  const end = json.length - 1;
  while (i < end) {
    const valueEnd = endOfValue(json, i);
    if (valueEnd <= i) break;
    out += (out === "" ? "" : ",") + anyValueOf(json.slice(i, valueEnd));
    i = valueEnd + 1;
  }
  return out;
}

/** One `KeyValue`, with its leading comma. */
export function keyValue(keyJson: string, valueJson: string): string {
  return ',{"key":' + keyJson + ',"value":' + anyValueOf(valueJson) + "}";
}

/**
 * JSON members (`,"key":value…`) as `KeyValue` list items, each with a leading comma. Text that is
 * not members is kept as one string value under `fields`. Never throws.
 */
export function keyValuesOf(json: string): string {
  let out = "";
  const stop = eachMember(json, (key, value) => {
    out += keyValue(quote(key), value);
  });
  return stop === json.length ? out : out + keyValue('"fields"', quote(json.slice(stop)));
}

/** The `KeyValue` for a key that is text (not yet JSON). */
export function textKeyValue(key: string, valueJson: string): string {
  return keyValue(quote(key), valueJson);
}

