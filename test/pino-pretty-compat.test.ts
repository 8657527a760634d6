/**
 * logweave's lines through the real `pino-pretty`: a pino user keeps their viewer. For the same
 * calls, pino-pretty prints logweave's line exactly as it prints pino's own (time aside); errors,
 * which logweave writes with a structured `cause`, show type, message, stack and cause. The
 * `caller` object needs pino-pretty's `customPrettifiers` (the README's recipe), because
 * pino-pretty prints `caller` as a string (pino-caller's format): without it, `<[object Object]>`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { prettyFactory } from "pino-pretty";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configure, flush, getLogger, memoryDestination } from "../src/index.js";
import type { MemoryDestination } from "../src/destinations/memory.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";

const render = prettyFactory({ colorize: false });
/** pino-pretty's output without the time, which differs between two calls. */
const withoutTime = (s: string) => s.replace(/^\[\d\d:\d\d:\d\d\.\d{3}\] /, "[time] ");

let dest: MemoryDestination;
let pinoLines: string[];
let pinoSink: Writable;

beforeEach(() => {
  dest = memoryDestination();
  configure({ format: "json", destination: dest, level: "trace" });
  pinoLines = [];
  pinoSink = new Writable({
    write(chunk: Buffer, _enc, done) {
      pinoLines.push(chunk.toString());
      done();
    },
  });
});

afterEach(() => configure({ format: "auto", destination: "stdout", level: "info" }));

/** The one line logweave wrote, through pino-pretty. */
async function logweaveRendered(): Promise<string> {
  await flush();
  expect(dest.lines).toHaveLength(1);
  return render(dest.lines[0]!);
}

describe("logweave's lines in pino-pretty", () => {
  it("a message with fields renders as pino's own line does", async () => {
    getLogger("auth").info("User login", { userId: 12345, ip: "192.168.1.1", success: true });
    pino({ name: "auth" }, pinoSink).info({ userId: 12345, ip: "192.168.1.1", success: true }, "User login");
    const ours = await logweaveRendered();
    expect(withoutTime(ours)).toBe(withoutTime(render(pinoLines[0]!)));
    expect(withoutTime(ours)).toBe(`[time] INFO (auth/${process.pid}): User login\n    userId: 12345\n    ip: "192.168.1.1"\n    success: true\n`);
  });

  it("every level shows pino's label", async () => {
    const log = getLogger("levels");
    log.trace("t");
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");
    log.fatal("f");
    await flush();
    expect(dest.lines.map((l: string) => render(l).match(/^\[[^\]]+\] (\w+) /)?.[1])).toEqual(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]);
  });

  it("child bindings and nested objects render as pino's do", async () => {
    getLogger("http").child({ component: "router" }).warn("slow", { req: { method: "GET", url: "/a" }, ms: 250 });
    pino({ name: "http" }, pinoSink).child({ component: "router" }).warn({ req: { method: "GET", url: "/a" }, ms: 250 }, "slow");
    expect(withoutTime(await logweaveRendered())).toBe(withoutTime(render(pinoLines[0]!)));
  });

  it("an error shows its type, message, stack and cause", async () => {
    getLogger("billing").error("payment failed", new Error("card declined", { cause: new Error("issuer timeout") }));
    const out = await logweaveRendered();
    expect(out).toMatch(new RegExp(`^\\[[^\\]]+\\] ERROR \\(billing/${process.pid}\\): payment failed\\n    err: \\{\\n`));
    expect(out).toContain('\n      "type": "Error",\n      "message": "card declined",\n      "stack":\n          Error: card declined\n              at ');
    expect(out).toMatch(/\n {6}"cause": \{\n {8}"type": "Error",\n {8}"message": "issuer timeout",\n {8}"stack":\n {12}Error: issuer timeout\n {16}at /);
  });

  it("the caller of a transformed call shows with the README's caller prettifier, in the API and the CLI", async () => {
    const { enter, site: siteOf } = await import("./helpers/site-call.js");
    const site = siteOf({ level: 30, msg: '"from a transformed call"', file: "src/app.ts", line: 42, column: 5, function: "main" });
    enter(getLogger("app"), site)?.(site);
    await flush();
    const line = dest.lines[0]!;
    // pino-pretty expects pino-caller's string; logweave's caller is an object: the recipe formats it.
    const withRecipe = prettyFactory({ colorize: false, customPrettifiers: { caller: CALLER_PRETTIFIER } });
    expect(withoutTime(withRecipe(line))).toBe(`[time] INFO (app/${process.pid}) <src/app.ts:42 main>: from a transformed call\n`);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-pino-pretty-"));
    try {
      fs.writeFileSync(path.join(dir, "pino-pretty.config.cjs"), CONFIG_RECIPE);
      const bin = path.join(REPO_ROOT, "node_modules/pino-pretty/bin.js");
      const out = execFileSync(process.execPath, [bin], { cwd: dir, input: line + "\n" + line + "\n", encoding: "utf8" });
      expect(out.replace(/\u001b\[[0-9;]*m/g, "").split("\n").map(withoutTime)).toEqual([
        `[time] INFO (app/${process.pid}) <src/app.ts:42 main>: from a transformed call`,
        `[time] INFO (app/${process.pid}) <src/app.ts:42 main>: from a transformed call`,
        "",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The README's `pino-pretty.config.cjs` for logweave's `caller` (kept word for word). */
const CONFIG_RECIPE = `// pino-pretty.config.cjs: show logweave's caller as file:line function
module.exports = {
  customPrettifiers: {
    caller: (c) => (c && typeof c === "object" ? \`\${c.file}:\${c.line} \${c.function}\` : String(c)),
  },
};
`;

const CALLER_PRETTIFIER = (c: unknown): string => {
  const caller = c as { file: string; line: number; function: string } | string;
  return caller && typeof caller === "object" ? `${caller.file}:${caller.line} ${caller.function}` : String(caller);
};
