/**
 * RFC 5424 messages and RFC 6587 octet counting, exactly.
 */
import { describe, expect, it } from "vitest";
import { parseLine } from "../src/transports/line.js";
import { headerFacts, headerField, octetCounted, severityOf, syslogMessage, type SyslogHeader } from "../src/transports/syslog-message.js";

const header: SyslogHeader = { facility: 1, hostname: "fallback-host", appName: "fallback-app", procId: "99", msgId: "-" };

describe("syslogMessage", () => {
  it("builds the header from the line and keeps the JSON line as MSG", () => {
    const text = '{"level":50,"time":1732521600123,"pid":7,"hostname":"web-1","name":"auth","msg":"no"}';
    expect(syslogMessage(parseLine(text), header)).toBe(`<11>1 2024-11-25T08:00:00.123Z web-1 auth 7 - - ${text}`);
  });

  it("falls back to the configured host, app name and pid when the line has none", () => {
    const text = '{"level":30,"time":0,"msg":"x"}';
    expect(syslogMessage(parseLine(text), { ...header, facility: 16, msgId: "audit" })).toBe(
      `<134>1 1970-01-01T00:00:00.000Z fallback-host fallback-app 99 audit - ${text}`,
    );
  });

  it("maps levels to severities", () => {
    expect([10, 20, 30, 40, 50, 60].map(severityOf)).toEqual([7, 7, 6, 4, 3, 2]);
  });

  it("writes non-ASCII as \\u escapes, so MSG is ASCII and still the same JSON", () => {
    const text = '{"level":30,"time":1,"msg":"héllo ✓ 😀"}';
    const message = syslogMessage(parseLine(text), header);
    const msg = message.slice(message.indexOf("{"));
    expect(msg).toMatch(/^[\x00-\x7f]*$/);
    expect(JSON.parse(msg)).toEqual(JSON.parse(text));
  });

  it("marks a non-JSON line with non-ASCII as UTF-8 with the BOM RFC 5424 asks for", () => {
    const message = syslogMessage(parseLine("plain é text"), header);
    expect(message.endsWith(" - - \ufeffplain é text")).toBe(true);
    expect(message.startsWith("<14>1 ")).toBe(true);
  });

  it("turns header fields into printable ASCII within their length", () => {
    expect(headerField("my app\u00e9\n", 48)).toBe("my_app__");
    expect(headerField("x".repeat(60), 48)).toBe("x".repeat(48));
    expect(headerField("", 48)).toBe("-");
    const text = '{"level":30,"time":1,"name":"a b","msg":"x"}';
    expect(syslogMessage(parseLine(text), header).split(" ")[3]).toBe("a_b");
  });
});

describe("headerFacts", () => {
  it("reads the head of a json-format line exactly as a full parse does", () => {
    for (const text of [
      '{"level":30,"time":5,"pid":7,"hostname":"v\\"m","name":"a\\\\b","msg":"x","name2":1}',
      '{"level":40,"time":5,"msg":"no identity"}',
      '{"level":50,"time":5,"name":"only-name","msg":"x"}',
      '{"level":30,"time":5,"pid":7,"hostname":"h","service":"s","name":"late","msg":"x"}',
      '{"time":5,"level":30,"msg":"other order"}',
      "plain text",
    ]) {
      const full = parseLine(text);
      const fast = headerFacts(text);
      expect({ ...fast }, text).toMatchObject({
        level: full.level,
        name: full.name,
        pid: full.pid,
        hostname: full.hostname,
        json: full.json,
        text,
      });
      if (full.json) expect(fast.time).toBe(full.time);
    }
  });
});

describe("octetCounted", () => {
  it("prefixes the length in bytes, not characters", () => {
    expect(octetCounted("abc")).toBe("3 abc");
    expect(octetCounted("é")).toBe("2 é");
  });
});
