/**
 * An error as the serializer wrote it (`{"type":…,"message":…,"stack":…,"code":…,"cause":…}`),
 * split into the parts platforms give fields of their own (ECS `error.*`, OpenTelemetry
 * `exception.*`, Cloud Logging's `stack_trace`) and the rest (cause, other properties), which
 * stays with the error so nothing is lost.
 */
import { eachMember } from "./json-members.js";

/** The parts of a serialized error, each as JSON text. */
export interface ErrorParts {
  /** The error's class, a JSON string, when written as one. */
  readonly type?: string;
  /** Its message, a JSON string. */
  readonly message?: string;
  /** Its stack, a JSON string. */
  readonly stack?: string;
  /** Its `code`, a JSON string or number. */
  readonly code?: string;
  /** The other members (`cause`, own properties), JSON members with leading commas; `""` for none. */
  readonly rest: string;
}

/**
 * The parts of the serialized error `json`, or `undefined` when it is not an object (a censored
 * or cut value, a string logged under `err`). Never throws.
 */
export function errorParts(json: string): ErrorParts | undefined {
  if (json.charCodeAt(0) !== 0x7b /* { */ || json.charCodeAt(json.length - 1) !== 0x7d) return undefined;
  const parts: { type?: string; message?: string; stack?: string; code?: string; rest: string } = { rest: "" };
  const inner = json.length === 2 ? "" : "," + json.slice(1, -1);
  const stop = eachMember(inner, (key, value, member) => {
    const isString = value.charCodeAt(0) === 0x22;
    if (key === "type" && isString && parts.type === undefined) parts.type = value;
    else if (key === "message" && isString && parts.message === undefined) parts.message = value;
    else if (key === "stack" && isString && parts.stack === undefined) parts.stack = value;
    else if (key === "code" && parts.code === undefined && (isString || /^-?\d/.test(value))) parts.code = value;
    else parts.rest += member;
  });
  if (stop !== inner.length) return undefined;
  return parts;
}
