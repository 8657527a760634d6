/**
 * Library mode and base fields from the environment. Library mode depends on `configure()` never
 * having been called, so this file calls it only in its last test.
 */
import { describe, expect, it } from "vitest";
import { configure, getLogger, memoryDestination } from "../src/index.js";
import { enter, site as makeSite } from "./helpers/site-call.js";
import { parseStrict } from "./helpers/strict-json.js";

describe("library mode", () => {
  it("a library logger writes nothing, evaluates nothing, until the application calls configure()", () => {
    const dest = memoryDestination();
    const lib = getLogger("my-lib", { library: true, destination: dest, level: "debug" });
    const child = lib.child({ part: "x" }, { level: "trace" });
    lib.info("hidden");
    child.trace("hidden too");
    expect(lib.isLevelEnabled("fatal")).toBe(false);
    expect(lib.level).toBe("silent");
    const s = makeSite({ level: 30, msg: '"hidden"' });
    expect(enter(lib, s)).toBeUndefined();
    expect(dest.lines).toEqual([]);

    configure({ level: "info" });
    lib.debug("now visible");
    child.trace("child too");
    const lines = dest.lines.map((l) => parseStrict(l) as Record<string, unknown>);
    expect(lines.map((r) => r.msg)).toEqual(["now visible", "child too"]);
    expect(() => configure({ library: true } as never)).toThrow(/library is an option of getLogger/);
  });
});

describe("base fields from the environment", () => {
  const env = { LOGWEAVE_SERVICE: "checkout", LOGWEAVE_VERSION: "1.4.2", LOGWEAVE_ENV: "prod" };

  function withEnv(vars: Record<string, string | undefined>, fn: () => void): void {
    const saved: Record<string, string | undefined> = {};
    for (const k of Object.keys(vars)) {
      saved[k] = process.env[k];
      if (vars[k] === undefined) delete process.env[k];
      else process.env[k] = vars[k];
    }
    try {
      fn();
    } finally {
      for (const k of Object.keys(saved)) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  }

  function lineIn(format: "json" | "ecs" | "otel" | "gcp", base?: Record<string, unknown>): Record<string, any> {
    const dest = memoryDestination();
    configure({ format, destination: dest, level: "info", base: base ?? {} });
    getLogger("svc").info("m", { service: "from call" });
    return parseStrict(dest.lines[0]) as Record<string, any>;
  }

  it("json: service, version and env on every line, as base fields a call's fields override", () => {
    withEnv(env, () => {
      const r = lineIn("json");
      expect(r).toMatchObject({ service: "from call", version: "1.4.2", env: "prod" });
      expect(lineIn("json", { env: undefined }).env).toBeUndefined();
    });
  });

  it("OTEL_SERVICE_NAME when LOGWEAVE_SERVICE is not set", () => {
    withEnv({ LOGWEAVE_SERVICE: undefined, OTEL_SERVICE_NAME: "otel-name" }, () => {
      expect(lineIn("ecs")["service.name"]).toBe("otel-name");
    });
  });

  it("ecs, otel and gcp put them where each schema wants them", () => {
    withEnv(env, () => {
      // A user field under an ECS field set is renamed (issue 18, item 5).
      expect(lineIn("ecs")).toMatchObject({ "service.name": "checkout", "service.version": "1.4.2", "service.environment": "prod", "fields.service": "from call" });
      expect(lineIn("otel").resourceLogs[0].resource.attributes).toEqual(
        expect.arrayContaining([
          { key: "service.name", value: { stringValue: "checkout" } },
          { key: "service.version", value: { stringValue: "1.4.2" } },
          { key: "deployment.environment.name", value: { stringValue: "prod" } },
        ]),
      );
      expect(lineIn("gcp")).toMatchObject({ serviceContext: { service: "checkout", version: "1.4.2" }, "logging.googleapis.com/labels": { env: "prod" } });
    });
  });
});
