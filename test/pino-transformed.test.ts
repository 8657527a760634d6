/**
 * The build step on `logweave/pino` loggers (issue 17): the same programs built plain, with the
 * TypeScript plugin and with the SWC step, and run. The transformed builds print exactly the
 * plain build's lines (log lines compared without `caller`, `time`, `pid`): genuine loggers'
 * lines carry `caller` (the fast path was taken), stand-ins, patched methods and custom levels
 * get the call as written, and calls below the build's `minLevel` vanish with their arguments.
 */
import { describe, expect, it } from "vitest";
import { hasCaller, runDifferential, type ProgramOptions } from "./helpers/differential.js";

/** Lines every program starts with: pino lines to stdout, synchronously, in order with console.log. */
const PRELUDE = `import pino from "logweave/pino";
import type { Logger } from "logweave/pino";
const print = (...a: unknown[]) => console.log(a.map((x) => typeof x === "string" ? x : JSON.stringify(x)).join(" "));
const dest = { write: (l: string) => { process.stdout.write(l); } };
let n = 0;
const next = () => ++n;
// An error whose stack is the same in every build (a stack names the built file and column).
const err = (m: string) => Object.assign(new Error(m), { stack: "Error: " + m + "\\n    at <stack>" });
`;

/** Builds and runs a one-file program; checks every build printed the plain build's lines. */
async function samePrinted(name: string, body: string, options: ProgramOptions = {}) {
  const runs = await runDifferential(name, { "main.ts": PRELUDE + body }, options);
  expect(runs.plain.stderr, "plain build's stderr").toBe("");
  for (const build of ["typescript", "swc"] as const) {
    expect({ build, lines: runs[build].lines, code: runs[build].code }).toEqual({ build, lines: runs.plain.lines, code: runs.plain.code });
  }
  return runs;
}

/** The raw lines of a build that carry `caller`, and those that do not. */
function callerSplit(raw: readonly string[]): { with: string[]; without: string[] } {
  const logLines = raw.filter((l) => l.startsWith("{"));
  return { with: logLines.filter(hasCaller), without: logLines.filter((l) => !hasCaller(l)) };
}

describe("pino-order calls on logweave/pino loggers", () => {
  it("every argument shape writes the plain build's line, plus caller", async () => {
    const runs = await samePrinted(
      "pino-shapes",
      `const log = pino({ level: "trace", name: "app" }, dest);
log.info({ a: next(), b: "x", c: [1, 2], d: { e: null } }, "members %s and %d", "y", next());
log.info("plain message");
log.info("interpolated %s %j %%", "s", { j: next() });
log.info({ only: "members" });
const obj = { v: next() };
log.info(obj);
log.info(obj, "a variable object");
log.error(err("boom"), "failed");
log.error(err("no message"));
log.warn({ err: err("under err") }, \`template \${next()}\`);
log.debug({ d: next() }, "debug line");
log.trace("trace %o", { t: 1 });
log.info({ msg: "from the object", level: "mine", time: "mine" }, "from the argument");
log.info({ "a b": 1, ["c"]: 2 }, "odd keys");
log.info({ 1: "index", k: 2 }, "an index key");
log.info({ f: () => 1, u: undefined, big: 10n }, "odd values");
log.info(42 as never);
log.info(null as never, "null first");
const child = log.child({ reqId: "r1" });
child.info({ user: next() }, "child");
const grandchild = child.child({ sub: 1 }, { msgPrefix: "[sub] " });
grandchild.warn({ k: next() }, "grandchild %s", "g");
function handler() { log.info({ in: "function" }, "inside"); }
handler();
class Service { run() { child.info("in a method"); } }
new Service().run();
class Repo { private log = log.child({ repo: "users" }); static shared = pino({ name: "static" }, dest); find(id: number) { this.log.info({ id }, "found %d", id); Repo.shared.warn("static field"); } }
new Repo().find(next());
const maybe: Logger | undefined = Math.random() < 2 ? log : undefined;
maybe?.info({ optional: true }, "optional chain");
log.fatal({ f: next() }, "fatal line");
print("n", n);
`,
    );
    for (const build of ["typescript", "swc"] as const) {
      const split = callerSplit(runs[build].raw);
      expect(split.without, `${build}: every line of a genuine logger has caller`).toEqual([]);
      expect(split.with.length).toBe(runs.plain.raw.filter((l) => l.startsWith("{")).length);
    }
    // The caller names the call's place.
    const first = JSON.parse(runs.swc.raw[0]) as { caller: Record<string, unknown> };
    expect(first.caller).toMatchObject({ line: 10, column: 1, function: "<module>" });
    expect(String(first.caller.file)).toMatch(/differential\/pino-shapes\/src\/main\.ts$/);
    const inside = runs.typescript.raw.find((l) => l.includes('"inside"'))!;
    expect(JSON.parse(inside).caller).toMatchObject({ function: "handler" });
  });

  it("options that run per call (hooks.logMethod, mixin, formatters, serializers, redaction, nestedKey, msgPrefix) give the plain lines", async () => {
    const runs = await samePrinted(
      "pino-options",
      `const seen: unknown[] = [];
const hooked = pino({ hooks: { logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) { seen.push(["hook", args.length]); method.apply(this, [...args.slice(0, 1), "hooked: " + String(args[1]), ...args.slice(2)]); } } } as never, dest) as Logger;
hooked.info({ a: next() }, "with a hook %s", "p");
hooked.info("message only");
const mixed = pino({ mixin: (o: object, level: number) => ({ m: next(), level, keys: Object.keys(o) }) }, dest);
mixed.info({ a: 1, b: 2 }, "mixed");
mixed.info("mixed, message only");
const formatted = pino({ formatters: { level: (label: string) => ({ severity: label }), log: (o: Record<string, unknown>) => ({ wrapped: o }), bindings: () => ({ b: 1 }) } }, dest);
formatted.warn({ x: 1 }, "formatted");
const serialized = pino({ serializers: { user: (u: { id: number }) => ({ id: u.id }) }, redact: { paths: ["secret", "user.token", "*.card"], censor: "[gone]" } }, dest);
serialized.info({ secret: "s3", user: { id: 1, token: "t" }, pay: { card: "4111" } }, "redacted");
serialized.child({ user: { id: 2, token: "u" } }).info({ secret: "again" }, "redacted child");
const nested = pino({ nestedKey: "payload", messageKey: "message", errorKey: "error" }, dest);
nested.info({ a: 1 }, "nested");
nested.error({ error: err("e") }, "under error");
const prefixed = pino({ msgPrefix: "[p] ", base: { svc: "x" }, timestamp: false }, dest);
prefixed.info({ a: 1 }, "prefixed %d", 3);
const own = pino({}, dest);
own.info({ caller: "mine", k: 1 }, "a caller of its own");
own.child({ caller: { bound: true } }).info("a bound caller");
print("seen", seen, "n", n);
`,
    );
    for (const build of ["typescript", "swc"] as const) {
      // A line with a caller key of its own keeps it, and gets no second one.
      const mine = runs[build].raw.filter((l) => l.includes("caller of its own") || l.includes("a bound caller"));
      expect(mine.map((l) => (l.match(/"caller":/g) ?? []).length), build).toEqual([1, 1]);
      expect(mine.map((l) => JSON.parse(l).caller), build).toEqual(["mine", { bound: true }]);
    }
  });

  it("stand-ins, patched methods and custom levels get the call as written", async () => {
    const runs = await samePrinted(
      "pino-receivers",
      `const seen: unknown[] = [];
const standIn = { info: (...a: unknown[]) => (seen.push(["standIn", ...a]), "standIn result") } as unknown as Logger;
print("standIn returned", standIn.info({ id: next() }, "hello %s", "w"));
const patched = pino({}, dest);
const original = patched.info;
patched.info = function (this: Logger, ...a: unknown[]) { seen.push(["patched", ...a]); return (original as (...x: unknown[]) => void).apply(this, a); } as Logger["info"];
patched.info({ k: next() }, "patched");
const custom = pino({ customLevels: { audit: 35 }, level: "trace" }, dest);
custom.audit({ a: next() }, "a custom level");
custom.info({ a: next() }, "a standard level beside custom ones");
const only = pino({ customLevels: { audit: 35, info: 30 }, useOnlyCustomLevels: true, level: "audit" }, dest);
only.audit("only custom levels");
const real = pino({}, dest);
const facade = { info: real.info.bind(real) } as unknown as Logger;
facade.info({ id: next() }, "through a bound facade");
print("seen", seen, "n", n);
`,
    );
    for (const build of ["typescript", "swc"] as const) {
      const split = callerSplit(runs[build].raw);
      // Only the genuine logger's standard-level call takes the fast path.
      expect(split.with.map((l) => JSON.parse(l).msg)).toEqual(["a standard level beside custom ones"]);
    }
  });
});

describe("calls below the build's minLevel", () => {
  it("vanish with their arguments; the others are written as in the plain build", async () => {
    const body = `const log = pino({ level: "trace" }, dest);
const child = log.child({ c: 1 });
log.debug({ d: next() }, "debug %s", String(next()));
child.trace(\`trace \${next()}\`);
log.info({ i: next() }, "kept");
child.debug(new Error(String(next())));
print("evaluated", n);
`;
    const runs = await runDifferential("pino-elided", { "main.ts": PRELUDE + body }, { minLevel: "info" });
    const keep = (lines: readonly string[]) => lines.filter((l) => !l.startsWith("evaluated") && !/"level":(10|20)\b/.test(l));
    expect(runs.plain.lines.filter((l) => /"level":(10|20)\b/.test(l))).toHaveLength(3);
    expect(runs.plain.lines.at(-1)).toBe("evaluated 5");
    for (const build of ["typescript", "swc"] as const) {
      expect(runs[build].lines.filter((l) => /"level":(10|20)\b/.test(l)), build).toEqual([]);
      expect(keep(runs[build].lines), build).toEqual(keep(runs.plain.lines).map((l) => l.replace('"i":4', '"i":1')));
      expect(runs[build].lines.at(-1), build).toBe("evaluated 1");
    }
  });
});
