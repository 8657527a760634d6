/**
 * The loader and project layouts: each file is compiled under its nearest tsconfig.json; a
 * configuration is read cold (TypeScript loaded in the run) and read again after an edit, never
 * from a stale reading; a broken configuration is reported and the rest of it applies;
 * `emitDecoratorMetadata` gives the metadata TypeScript's own build gives (tsx does not support it,
 * so the reference here is `tsc`).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logLines, runIn, runNode, writeProject } from "./helpers/register-runs.js";

let scratch: string;

beforeAll(() => {
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "logweave-register-projects-")));
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A decorator that records how it was called: the legacy form gets (target, key, descriptor), the standard one (value, context). */
const RECORDING_DECORATOR = [
  `export const calls: string[] = [];`,
  `export function record(...args: unknown[]): void {`,
  `  const context = args[1];`,
  `  calls.push(typeof context === "object" && context !== null && "kind" in context ? "standard " + String((context as { kind: unknown }).kind) : "legacy " + String(context));`,
  `}`,
].join("\n");

describe.concurrent("the tsconfig.json that applies to a file", () => {
  it("is the nearest one up from the file: a folder with its own configuration gets its own decorators", async () => {
    const dir = writeProject(path.join(scratch, "nearest"), {
      "package.json": JSON.stringify({ name: "app", type: "module" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true } }),
      "legacy/tsconfig.json": JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
      "record.ts": RECORDING_DECORATOR,
      "legacy/old.ts": `import { record } from "../record.js";\nexport class Old { @record method() {} }\n`,
      "main.ts": [
        `import { getLogger } from "logweave";`,
        `import { record, calls } from "./record.js";`,
        `import "./legacy/old.js";`,
        `class New { @record method() {} }`,
        `getLogger("nearest").info("decorators", { calls });`,
      ].join("\n"),
    });
    const run = await runIn("loader", dir, "main.ts", { LOGWEAVE_CACHE_DIR: path.join(dir, "cache") });
    expect(run.stderr).toBe("");
    expect(logLines(run.stdout)[0].calls).toEqual(["legacy method", "standard method"]);
  });

  it("is read cold in a first run, and read again after it is edited (compiled files follow)", async () => {
    const dir = writeProject(path.join(scratch, "edited"), {
      "package.json": JSON.stringify({ name: "app", type: "module" }),
      "tsconfig.base.json": JSON.stringify({ compilerOptions: { useDefineForClassFields: false } }),
      "tsconfig.json": JSON.stringify({ extends: "./tsconfig.base.json" }),
      "main.ts": [
        `import { getLogger } from "logweave";`,
        `const seen: number[] = [];`,
        `class Base { set value(v: number) { seen.push(v); } }`,
        `class Child extends Base { value = 7; }`,
        `new Child();`,
        `getLogger("fields").info("setter calls", { seen });`,
      ].join("\n"),
    });
    const env = { LOGWEAVE_CACHE_DIR: path.join(dir, "cache") };
    const first = await runIn("loader", dir, "main.ts", env);
    expect(first.stderr).toBe("");
    expect(logLines(first.stdout)[0].seen).toEqual([7]);
    // Only the extended file changes: the stored reading depends on it too.
    fs.writeFileSync(path.join(dir, "tsconfig.base.json"), JSON.stringify({ compilerOptions: { useDefineForClassFields: true } }));
    const second = await runIn("loader", dir, "main.ts", env);
    expect(second.stderr).toBe("");
    expect(logLines(second.stdout)[0].seen).toEqual([]);
  });

  it("that extends a missing file is reported in one line naming both, and the rest of it still applies", async () => {
    const dir = writeProject(path.join(scratch, "broken"), {
      "package.json": JSON.stringify({ name: "app", type: "module" }),
      "tsconfig.json": JSON.stringify({ extends: "./missing.json", compilerOptions: { experimentalDecorators: true } }),
      "record.ts": RECORDING_DECORATOR,
      "main.ts": [`import { getLogger } from "logweave";`, `import { record, calls } from "./record.js";`, `class A { @record m() {} }`, `getLogger("broken").info("decorators", { calls });`].join("\n"),
    });
    const run = await runIn("loader", dir, "main.ts", { LOGWEAVE_CACHE_DIR: path.join(dir, "cache") });
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`^logweave/register: ${path.join(dir, "tsconfig.json").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}.*missing\\.json.*\\n$`));
    expect(logLines(run.stdout)[0].calls).toEqual(["legacy m"]);
  });
});

describe("emitDecoratorMetadata", () => {
  it("gives the design:type, design:paramtypes and design:returntype metadata of TypeScript's own build (plus SWC's design:type on the class)", async () => {
    const dir = writeProject(path.join(scratch, "metadata"), {
      "package.json": JSON.stringify({ name: "app" }),
      "tsconfig.json": JSON.stringify({
        compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, target: "es2022", module: "commonjs", strict: true, outDir: "out", rootDir: "src", skipLibCheck: true, types: [] },
        include: ["src"],
      }),
      "src/main.ts": [
        `import { getLogger } from "logweave";`,
        `const seen: unknown[] = [];`,
        `const describe = (v: unknown): unknown => (Array.isArray(v) ? v.map(describe) : typeof v === "function" ? v.name : String(v));`,
        `(Reflect as unknown as { metadata: unknown }).metadata = (key: string, value: unknown) => (_target: object, property?: string | symbol) => {`,
        `  seen.push([String(property ?? "<class>"), key, describe(value)]);`,
        `};`,
        `function dec(..._args: unknown[]): void {}`,
        `class Dependency {}`,
        `enum Color { Red }`,
        `@dec`,
        `class Service {`,
        `  constructor(private readonly dependency: Dependency, public name: string, color: Color) {}`,
        `  @dec count!: number;`,
        `  @dec label: string | undefined;`,
        `  @dec flags: boolean[] = [];`,
        `  @dec method(a: Dependency, b: number[], c?: string): Promise<string> { return Promise.resolve(String(a) + b + c); }`,
        `  @dec get size(): number { return 1; }`,
        `  @dec static make(@dec input: Record<string, unknown>): Dependency { return new Dependency(); }`,
        `}`,
        `getLogger("metadata").info("metadata", { seen, made: describe(Service.make({}).constructor) });`,
      ].join("\n"),
    });
    // The reference: TypeScript's own build of the project, run by Node.
    const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (config === undefined) throw new Error("tsconfig.json unreadable");
    expect(ts.createProgram(config.fileNames, config.options).emit().emitSkipped).toBe(false);
    const [reference, loader] = await Promise.all([runNode(["out/main.js"], dir), runIn("loader", dir, "src/main.ts", { LOGWEAVE_CACHE_DIR: path.join(dir, "cache") })]);
    expect(reference.stderr).toBe("");
    expect(loader.stderr).toBe("");
    const [expected] = logLines(reference.stdout);
    const [line] = logLines(loader.stdout);
    expect(expected.seen).toContainEqual(["method", "design:paramtypes", ["Dependency", "Array", "String"]]);
    expect(expected.seen).toContainEqual(["<class>", "design:paramtypes", ["Dependency", "String", "Number"]]);
    // A known difference of SWC's metadata (also in the SWC build step): a decorated class also gets
    // design:type Function. Everything else is TypeScript's, in TypeScript's order.
    const seen = line.seen as unknown[][];
    expect(seen.filter((e) => !(e[0] === "<class>" && e[1] === "design:type"))).toEqual(expected.seen);
    expect(seen).toContainEqual(["<class>", "design:type", "Function"]);
    expect({ ...line, seen: undefined }).toEqual({ ...expected, seen: undefined });
  });
});
