/**
 * Property-based tests of the runtime under hostile input (fast-check): whatever the values,
 * a log call never throws, every line is one valid JSON object without duplicate keys, core
 * keys keep their meaning, secrets never appear, and no string splits a line.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { configure, getLogger, withContext, type Destination } from "../src/index.js";
import { parseStrict } from "./helpers/strict-json.js";

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };

beforeEach(() => {
  lines.length = 0;
  configure({ level: "trace", destination: collect, format: "json", base: {}, limits: {}, redact: {} });
});

/** Values of every kind the runtime must survive, nested at random. */
const hostileLeaf = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(undefined, null, NaN, Infinity, -Infinity, -0),
  fc.date({ noInvalidDate: false }),
  fc.constant(Symbol("s")),
  fc.constant(() => 1),
  fc.constant(new Error("boom", { cause: new TypeError("inner") })),
  fc.constant(new AggregateError([new Error("a")], "agg")),
  fc.constant(Buffer.from("bytes")),
  fc.constant(new Uint8Array(300)),
  fc.constant(new Map<unknown, unknown>([["k", 1], [{}, 2]])),
  fc.constant(new Set([1, "x"])),
  fc.constant({ get bad(): never { throw new Error("getter"); } }),
  fc.constant(new Proxy({}, { ownKeys: () => { throw new Error("trap"); } })),
  fc.constant({ toJSON: () => { throw new Error("toJSON"); } }),
  fc.constant("\u2028\u2029\r\n\u0000\ud800"),
);
const hostileKey = fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "level", "time", "msg", "name", "pid", "hostname", "caller", "fields.level", "err"));
const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, hostileLeaf, tie("object"), tie("array")),
  object: fc.dictionary(hostileKey, tie("value"), { maxKeys: 5 }),
  array: fc.array(tie("value"), { maxLength: 4 }),
}));
const hostileObject = fc.dictionary(hostileKey, hostileValue, { maxKeys: 6 });

function checkLine(line: string): Record<string, unknown> {
  expect(line.endsWith("\n")).toBe(true);
  const body = line.slice(0, -1);
  expect(body).not.toMatch(/[\n\r\u2028\u2029]/);
  const record = parseStrict(body) as Record<string, unknown>;
  expect(typeof record.level).toBe("number");
  expect(typeof record.time).toBe("number");
  expect(typeof record.msg).toBe("string");
  return record;
}

/** `written` is `msg`, or (past the 10,000-unit limit) its start and the count of what was cut. */
function expectMessage(written: string, msg: string): void {
  if (msg.length <= 10_000) {
    expect(written).toBe(msg);
    return;
  }
  const cut = /^([\s\S]*)\.\.\.\[(\d+) more chars\]$/.exec(written);
  expect(cut, written.slice(-40)).not.toBeNull();
  expect(msg.startsWith(cut![1])).toBe(true);
  expect(cut![1].length + Number(cut![2])).toBe(msg.length);
}

describe("hostile values", () => {
  it("fields, bindings and context never throw and always give one valid line without duplicate keys", async () => {
    await fc.assert(
      fc.asyncProperty(hostileObject, hostileObject, hostileObject, fc.oneof(fc.string(), fc.string({ minLength: 9_990, maxLength: 10_020 })), async (fields, bindings, context, msg) => {
        lines.length = 0;
        const log = getLogger("prop").child(bindings);
        await withContext(context, async () => {
          expect(() => log.info(msg, fields)).not.toThrow();
        });
        expect(lines).toHaveLength(1);
        const record = checkLine(lines[0]);
        expect(record.level).toBe(30);
        expectMessage(String(record.msg), msg);
        expect(record.name).toBe("prop");
      }),
      { numRuns: 300 },
    );
  });

  it("any value as the whole fields argument or message still gives a valid line", () => {
    fc.assert(
      fc.property(hostileValue, hostileValue, (a, b) => {
        lines.length = 0;
        expect(() => (getLogger("prop") as unknown as { warn(a: unknown, b: unknown): void }).warn(a, b)).not.toThrow();
        expect(lines).toHaveLength(1);
        expect(checkLine(lines[0]).level).toBe(40);
      }),
      { numRuns: 300 },
    );
  });
});

describe("redaction never leaks", () => {
  const SECRET = "s3cr3t-VALUE";
  const sensitiveKey = fc.constantFrom("password", "Password", "api_key", "apiKey", "accessToken", "authorization", "set-cookie", "clientSecret", "session");
  const plainKey = fc.constantFrom("a", "b", "user", "items", "meta");

  /** An object with the secret planted at a random path of plain keys under a sensitive key. */
  const planted = fc.tuple(fc.array(plainKey, { maxLength: 4 }), sensitiveKey, fc.boolean()).map(([path, key, inArray]) => {
    let node: unknown = { [key]: SECRET, keep: "visible" };
    for (const p of [...path].reverse()) node = inArray ? { [p]: [node] } : { [p]: node };
    return node as Record<string, unknown>;
  });

  it("secrets under sensitive keys and ** paths never appear, and objects are not mutated", () => {
    configure({ redact: { paths: ["**.session"] } });
    fc.assert(
      fc.property(planted, (fields) => {
        lines.length = 0;
        const before = JSON.stringify(fields);
        getLogger("redact").info("m", fields);
        expect(lines[0]).not.toContain(SECRET);
        expect(lines[0]).toContain("visible");
        expect(JSON.stringify(fields)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it("secrets at configured * paths never appear", () => {
    configure({ redact: { paths: ["users[*].email", "req.*.token2"] } });
    fc.assert(
      fc.property(fc.array(fc.emailAddress(), { minLength: 1, maxLength: 5 }), fc.string({ minLength: 1 }), (emails, header) => {
        lines.length = 0;
        getLogger("redact").info("m", { users: emails.map((email) => ({ email, id: 1 })), req: { [header]: { token2: SECRET } } });
        for (const e of emails) expect(lines[0]).not.toContain(JSON.stringify(e).slice(1, -1));
        expect(lines[0]).not.toContain(SECRET);
      }),
      { numRuns: 200 },
    );
  });
});

describe("log forging", () => {
  it("CR, LF and control characters in messages and keys never split a line", () => {
    const nasty = fc.string({ unit: fc.constantFrom("a", "\n", "\r", "\u2028", "\u2029", "\u0000", "\u001b", '"', "\\", "{", "}") });
    fc.assert(
      fc.property(nasty, nasty, nasty, (msg, key, value) => {
        lines.length = 0;
        getLogger("forge").error(msg, { [key]: value });
        expect(lines).toHaveLength(1);
        const record = checkLine(lines[0]);
        expect(record.msg).toBe(msg);
        expect(record.level).toBe(50);
      }),
      { numRuns: 500 },
    );
  });
});
