/**
 * Event ids: one stable short id per call site (file + message template), the same for every
 * line of the site whatever its dynamic parts, different between sites.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { configure, getLogger, type Destination } from "../src/index.js";
import { enter, site as makeSite } from "./helpers/site-call.js";
import { parseStrict } from "./helpers/strict-json.js";

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };
const records = () => lines.map((l) => parseStrict(l.slice(0, -1)) as Record<string, any>);

beforeEach(() => {
  lines.length = 0;
  configure({ level: "info", destination: collect, format: "json", base: null, eventIds: true });
});

const templateSite = (file: string, line: number) =>
  makeSite({ level: 30, template: ["User ", " bought ", " items"], file, line });

describe("event ids", () => {
  it("are the same for every line of one template site, whatever the holes", () => {
    const site = templateSite("src/shop.ts", 3);
    const log = getLogger("e");
    enter(log, site)?.(site, "ann", 1);
    enter(log, site)?.(site, "bob", 7);
    const [a, b] = records();
    expect(a.msg).toBe("User ann bought 1 items");
    expect(b.msg).toBe("User bob bought 7 items");
    expect(a.event_id).toMatch(/^[0-9a-f]{12}$/);
    expect(b.event_id).toBe(a.event_id);
  });

  it("depend on file and template only: stable across lines moving, different across files and messages", () => {
    const log = getLogger("e");
    for (const site of [templateSite("src/shop.ts", 3), templateSite("src/shop.ts", 30), templateSite("src/other.ts", 3), makeSite({ level: 30, msg: '"User  bought  items"', file: "src/shop.ts", line: 3 })]) {
      enter(log, site)?.(site, "x", 1);
    }
    const ids = records().map((r) => r.event_id);
    expect(ids[1]).toBe(ids[0]);
    expect(new Set(ids).size).toBe(3);
  });

  it("untransformed calls get the id of their logger name and message; ECS writes event.code", () => {
    const log = getLogger("e");
    log.info("same");
    log.info("same", { a: 1 });
    log.info("other");
    const ids = records().map((r) => r.event_id);
    expect(ids[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    configure({ format: "ecs" });
    log.info("same");
    expect(records().at(-1)!["event.code"]).toBe(ids[0]);
  });

  it("are off by default, and a user event_id field is renamed while they are on", () => {
    getLogger("e").info("m", { event_id: "mine" });
    expect(records()[0]["fields.event_id"]).toBe("mine");
    configure({ eventIds: false });
    getLogger("e").info("m", { event_id: "mine" });
    expect(records()[1]).toMatchObject({ event_id: "mine" });
    expect(records()[1]["fields.event_id"]).toBeUndefined();
  });
});
