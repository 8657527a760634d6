/**
 * Incoming ids are untrusted text: what is accepted, what is ignored, and what new ids look like.
 */
import { describe, expect, it } from "vitest";
import {
  formatTraceParent,
  newRequestId,
  newSpanId,
  newTraceId,
  parseRequestId,
  parseTraceParent,
} from "../src/http/ids.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT = "00f067aa0ba902b7";

describe("parseRequestId", () => {
  it("accepts UUIDs, ULIDs, base64 and host:pid-counter ids", () => {
    for (const id of [newRequestId(), "01ARZ3NDEKTSV4RRFFQ69G5FAV", "aGVsbG8+/w==", "web-1:4242-17", "a.b_c~d@e"]) {
      expect(parseRequestId(id)).toBe(id);
    }
  });

  it("rejects empty, too long, non-string, repeated and odd-character values", () => {
    for (const bad of ["", "x".repeat(129), ["a", "b"], 42, undefined, "a b", "a\nb", 'a"b', "a,b", "é", "a\u0000"]) {
      expect(parseRequestId(bad)).toBeUndefined();
    }
  });

  it("applies the given length cap", () => {
    expect(parseRequestId("abcd", 3)).toBeUndefined();
    expect(parseRequestId("abc", 3)).toBe("abc");
  });
});

describe("parseTraceParent", () => {
  it("reads a version 00 header", () => {
    expect(parseTraceParent(`00-${TRACE}-${PARENT}-01`)).toEqual({ traceId: TRACE, parentId: PARENT, flags: "01" });
  });

  it("reads the known fields of a later version and ignores the fields it appends", () => {
    expect(parseTraceParent(`cc-${TRACE}-${PARENT}-00-whatever`)).toEqual({ traceId: TRACE, parentId: PARENT, flags: "00" });
  });

  it("ignores what the spec says to ignore", () => {
    for (const bad of [
      `00-${TRACE}-${PARENT}-01-extra`,
      `ff-${TRACE}-${PARENT}-01`,
      `00-${TRACE.toUpperCase()}-${PARENT}-01`,
      `00-${"0".repeat(32)}-${PARENT}-01`,
      `00-${TRACE}-${"0".repeat(16)}-01`,
      `00-${TRACE}-${PARENT}-1`,
      `00_${TRACE}_${PARENT}_01`,
      `cc-${TRACE}-${PARENT}-01x`,
      `00-${TRACE}-${PARENT}-01`.repeat(20),
      "",
      undefined,
      ["a"],
    ]) {
      expect(parseTraceParent(bad), String(bad)).toBeUndefined();
    }
  });
});

describe("new ids", () => {
  it("are lowercase hex of the right length and differ each time", () => {
    const traces = new Set(Array.from({ length: 100 }, newTraceId));
    const spans = new Set(Array.from({ length: 100 }, newSpanId));
    expect(traces.size).toBe(100);
    expect(spans.size).toBe(100);
    for (const t of traces) expect(t).toMatch(/^[0-9a-f]{32}$/);
    for (const s of spans) expect(s).toMatch(/^[0-9a-f]{16}$/);
  });

  it("formatTraceParent round-trips through parseTraceParent and refuses bad ids", () => {
    const header = formatTraceParent(TRACE, PARENT, "00")!;
    expect(parseTraceParent(header)).toEqual({ traceId: TRACE, parentId: PARENT, flags: "00" });
    expect(formatTraceParent("nothex", PARENT)).toBeUndefined();
    expect(formatTraceParent(undefined, PARENT)).toBeUndefined();
  });
});
