/**
 * A transport's worker thread must be loadable: an application bundled into one file (esbuild,
 * ESM and CommonJS) has logweave's runtime but not the worker module, and must fail at
 * `configure()` time with a message that says what to do — never start and lose its lines.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;
const dist = path.resolve("dist/src");

/** The application: configures a syslog transport and says whether that worked. */
const APP = `import { configure, getLogger } from ${JSON.stringify(path.join(dist, "index.js"))};
import { syslogTransport } from ${JSON.stringify(path.join(dist, "transports/index.js"))};
try {
  configure({ destination: syslogTransport({ port: 9, exitTimeoutMs: 100 }) });
} catch (err) {
  process.stderr.write("configure failed: " + err.message);
  process.exit(2);
}
getLogger("app").info("hello");
process.stdout.write("configured");
`;

function run(file: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [file], { encoding: "utf8", timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  expect(fs.existsSync(path.join(dist, "transports/worker.js")), "run `npm run build` first").toBe(true);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-worker-"));
  fs.writeFileSync(path.join(dir, "app.mjs"), APP);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a transport whose worker file is not there", () => {
  it("control: unbundled, the transport is configured", () => {
    const result = run(path.join(dir, "app.mjs"));
    expect(result).toMatchObject({ status: 0, stdout: "configured" });
  });

  for (const format of ["esm", "cjs"] as const) {
    it(`bundled into one file (${format}): configure() fails with what to do`, async () => {
      const outfile = path.join(dir, `bundle-${format}`, format === "esm" ? "app.mjs" : "app.cjs");
      await build({ entryPoints: [path.join(dir, "app.mjs")], bundle: true, platform: "node", format, outfile, logLevel: "silent" });
      const result = run(outfile);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^configure failed: logweave\/transports: the transport worker .*(is missing|cannot be located).*keep logweave external to the bundle/);
    });
  }
});
