/**
 * Switching a pino application to `logweave/pino` by its import line alone: the sample app
 * (test/pino-sample-app/app.ts — an HTTP service with a child logger per request, serializers,
 * redaction, error causes) is run as written and with `import pino from "logweave/pino"`, each
 * in its own process, untransformed. The lines must be the same, but for what differs between
 * two runs of one program (time, pid, hostname, the client's port, where the file sits).
 * Then the same app with `logweave/pino` through the build step (TypeScript plugin, SWC step),
 * against its untransformed build: the same lines plus `caller`, debug calls elided.
 * And built by the routes users run: `logweave swc` (the CLI) and ts-patch's `tspc` with the plugin.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { hasCaller, runDifferential } from "./helpers/differential.js";

const run = promisify(execFile);
const APP = path.join(REPO_ROOT, "test/pino-sample-app/app.ts");
// Inside the repository, so both `pino` and `logweave/pino` resolve as in an installed app.
const OUT = path.join(REPO_ROOT, ".fixture-out/pino-sample-app");

/** The app's stdout with `import pino from "<module>"`, and where its copy sits. */
async function linesWith(module: string): Promise<string[]> {
  const dir = path.join(OUT, module.replace(/\W/g, "-"));
  fs.mkdirSync(dir, { recursive: true });
  const source = fs.readFileSync(APP, "utf8");
  const edited = source.replace('import pino from "pino";', `import pino from "${module}";`);
  expect(edited.includes(`from "${module}"`)).toBe(true);
  fs.writeFileSync(path.join(dir, "app.ts"), edited);
  const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(dir, "app.ts")], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: "info", NODE_OPTIONS: "" },
  });
  return stdout
    .trim()
    .split("\n")
    .map((line) =>
      line
        .replace(/"time":\d+/, '"time":0')
        .replace(/"pid":\d+/, '"pid":0')
        .replace(/"remotePort":\d+/, '"remotePort":0')
        .replaceAll(dir, "<app>"),
    );
}

describe("the sample pino application", () => {
  it("writes the same lines with logweave/pino as with pino", async () => {
    const [expected, actual] = await Promise.all([linesWith("pino"), linesWith("logweave/pino")]);
    expect(expected.length).toBe(19);
    expect(actual).toEqual(expected);
    // The run exercised what it is for: children, redaction, serializers, an error with a cause.
    const text = expected.join("\n");
    for (const part of ['"reqId":"req-6"', '"authorization":"[hidden]"', '"password":"[hidden]"', '"card":"[hidden]"', "caused by: RangeError: only 0 pear left", '"statusCode":409', '"code":"E_STOCK"', '"msg":"reserved 2 x apple"']) {
      expect(text).toContain(part);
    }
    expect(text).not.toMatch(/s3cr3t|hunter2|4111/);
  }, 120_000);
});

describe("the sample pino application through the build step", () => {
  it("writes the untransformed lines plus caller, with debug calls elided and pino-order calls planned", async () => {
    const source = fs.readFileSync(APP, "utf8").replace('import pino from "pino";', 'import pino from "logweave/pino";');
    // LOG_LEVEL=debug: the plain build writes the app's debug lines; a build with minLevel info has none.
    const runs = await runDifferential("pino-sample-app", { "main.ts": source }, { minLevel: "info", env: { LOG_LEVEL: "debug" } });
    const same = (lines: readonly string[]) =>
      lines.map((l) => l.replace(/"remotePort":\d+/, '"remotePort":0').replace(/"stack":"(?:[^"\\]|\\.)*"/g, '"stack":"<stack>"'));
    const plain = same(runs.plain.lines);
    expect(plain.filter((l) => l.includes('"level":20'))).toHaveLength(3);
    expect(plain.length).toBe(22);
    for (const build of ["typescript", "swc"] as const) {
      expect(runs[build].code, build).toBe(0);
      expect(same(runs[build].lines), build).toEqual(plain.filter((l) => !l.includes('"level":20')));
      // Every line comes from a planned call: it carries its caller.
      expect(runs[build].raw.filter((l) => !hasCaller(l)), build).toEqual([]);
      const order = JSON.parse(runs[build].raw.find((l) => l.includes("reserved 2 x apple"))!) as { caller: { line: number; function: string } };
      expect(order.caller).toMatchObject({ line: 56, function: "<anonymous>.<anonymous>" });
    }
    const emitted = fs.readFileSync(path.join(REPO_ROOT, ".fixture-out/differential/pino-sample-app/swc/main.js"), "utf8");
    expect(emitted).not.toContain("parsed order");
    expect(emitted).toMatch(/pino: "members"/);
  }, 120_000);
});

describe("the sample pino application built by the user-facing routes", () => {
  /** A log line without what differs between two runs or two builds (time, pid, port, stacks), and without caller. */
  const comparable = (line: string): string => {
    const record = JSON.parse(line) as Record<string, unknown>;
    delete record.caller;
    return JSON.stringify(record)
      .replace(/"time":\d+/, '"time":0')
      .replace(/"pid":\d+/, '"pid":0')
      .replace(/"remotePort":\d+/, '"remotePort":0')
      .replace(/"stack":"(?:[^"\\]|\\.)*"/g, '"stack":"<stack>"');
  };
  const node = async (file: string): Promise<string[]> => {
    const { stdout } = await run(process.execPath, [file], { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: "info", NODE_OPTIONS: "", LOGWEAVE_MIN_LEVEL: "" } });
    return stdout.trim().split("\n");
  };

  it("`logweave swc` and `tspc` with the plugin: the untransformed lines, each with its caller", async () => {
    const root = path.join(OUT, "routes");
    fs.rmSync(root, { recursive: true, force: true });
    const source = fs.readFileSync(APP, "utf8").replace('import pino from "pino";', 'import pino from "logweave/pino";');
    fs.mkdirSync(path.join(root, "src"), { recursive: true });
    fs.writeFileSync(path.join(root, "src/app.ts"), source);
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "pino-routes", private: true, type: "module" }));
    // As if installed: the project's node_modules/logweave is this package.
    fs.mkdirSync(path.join(root, "node_modules"));
    fs.symlinkSync(REPO_ROOT, path.join(root, "node_modules", "logweave"), "junction");
    fs.writeFileSync(path.join(root, ".swcrc"), JSON.stringify({ jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "es6" } }));
    fs.writeFileSync(
      path.join(root, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, rootDir: "src", outDir: "tsc-out", types: ["node"], plugins: [{ transform: "logweave/transformer", minLevel: "info" }] },
        include: ["src"],
      }),
    );
    const env = { ...process.env, LOGWEAVE_MIN_LEVEL: "" };
    await run(process.execPath, [path.join(REPO_ROOT, "dist/transformer/cli.js"), "swc", "src", "-d", "swc-out", "--min-level", "info"], { cwd: root, env });
    await run(process.execPath, [path.join(REPO_ROOT, "node_modules/ts-patch/bin/tspc.js"), "-p", "tsconfig.json"], { cwd: root, env });
    const swcFile = ["swc-out/app.js", "swc-out/src/app.js"].map((f) => path.join(root, f)).find((f) => fs.existsSync(f))!;
    const [plain, swcLines, tscLines] = await Promise.all([linesWith("logweave/pino"), node(swcFile), node(path.join(root, "tsc-out/app.js"))]);
    const expected = plain.map((l) => comparable(l.replaceAll("<app>", "")));
    expect(expected).toHaveLength(19);
    for (const [route, lines] of [["logweave swc", swcLines], ["tspc", tscLines]] as const) {
      expect(lines.map(comparable), route).toEqual(expected);
      expect(lines.filter((l) => !l.includes('"caller":{"file":"src/app.ts"')), route).toEqual([]);
    }
    expect(fs.readFileSync(swcFile, "utf8")).not.toContain("parsed order");
    expect(fs.readFileSync(path.join(root, "tsc-out/app.js"), "utf8")).not.toContain("parsed order");
  }, 180_000);
});
