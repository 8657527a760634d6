/**
 * `npm run demo` is one of the README's two set-up commands: the demo script must run to the end
 * (exit 0) and show each of its four parts — the runtime alone, the TypeScript-plugin build, the
 * SWC build, and the pretty printer.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("npm run demo", () => {
  it("runs every part to the end: plain, plugin build with caller, SWC build, pretty printer", () => {
    const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.FORCE_COLOR;
    // The banners go to stderr (stdout stays JSON lines when piped): read both, in order, as a user sees them.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(tsx)} fixtures/demo/run.ts 2>&1`;
    const r = spawnSync("sh", ["-c", command], { cwd: root, encoding: "utf8", env, timeout: 120_000 });
    const out = r.stdout;
    expect(r.status, out).toBe(0);
    for (const part of ["=== 1.", "=== 2.", "=== 3.", "=== 4."]) expect(out).toContain(part);
    const [, plain, plugin, swc, pretty] = out.split(/^=== \d\. .*$/m);
    const callers = (text: string) => text.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l).caller);
    expect(callers(plain).length).toBeGreaterThan(5);
    expect(callers(plain).every((c) => c === undefined)).toBe(true);
    expect(callers(plugin).length).toBeGreaterThan(5);
    expect(callers(plugin).every((c) => c !== undefined && c.file === "app.ts")).toBe(true);
    expect(callers(swc)).toEqual(callers(plugin));
    expect(pretty).toMatch(/ INFO  auth: User login userId=12345 .*\(app\.ts:\d+ <module>\)/);
  }, 150_000);
});
