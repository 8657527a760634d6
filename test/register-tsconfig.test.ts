/**
 * `node --import logweave/register` compiles each file under its project's `tsconfig.json` as tsx
 * does. Three small projects hold one module per feature (their settings would conflict in one
 * project, and a project per feature would cost a dozen more Node processes): each is run under
 * tsx alone — the reference — and under the loader alone and with tsx in both orders. Each feature
 * module prints its own lines, which every run must print as tsx alone does, `caller` aside (the
 * loader adds it to every log line).
 *
 * The projects' tsconfig readings are made once in this process into the runs' shared cache (as a
 * first loader run stores them), so the runs do not each load TypeScript; reading is tested in
 * `register-tsconfig-readers.test.ts`, and cold runs in `register-projects.test.ts`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Tsconfigs } from "../transformer/register/tsconfig.js";
import type { RunResult } from "./helpers/fixture-cases.js";
import { comparableLines, linesWithoutCaller, RUN_MODES, runEveryMode, writeProject, type RunMode } from "./helpers/register-runs.js";

let scratch: string;
let cacheDir: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-register-tsconfig-"));
  cacheDir = path.join(scratch, "cache");
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Every project's runs, started together (within the helper's process limit) when the file starts. */
const projects: (() => Promise<unknown>)[] = [];
beforeAll(() => {
  // Failures surface in the tests that await these.
  for (const runs of projects) runs().catch(() => {});
});

/** The runs of one project, made once for all its feature tests. */
function projectRuns(name: string, files: Record<string, string>, entry = "src/main.ts"): () => Promise<Record<RunMode, RunResult>> {
  let runs: Promise<Record<RunMode, RunResult>> | undefined;
  const start = (): Promise<Record<RunMode, RunResult>> => {
    runs ??= (async () => {
      const dir = writeProject(path.join(scratch, name), files);
      new Tsconfigs(cacheDir, () => {}).for(path.join(dir, entry));
      return runEveryMode(dir, entry, { LOGWEAVE_CACHE_DIR: cacheDir });
    })();
    return runs;
  };
  projects.push(start);
  return start;
}

/** Lines of one feature: log lines whose `name` is `feature`, and text lines that start with `feature:`. */
function featureLines(stdout: string, feature: string): unknown[] {
  return linesWithoutCaller(stdout).filter((l) =>
    typeof l === "string" ? l.startsWith(feature + ":") : typeof l === "object" && l !== null && (l as { name?: unknown }).name === feature,
  );
}

/**
 * tsx alone ran cleanly and printed lines for `feature`; every loader mode printed the same lines
 * for it and carries `caller` on every log line. Returns tsx's lines, for the test to check that
 * the feature shows what it is about.
 */
async function expectFeatureAsTsx(runs: () => Promise<Record<RunMode, RunResult>>, feature: string): Promise<Record<string, unknown>[]> {
  const all = await runs();
  expect({ stderr: all.tsx.stderr, code: all.tsx.code }).toEqual({ stderr: "", code: 0 });
  const reference = featureLines(all.tsx.stdout, feature);
  expect(reference.length).toBeGreaterThan(0);
  for (const mode of RUN_MODES.filter((m) => m !== "tsx")) {
    expect({ mode, stderr: all[mode].stderr, code: all[mode].code }).toEqual({ mode, stderr: "", code: 0 });
    expect({ mode, lines: featureLines(all[mode].stdout, feature) }).toEqual({ mode, lines: reference });
    const logged = comparableLines(all[mode].stdout).filter((l) => typeof l.line === "object" && l.line !== null && (l.line as { name?: unknown }).name === feature);
    expect({ mode, withoutCaller: logged.filter((l) => !l.hadCaller).length }).toEqual({ mode, withoutCaller: 0 });
  }
  return reference.filter((l): l is Record<string, unknown> => typeof l === "object" && l !== null);
}

/** Every mode printed exactly what tsx alone printed, in the same order (`caller` aside). */
async function expectWholeOutputAsTsx(runs: () => Promise<Record<RunMode, RunResult>>): Promise<void> {
  const all = await runs();
  const reference = linesWithoutCaller(all.tsx.stdout);
  for (const mode of RUN_MODES) expect({ mode, lines: linesWithoutCaller(all[mode].stdout) }).toEqual({ mode, lines: reference });
}

const TINY_JSX_RUNTIME = [
  `export const Fragment = Symbol.for("tiny.fragment");`,
  `const element = (how, type, props, key) => ({ how, type: typeof type === "function" ? "<" + type.name + ">" : String(type.description ?? type), key, props });`,
  `export const jsx = (type, props, key) => element("jsx", type, props, key);`,
  `export const jsxs = (type, props, key) => element("jsxs", type, props, key);`,
].join("\n");

/**
 * An ES module project on standard settings: tsconfig extends a package (a copy of
 * @tsconfig/node20: target es2022, so class fields are defined) and a relative file that sets
 * `paths`; JSX with the automatic runtime of a local package; `verbatimModuleSyntax`.
 */
const standard = projectRuns("esm-standard", {
  "package.json": JSON.stringify({ name: "app", type: "module" }),
  "node_modules/@tsconfig/node20/package.json": JSON.stringify({ name: "@tsconfig/node20", version: "20.1.4" }),
  "node_modules/@tsconfig/node20/tsconfig.json": JSON.stringify({
    $schema: "https://json.schemastore.org/tsconfig",
    compilerOptions: { lib: ["es2023"], module: "node16", target: "es2022", strict: true, esModuleInterop: true, skipLibCheck: true, moduleResolution: "node16" },
  }),
  "node_modules/tiny-jsx/package.json": JSON.stringify({ name: "tiny-jsx", type: "module", exports: { "./jsx-runtime": "./jsx-runtime.js" } }),
  "node_modules/tiny-jsx/jsx-runtime.js": TINY_JSX_RUNTIME,
  "config/tsconfig.paths.json": JSON.stringify({ compilerOptions: { paths: { "@lib/*": ["../src/lib/*"], "@first/*": ["../src/missing/*", "../src/lib/*"], "#config": ["${configDir}/src/lib/config.ts"] } } }),
  "tsconfig.json": [
    `{`,
    `  // comments and trailing commas, as in real configurations`,
    `  "extends": ["@tsconfig/node20/tsconfig.json", "./config/tsconfig.paths.json"],`,
    `  "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "tiny-jsx", "verbatimModuleSyntax": true, },`,
    `}`,
  ].join("\n"),
  "src/main.ts": [`import "./imports.js";`, `import "./jsx.js";`, `import "./accessor.js";`, `import "./decorators.js";`, `import "./paths.js";`, `import "./relative.js";`].join("\n"),
  "src/relative/both.ts": `export const which = "both.ts";\n`,
  "src/relative/both.js": `export const which = "both.js";\n`,
  "src/relative/dir/index.ts": `export const which = "dir/index.ts";\n`,
  "src/relative/helper.ts": `export const which = "helper.ts";\n`,
  "src/relative.ts": [
    `import { getLogger } from "logweave";`,
    `import { which as both } from "./relative/both.js";`,
    `import { which as bare } from "./relative/both";`,
    `import { which as dir } from "./relative/dir";`,
    `import { which as helper } from "./relative/helper";`,
    `getLogger("relative").info("resolved", { both, bare, dir, helper });`,
  ].join("\n"),
  "src/jsx/badge.tsx": `export function Badge(props: { label: string }) { return <b title={props.label}>{props.label}!</b>; }\n`,
  "src/jsx.tsx": [
    `import { getLogger } from "logweave";`,
    `import { Badge } from "./jsx/badge.js";`,
    `const items = ["a", "b"];`,
    `const tree = <section key="s1" data-x={1}><Badge label="new" /><>{items.map((i) => <i key={i}>{i}</i>)}</></section>;`,
    `getLogger("jsx").info("rendered", { tree });`,
  ].join("\n"),
  "src/accessor.ts": [
    `import { getLogger } from "logweave";`,
    `class Box {`,
    `  accessor width = 2;`,
    `  static accessor count = 0;`,
    `  accessor #hidden = "h";`,
    `  get hidden() { return this.#hidden; }`,
    `}`,
    `class Wide extends Box { override accessor width = 10; }`,
    `const box = new Wide();`,
    `box.width += 1;`,
    `Box.count++;`,
    `getLogger("accessor").info("boxes", {`,
    `  width: box.width, count: Box.count, hidden: box.hidden, own: Object.keys(box),`,
    `  proto: Object.getOwnPropertyNames(Box.prototype), getter: typeof Object.getOwnPropertyDescriptor(Box.prototype, "width")?.get,`,
    `});`,
  ].join("\n"),
  "src/decorators.ts": [
    `import { getLogger } from "logweave";`,
    `const events: string[] = [];`,
    `function traced(value: unknown, context: DecoratorContext) {`,
    `  const where = "static" in context && context.static ? " static" : "";`,
    `  const priv = "private" in context && context.private ? " private" : "";`,
    `  events.push("decorate " + context.kind + " " + String(context.name) + where + priv);`,
    `  context.addInitializer(function (this: unknown) { events.push("init " + context.kind + " " + String(context.name) + " on " + (typeof this === "function" ? "class" : typeof this)); });`,
    `  if (context.kind === "field") return (initial: number) => initial * 10;`,
    `  if (context.kind === "accessor") {`,
    `    const target = value as ClassAccessorDecoratorTarget<unknown, number>;`,
    `    return { get(this: unknown) { return target.get.call(this) + 1; }, set(this: unknown, v: number) { target.set.call(this, v * 2); } };`,
    `  }`,
    `  if (context.kind === "method") return function (this: unknown, ...args: unknown[]) { events.push("call " + String(context.name)); return (value as (...a: unknown[]) => unknown).apply(this, args); };`,
    `  return undefined;`,
    `}`,
    `class Base { set shadowed(v: number) { events.push("setter " + v); } }`,
    `@traced`,
    `class Counter extends Base {`,
    `  @traced count = 1;`,
    `  @traced accessor total = 5;`,
    `  @traced #hidden() { return "h"; }`,
    `  @traced static create() { return new Counter(); }`,
    `  shadowed = 3;`,
    `  declared!: number;`,
    `  reveal() { return this.#hidden(); }`,
    `}`,
    `const c = Counter.create();`,
    `c.total = 4;`,
    `getLogger("decorators").info("decorated", { events, count: c.count, total: c.total, hidden: c.reveal(), keys: Object.keys(c), className: Counter.name });`,
  ].join("\n"),
  "src/lib/strings.ts": `export const shout = (s: string) => s.toUpperCase() + "!";\n`,
  "src/lib/nested/index.ts": `export const nested = "index file";\n`,
  "src/lib/config.ts": `export const config = { from: "configDir" };\n`,
  "src/paths.ts": [
    `import { getLogger } from "logweave";`,
    `import { shout } from "@lib/strings";`,
    `import { nested } from "@first/nested";`,
    `import { shout as again } from "@lib/strings.js";`,
    `import { config } from "#config";`,
    `const dynamic = await import("@lib/strings");`,
    `getLogger("paths").info(shout("mapped"), { nested, config, same: again === shout && dynamic.shout === shout });`,
  ].join("\n"),
  "src/imports/side.ts": `console.log("imports: side.ts ran");\nexport const unused = 1;\nexport interface Shape { n: number }\n`,
  "src/imports.ts": [
    `import { getLogger } from "logweave";`,
    `import { unused } from "./imports/side.js";`,
    `import type { Shape } from "./imports/side.js";`,
    `const shape: Shape = { n: 1 };`,
    `getLogger("imports").info("verbatim", { shape });`,
  ].join("\n"),
});

describe("an ES module project on standard settings (extends @tsconfig/node20 and a relative file)", () => {
  it("JSX with jsx: react-jsx and a jsxImportSource (a local runtime package)", async () => {
    const [line] = await expectFeatureAsTsx(standard, "jsx");
    expect((line.tree as { how: string }).how).toBe("jsxs");
  });

  it("accessor fields, without decorators", async () => {
    const [line] = await expectFeatureAsTsx(standard, "accessor");
    expect([line.width, line.count, line.hidden, line.getter]).toEqual([11, 1, "h", "function"]);
  });

  it("standard (TC39) decorators without experimentalDecorators: context.kind and names, addInitializer, replaced members, defined fields (target es2022 from the package)", async () => {
    const [line] = await expectFeatureAsTsx(standard, "decorators");
    expect(line.events).toContain("decorate method #hidden private");
    expect(line.events).toContain("init class Counter on class");
    expect([line.count, line.total]).toEqual([10, 9]);
    // [[Define]] semantics: the base setter is not called and a declared field is an own property.
    expect(line.events).not.toContain("setter 3");
    expect(line.keys).toContain("declared");
  });

  it("paths from an extended file, relative to it: a wildcard, a fallback list, an index file, ${configDir}, a dynamic import", async () => {
    const [line] = await expectFeatureAsTsx(standard, "paths");
    expect([line.msg, line.nested, line.config, line.same]).toEqual(["MAPPED!", "index file", { from: "configDir" }, true]);
  });

  it("relative imports as TypeScript resolves them: ./a.js names a.ts before a.js, ./a names a.ts, ./dir its index.ts", async () => {
    const [line] = await expectFeatureAsTsx(standard, "relative");
    expect([line.both, line.bare, line.dir, line.helper]).toEqual(["both.ts", "both.ts", "dir/index.ts", "helper.ts"]);
  });

  it("verbatimModuleSyntax keeps an import whose binding is unused: its module runs", async () => {
    const [line] = await expectFeatureAsTsx(standard, "imports");
    expect(line.shape).toEqual({ n: 1 });
    expect(featureLines((await standard()).tsx.stdout, "imports")[0]).toBe("imports: side.ts ran");
  });

  it("prints the whole program's output as tsx does, in order", async () => {
    await expectWholeOutputAsTsx(standard);
  });
});

/**
 * An ES module project on legacy settings: tsconfig extends a list — a package's `exports` entry
 * (experimentalDecorators, target es2020: class fields are assigned) and a relative file written
 * without `.json` (classic JSX with jsxFactory/jsxFragmentFactory).
 */
const legacy = projectRuns("esm-legacy", {
  "package.json": JSON.stringify({ name: "app", type: "module" }),
  "node_modules/@acme/tsconfig/package.json": JSON.stringify({ name: "@acme/tsconfig", version: "1.0.0", exports: { "./legacy": "./legacy.json" } }),
  "node_modules/@acme/tsconfig/legacy.json": JSON.stringify({ compilerOptions: { experimentalDecorators: true, target: "es2020" } }),
  "tsconfig.base.json": JSON.stringify({ compilerOptions: { jsx: "react", jsxFactory: "h", jsxFragmentFactory: "Fragment" } }),
  "tsconfig.json": JSON.stringify({ extends: ["@acme/tsconfig/legacy", "./tsconfig.base"], compilerOptions: { strict: true } }),
  "src/main.ts": [`import "./jsx.js";`, `import "./decorators.js";`, `import "./fields.js";`, `import "./imports.js";`].join("\n"),
  "src/h.ts": `export const Fragment = "fragment";\nexport function h(type: unknown, props: unknown, ...children: unknown[]) { return { type, props, children }; }\n`,
  "src/jsx.tsx": [
    `import { getLogger } from "logweave";`,
    `import { h, Fragment } from "./h.js";`,
    `getLogger("jsx").info("classic", { view: <ul class="x"><li>one</li><>two</></ul> });`,
  ].join("\n"),
  "src/decorators.ts": [
    `import { getLogger } from "logweave";`,
    `const events: string[] = [];`,
    `function member(target: any, key: string, descriptor?: PropertyDescriptor) {`,
    `  events.push("member " + (typeof target === "function" ? "static " : "") + key + (descriptor === undefined ? " (field)" : " " + typeof descriptor.value));`,
    `}`,
    `function sealed(constructor: Function) { events.push("class " + constructor.name); }`,
    `function param(target: any, key: string | undefined, index: number) { events.push("param " + String(key) + " " + index); }`,
    `@sealed`,
    `class Service {`,
    `  @member name = "svc";`,
    `  accessor size = 2;`,
    `  @member greet(@param who: string) { return "hi " + who; }`,
    `  @member static make() { return new Service(); }`,
    `}`,
    `const s = Service.make();`,
    `s.size += 5;`,
    `const at = /decorators\\.ts:\\d+:\\d+/.exec(String(new Error("here").stack))?.[0];`,
    `getLogger("decorators").info("legacy", { events, size: s.size, greet: s.greet("bob"), at });`,
  ].join("\n"),
  "src/fields.ts": [
    `import { getLogger } from "logweave";`,
    `const seen: string[] = [];`,
    `class Base { set value(v: number) { seen.push("setter " + v); } get value() { return 0; } }`,
    `class Child extends Base { value = 7; declared?: string; }`,
    `const c = new Child();`,
    `getLogger("fields").info("assigned", { seen, keys: Object.keys(c), hasDeclared: "declared" in c, value: c.value });`,
  ].join("\n"),
  "src/imports/side.ts": `console.log("imports: side.ts ran");\nexport const unused = 1;\n`,
  "src/imports.ts": [`import { getLogger } from "logweave";`, `import { unused } from "./imports/side.js";`, `getLogger("imports").info("removed");`].join("\n"),
});

describe("an ES module project on legacy settings (extends a package's exports entry and a relative file without .json)", () => {
  it("legacy decorators with experimentalDecorators: member, parameter and class decorators, in TypeScript's order", async () => {
    const [line] = await expectFeatureAsTsx(legacy, "decorators");
    expect(line.events).toEqual(["member name (field)", "param greet 0", "member greet function", "member static make function", "class Service"]);
  });

  it("accessor fields in a file with legacy decorators (compiled in a second pass), with stack positions still in the .ts file", async () => {
    const [line] = await expectFeatureAsTsx(legacy, "decorators");
    expect(line.size).toBe(7);
    // The `new Error` of line 17 (tsx gives the same line and column: compared above).
    expect(line.at).toMatch(/^decorators\.ts:17:\d+$/);
  });

  it("classic JSX with jsxFactory and jsxFragmentFactory", async () => {
    const [line] = await expectFeatureAsTsx(legacy, "jsx");
    expect((line.view as { type: string }).type).toBe("ul");
  });

  it("class fields assigned, not defined, for a target before es2022 (the base setter runs, a declared field does not exist)", async () => {
    const [line] = await expectFeatureAsTsx(legacy, "fields");
    expect([line.seen, line.hasDeclared]).toEqual([["setter 7"], false]);
  });

  it("an import whose binding is unused is removed: its module does not run", async () => {
    await expectFeatureAsTsx(legacy, "imports");
    expect(featureLines((await legacy()).tsx.stdout, "imports")).toEqual([{ level: 30, name: "imports", msg: "removed" }]);
  });

  it("prints the whole program's output as tsx does, in order", async () => {
    await expectWholeOutputAsTsx(legacy);
  });
});

/**
 * A CommonJS project (no `"type"`): `baseUrl` + `paths`, `importsNotUsedAsValues: "preserve"`, no
 * `strict`, the react-jsxdev runtime of a CommonJS package.
 */
const commonjs = projectRuns("commonjs", {
  "package.json": JSON.stringify({ name: "app" }),
  "tsconfig.json": JSON.stringify({
    compilerOptions: { baseUrl: "./src", paths: { "@shared/*": ["shared/*"] }, target: "es2021", importsNotUsedAsValues: "preserve", jsx: "react-jsxdev", jsxImportSource: "tiny-jsx" },
  }),
  "node_modules/tiny-jsx/package.json": JSON.stringify({ name: "tiny-jsx" }),
  "node_modules/tiny-jsx/jsx-dev-runtime.js": [
    `const path = require("node:path");`,
    `exports.Fragment = "fragment";`,
    `exports.jsxDEV = (type, props, key, isStatic, source, self) => ({ type, key, isStatic, self: typeof self, props, source: source && { ...source, fileName: path.relative(process.cwd(), source.fileName) } });`,
  ].join("\n"),
  "src/main.ts": [`import "./strict";`, `import "./resolution";`, `import "./imports";`, `import "./jsx";`].join("\n"),
  "src/strict.ts": [
    `import { getLogger } from "logweave";`,
    `function mode(this: unknown) { return this === undefined ? "strict" : "sloppy"; }`,
    `class Point { x = 1; y!: number; }`,
    `getLogger("strict").info("mode", { mode: mode(), keys: Object.keys(new Point()), module: typeof module });`,
  ].join("\n"),
  "src/shared/strings.ts": `export const shout = (s: string) => s.toUpperCase();\n`,
  "src/helper.ts": `export const helper = () => "helper.ts";\n`,
  "src/counter.cts": `let n = 0;\nexport = { next: () => ++n };\n`,
  "src/resolution.ts": [
    `import { getLogger } from "logweave";`,
    `import { shout } from "@shared/strings";`,
    `import { helper } from "./helper.js";`,
    `import counter = require("./counter.cjs");`,
    `import * as fromBaseUrl from "shared/strings";`,
    `getLogger("resolution").info(shout("commonjs"), { helper: helper(), next: counter.next(), baseUrl: fromBaseUrl.shout === shout });`,
  ].join("\n"),
  "src/shared/side.ts": `console.log("imports: side.ts ran");\nexport const never = 1;\n`,
  "src/imports.ts": [
    `import { getLogger } from "logweave";`,
    `import { never } from "@shared/side";`,
    `const at = /imports\\.ts:\\d+:\\d+/.exec(String(new Error("here").stack))?.[0];`,
    `getLogger("imports").info("preserved", { at });`,
  ].join("\n"),
  // The element is outside the log call: the rewrite moves the text around a call's arguments, and
  // SWC takes jsxDEV's columns from the text it compiles (a limit of the rewrite, not of the loader).
  "src/jsx.tsx": [`import { getLogger } from "logweave";`, `const view = <p id="v"><>text</></p>;`, `getLogger("jsx").info("dev runtime", { view });`].join("\n"),
});

describe("a CommonJS project", () => {
  it("runs in sloppy mode without strict or alwaysStrict (tsx's rule), class fields assigned (target es2021)", async () => {
    const [line] = await expectFeatureAsTsx(commonjs, "strict");
    expect([line.mode, line.keys, line.module]).toEqual(["sloppy", ["x"], "object"]);
  });

  it("require finds ./x.ts for ./x.js and ./x.cts for ./x.cjs, and follows paths and baseUrl", async () => {
    const [line] = await expectFeatureAsTsx(commonjs, "resolution");
    expect([line.msg, line.helper, line.next, line.baseUrl]).toEqual(["COMMONJS", "helper.ts", 1, true]);
  });

  it("importsNotUsedAsValues: preserve keeps the import statement: its module runs; stack positions stay those of the .ts file", async () => {
    const [line] = await expectFeatureAsTsx(commonjs, "imports");
    // The `new Error` of line 3 (tsx gives the same line and column: compared above).
    expect(line.at).toMatch(/^imports\.ts:3:\d+$/);
    expect(featureLines((await commonjs()).tsx.stdout, "imports")[0]).toBe("imports: side.ts ran");
  });

  it("jsx: react-jsxdev passes the element's source position to a CommonJS runtime", async () => {
    const [line] = await expectFeatureAsTsx(commonjs, "jsx");
    expect((line.view as { source: { fileName: string } }).source.fileName).toBe(path.join("src", "jsx.tsx"));
  });

  it("prints the whole program's output as tsx does, in order", async () => {
    await expectWholeOutputAsTsx(commonjs);
  });
});
