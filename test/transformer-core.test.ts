/**
 * The transformer core on its own: plans for neutral call descriptions, static JSON, caller
 * names, options, generated names and emitted source text. One behaviour per test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  ArgumentDescription,
  CallDescription,
  EnclosingFunction,
  LoggerMethod,
  MemberDescription,
  ValueDescription,
} from "../transformer/core/call.js";
import { callerFile, functionName } from "../transformer/core/caller.js";
import { generatedNames } from "../transformer/core/names.js";
import { resolveOptions, TransformerOptionError } from "../transformer/core/options.js";
import { planCall, type CallPlan, type PlanOptions } from "../transformer/core/plan.js";
import { planPinoCall } from "../transformer/core/pino-plan.js";
import { countPlan, emptyCounts, formatReport } from "../transformer/core/report.js";
import { argsFunctionSource, callPieces, fileHelpersSource, siteFunctionSource, writeCallSource } from "../transformer/core/site-source.js";
import { literalJson, staticJson } from "../transformer/core/static-json.js";

// Expressions are plain strings here: the core never looks inside them.
type E = string;
const lit = (value: string | number | boolean | null, expr = JSON.stringify(value)): ValueDescription<E> => ({ kind: "literal", value, expr });
const dyn = (expr: string, type: "string" | "number" | "boolean" | "any" = "any"): ValueDescription<E> => ({ kind: "expression", type, expr });
const prop = (key: string, value: ValueDescription<E>): MemberDescription<E> => ({ kind: "property", key, value });
const obj = (members: MemberDescription<E>[], expr = "{…}"): ValueDescription<E> => ({ kind: "object", members, expr });

const OPTIONS: PlanOptions = { minLevelValue: 10, caller: true, root: "/repo" };

function call(method: LoggerMethod, args: ArgumentDescription<E>[], enclosing: EnclosingFunction[] = []): CallDescription<E> {
  return { method, optional: false, optionalMethod: false, receiverChain: "none", arguments: args, location: { file: "/repo/src/auth.ts", line: 12, column: 5 }, enclosing };
}

function site(plan: CallPlan<E>) {
  if (plan.action !== "site") throw new Error(`expected a site, got ${JSON.stringify(plan)}`);
  return plan;
}

describe("planCall", () => {
  it("precomputes the issue's example: static message, dynamic and static fields, caller", () => {
    const plan = site(
      planCall(
        call("info", [lit("User login"), obj([prop("userId", dyn("userId", "number")), prop("ip", lit("192.168.1.1")), prop("success", lit(true))])], [
          { name: "login", memberOf: { name: "AuthService" } },
        ]),
        OPTIONS,
      ),
    );
    expect(plan.spec).toEqual({
      level: 30,
      method: "info",
      msg: '"User login"',
      fields: [{ key: "userId", type: "number" }, { key: "ip", json: '"192.168.1.1"' }, { key: "success", json: "true" }],
      file: "src/auth.ts",
      line: 12,
      column: 5,
      function: "AuthService.login",
    });
    expect(plan.values.map((v) => v.expr)).toEqual(["userId"]);
    expect(plan.precomputed).toBe(true);
  });

  it("passes template holes first, then dynamic field values, in source order", () => {
    const template: ValueDescription<E> = { kind: "template", parts: ['a "', "\n", ""], holes: ["h1", "h2"], expr: "`…`" };
    const plan = site(planCall(call("warn", [template, obj([prop("x", dyn("x")), prop("s", lit("k")), prop("y", dyn("y"))])]), OPTIONS));
    expect(plan.spec.template).toEqual(['a \\"', "\\n", ""]);
    expect(plan.spec.fields).toEqual([{ key: "x", type: "any" }, { key: "s", json: '"k"' }, { key: "y", type: "any" }]);
    expect(plan.values.map((v) => v.expr)).toEqual(["h1", "h2", "x", "y"]);
  });

  it("a dynamic message is positional value 0 and takes the fields whole", () => {
    const plan = site(planCall(call("info", [dyn("message"), obj([prop("a", lit(1))], "{ a: 1 }")]), OPTIONS));
    expect(plan.spec.msg).toBeUndefined();
    expect(plan.spec.template).toBeUndefined();
    expect(plan.spec.fields).toBe("object");
    expect(plan.values.map((v) => v.expr)).toEqual(["message", "{ a: 1 }"]);
    expect(plan.precomputed).toBe(false);
  });

  it("a fields argument that is not an object literal is passed whole", () => {
    const plan = site(planCall(call("error", [lit("failed"), dyn("err")]), OPTIONS));
    expect(plan.spec.fields).toBe("object");
    expect(plan.values.map((v) => v.expr)).toEqual(["err"]);
  });

  it("without a fields argument the spec has no fields", () => {
    const plan = site(planCall(call("info", [lit("hi")]), OPTIONS));
    expect("fields" in plan.spec).toBe(false);
    expect(plan.values.map((v) => v.expr)).toEqual([]);
  });

  it.each<[string, MemberDescription<E>[]]>([
    ["a spread", [{ kind: "spread" }, prop("a", lit(1))]],
    ["a computed key", [{ kind: "computed" }]],
    ["a method", [{ kind: "method" }]],
    ["an accessor", [{ kind: "accessor" }]],
    ["a duplicate key", [prop("a", lit(1)), prop("a", lit(2))]],
    ["an array-index key", [prop("b", lit(1)), prop("1", lit(2))]],
    ["a __proto__ key", [prop("__proto__", obj([]))]],
    ["an anonymous function (it takes its name from the key)", [prop("cb", { kind: "anonymous-function", expr: "() => 1" })]],
  ])("fields with %s are passed whole", (_, members) => {
    const plan = site(planCall(call("info", [lit("m"), obj(members, "FIELDS")]), OPTIONS));
    expect(plan.spec.fields).toBe("object");
    expect(plan.values.map((v) => v.expr)).toEqual(["FIELDS"]);
    expect(plan.precomputed).toBe(false);
  });

  it("a non-index numeric key keeps its place", () => {
    const plan = site(planCall(call("info", [lit("m"), obj([prop("b", lit(1)), prop("1.5", lit(2))])]), OPTIONS));
    expect(plan.spec.fields).toEqual([{ key: "b", json: "1" }, { key: "1.5", json: "2" }]);
  });

  it("a nested literal-only object or array is one static field", () => {
    const nested = obj([prop("a", lit(-1)), prop("b", { kind: "array", items: [lit(true), lit(null), lit("x")], expr: "[…]" })]);
    const plan = site(planCall(call("info", [lit("m"), obj([prop("n", nested)])]), OPTIONS));
    expect(plan.spec.fields).toEqual([{ key: "n", json: '{"a":-1,"b":[true,null,"x"]}' }]);
  });

  it("a nested value with anything dynamic is one dynamic field of type any", () => {
    const nested = obj([prop("a", dyn("x", "number"))], "{ a: x }");
    const plan = site(planCall(call("info", [lit("m"), obj([prop("n", nested)])]), OPTIONS));
    expect(plan.spec.fields).toEqual([{ key: "n", type: "any" }]);
    expect(plan.values.map((v) => v.expr)).toEqual(["{ a: x }"]);
  });

  it("a template-literal field value is a dynamic string", () => {
    const t: ValueDescription<E> = { kind: "template", parts: ["id-", ""], holes: ["id"], expr: "`id-${id}`" };
    const plan = site(planCall(call("info", [lit("m"), obj([prop("k", t)])]), OPTIONS));
    expect(plan.spec.fields).toEqual([{ key: "k", type: "string" }]);
    expect(plan.values.map((v) => v.expr)).toEqual(["`id-${id}`"]);
  });

  it("a call below minLevel is elided", () => {
    expect(planCall(call("debug", [lit("x")]), { ...OPTIONS, minLevelValue: 30 })).toEqual({ action: "elide" });
  });

  it("a call at minLevel is kept", () => {
    expect(planCall(call("info", [lit("x")]), { ...OPTIONS, minLevelValue: 30 }).action).toBe("site");
  });

  it.each<[string, ArgumentDescription<E>[]]>([
    ["spread arguments", [{ kind: "spread" }]],
    ["no argument", []],
    ["three arguments", [lit("a"), obj([]), lit(3)]],
  ])("a call with %s is left as written, even below minLevel", (_, args) => {
    expect(planCall(call("debug", args), { ...OPTIONS, minLevelValue: 30 }).action).toBe("leave");
  });

  it("without caller metadata the spec has no file, line, column or function", () => {
    const plan = site(planCall(call("info", [lit("x")]), { ...OPTIONS, caller: false }));
    expect(plan.spec).toEqual({ level: 30, method: "info", msg: '"x"' });
  });

  it("isLevelEnabled of an elided level folds to false (level names as the runtime reads them)", () => {
    const options = { ...OPTIONS, minLevelValue: 40 };
    expect(planCall(call("isLevelEnabled", [lit("debug")]), options)).toEqual({ action: "fold", value: false });
    expect(planCall(call("isLevelEnabled", [lit(" INFO ")]), options)).toEqual({ action: "fold", value: false });
  });

  it("isLevelEnabled in an optional chain is left (it may be undefined, not false)", () => {
    expect(planCall({ ...call("isLevelEnabled", [lit("debug")]), optional: true }, { ...OPTIONS, minLevelValue: 40 }).action).toBe("leave");
  });

  it.each<[string, ArgumentDescription<E>[]]>([
    ["a kept level", [lit("warn")]],
    ["an unknown name", [lit("verbose")]],
    ["silent", [lit("silent")]],
    ["a non-literal name", [dyn("name", "string")]],
    ["no argument", []],
  ])("isLevelEnabled of %s is left to the runtime", (_, args) => {
    expect(planCall(call("isLevelEnabled", args), { ...OPTIONS, minLevelValue: 40 }).action).toBe("leave");
  });
});

describe("staticJson", () => {
  it("writes numbers as String(n), and NaN and ±Infinity as null", () => {
    expect([1e21, 5e-7, -0, -5, 0.1, Infinity, -Infinity, NaN].map(literalJson)).toEqual(["1e+21", "5e-7", "0", "-5", "0.1", "null", "null", "null"]);
  });

  it("escapes strings as JSON.stringify does, with U+2028/U+2029 escaped too", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const reference = JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
        expect(literalJson(s)).toBe(reference);
        expect(JSON.parse(literalJson(s))).toBe(s);
      }),
    );
  });

  it("an array with a hole or a spread is not static", () => {
    expect(staticJson({ kind: "array", items: [lit(1), { kind: "hole" }], expr: "" })).toBeUndefined();
    expect(staticJson({ kind: "array", items: [{ kind: "spread" }], expr: "" })).toBeUndefined();
  });

  it("an empty object and an empty array are static", () => {
    expect(staticJson(obj([]))).toBe("{}");
    expect(staticJson({ kind: "array", items: [], expr: "" })).toBe("[]");
  });
});

describe("caller metadata", () => {
  it.each<[EnclosingFunction[], string]>([
    [[], "<module>"],
    [[{ name: undefined }], "<anonymous>"],
    [[{ name: "constructor", memberOf: { name: "AuthService" } }], "AuthService.constructor"],
    [[{ name: "outer" }, { name: "inner" }], "outer.inner"],
    [[{ name: "login", memberOf: { name: "AuthService" } }, { name: undefined }], "AuthService.login.<anonymous>"],
    [[{ name: "run", memberOf: { name: undefined } }], "run"],
  ])("%j is named %s", (chain, name) => {
    expect(functionName(chain)).toBe(name);
  });

  it("the file is relative to the root, with forward slashes", () => {
    expect(callerFile("/repo", "/repo/src/a/b.ts")).toBe("src/a/b.ts");
    expect(callerFile("/repo/app", "/repo/lib/x.ts")).toBe("../lib/x.ts");
  });
});

describe("resolveOptions", () => {
  it("defaults: minLevel trace, caller on, root the default root, verbose off", () => {
    expect(resolveOptions(undefined, "/repo", {})).toEqual({ minLevel: "trace", minLevelValue: 10, caller: true, root: "/repo", verbose: false });
  });

  it("LOGWEAVE_MIN_LEVEL overrides minLevel", () => {
    expect(resolveOptions({ minLevel: "info" }, "/repo", { LOGWEAVE_MIN_LEVEL: "Error" }).minLevel).toBe("error");
  });

  it("a relative root is resolved against the default root", () => {
    expect(resolveOptions({ root: "src" }, "/repo", {}).root).toBe("/repo/src");
  });

  it.each<[string, unknown, string]>([
    ["minLevel", { minLevel: "verbose" }, 'option "minLevel" must be one of trace, debug, info, warn, error, fatal; got "verbose"'],
    ["minLevel", { minLevel: 30 }, 'option "minLevel" must be one of trace, debug, info, warn, error, fatal; got 30'],
    ["caller", { caller: "yes" }, 'option "caller" must be true or false; got "yes"'],
    ["verbose", { verbose: 1 }, 'option "verbose" must be true or false; got 1'],
    ["root", { root: "" }, 'option "root" must be a non-empty path string; got ""'],
    ["minlevel", { minlevel: "info" }, 'unknown option "minlevel" (did you mean "minLevel"?)'],
    ["options", "info", 'options must be an object; got "info"'],
  ])("an invalid %s is an error naming it", (option, raw, message) => {
    let error: unknown;
    try {
      resolveOptions(raw, "/repo", {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransformerOptionError);
    expect((error as TransformerOptionError).option).toBe(option);
    expect((error as Error).message).toBe("logweave transformer: " + message);
  });

  it("an invalid LOGWEAVE_MIN_LEVEL is an error naming the variable", () => {
    expect(() => resolveOptions({}, "/repo", { LOGWEAVE_MIN_LEVEL: "loud" })).toThrow(/environment variable LOGWEAVE_MIN_LEVEL must be one of/);
  });

  it("ts-patch's own keys in the plugin entry are accepted", () => {
    expect(() => resolveOptions({ transform: "logweave/transformer", import: "default", type: "program" }, "/repo", {})).not.toThrow();
  });
});

describe("generated names and source text", () => {
  it("names do not collide with anything the source already contains", () => {
    expect(generatedNames("const x = 1;").site(0)).toBe("__lw_site_0");
    const names = generatedNames("const __lw_site_0 = 1; let __lw1_x;");
    expect([names.on, names.site(3), names.arg(1)]).toEqual(["__lw2_on", "__lw2_site_3", "__lw2_1"]);
  });

  it("the site function, its args and the call read as the front ends write them", () => {
    const names = generatedNames("");
    const args = argsFunctionSource(names, 1, ['"User login"', "{ userId: __lw_0, \"a b\": 1 }"]);
    expect(args).toBe('(__lw_0) => ["User login", { userId: __lw_0, "a b": 1 }]');
    expect(siteFunctionSource("__lw_site_0", { level: 30, method: "info", msg: '"User login"', fields: [{ key: "userId", type: "number" }, { key: "a b", json: "1" }], line: 12 }, args)).toBe(
      'function __lw_site_0() { return { level: 30, method: "info", msg: "\\"User login\\"", fields: [{ key: "userId", type: "number" }, { key: "a b", json: "1" }], line: 12, args: (__lw_0) => ["User login", { userId: __lw_0, "a b": 1 }] }; }',
    );
    expect(writeCallSource(names, "__lw_site_0", true, "log", [{ text: "userId", hole: false }])).toBe("__lw_on(__lw_site_0, log, 1)?.(__lw_site_0, userId)");
    expect(writeCallSource(names, "__lw_site_1", false, "this.log", [{ text: "q", hole: true }, { text: "q.shift()", hole: false }], true)).toBe(
      "(__lw_on(__lw_site_1, this.log)?.(__lw_site_1, `${q}`, q.shift()))",
    );
    expect(callPieces(names, "s", false, [], false)).toEqual(["__lw_on(s, ", ")?.(s)"]);
  });

  it("the file's helpers are ES5, find the runtime through its global symbol, and call a receiver as written without one", () => {
    const names = generatedNames("");
    const source = fileHelpersSource(names);
    expect(source).toContain('Symbol.for("logweave.sites/1")');
    expect(source).not.toMatch(/=>|\bconst\b|\blet\b|\.\.\./);
    // Run the helpers where no runtime is registered: the receiver gets the rebuilt arguments.
    const key = Symbol.for("logweave.sites/1");
    const g = globalThis as unknown as Record<symbol, unknown>;
    const saved = Object.getOwnPropertyDescriptor(g, key);
    delete g[key];
    try {
      const seen: unknown[][] = [];
      const receiver = { info: (...a: unknown[]) => (seen.push(a), "returned") };
      const spec = { level: 30, method: "info", args: (a: unknown) => ["m", { a }] };
      const on = new Function(`${source}\nreturn ${names.on};`)() as (s: unknown, r: unknown, o?: unknown) => ((...v: unknown[]) => unknown) | undefined;
      expect(on(() => spec, receiver)?.(null, 1)).toBe("returned");
      expect(seen).toEqual([["m", { a: 1 }]]);
      expect(on(() => spec, undefined, 1)).toBeUndefined();
      expect(() => on(() => spec, null)).toThrow(TypeError);
    } finally {
      if (saved !== undefined) Object.defineProperty(g, key, saved);
    }
  });
});

describe("report", () => {
  it("counts each kind of plan and formats one line per file", () => {
    const counts = emptyCounts();
    const plans: CallPlan<E>[] = [
      { action: "elide" },
      { action: "fold", value: false },
      { action: "site", spec: { level: 30 }, values: [], optionalMethod: false, receiverChain: false, precomputed: true },
      { action: "site", spec: { level: 30 }, values: [], optionalMethod: false, receiverChain: false, precomputed: false },
      { action: "leave", reason: "spread argument" },
    ];
    for (const p of plans) countPlan(counts, p);
    expect(formatReport("src/a.ts", counts)).toBe("logweave: src/a.ts: 1 elided, 1 precomputed, 1 fallback, 1 folded, 1 untouched");
  });
});

describe("pino's argument order", () => {
  it("an object literal first and a message (or none) second is planned like message first, values in source order", () => {
    const plan = site(planCall(call("warn", [obj([prop("a", dyn("x", "number")), prop("b", lit(2))]), { kind: "template", parts: ["hole ", ""], holes: ["h"], expr: "`hole ${h}`" }]), OPTIONS));
    expect(plan.precomputed).toBe(true);
    expect(plan.spec).toMatchObject({ level: 40, fieldsFirst: true, template: ["hole ", ""], fields: [{ key: "a", type: "number" }, { key: "b", json: "2" }] });
    expect(plan.values.map((v) => [v.expr, v.hole])).toEqual([["x", false], ["h", true]]);
    const alone = site(planCall(call("info", [obj([prop("userId", dyn("userId"))])]), OPTIONS));
    expect(alone.spec).toMatchObject({ msg: '""', fieldsFirst: true, fields: [{ key: "userId", type: "any" }] });
    // Not pino's order: a number second is a dynamic message's fields, passed whole.
    const other = site(planCall(call("info", [obj([prop("a", lit(1))]), lit(42)]), OPTIONS));
    expect(other.precomputed).toBe(false);
  });
});

describe("planPinoCall (calls on logweave/pino loggers)", () => {
  const tpl: ValueDescription<E> = { kind: "template", parts: ["t ", ""], holes: ["h"], expr: "`t ${h}`" };

  it("an object literal and a string message: every member passed in written order, then the message and format arguments", () => {
    const plan = site(planPinoCall(call("info", [obj([prop("a", dyn("x")), prop("b", lit(2))]), lit("m %s"), dyn("y")]), OPTIONS));
    expect(plan.spec).toMatchObject({ level: 30, method: "info", pino: "members", fields: [{ key: "a", type: "any" }, { key: "b", type: "any" }], file: "src/auth.ts", line: 12, column: 5 });
    expect(plan.values.map((v) => [v.expr, v.hole])).toEqual([["x", false], ["2", false], ['"m %s"', false], ["y", false]]);
    expect(plan.precomputed).toBe(true);
    // A template message is passed as its value (pino interpolates the result).
    expect(site(planPinoCall(call("warn", [obj([prop("a", dyn("x"))]), tpl]), OPTIONS)).spec.pino).toBe("members");
  });

  it("any other shape passes the arguments as written", () => {
    const shapes: ArgumentDescription<E>[][] = [
      [lit("message only")],
      [obj([prop("a", dyn("x"))])],
      [dyn("err"), lit("failed")],
      [obj([prop("a", dyn("x"))]), dyn("message")],
      [obj([{ kind: "spread" }]), lit("m")],
      [obj([prop("a", dyn("x")), prop("a", dyn("y"))]), lit("duplicate key")],
      [],
    ];
    for (const args of shapes) {
      const plan = site(planPinoCall(call("error", args), OPTIONS));
      expect(plan.spec.pino).toBe("args");
      expect(plan.values.map((v) => v.expr)).toEqual(args.map((a) => (a as { expr: string }).expr));
    }
  });

  it("elides below minLevel whatever the arguments; leaves isLevelEnabled, spreads and an optional call in the receiver", () => {
    const info: PlanOptions = { ...OPTIONS, minLevelValue: 30 };
    expect(planPinoCall(call("debug", [dyn("a"), dyn("b"), dyn("c")]), info)).toEqual({ action: "elide" });
    expect(planPinoCall(call("isLevelEnabled", [lit("debug")]), info).action).toBe("leave");
    expect(planPinoCall(call("info", [{ kind: "spread" }]), info).action).toBe("leave");
    expect(planPinoCall({ ...call("info", [lit("m")]), receiverChain: "call" }, info).action).toBe("leave");
  });

  it("without caller, no location in the site", () => {
    const plan = site(planPinoCall(call("info", [lit("m")]), { ...OPTIONS, caller: false }));
    expect(plan.spec).toEqual({ level: 30, method: "info", pino: "args" });
  });
});
