/**
 * The bundler plugin's own behaviour, without a bundler: option checking, which modules it
 * looks at, the prefilter that keeps other modules from being parsed, what it returns, and the
 * package entries users import (`logweave/vite`, …, `require("logweave/webpack")`).
 */
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { TransformerOptionError } from "../transformer/core/options.js";
import { sourceFileOf } from "../transformer/unplugin/module-id.js";
import { resolvePluginOptions, type LogweavePluginOptions } from "../transformer/unplugin/options.js";
import { logweaveUnplugin } from "../transformer/unplugin/plugin.js";
import { loadTimeCompilerWarning } from "../transformer/unplugin/rollup-checks.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";

type Handler = (this: { warn(message: string): void }, code: string, id: string) => Promise<{ code: string; map: unknown } | null>;

/** The plugin's transform hook and filter, as a bundler gets them, and the warnings it gave. */
function plugin(options: LogweavePluginOptions = {}) {
  const raw = logweaveUnplugin.raw(options, { framework: "rollup", versions: {} });
  const hooks = (Array.isArray(raw) ? raw[0] : raw) as { enforce?: string; transform: { filter: { code: { include: RegExp } }; handler: Handler } };
  const warnings: string[] = [];
  const transform = (code: string, id: string) => hooks.transform.handler.call({ warn: (m) => void warnings.push(m) }, code, id);
  return { hooks, transform, warnings };
}

describe("the bundler plugin's options", () => {
  it("fail the configuration with the option's name", () => {
    expect(() => plugin({ minLevel: "loud" as never })).toThrow(TransformerOptionError);
    expect(() => plugin({ minLevel: "loud" as never })).toThrow(/option "minLevel" must be one of trace, debug, info, warn, error, fatal/);
    expect(() => plugin({ minlevel: "info" } as never)).toThrow(/unknown option "minlevel" \(did you mean "minLevel"\?\)/);
    expect(() => plugin({ loggers: { "./log": [] } })).toThrow(/option "loggers"/);
  });

  it("reject the SWC step's own options, which the bundler decides", () => {
    expect(() => plugin({ swc: {} } as never)).toThrow(/option "swc" is not a bundler plugin option/);
    expect(() => plugin({ filename: "a.ts" } as never)).toThrow(/option "filename" is not a bundler plugin option/);
  });

  it("take LOGWEAVE_MIN_LEVEL over minLevel", () => {
    expect(resolvePluginOptions({ minLevel: "debug" }, { LOGWEAVE_MIN_LEVEL: "error" }).core.minLevel).toBe("error");
    expect(resolvePluginOptions({ minLevel: "debug" }, {}).core.minLevel).toBe("debug");
  });
});

describe("the modules the plugin looks at", () => {
  it("are the project's source files, without their query", () => {
    expect(sourceFileOf("/app/src/a.ts")).toBe("/app/src/a.ts");
    expect(sourceFileOf("/app/src/a.tsx?v=123")).toBe("/app/src/a.tsx");
    expect(sourceFileOf("/app/src/a.mjs")).toBe("/app/src/a.mjs");
  });

  it("never dependencies, virtual modules or other file types", () => {
    expect(sourceFileOf("/app/node_modules/dep/index.js")).toBeUndefined();
    expect(sourceFileOf("C:\\app\\node_modules\\dep\\index.js")).toBeUndefined();
    expect(sourceFileOf("\0virtual:logweave.ts")).toBeUndefined();
    expect(sourceFileOf("/app/src/a.vue")).toBeUndefined();
    expect(sourceFileOf("/app/src/a.d.css")).toBeUndefined();
  });
});

describe("the plugin's transform", () => {
  it("runs before the bundler's own TypeScript handling", () => {
    expect(plugin().hooks.enforce).toBe("pre");
  });

  it("returns the rewritten source, still TypeScript, with a map to the original", async () => {
    const { transform } = plugin({ minLevel: "info", root: "/app" });
    const code = `import { getLogger } from "logweave";\nconst log = getLogger("a");\nconst n: number = 1;\nlog.debug("gone", { n });\nlog.info("kept", { n });\n`;
    const out = await transform(code, "/app/src/a.ts");
    expect(out).not.toBeNull();
    expect(out!.code).toContain("const n: number = 1;");
    expect(out!.code).not.toContain("gone");
    expect(out!.code).toContain('file: "src/a.ts", line: 5, column: 1');
    expect(out!.map).toMatchObject({ sources: ["/app/src/a.ts"], sourcesContent: [code] });
  });

  it("returns null for a module whose calls are all left as written", async () => {
    const { transform, warnings } = plugin();
    expect(await transform(`import { getLogger } from "logweave";\nconst log = getLogger("a");\nlog.info(...["spread"] as [string]);\n`, "/app/a.ts")).toBeNull();
    expect(warnings).toEqual([]);
  });

  it("never parses a module that does not mention a logger module: its syntax is not its business", async () => {
    const { hooks, transform, warnings } = plugin();
    const code = `const x = {{{ ; other.info("not a logger")`;
    expect(await transform(code, "/app/a.ts")).toBeNull();
    expect(warnings).toEqual([]);
    // And the bundler-side filter keeps a module without a `.info(`-like call from the hook at all.
    expect(hooks.transform.filter.code.include.test(`export const x = 1;`)).toBe(false);
    expect(hooks.transform.filter.code.include.test(`log.info("x")`)).toBe(true);
  });

  it("warns, and leaves the module to the bundler, when a module it must read does not parse", async () => {
    const { transform, warnings } = plugin({ root: "/app" });
    expect(await transform(`import { getLogger } from "logweave";\ngetLogger("a").info("x" {);\n`, "/app/src/bad.ts")).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^logweave: src\/bad\.ts: logger calls left as written: could not parse the file/);
  });
});

describe("a Rollup build with a compiler that emits in its load hook", () => {
  it("is warned about: call sites would point at the compiler's output", () => {
    expect(loadTimeCompilerWarning([{ name: "logweave" }, { name: "typescript" }])).toMatch(/^logweave: @rollup\/plugin-typescript compiles TypeScript in its load hook/);
    expect(loadTimeCompilerWarning([{ name: "logweave" }, null, false, { name: "esbuild" }, { name: "node-resolve" }])).toBeUndefined();
    expect(loadTimeCompilerWarning(undefined)).toBeUndefined();
  });

  it("gets the warning from the plugin's Rollup buildStart hook", () => {
    const { hooks } = plugin();
    const warnings: string[] = [];
    const buildStart = (hooks as unknown as { rollup: { buildStart(this: unknown, o: unknown): void } }).rollup.buildStart;
    buildStart.call({ warn: (m: string) => void warnings.push(m) }, { plugins: [{ name: "typescript" }] });
    buildStart.call({ warn: (m: string) => void warnings.push(m) }, { plugins: [{ name: "esbuild" }] });
    expect(warnings).toHaveLength(1);
  });
});

describe("the package entries", () => {
  const node = (args: string[]): Promise<{ stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      execFile(process.execPath, args, { cwd: REPO_ROOT, timeout: 30_000 }, (error, stdout, stderr) => (error ? reject(new Error(stderr || String(error))) : resolve({ stdout, stderr })));
    });

  it("import as ES modules: a plugin factory per bundler", async () => {
    const script = `for (const b of ["vite", "rollup", "esbuild", "webpack", "rspack"]) {
      const m = await import("logweave/" + b);
      const p = m.default({ minLevel: "info" });
      console.log(b, m.default === m.logweave, typeof p);
    }`;
    const { stdout, stderr } = await node(["--input-type=module", "-e", script]);
    expect(stderr).toBe("");
    expect(stdout).toBe(["vite true object", "rollup true object", "esbuild true object", "webpack true object", "rspack true object", ""].join("\n"));
  });

  it("load with require from a CommonJS config (webpack, rspack)", async () => {
    const script = `for (const b of ["webpack", "rspack"]) { const { logweave } = require("logweave/" + b); console.log(b, typeof logweave({ minLevel: "info" }).apply); }`;
    const { stdout } = await node(["--input-type=commonjs", "-e", script]);
    expect(stdout).toBe("webpack function\nrspack function\n");
  });
});
