/**
 * pino 10.4.0's own tests (test/vendor/pino) through the SWC build step: every `.js` file of a
 * copy is transformed (`minLevel: "trace"`, so nothing is elided, and `caller: false`, since
 * pino's tests compare whole lines), then run as test/pino-vendored.test.ts runs them
 * untransformed. The calls on `logweave/pino` loggers are planned (the step must have rewritten
 * many), and the outcome is the untransformed one: every test passes but the listed exclusions.
 *
 * Needs `npm run build` first (npm test does it).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transformSync } from "../transformer/swc/index.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { againstExclusions, runVendoredPino, VENDOR, VENDORED_FILES, type VendoredResult } from "./helpers/pino-vendored.js";

const COPY = path.join(REPO_ROOT, ".fixture-out/pino-vendored-swc");

/** Planned sites (precomputed or not) over the copy's files. */
let sites = 0;
let run: Promise<VendoredResult[]> | undefined;

/** Copies the vendored tests, transforms every `.js` file under `test/`, runs them once. */
function results(): Promise<VendoredResult[]> {
  run ??= (() => {
    fs.rmSync(COPY, { recursive: true, force: true });
    fs.cpSync(VENDOR, COPY, { recursive: true });
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith(".js")) {
          const out = transformSync(fs.readFileSync(file, "utf8"), {
            filename: file,
            root: COPY,
            minLevel: "trace",
            caller: false,
            swc: { jsc: { target: "es2022", parser: { syntax: "ecmascript" } }, swcrc: false },
          });
          sites += out.counts.precomputed + out.counts.fallback;
          fs.writeFileSync(file, out.code);
        }
      }
    };
    walk(path.join(COPY, "test"));
    return runVendoredPino(COPY);
  })();
  return run;
}

describe("pino 10.4.0's own tests against logweave/pino, through the SWC step", () => {
  it("the step plans the tests' calls on logweave/pino loggers", async () => {
    await results();
    expect(sites).toBeGreaterThan(200);
  }, 320_000);

  it.each(VENDORED_FILES)("%s: every test passes but the listed exclusions, which fail", async (file) => {
    const all = (await results()).filter((r) => r.file === file);
    expect(all.length, `no tests ran in ${file}`).toBeGreaterThan(0);
    expect(againstExclusions(file, all)).toEqual({ unexpected: [], stale: [], missing: [] });
  }, 320_000);
});
