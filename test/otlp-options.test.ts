/**
 * otlpTransport()'s options and environment: what is refused at once (a TypeError naming the
 * option), what is reported and ignored (an environment variable that cannot be used), and what
 * wins over what.
 */
import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { otlpEnvironment } from "../src/transports/otlp-env.js";
import { endpointName } from "../src/transports/otlp-endpoint.js";
import { otlpSinkOptions } from "../src/transports/otlp-options.js";

afterEach(() => vi.restoreAllMocks());

/** Runs `fn`, returning what it reported on stderr. */
function stderrOf(fn: () => void): string {
  let text = "";
  vi.spyOn(fs, "writeSync").mockImplementation(((fd: number, data: string) => {
    if (fd === 2) text += data;
    return data.length;
  }) as typeof fs.writeSync);
  fn();
  return text;
}

describe("otlpTransport options", () => {
  it("refuses a header that cannot be sent, naming it", () => {
    expect(() => otlpSinkOptions({ headers: { "bad name": "x" } }, {})).toThrow(/header "bad name"/);
    expect(() => otlpSinkOptions({ headers: { "x-key": "line\nbreak" } }, {})).toThrow(/header "x-key"/);
    expect(() => otlpSinkOptions({ headers: { "x-key": 1 as unknown as string } }, {})).toThrow(/must be a string/);
    expect(() => otlpSinkOptions({ headers: { "Content-Type": "text/plain" } }, {})).toThrow(/set by the transport/);
  });

  it("refuses a URL that is not http(s), a bad timeout, a bad compression, an empty service name", () => {
    expect(() => otlpSinkOptions({ url: "ftp://x/v1/logs" }, {})).toThrow(TypeError);
    expect(() => otlpSinkOptions({ timeoutMs: 0 }, {})).toThrow(/timeoutMs/);
    expect(() => otlpSinkOptions({ timeoutMs: Infinity }, {})).toThrow(/timeoutMs/);
    expect(() => otlpSinkOptions({ compression: "br" as "gzip" }, {})).toThrow(/compression/);
    expect(() => otlpSinkOptions({ serviceName: "" }, {})).toThrow(/serviceName/);
  });

  it("a user-agent header of the application's replaces logweave's; names are sent in lower case", () => {
    const options = otlpSinkOptions({ headers: { "User-Agent": "my-app/1", "X-Api-Key": "k" } }, {});
    expect(options.headers).toMatchObject({ "user-agent": "my-app/1", "x-api-key": "k" });
  });

  it("options win over the environment, the logs variables over the general ones", () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://general:4318",
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: "http://logs:4318/v1/logs",
      OTEL_EXPORTER_OTLP_TIMEOUT: "1000",
      OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: "2000",
      OTEL_EXPORTER_OTLP_HEADERS: "x-a=general,x-b=general",
      OTEL_EXPORTER_OTLP_LOGS_HEADERS: "x-b=logs",
    };
    const fromEnv = otlpSinkOptions({}, env);
    expect([fromEnv.url, fromEnv.timeoutMs, fromEnv.headers["x-a"], fromEnv.headers["x-b"]]).toEqual(["http://logs:4318/v1/logs", 2000, "general", "logs"]);
    const fromOptions = otlpSinkOptions({ url: "http://mine:4318/v1/logs", timeoutMs: 300, headers: { "x-b": "mine" } }, env);
    expect([fromOptions.url, fromOptions.timeoutMs, fromOptions.headers["x-b"]]).toEqual(["http://mine:4318/v1/logs", 300, "mine"]);
  });

  it("a service name only from the lines or the default when nothing else names it", () => {
    expect(otlpSinkOptions({}, {}).resource).toEqual({});
  });
});

describe("reports name the endpoint without its secrets", () => {
  it("no user, password or query", () => {
    expect(endpointName("https://user:s3cret@collector.example.com:4318/v1/logs?api_key=k3y#f")).toBe("OTLP https://collector.example.com:4318/v1/logs");
  });

  it("a bad url option or endpoint variable is not quoted back", () => {
    let message = "";
    try {
      otlpSinkOptions({ url: "htp://user:s3cret@x" }, {});
    } catch (err) {
      message = String(err);
    }
    expect(message).toContain("url must be an http(s) URL");
    expect(message).not.toContain("s3cret");
    expect(otlpEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: "htp://user:s3cret@x" }).problems.join()).not.toContain("s3cret");
  });
});

describe("environment variables that cannot be used", () => {
  it("a header the environment gives that cannot be sent is reported and left out; the others go", () => {
    let options: ReturnType<typeof otlpSinkOptions> | undefined;
    const stderr = stderrOf(() => (options = otlpSinkOptions({}, { OTEL_EXPORTER_OTLP_HEADERS: "bad key=1,x-good=2" })));
    expect(stderr).toMatch(/header "bad key" is not a valid HTTP header/);
    expect(options!.headers).not.toHaveProperty("bad key");
    expect(options!.headers["x-good"]).toBe("2");
  });

  it("an endpoint that is not an http(s) URL is reported and the next one used", () => {
    let options: ReturnType<typeof otlpSinkOptions> | undefined;
    const stderr = stderrOf(() => (options = otlpSinkOptions({}, { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: "collector:4318", OTEL_EXPORTER_OTLP_ENDPOINT: "http://base:4318" })));
    expect(stderr).toContain("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");
    expect(options!.url).toBe("http://base:4318/v1/logs");
  });

  it("grpc is reported as not spoken; http/protobuf endpoints take JSON and say nothing", () => {
    expect(otlpEnvironment({ OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" }).problems).toEqual([expect.stringContaining("grpc is not supported")]);
    expect(otlpEnvironment({ OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: "http/protobuf", OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" }).problems).toEqual([]);
  });

  it("a malformed OTEL_RESOURCE_ATTRIBUTES is discarded whole, and says why", () => {
    const env = otlpEnvironment({ OTEL_RESOURCE_ATTRIBUTES: "team=core,broken,region=eu" });
    expect(env.resource).toEqual({});
    expect(env.problems).toEqual([expect.stringContaining('"broken" is not key=value')]);
  });

  it("a key such as __proto__ in the environment stays a plain key", () => {
    const env = otlpEnvironment({ OTEL_RESOURCE_ATTRIBUTES: "__proto__=x", OTEL_EXPORTER_OTLP_HEADERS: "__proto__=y" });
    expect(Object.keys(env.resource)).toEqual(["__proto__"]);
    expect(Object.keys(env.headers)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
