/**
 * The more-keys marker (`"...": "[n more keys]"`) never repeats a key the object already wrote.
 */
import { describe, expect, it } from "vitest";
import { compileRedaction } from "../src/redact.js";
import { DEFAULT_LIMITS, serializeValue, type SerializeConfig } from "../src/serialize.js";
import { parseStrict } from "./helpers/strict-json.js";

const cfg: SerializeConfig = { limits: { ...DEFAULT_LIMITS, maxKeys: 2 }, redactor: compileRedaction(undefined) };

describe("the more-keys marker keeps keys unique", () => {
  it("an object member named ... beside the marker: the marker takes the next free name", () => {
    const text = serializeValue({ "...": "mine", a: 1, b: 2, c: 3 }, cfg);
    expect(text).toBe('{"...":"mine","a":1,"... (2)":"[2 more keys]"}');
    expect(() => parseStrict(text)).not.toThrow();
  });

  it("a Map entry named ... beside the marker: the marker takes the next free name", () => {
    const text = serializeValue(new Map<string, unknown>([["...", 1], ["... (2)", 2], ["x", 3]]), cfg);
    expect(text).toBe('{"...":1,"... (2)":2,"... (3)":"[1 more keys]"}');
    expect(() => parseStrict(text)).not.toThrow();
  });

  it("a member named ... whose value is omitted leaves the marker its own name", () => {
    expect(serializeValue({ "...": undefined, a: 1, b: 2 }, cfg)).toBe('{"a":1,"...":"[1 more keys]"}');
  });
});
