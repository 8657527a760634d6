/**
 * The `loggers` setting checked against the files on disk: a key that names no file, an export
 * the module does not have and a path written without `./` are reported with the file and the
 * name; modules whose exports cannot be listed, and package names or aliases, never are.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggersSettingWarnings } from "../transformer/swc/loggers-check.js";
import { LoggerModules } from "../transformer/swc/options.js";
import { logweaveUnplugin } from "../transformer/unplugin/plugin.js";

let root: string;
const FILES: Record<string, string> = {
  "src/log.ts": 'import { getLogger } from "logweave";\nexport const log = getLogger("app");\nexport default log;\n',
  "src/named.ts": 'import { getLogger } from "logweave";\nconst a = getLogger("a");\nexport { a as audit };\n',
  "src/star.ts": 'export * from "./log.js";\n',
  "src/cjs.cjs": 'module.exports = { log: require("logweave").getLogger("cjs") };\n',
  "src/destructured.ts": 'import { getLogger } from "logweave";\nexport const { x } = { x: getLogger("x") };\n',
  "src/broken.ts": "export const = ;\n",
  "src/dir/index.ts": 'import { getLogger } from "logweave";\nexport const inDir = getLogger("dir");\n',
};

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-loggers-"));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const warnings = (entries: Record<string, string[]>) => loggersSettingWarnings(new LoggerModules(entries, root));

describe("a loggers setting that resolves", () => {
  it("says nothing: named exports, default, `export { a as b }`, .js written for .ts, an index file", () => {
    expect(warnings({ "./src/log": ["log", "default"], "./src/named": ["audit"], "./src/log.js": ["log"], "./src/dir": ["inDir"], "./src/dir/index.ts": ["inDir"] })).toEqual([]);
  });

  it("says nothing when the exports cannot all be listed: export *, CommonJS, destructuring, a syntax error", () => {
    expect(warnings({ "./src/star": ["anything"], "./src/cjs.cjs": ["log"], "./src/destructured": ["x"], "./src/broken": ["log"] })).toEqual([]);
  });

  it("says nothing for a package name or an alias that is no file under root", () => {
    expect(warnings({ "@app/logging": ["log"], "shared-log": ["default"] })).toEqual([]);
  });
});

describe("a loggers setting that does not resolve", () => {
  it("names the key that names no file", () => {
    expect(warnings({ "./src/nolog": ["log"] })).toEqual([
      `logweave: loggers: "./src/nolog" names no file under ${root} (tried the extensions .ts, .tsx, .mts, .cts, .js, .mjs, .cjs and index files); calls on its loggers (log) stay as written`,
    ]);
  });

  it("names the file, the missing exports and the ones there are", () => {
    expect(warnings({ "./src/log": ["logger", "log", "audit"] })).toEqual([
      'logweave: loggers: "./src/log" (src/log.ts) has no export "logger" (its exports: log, default); calls on it stay as written',
      'logweave: loggers: "./src/log" (src/log.ts) has no export "audit" (its exports: log, default); calls on it stay as written',
    ]);
  });

  it("points out a path written without ./", () => {
    expect(warnings({ "src/log": ["log"] })).toEqual(['logweave: loggers: "src/log" is read as a package name; a file path needs "./" (did you mean "./src/log"?); calls on its loggers (log) stay as written']);
  });
});

describe("the bundler plugin", () => {
  it("says each warning once, through the bundler, when it first transforms a module", async () => {
    const raw = logweaveUnplugin.raw({ root, loggers: { "./src/nolog": ["log"], "src/log": ["log"] } }, { framework: "rollup", versions: {} });
    const hooks = (Array.isArray(raw) ? raw[0] : raw) as { transform: { handler: (this: { warn(m: string): void }, code: string, id: string) => Promise<unknown> } };
    const warned: string[] = [];
    const context = { warn: (m: string) => void warned.push(m) };
    const code = 'import { log } from "./log.js";\nlog.info("x");\n';
    await hooks.transform.handler.call(context, code, path.join(root, "src/a.ts"));
    await hooks.transform.handler.call(context, code, path.join(root, "src/b.ts"));
    expect(warned).toEqual([expect.stringContaining('"./src/nolog" names no file'), expect.stringContaining('"src/log" is read as a package name')]);
  });
});
