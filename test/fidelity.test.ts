/**
 * The build never changes what a program does: for each class of program that once behaved
 * differently when transformed (issue 12), the same program is built plain, with the TypeScript
 * plugin and with the SWC step, and run; the transformed builds must print exactly what the plain
 * build prints (log lines compared without `caller`, `time`, `pid`), exit the same way, and —
 * where a call is a genuine logger's — carry `caller`, so the fast path was really taken.
 */
import { describe, expect, it } from "vitest";
import { hasCaller, runDifferential, type ProgramOptions } from "./helpers/differential.js";

/** Lines every program starts with: log lines to stdout, synchronously, in order with console.log. */
const PRELUDE = `import { configure, getLogger, Logger, type LoggerOptions } from "logweave";
configure({ destination: { write: (l: string) => { process.stdout.write(l); } }, format: "json", level: "trace" });
const print = (...a: unknown[]) => console.log(a.map((x) => typeof x === "string" ? x : JSON.stringify(x)).join(" "));
`;

/** Builds and runs a one-file program (plus `extra` files); checks every build printed the plain build's lines. */
async function samePrinted(name: string, body: string, extra: Record<string, string> = {}, options: ProgramOptions = {}) {
  const runs = await runDifferential(name, { "main.ts": PRELUDE + body, ...extra }, options);
  expect(runs.plain.stderr, "plain build's stderr").not.toMatch(/SyntaxError|ReferenceError/);
  for (const build of ["typescript", "swc"] as const) {
    expect({ build, lines: runs[build].lines, code: runs[build].code }).toEqual({ build, lines: runs.plain.lines, code: runs.plain.code });
  }
  return runs;
}

describe("receivers that are not genuine loggers get the call as written", () => {
  it("a stand-in, a spy, a bound facade, a patched method or prototype, a Proxy: same calls, same arguments, same results", async () => {
    const runs = await samePrinted(
      "receivers",
      `const log = getLogger("real");
const seen: unknown[] = [];
let n = 0;
const next = () => ++n;
// A stand-in typed as a logger (vi.fn()-like): receives the arguments, its result is the call's.
const standIn = { info: (...a: unknown[]) => (seen.push(["standIn", ...a]), "standIn result"), warn: (...a: unknown[]) => seen.push(["warn", ...a]) } as unknown as Logger;
print("standIn returned", standIn.info("hello", { id: next(), tag: "t" }));
standIn.warn(\`count \${next()}\`);
// A bound facade.
const facade = { info: log.info.bind(log) } as unknown as Logger;
facade.info("through a bound facade", { id: next() });
// A spy on the instance that calls through.
const spied = getLogger("spied");
const original = spied.info;
spied.info = function (this: Logger, ...a: unknown[]) { seen.push(["spy", ...a]); return (original as (...x: unknown[]) => void).apply(this, a); } as Logger["info"];
spied.info("spied call", { id: next() });
// An APM-style wrapper on the prototype.
const proto = Logger.prototype.warn;
Logger.prototype.warn = function (this: Logger, ...a: unknown[]) { seen.push(["apm", ...a]); return (proto as (...x: unknown[]) => void).apply(this, a); } as Logger["warn"];
log.warn("wrapped by the prototype", { id: next() });
Logger.prototype.warn = proto;
log.warn("prototype restored", { id: next() });
// A Proxy that forwards and binds methods, and one that does not bind (the method sees the Proxy).
const bound = new Proxy(log, { get: (t, k) => { const v = Reflect.get(t, k); return typeof v === "function" ? v.bind(t) : v; } });
bound.info("through a binding Proxy", { id: next() });
const unbound = new Proxy(log, {});
try { unbound.error("through a plain Proxy", { id: next() }); } catch (e) { print("proxy threw", (e as Error).constructor.name); }
// A receiver whose method is not a function.
const broken = { info: 42 } as unknown as Logger;
try { broken.info("never", { id: next() }); } catch (e) { print("not a function", (e as Error).constructor.name); }
// A null receiver: the TypeError names the method, as the plain call's does.
try { (null as unknown as Logger).info("never", { id: next() }); } catch (e) { print("null receiver", (e as Error).message); }
log.info("a genuine call", { id: next() });
print("seen", seen, "n", n);
`,
    );
    const genuine = runs.typescript.raw.filter((l) => l.includes("a genuine call"));
    expect(genuine.every(hasCaller)).toBe(true);
    expect(runs.plain.lines.join("\n")).toContain('standIn returned standIn result');
    expect(runs.plain.lines.join("\n")).toContain("null receiver Cannot read properties of null (reading 'info')");
  });

  it("a value typed by a structural type (Pick, an interface, a union) holding a user object", async () => {
    await samePrinted(
      "structural",
      `const out: string[] = [];
const picked: Pick<Logger, "info"> = { info: (m: unknown) => { out.push("pick " + String(m)); } };
picked.info("via Pick");
const either: Logger | { info(m: string): void } = Math.random() >= 0 ? { info: (m: string) => { out.push("union " + m); } } : getLogger("x");
either.info("via a union");
interface Like { info(msg: string, fields?: object): void }
const like: Like = { info: (m) => { out.push("like " + m); } };
like.info("via an interface", { a: 1 });
print(out);
`,
    );
  });
});

describe("the configuration in force after the arguments ran is the one that writes", () => {
  it("redaction, level and format changed inside an argument, across an await, and by other async code", async () => {
    const runs = await samePrinted(
      "configuration-during-arguments",
      `const log = getLogger("cfg");
log.info("redaction added in an argument", { a: (configure({ redact: { keys: ["token"] } }), 1), token: "t-secret" });
log.info("level raised in an argument", { a: (log.level = "error", 1) });
log.level = "trace";
log.info("format changed in an argument", { a: (configure({ format: "logfmt" }), 1) });
configure({ format: "json" });
const later = async () => { await new Promise((r) => setTimeout(r, 5)); return 2; };
log.info("redaction during an await", { a: await (async () => { configure({ redact: { keys: ["pin"] } }); return 1; })(), pin: "1234" });
setTimeout(() => configure({ redact: { keys: ["code"] } }), 1);
log.info("other code during an await", { b: await later(), code: "c-secret" });
log.info("limits changed in an argument", { a: (configure({ limits: { maxStringLength: 4 } }), "abcdefgh") });
`,
    );
    const text = runs.plain.lines.join("\n");
    expect(text).not.toContain("t-secret");
    expect(text).not.toContain("c-secret");
    expect(text).not.toContain("level raised");
  });
});

describe("template holes are converted where and how the template literal converts them", () => {
  it("side-effect order, toString over valueOf, and the language's own errors", async () => {
    await samePrinted(
      "template-holes",
      `const log = getLogger("holes");
const q = [1, 2, 3];
log.info(\`queue \${q}\`, { next: q.shift() });
const order: string[] = [];
const t = (s: string) => (order.push(s), s);
log.info(\`\${t("h1")} and \${t("h2")}\`, { f: t("field") });
const both = { toString: () => "toString", valueOf: () => "valueOf" };
log.info(\`hint \${both}\`);
let calls = 0;
const counted = { toString: () => String(++calls) };
log.info(\`once \${counted}\`, { calls: () => calls });
for (const bad of [Symbol("s"), Object.create(null), { toString: () => { throw new RangeError("no string"); } }]) {
  try { log.info(\`bad \${bad}\`, { after: order.push("after") }); } catch (e) { print("threw", (e as Error).constructor.name, (e as Error).message); }
}
print(order, calls);
`,
    );
  });
});

describe("limits give the same line on the precomputed path", () => {
  it("maxStringLength on template and static messages, maxKeys on inline fields, depth and items", async () => {
    await samePrinted(
      "limits",
      `configure({ limits: { maxStringLength: 12, maxKeys: 2, maxDepth: 2, maxItems: 2 } });
const log = getLogger("limits");
const id = "0123456789";
log.info(\`a long template message \${id}\`);
log.info("a static message longer than the limit");
log.info("m", { a: 1, b: 2, c: 3 });
log.info("m", { a: id + id, b: [1, 2, 3, 4], c: 3 });
log.info("m", { deep: { a: { b: { c: 1 } } }, s: "abcdefghijklmnopqrstuvwxyz" });
log.info(\`\${id}\${id}\`, { "é": "ü".repeat(20) });
`,
    );
  });
});

describe("module evaluation order does not matter", () => {
  it("a call made through an import cycle before the module's body ran", async () => {
    const runs = await samePrinted(
      "cycle",
      `import { early } from "./a.js";
print("main ran", early);
`,
      {
        "a.ts": `import { getLogger, type Logger } from "logweave";
import { fromB } from "./b.js";
export function hello(log: Logger, x: number): number {
  log.info("called before a.ts ran", { x });
  log.info(\`template \${x}\`);
  return x;
}
export const early = fromB;
getLogger("a").info("a.ts body", { fromB });
`,
        "b.ts": `import { getLogger } from "logweave";
import { hello } from "./a.js";
export const fromB = hello(getLogger("b"), 7);
`,
      },
    );
    expect(runs.plain.code).toBe(0);
    expect(runs.typescript.raw.filter(hasCaller)).toHaveLength(3);
  });
});

describe("corner syntax", () => {
  it("elided calls in expression positions, a call's result used as an object, no semicolons", async () => {
    await samePrinted(
      "corner-syntax",
      `configure({ level: "info" })
const log = getLogger("corner")
const a = (log.debug("elided") as any) ** 2
const b = (<any>log.debug("elided")) ** 2
const c = (log.debug("elided") satisfies void as any) ** 2
let n = 0
log.info("no semicolons", { n: ++n })
try { (log.info("result used", { n }) as any).toString() } catch (e) { print("threw", (e as Error).constructor.name) }
const r = (log.info("optional result") as any)?.toString()
log.info("after", { a, b, c, r })
`,
      {},
      { minLevel: "info" },
    );
  });

  it("a namespace that exports its own log, merged across blocks", async () => {
    await samePrinted(
      "namespace-merge",
      `const log = getLogger("module");
namespace N { export const log = { info: (m: string) => print("N.log got", m) }; }
namespace N { log.info("inside a merged block"); }
namespace M { log.info("the module's logger in M"); }
`,
    );
  });

  it("a file that starts with a byte order mark and a hashbang", async () => {
    const runs = await samePrinted("bom-hashbang", "", { "main.ts": "\uFEFF#!/usr/bin/env node\n" + PRELUDE + 'getLogger("bom").info("hi", { a: 1 });\n' });
    expect(runs.swc.raw.some(hasCaller)).toBe(true);
  });
});

describe("the rewrite adds no module dependency", () => {
  it("an app that gets its logger from a workspace package and cannot resolve logweave itself (pnpm layout)", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { execFileSync } = await import("node:child_process");
    const ts = (await import("typescript")).default;
    const { default: logweaveTransformer } = await import("../transformer/typescript/index.js");
    const { transformSync } = await import("../transformer/swc/index.js");
    const { REPO_ROOT, emitInMemory } = await import("./helpers/compile-fixture.js");
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "logweave-pnpm-"));
    try {
      const pkg = path.join(root, "node_modules", "shared-log");
      fs.mkdirSync(path.join(pkg, "node_modules"), { recursive: true });
      fs.symlinkSync(REPO_ROOT, path.join(pkg, "node_modules", "logweave"), "dir");
      fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "shared-log", type: "module", exports: { ".": { types: "./index.d.ts", default: "./index.js" } } }));
      fs.writeFileSync(path.join(pkg, "index.js"), 'import { getLogger } from "logweave";\nexport const log = getLogger("shared");\n');
      fs.writeFileSync(path.join(pkg, "index.d.ts"), 'import type { Logger } from "logweave";\nexport declare const log: Logger;\n');
      const app = path.join(root, "app");
      fs.mkdirSync(app);
      fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "app", type: "module", private: true }));
      const source = 'import { log } from "shared-log";\nconst user = "ann";\nlog.info(`hello ${user}`, { a: 1 });\nlog.debug("elided");\n';
      fs.writeFileSync(path.join(app, "main.ts"), source);
      // The app cannot resolve logweave: only shared-log can.
      expect(() => execFileSync(process.execPath, ["--input-type=module", "-e", 'import "logweave"'], { cwd: app, stdio: "pipe" })).toThrow();

      const options: import("typescript").CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, skipLibCheck: true, rootDir: app, outDir: path.join(app, "out"), types: [] };
      const program = ts.createProgram({ rootNames: [path.join(app, "main.ts")], options });
      const tsOut = emitInMemory(program, [logweaveTransformer(program, { root: app, minLevel: "info" })]).get("main.js")!;
      const swcOut = transformSync(source, { filename: path.join(app, "main.ts"), root: app, minLevel: "info", loggers: { "shared-log": ["log"] }, swc: { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "es6" }, swcrc: false } }).code;
      const results: string[] = [];
      for (const [name, js] of [["typescript", tsOut], ["swc", swcOut]] as const) {
        expect(js.match(/from "logweave"|require\("logweave"\)/g), name).toBeNull();
        const file = path.join(app, `${name}.mjs`);
        fs.writeFileSync(file, js);
        results.push(execFileSync(process.execPath, [file], { cwd: app, encoding: "utf8", env: { ...process.env, LOGWEAVE_FORMAT: "json", LOG_LEVEL: "" } }));
      }
      for (const out of results) {
        const lines = out.trim().split("\n").map((l) => JSON.parse(l) as { msg: string; caller?: { file: string; line: number } });
        expect(lines.map((l) => [l.msg, l.caller?.file, l.caller?.line])).toEqual([["hello ann", "main.ts", 3]]);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("pino's argument order is planned like message first", () => {
  it("log.info({ … }, message), log.info({ … }), with templates, holes and effects in source order", async () => {
    const runs = await samePrinted(
      "pino-order",
      `const log = getLogger("pino-order");
const order: string[] = [];
const t = (s: string) => (order.push(s), s);
const userId = 7;
log.info({ userId, ip: "10.0.0.1", ok: true }, "User login");
log.info({ userId });
log.warn({ a: t("field a"), b: 2 }, \`hole \${t("hole 1")} and \${t("hole 2")}\`);
log.info({ msg: "a core key", level: 99 }, "renamed");
log.info({ get g() { return t("getter"); } }, "an accessor: passed whole");
const standIn = { info: (...a: unknown[]) => print("stand-in got", a) } as unknown as Logger;
standIn.info({ userId, n: 1 }, \`to \${t("stand-in hole")}\`);
standIn.info({ only: "fields" });
print(order);
`,
    );
    expect(runs.typescript.raw.filter(hasCaller)).toHaveLength(5);
    expect(runs.swc.raw.filter(hasCaller)).toHaveLength(5);
  });
});
