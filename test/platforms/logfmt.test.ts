/**
 * The `logfmt` format read by the npm `logfmt` package (the reference reader of the format):
 * whatever is logged, each line reads back with the same keys and values there as with the
 * strict reader of test/helpers/logfmt.ts, which also decodes the JSON escapes of quoted values.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import logfmt from "logfmt";
import { beforeEach, expect, it } from "vitest";
import { configure, getLogger, withContext, type Destination } from "../../src/index.js";
import { LOGFMT_REFERENCE, logfmtRecord } from "../helpers/logfmt.js";

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };

beforeEach(() => {
  lines.length = 0;
  configure({ level: "trace", destination: collect, format: "logfmt", base: { pid: 1, hostname: "h" }, limits: {}, redact: {}, eventIds: true, sample: undefined });
});

it("the reference is the version this suite was written against", () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve("node_modules/logfmt/package.json"), "utf8")) as { version: string };
  expect(pkg.version).toBe(LOGFMT_REFERENCE);
});

it("reads a plain line exactly as logged", () => {
  getLogger("auth").info("User login", { userId: 1, ip: "10.0.0.1", note: 'say "hi"' });
  expect(logfmt.parse(lines[0]!)).toMatchObject({ level: "info", name: "auth", msg: "User login", userId: "1", ip: "10.0.0.1", note: 'say "hi"' });
});

it("every line, whatever the keys, values, bindings and context, reads the same in the reference (fast-check)", () => {
  const text = fc.string({ unit: fc.constantFrom("a", " ", "=", '"', "\\", "\n", "%", "é", "\u2028", "\t", "k") });
  const value = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.dictionary(text, text, { maxKeys: 2 }));
  fc.assert(
    fc.property(text, fc.dictionary(text, value, { maxKeys: 5 }), fc.dictionary(text, value, { maxKeys: 2 }), (msg, fields, context) => {
      lines.length = 0;
      withContext(context, () => getLogger("p").warn(msg, fields));
      expect(lines).toHaveLength(1);
      // logfmtRecord throws unless the npm reader agrees pair by pair.
      expect(logfmtRecord(lines[0]!.slice(0, -1)).msg).toBe(msg);
    }),
    { numRuns: 300 },
  );
});
