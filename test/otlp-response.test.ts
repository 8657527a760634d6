/**
 * Reading a collector's answers: partial success, refusal messages, Retry-After. Untrusted
 * text: the readers never throw and never misread.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { partialSuccess, refusalText, retryAfterMs } from "../src/transports/otlp-response.js";

describe("partialSuccess", () => {
  it("reads the count as an int64 string or a number, and the message", () => {
    expect(partialSuccess('{"partialSuccess":{"rejectedLogRecords":"3","errorMessage":"too old"}}')).toEqual({ rejected: 3, errorMessage: "too old" });
    expect(partialSuccess('{"partialSuccess":{"rejectedLogRecords":2}}')).toEqual({ rejected: 2, errorMessage: undefined });
  });

  it("a warning: a message with nothing rejected", () => {
    expect(partialSuccess('{"partialSuccess":{"errorMessage":"deprecated field"}}')).toEqual({ rejected: 0, errorMessage: "deprecated field" });
  });

  it("nothing rejected for an empty, absent or unreadable partial success", () => {
    for (const body of ["", "{}", "null", "[]", "not json", '{"partialSuccess":null}', '{"partialSuccess":{"rejectedLogRecords":"-1"}}', '{"partialSuccess":{"rejectedLogRecords":"1e3"}}', '{"partialSuccess":{"rejectedLogRecords":"99999999999999999999"}}', '{"partialSuccess":{"rejectedLogRecords":true}}']) {
      expect(partialSuccess(body), body).toEqual({ rejected: 0, errorMessage: undefined });
    }
  });

  it("a message keeps to one line of at most 200 characters", () => {
    const { errorMessage } = partialSuccess(JSON.stringify({ partialSuccess: { errorMessage: "a\nb\r\u0000c\u001b[31m" + "x".repeat(500) } }));
    expect(errorMessage).toMatch(/^a b c \[31mx+$/);
    expect(errorMessage!.length).toBe(200);
  });

  it("never throws, whatever the body", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (body) => void partialSuccess(body)));
  });
});

describe("refusalText", () => {
  it("quotes a JSON Status message, else the text, else nothing", () => {
    expect(refusalText('{"code":16,"message":"missing api key"}')).toBe("missing api key");
    expect(refusalText("<html>Bad Gateway</html>")).toBe("<html>Bad Gateway</html>");
    expect(refusalText("")).toBe("");
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
  it("reads delay-seconds and HTTP dates", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:27:00 GMT", now)).toBe(0);
  });

  it("ignores what is neither (a decimal, a negative, prose, a repeated header)", () => {
    for (const header of ["1.5", "-1", "soon", "", "Wednesday", undefined]) expect(retryAfterMs(header, now), String(header)).toBeUndefined();
    expect(retryAfterMs(["1", "2"], now)).toBeUndefined();
  });
});
