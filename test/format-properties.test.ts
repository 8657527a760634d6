/**
 * Property-based tests of the line formats (fast-check), as test/properties.test.ts does for
 * json: whatever the message, fields, bindings, context and keys, every format writes exactly
 * one line — strict JSON without duplicate keys (ecs, gcp, json with every option on), one strict
 * OTLP/JSON export request checked against the official protos (otel), or strict logfmt without
 * repeated keys, read by the npm logfmt reader too — and the message reads back unchanged.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { configure, getLogger, withContext, type Destination } from "../src/index.js";
import { enter, site as makeSite } from "./helpers/site-call.js";
import { logfmtRecord } from "./helpers/logfmt.js";
import { parseStrict } from "./helpers/strict-json.js";
import { readOtelLine } from "./platforms/otlp-line.js";

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };

beforeEach(() => {
  lines.length = 0;
});

const FORMATS = ["logfmt", "ecs", "otel", "gcp", "json"] as const;
type F = (typeof FORMATS)[number];
const MESSAGE_KEY: Record<F, string> = { json: "msg", logfmt: "msg", ecs: "message", otel: "body", gcp: "message" };

const nasty = fc.string({ unit: fc.constantFrom("a", " ", "=", "%", "\n", "\r", "\u2028", "\u2029", "\u0000", "\u0085", "\u001b", '"', "\\", "{", "}", ",", ":", "é", "\ud800") });
const leaf = fc.oneof(
  nasty,
  fc.string({ unit: "binary" }),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(undefined, null, NaN, -0),
  fc.constant(new Error("boom", { cause: new TypeError("inner") })),
  fc.constant({ get bad(): never { throw new Error("getter"); } }),
  fc.constant(new Map([["k", 1]])),
);
const key = fc.oneof(
  nasty,
  fc.constantFrom(
    "level", "time", "msg", "name", "pid", "hostname", "caller", "caller_function", "message", "body", "severity", "@timestamp",
    "log.level", "ecs.version", "service.name", "code.file.path", "logging.googleapis.com/trace", "trace_id", "span_id",
    "event_id", "event.code", "sampled_out", "fields.level", "__proto__", "attributes", "resource",
  ),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, tie("object"), tie("array")),
  object: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
  array: fc.array(tie("value"), { maxLength: 3 }),
}));
const fields = fc.dictionary(key, value, { maxKeys: 6 });

/** True when the surrogate at `i` is half of a valid pair. */
function isPaired(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c <= 0xdbff) return i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
  return i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff;
}

/** Reads one line of `format` strictly; returns it as a flat record of top-level keys. */
function read(format: F, line: string): Record<string, unknown> {
  expect(line.endsWith("\n")).toBe(true);
  const body = line.slice(0, -1);
  expect(body).not.toMatch(/[\n\r\u2028\u2029]/);
  if (format === "otel") {
    // Strict OTLP/JSON against the official protos; the body as the message key.
    const r = readOtelLine(line);
    return { ...r.attributes, body: r.body };
  }
  return format === "logfmt" ? logfmtRecord(body) : (parseStrict(body) as Record<string, unknown>);
}

describe.each(FORMATS)("%s lines", (format) => {
  it("are valid and one per call for any message, fields, bindings, context, with every option on", async () => {
    configure({ level: "trace", destination: collect, format, base: { pid: 1, hostname: "h", service: "s" }, limits: {}, redact: {}, eventIds: true, sample: { "*": 1 } });
    await fc.assert(
      fc.asyncProperty(nasty, fields, fields, fields, async (msg, f, bindings, context) => {
        lines.length = 0;
        const log = getLogger("prop-" + format).child(bindings);
        await withContext(context, async () => {
          expect(() => log.warn(msg, f)).not.toThrow();
        });
        expect(lines).toHaveLength(1);
        const r = read(format, lines[0]);
        // OTLP strings are UTF-8: a lone surrogate reads back as U+FFFD.
        expect(r[MESSAGE_KEY[format]]).toBe(format === "otel" ? msg.replace(/[\ud800-\udfff]/g, (c, i: number) => (isPaired(msg, i) ? c : "\ufffd")) : msg);
      }),
      { numRuns: 200 },
    );
  });

  it("are valid for transformer call sites with hostile static and dynamic values", () => {
    configure({ level: "trace", destination: collect, format, base: {}, limits: {}, redact: {}, eventIds: true, sample: undefined });
    fc.assert(
      fc.property(key, key, nasty, value, value, fc.string(), (k1, k2, file, v1, v2, staticText) => {
        lines.length = 0;
        const site = makeSite({
          level: 50,
          template: [JSON.stringify(staticText).slice(1, -1), "!"],
          fields: [{ key: k1, type: "string" }, { key: k2, json: JSON.stringify(staticText) }, { key: "v", type: "any" }],
          file,
          line: 3,
          function: file,
        });
        expect(() => enter(getLogger("site"), site)?.(site, v1, v1, v2)).not.toThrow();
        expect(lines).toHaveLength(1);
        read(format, lines[0]);
      }),
      { numRuns: 300 },
    );
  });
});
