/**
 * The `otel` format and `logweave/http` without an OpenTelemetry SDK (its own file: the SDK
 * suite registers OpenTelemetry's globals, and with them logweave/http leaves the trace to it).
 * The lines are read strictly as OTLP/JSON with the official protos.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { withRequestContext } from "../../src/http/index.js";
import { configure, getLogger } from "../../src/index.js";
import { readOtelLine } from "./otlp-line.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const SPAN = "00f067aa0ba902b7";

describe("request correlation and the completion line of logweave/http", () => {
  it("writes the request's trace as the record's traceId / spanId / flags and the completion with the HTTP semantic conventions", async () => {
    const lines: string[] = [];
    configure({ destination: { write: (l) => void lines.push(l) }, format: "otel", level: "info" });
    const server = http.createServer(withRequestContext((_req, res) => {
      getLogger("app").info("handling");
      res.end();
    }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as AddressInfo).port;
      await new Promise<void>((resolve, reject) => {
        http.get({ port, host: "127.0.0.1", path: "/p?q=secret", headers: { traceparent: `00-${TRACE}-${SPAN}-01` } }, (res) => {
          res.resume();
          res.on("end", () => resolve());
        }).on("error", reject);
      });
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    const read = lines.map((l) => readOtelLine(l));
    for (const r of read) {
      expect(r.record).toMatchObject({ traceId: TRACE, spanId: expect.stringMatching(/^[0-9a-f]{16}$/), flags: 1 });
      expect(r.attributes).not.toHaveProperty("trace_id");
    }
    const done = read.find((r) => r.body === "request completed")!;
    expect(done.attributes).toMatchObject({ "http.request.method": "GET", "url.path": "/p", "http.response.status_code": 200, duration_ms: expect.any(Number) });
    expect(lines.join("")).not.toContain("secret");
  });
});
