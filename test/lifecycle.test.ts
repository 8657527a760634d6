/**
 * The process lifecycle (`src/lifecycle.ts`): when signal handlers are installed. Resolving a
 * configuration installs nothing; `configure({ handleSignals: true })` does, and so does
 * `LOGWEAVE_HANDLE_SIGNALS=1` at the first destination's first use. Child processes run the
 * built package, so the test process's own signal listeners stay untouched.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;

function built(file: string): string {
  const full = path.resolve("dist/src", file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first`);
  return JSON.stringify(pathToFileURL(full).href);
}

/** Runs `body` (an ES module) in a child; returns what it printed on stdout. */
function child(body: string, env: Record<string, string> = {}): string {
  const file = path.join(dir, `child-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(file, body);
  return execFileSync(process.execPath, [file], { env: { ...process.env, LOGWEAVE_HANDLE_SIGNALS: "", ...env }, encoding: "utf8" });
}

const COUNT = `const count = () => process.listenerCount("SIGTERM") + "," + process.listenerCount("SIGINT");`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-lifecycle-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("signal handlers", () => {
  it("resolving a configuration that asks for them installs none", () => {
    const out = child(`import { resolveGlobal, resolveWith, state } from ${built("config.js")};
${COUNT}
state.options = { handleSignals: true, destination: { write() {} } };
resolveGlobal();
resolveWith({ level: "debug" });
process.stdout.write(count());`);
    expect(out).toBe("0,0");
  });

  it("configure({ handleSignals: true }) installs them for SIGTERM and SIGINT", () => {
    const out = child(`import { configure } from ${built("index.js")};
${COUNT}
const before = count();
configure({ handleSignals: true, destination: { write() {} } });
process.stdout.write(before + " " + count());`);
    expect(out).toBe("0,0 1,1");
  });

  it("LOGWEAVE_HANDLE_SIGNALS=1 installs them when the first destination is used, not at import", () => {
    const out = child(
      `import { stdoutDestination } from ${built("destinations/fd.js")};
${COUNT}
const atImport = count();
stdoutDestination();
process.stdout.write(atImport + " " + count());`,
      { LOGWEAVE_HANDLE_SIGNALS: "1" },
    );
    expect(out).toBe("0,0 1,1");
  });
});
