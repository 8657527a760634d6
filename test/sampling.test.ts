/**
 * Per-call-site sampling and rate limits: decided before a transformed call evaluates its
 * arguments, rules by file:line, file and "*", the sampled-out count on the next kept line.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { configure, getLogger, type Destination } from "../src/index.js";
import { enter, site as makeSite } from "./helpers/site-call.js";
import { parseStrict } from "./helpers/strict-json.js";

const lines: string[] = [];
const collect: Destination = { write: (l) => void lines.push(l) };
const records = () => lines.map((l) => parseStrict(l.slice(0, -1)) as Record<string, any>);

beforeEach(() => {
  lines.length = 0;
  configure({ level: "info", destination: collect, format: "json", base: null, sample: undefined, maxPerSecond: undefined });
});
afterEach(() => {
  vi.useRealTimers();
});

const hot = makeSite({ level: 30, msg: '"hot"', fields: [{ key: "n", type: "number" }], file: "src/hot.ts", line: 10 });
const hot20 = makeSite({ level: 30, msg: '"hot 20"', file: "src/hot.ts", line: 20 });
const cold = makeSite({ level: 30, msg: '"cold"', file: "src/cold.ts", line: 1 });

/** Calls a site as the transformer emits it, counting how often the argument is evaluated. */
function call(site: ReturnType<typeof makeSite>, times: number): number {
  const log = getLogger("s");
  let evaluated = 0;
  for (let i = 0; i < times; i++) enter(log, site)?.(site, ++evaluated);
  return evaluated;
}

describe("sampling", () => {
  it("keeps the configured fraction of a file's calls, evenly, and never evaluates a dropped call's arguments", () => {
    configure({ sample: { "src/hot.ts": 0.25 } });
    expect(call(hot, 100)).toBe(25);
    const r = records();
    expect(r).toHaveLength(25);
    expect(r.map((x) => x.n)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(r[0].sampled_out).toBeUndefined();
    expect(r.slice(1).every((x) => x.sampled_out === 3)).toBe(true);
  });

  it("file:line wins over file, file over *, and * is the default of every other call", () => {
    configure({ sample: { "*": 0.5, "src/hot.ts": 0.1, "src/hot.ts:20": 1 } });
    call(hot, 20);
    call(hot20, 20);
    call(cold, 20);
    const msgs = records().map((x) => x.msg);
    expect(msgs.filter((m) => m === "hot")).toHaveLength(2);
    expect(msgs.filter((m) => m === "hot 20")).toHaveLength(20);
    expect(msgs.filter((m) => m === "cold")).toHaveLength(10);
  });

  it("rate 0 turns a site off; untransformed calls follow * per logger name and level", () => {
    configure({ sample: { "src/cold.ts": 0, "*": 0.5 } });
    call(cold, 10);
    expect(lines).toHaveLength(0);
    for (let i = 0; i < 6; i++) getLogger("plain").info("m", { i });
    for (let i = 0; i < 2; i++) getLogger("plain").warn("w");
    expect(records().map((x) => [x.level, x.i, x.sampled_out])).toEqual([[30, 0, undefined], [30, 2, 1], [30, 4, 1], [40, undefined, undefined]]);
  });

  it("maxPerSecond caps each site per wall-clock second and reports what it left out", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00.000Z"));
    configure({ maxPerSecond: 3 });
    call(hot, 10);
    call(cold, 2);
    expect(records().map((x) => x.msg)).toEqual(["hot", "hot", "hot", "cold", "cold"]);
    vi.setSystemTime(new Date("2026-01-01T00:00:01.000Z"));
    call(hot, 1);
    expect(records().at(-1)).toMatchObject({ msg: "hot", sampled_out: 7 });
  });

  it("a user field named sampled_out is renamed while sampling is on", () => {
    configure({ sample: { "*": 1 } });
    getLogger("s").info("m", { sampled_out: "mine" });
    expect(records()[0]["fields.sampled_out"]).toBe("mine");
  });

  it("rejects bad rules by name", () => {
    expect(() => configure({ sample: { "src/a.ts": 2 } })).toThrow(/sample\["src\/a.ts"\] must be a number from 0 to 1/);
    expect(() => configure({ maxPerSecond: 0 })).toThrow(/maxPerSecond must be a finite number >= 1/);
    expect(() => configure({ sample: [] as never })).toThrow(/sample must be an object/);
  });
});

describe("per-site state belongs to the configuration", () => {
  it("a site reached through loggers of two configurations keeps one rate limit in each, across alternating calls", () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00.500Z") });
    const own: string[] = [];
    configure({ maxPerSecond: 3 });
    const global = getLogger("global-cfg");
    const other = getLogger("own-cfg", { destination: { write: (l) => void own.push(l) }, format: "logfmt" });
    const shared = makeSite({ level: 30, msg: '"shared"', fields: [{ key: "i", type: "number" }], file: "src/helper.ts", line: 3 });
    for (let i = 0; i < 20; i++) {
      enter(global, shared)?.(shared, i);
      enter(other, shared)?.(shared, i);
    }
    expect(records().map((r) => r.i)).toEqual([0, 1, 2]);
    expect(own).toHaveLength(3);
    expect(own.every((l) => l.startsWith("level=info"))).toBe(true);
  });

  it("a logger that only sets its level shares the global configuration's state; setting a level keeps every state", () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00.500Z") });
    configure({ maxPerSecond: 4 });
    const a = getLogger("level-only-a");
    const b = getLogger("level-only-b", { level: "debug" });
    const shared = makeSite({ level: 30, msg: '"shared"', file: "src/helper.ts", line: 9 });
    enter(a, shared)?.(shared);
    enter(b, shared)?.(shared);
    a.level = "info"; // a level change: no new configuration, the count goes on
    for (let i = 0; i < 5; i++) enter(i % 2 === 0 ? a : b, shared)?.(shared);
    expect(records()).toHaveLength(4);
  });
});
