/**
 * Random TypeScript programs with logweave calls in random positions, for the differential test
 * (`test/random-programs.test.ts`): a small grammar of program fragments as fast-check
 * arbitraries (so a failing program shrinks to a small one), rendered to source text together
 * with where each call starts.
 *
 * Every generated program type-checks under strict mode, is deterministic (no clock, no
 * randomness, no I/O of its own), and passes side-effect-free arguments to its logger calls —
 * except in fragments that make sure the call is enabled (or its receiver is not a logger), where
 * arguments with side effects, throwing template holes and configuration changes are the point —
 * so an untransformed build and a transformed one must print the same lines (plus `caller`) as
 * long as the runtime level is at or above the build's minLevel. Each call's message starts with
 * its id (`c7: `), which ties a printed line back to the call that wrote it.
 *
 * The classes of program a transformed build once got wrong each have a generator here, and
 * {@link programClasses} names the ones a program exercises, so a run can say how many of each it
 * tried: receivers that are not genuine loggers, structural types, configuration changed while
 * the arguments run, limits, import cycles, template holes with side effects or that throw, and
 * corner syntax.
 */
import fc from "fast-check";

/** The six level methods. */
export const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
/** A level name. */
export type Level = (typeof LEVELS)[number];

/** How a call reaches its logger. `this` exists only inside class instance members. */
export type Receiver =
  | "log" | "child" | "alias" | "maybe" | "none" | "holder" | "bracket" | "this"
  /** `(log).`, `maybe!.`, `(maybe as Logger).`, `log /* é *\/ .`, `log.info?.(`: syntax around a logger. */
  | "parenthesized" | "non-null" | "asserted" | "commented" | "optional-call"
  /** A local `log` that is not a logger (shadows the module's): its calls must stay as written. */
  | "fake"
  /** Loggers made in another module ({@link SHARED_MODULE}), and one from a namespace import. */
  | "imported" | "imported-default" | "namespace"
  /** Loggers with a level of their own above the global one (`getLogger(name, { level })`, `child(b, { level })`). */
  | "strict" | "strict-child"
  /**
   * Receivers typed as a logger that are not genuine ones with their original methods: a
   * stand-in that records its arguments, an object of bound methods, a logger with spied
   * methods, a Proxy over a logger; and a user object behind a structural type (`Pick<Logger…>`).
   */
  | "stand-in" | "bound" | "spied" | "proxy" | "structural";

/** A value expression, as source text (pure: evaluating it twice gives the same, and changes nothing). */
export type ValueText = string;

/** The message argument. */
export type MessageSpec =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "template"; readonly parts: readonly string[]; readonly holes: readonly ValueText[]; readonly escaped: boolean }
  | { readonly kind: "concat"; readonly value: ValueText }
  /** A tagged template (`String.raw`): not a template literal to precompute. */
  | { readonly kind: "tagged"; readonly text: string; readonly hole: ValueText }
  /** A template written over several lines (raw line breaks, `\` line continuations). */
  | { readonly kind: "multiline"; readonly before: string; readonly hole: ValueText; readonly after: string }
  | { readonly kind: "error"; readonly text: string };

/** One member of a fields object literal. */
export type MemberSpec =
  | { readonly kind: "property"; readonly key: string; readonly value: ValueText }
  | { readonly kind: "shorthand"; readonly name: string }
  | { readonly kind: "spread"; readonly value: ValueText }
  | { readonly kind: "computed"; readonly key: ValueText; readonly value: ValueText }
  | { readonly kind: "method" | "getter"; readonly key: string };

/** The fields argument. */
export type FieldsSpec =
  | { readonly kind: "none" }
  | { readonly kind: "object"; readonly members: readonly MemberSpec[] }
  | { readonly kind: "variable"; readonly name: ValueText }
  /** pino's order: `log.info({ … }, "message")`. */
  | { readonly kind: "pino"; readonly members: readonly MemberSpec[] };

/** One logger call. */
export interface CallSpec {
  readonly receiver: Receiver;
  readonly level: Level;
  readonly message: MessageSpec;
  readonly fields: FieldsSpec;
}

/** Where calls go. Each fragment holds one or more calls (`calls`). */
export type FragmentSpec =
  | { readonly kind: "statement"; readonly call: CallSpec }
  | { readonly kind: "if"; readonly call: CallSpec; readonly guard: Level | undefined }
  | { readonly kind: "arrow-body"; readonly call: CallSpec }
  | { readonly kind: "ternary"; readonly whenTrue: CallSpec; readonly whenFalse: CallSpec }
  | { readonly kind: "logical"; readonly operator: "&&" | "??"; readonly call: CallSpec }
  | { readonly kind: "comma"; readonly call: CallSpec }
  | { readonly kind: "template-hole"; readonly call: CallSpec; readonly nested: boolean }
  | { readonly kind: "class"; readonly members: readonly { readonly member: ClassMember; readonly call: CallSpec }[] }
  | { readonly kind: "nested-functions"; readonly call: CallSpec }
  | { readonly kind: "loop"; readonly call: CallSpec }
  | { readonly kind: "switch"; readonly call: CallSpec }
  | { readonly kind: "callback"; readonly call: CallSpec }
  | { readonly kind: "async"; readonly call: CallSpec }
  | { readonly kind: "default-parameter"; readonly call: CallSpec }
  | { readonly kind: "object-members"; readonly method: CallSpec; readonly arrow: CallSpec }
  | { readonly kind: "try-finally"; readonly body: CallSpec; readonly finally: CallSpec }
  | { readonly kind: "labeled"; readonly call: CallSpec }
  | { readonly kind: "namespace"; readonly call: CallSpec }
  | { readonly kind: "generator"; readonly call: CallSpec }
  | { readonly kind: "shadowed"; readonly call: CallSpec }
  | { readonly kind: "is-level-enabled"; readonly level: Level; readonly receiver: "log" | "maybe" | "child" }
  | { readonly kind: "multiline-call"; readonly call: CallSpec }
  | { readonly kind: "class-in-function"; readonly call: CallSpec }
  /** Statements a removed call must leave valid: `lbl: CALL;`, `else CALL;`, `(CALL);`, `CALL, x;`, no semicolons… */
  | { readonly kind: "statement-form"; readonly form: StatementForm; readonly call: CallSpec }
  /** A logger call inside another's arguments (a template hole or a field value). */
  | { readonly kind: "nested-call"; readonly outer: CallSpec; readonly inner: CallSpec; readonly where: "hole" | "field" }
  /** An import after code (legal: imports are hoisted), then a call. */
  | { readonly kind: "late-import"; readonly call: CallSpec }
  /** `this.log` inherited from a parent class, in the parent's method and the subclass's. */
  | { readonly kind: "class-hierarchy"; readonly inBase: CallSpec; readonly inSub: CallSpec }
  /** Loggers in a static field (`K.log`, `this.log` in a static method) and a `#private` field (`this.#log`). */
  | { readonly kind: "static-private"; readonly viaStatic: CallSpec; readonly viaPrivate: CallSpec }
  /** Exported and generic functions, an enum, a computed method name. */
  | { readonly kind: "declarations"; readonly exported: CallSpec; readonly generic: CallSpec; readonly computed: CallSpec }
  /** An enabled call whose holes and fields have side effects (their order is recorded). */
  | { readonly kind: "effects"; readonly call: CallSpec }
  /** An enabled call with a template hole the language refuses to convert (the error is recorded). */
  | { readonly kind: "throwing-hole"; readonly call: CallSpec; readonly hole: "symbol" | "null-prototype" | "throwing-toString" }
  /** An enabled call whose argument changes the configuration (redaction, a level), maybe across an await. */
  | { readonly kind: "config-argument"; readonly call: CallSpec; readonly change: "redact" | "level"; readonly awaited: boolean }
  /** A call while the logger class's method is wrapped on its prototype (an APM agent). */
  | { readonly kind: "prototype-patch"; readonly call: CallSpec }
  /** A call's result used where syntax is tight: `(CALL as any) ** 2`, `(<any>CALL) ** 2`, `(CALL as any).x`. */
  | { readonly kind: "corner"; readonly form: "exponent" | "angle-exponent" | "member"; readonly call: CallSpec }
  /** A call in a function another module calls through an import cycle, before this module's body ran. */
  | { readonly kind: "cycle"; readonly call: CallSpec };

/** The statement forms of `statement-form`. */
export type StatementForm = "labeled" | "else" | "parenthesized" | "comma" | "while-false" | "do-while" | "for-of" | "no-semicolons";

/** Class members a call can sit in. */
export type ClassMember = "field" | "arrow-field" | "method" | "getter" | "private-method" | "constructor" | "static-block" | "static-method";

/** One program: its fragments, each behind an optional run of non-ASCII text on the same line. */
/** The line formats (`configure({ format })`). */
export const FORMATS = ["json", "logfmt", "ecs", "otel", "gcp"] as const;
/** A line format. */
export type Format = (typeof FORMATS)[number];

export interface ProgramSpec {
  /**
   * The line format the program configures. Transformed builds of a `json` program inline
   * `caller`; those of other formats are built without it, so their lines must equal the plain
   * build's exactly (times aside).
   */
  readonly format: Format;
  /** Calls below it are elided by both builds. */
  readonly minLevel: Level;
  /** The runtime level the program configures: at or above `minLevel`. */
  readonly runtimeLevel: Level;
  readonly fragments: readonly { readonly lead: string; readonly fragment: FragmentSpec }[];
  /** Line breaks: `\n` or `\r\n` (every one in the file, raw breaks inside templates included). */
  readonly crlf: boolean;
  /** A byte order mark before the first line. */
  readonly bom: boolean;
  /** Indentation: two spaces or a tab. */
  readonly tabs: boolean;
  /** What comes before the first import: a hashbang, a `"use strict"` directive, both, or nothing. */
  readonly header: "none" | "hashbang" | "directive" | "both";
  /** `jsc.target` of the SWC builds (the TypeScript builds target ES2022). */
  readonly swcTarget: "es2015" | "es2018" | "es2022" | "esnext";
  /** Small serialization limits the program configures, or none. */
  readonly limits: { readonly maxStringLength: number; readonly maxKeys: number; readonly maxDepth: number; readonly maxItems: number } | undefined;
}

/** A call as rendered: its id and the offset of its first character (UTF-16) in the program text. */
export interface RenderedCall {
  readonly id: string;
  readonly level: Level;
  readonly receiver: Receiver;
  readonly offset: number;
  /** 1-based line and column (UTF-16 code units) of the call's first character. */
  readonly line: number;
  readonly column: number;
}

/**
 * The module next to the programs whose loggers they import (`shared.ts`): the TypeScript plugin
 * finds them with the checker, the SWC step through its `loggers` option (`SHARED_LOGGERS`).
 */
export const SHARED_MODULE = `import { getLogger } from "logweave";
export const sharedLog = getLogger("shared");
export default sharedLog.child({ from: "default export" });
`;

/** The exports of {@link SHARED_MODULE} that are loggers, as the SWC step's `loggers` option names them. */
export const SHARED_LOGGERS: readonly string[] = ["sharedLog", "default"];

/** A rendered program. */
export interface RenderedProgram {
  readonly source: string;
  readonly calls: readonly RenderedCall[];
  /** The module that imports this program back (an import cycle), when it has a `cycle` fragment: its text. */
  readonly cycleModule: string | undefined;
}

/** The classes of program that `spec` exercises (see the module comment). */
export function programClasses(spec: ProgramSpec): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    const v = value as Record<string, unknown>;
    if (typeof v.receiver === "string" && ["stand-in", "bound", "spied", "proxy"].includes(v.receiver)) found.add("receiver not a genuine logger");
    if (v.receiver === "structural") found.add("structural type");
    if (v.kind === "effects") found.add("holes and fields with side effects");
    if (v.kind === "throwing-hole") found.add("throwing holes");
    if (v.kind === "config-argument") found.add(v.awaited === true ? "configuration changed across an await" : "configuration changed in an argument");
    if (v.kind === "prototype-patch") found.add("patched prototype");
    if (v.kind === "corner") found.add("corner syntax");
    if (v.kind === "cycle" && spec.format === "json") found.add("import cycle");
    if (v.kind === "corner" || (v.kind === "statement-form" && v.form === "no-semicolons")) found.add("corner syntax");
    for (const child of Object.values(v)) visit(child);
  };
  visit(spec.fragments);
  if (spec.limits !== undefined) found.add("limits");
  return [...found].sort();
}

// ---------------------------------------------------------------------------------------------
// The prelude: the names values and receivers refer to.

/** Module-scope values every program declares: pure expressions refer to these. */
const PRELUDE_VALUES = `const num = 42;
const neg = -1.5;
const str = "héllo wörld ✓";
const emoji = "😀 𝄞 \\u2028 end";
const flag = true;
const nil = null;
const undef: undefined = undefined;
const big = 12345678901234567890n;
const arr = [1, "two", { three: 3 }, [4]];
const obj = { a: 1, nested: { b: [true, null], "ключ": "значение" } };
// Errors with a stack of their own: a real one names the build's file and line.
const mkErr = (message: string): Error => Object.assign(new Error(message), { stack: \`Error: \${message} (stack)\` });
const err = mkErr("boom");
const date = new Date(0);
const map = new Map<string, number>([["k", 1]]);
const set = new Set([1, 2]);
const fn = Math.max; // native: its source text is the same whichever compiler built the program
const sym = Symbol("sym");
const password = "hunter2";
const fieldsVar: Record<string, unknown> = { fromVar: 1, token: "secret-token" };
const partial = obj as { missing?: { x: number } };
// Side effects, in order: what the effects fragments change and record.
const effects: string[] = [];
const tick = (tag: string): string => (effects.push(tag), tag);
const queue = [1, 2, 3, 4, 5, 6];
const note = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === "function" ? "<fn>" : typeof x === "bigint" ? x + "n" : typeof x === "symbol" ? String(x) : x === undefined ? "<undefined>" : x));
`;

/** Pure value expressions over the prelude. */
const ATOMS: readonly ValueText[] = [
  "num", "neg", "str", "emoji", "flag", "nil", "undef", "big", "arr", "obj", "err", "date", "map", "set", "fn", "sym",
  "password", "0", "-0", "1e21", "NaN", "Infinity", "obj.nested", "obj.nested.b", "partial.missing?.x", "arr.length",
  "str.toUpperCase()", "num * 2", "String(big)", "[num, str]", "{ inner: str }", "flag ? num : str", "`t ${num}`",
  "`a ${`b ${str}`} c`", "undefined", "null", "true", "\"lit\"", "'日本語'", "(str as string)", "num satisfies number", "obj!.a",
  // Anonymous functions and classes take their name from the key they are written under.
  "() => 1", "function () { return 1; }", "class {}",
];

/** Characters of generated text: ASCII, non-ASCII (2-, 3- and 4-byte UTF-8), escapes, JSON and template specials. */
const TEXT_CHARS = ["a", "b", "z", " ", "0", "é", "ß", "日", "本", "😀", "𝄞", "\n", "\t", "\r", '"', "'", "\\", "`", "$", "{", "}", "\u2028", "\u0000", "\u001b", "\u007f"];

const textArb = fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 12 });
const levelArb = fc.constantFrom(...LEVELS);

const KEYS = ["a", "userId", "msg", "level", "time", "caller", "name", "password", "apiKey", "ключ", "with space", "1", "__proto__", "fields.msg", "é"];

function valueArb(depth: number): fc.Arbitrary<ValueText> {
  const atom = fc.constantFrom(...ATOMS);
  if (depth <= 0) return atom;
  return fc.oneof(
    { arbitrary: atom, weight: 4 },
    { arbitrary: textArb.map((t) => JSON.stringify(t)), weight: 1 },
    { arbitrary: fc.array(valueArb(depth - 1), { maxLength: 3 }).map((items) => `[${items.join(", ")}]`), weight: 1 },
    {
      arbitrary: fc
        .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), valueArb(depth - 1)), { maxLength: 3, selector: ([k]) => k })
        .map((members) => `{ ${members.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(", ")} }`),
      weight: 1,
    },
    { arbitrary: fc.tuple(textArb, holeArb(depth - 1)).map(([t, v]) => "`" + templateText(t, false) + "${" + v + "}`"), weight: 1 },
  );
}

/**
 * A value converted to text (template hole, `String(…)`): one whose conversion cannot throw, so
 * no symbol and no object whose prototype is set to a function by a `__proto__` key. A throwing
 * argument of a call disabled at run time throws untransformed and is never evaluated when
 * transformed (kept calls are lazy): a difference by design, not what this test looks for.
 */
function holeArb(depth: number): fc.Arbitrary<ValueText> {
  // Functions and classes too: their source text is the compiler's printing, not the program's.
  return valueArb(depth).filter((v) => !/\bsym\b|__proto__|=>|function|class/.test(v));
}

const messageArb: fc.Arbitrary<MessageSpec> = fc.oneof(
  { arbitrary: textArb.map((text) => ({ kind: "literal" as const, text })), weight: 4 },
  {
    arbitrary: fc
      .tuple(fc.array(fc.tuple(textArb, holeArb(1)), { minLength: 1, maxLength: 3 }), textArb, fc.boolean())
      .map(([pairs, last, escaped]) => ({ kind: "template" as const, parts: [...pairs.map(([t]) => t), last], holes: pairs.map(([, v]) => v), escaped })),
    weight: 3,
  },
  { arbitrary: holeArb(1).map((value) => ({ kind: "concat" as const, value })), weight: 1 },
  { arbitrary: textArb.map((text) => ({ kind: "error" as const, text })), weight: 1 },
  { arbitrary: fc.tuple(textArb, holeArb(0)).map(([text, hole]) => ({ kind: "tagged" as const, text, hole })), weight: 1 },
  {
    arbitrary: fc.tuple(textArb, holeArb(0), textArb).map(([before, hole, after]) => ({ kind: "multiline" as const, before, hole, after })),
    weight: 1,
  },
);

const memberArb: fc.Arbitrary<MemberSpec> = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...KEYS), valueArb(1)).map(([key, value]) => ({ kind: "property" as const, key, value })), weight: 6 },
  { arbitrary: fc.constantFrom("num", "str", "password", "err", "big", "undef").map((name) => ({ kind: "shorthand" as const, name })), weight: 2 },
  { arbitrary: fc.constantFrom("partial", "fieldsVar", "{ spread: 1 }").map((value) => ({ kind: "spread" as const, value })), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom("str", '"comp" + num'), valueArb(0)).map(([key, value]) => ({ kind: "computed" as const, key, value })), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom("method" as const, "getter" as const), fc.constantFrom("m", "g", "toString")).map(([kind, key]) => ({ kind, key })), weight: 1 },
);

/** Members with distinct static keys (a duplicate key is a type error in strict TypeScript). */
const membersArb = fc.uniqueArray(memberArb, {
  maxLength: 4,
  selector: (m) =>
    m.kind === "property" ? m.key : m.kind === "shorthand" ? m.name : m.kind === "computed" ? `[${m.key}]` : m.kind === "spread" ? `...${m.value}` : m.key,
}).filter((members) => {
  const keys = members.flatMap((m) => (m.kind === "property" || m.kind === "method" || m.kind === "getter" ? [m.key] : m.kind === "shorthand" ? [m.name] : []));
  return new Set(keys).size === keys.length;
});

const fieldsArb: fc.Arbitrary<FieldsSpec> = fc.oneof(
  { arbitrary: fc.constant({ kind: "none" as const }), weight: 2 },
  { arbitrary: membersArb.map((members) => ({ kind: "object" as const, members })), weight: 5 },
  { arbitrary: fc.constantFrom("fieldsVar", "obj", "err").map((name) => ({ kind: "variable" as const, name })), weight: 1 },
  { arbitrary: membersArb.map((members) => ({ kind: "pino" as const, members })), weight: 1 },
);

function callArb(receivers: readonly Receiver[]): fc.Arbitrary<CallSpec> {
  return fc.record({ receiver: fc.constantFrom(...receivers), level: levelArb, message: messageArb, fields: fieldsArb });
}

const MODULE_RECEIVERS: readonly Receiver[] = [
  "log", "log", "child", "alias", "maybe", "none", "holder", "bracket",
  "parenthesized", "non-null", "asserted", "commented", "optional-call",
  "imported", "imported-default", "namespace", "strict", "strict-child",
  "stand-in", "bound", "spied", "proxy", "structural",
];
const INSTANCE_RECEIVERS: readonly Receiver[] = [...MODULE_RECEIVERS, "this", "this"];
const CLASS_MEMBERS: readonly ClassMember[] = ["field", "arrow-field", "method", "getter", "private-method", "constructor", "static-block", "static-method"];
const STATIC_MEMBERS: ReadonlySet<ClassMember> = new Set(["static-block", "static-method"]);

const call = callArb(MODULE_RECEIVERS);

const classArb = fc
  .array(fc.constantFrom(...CLASS_MEMBERS), { minLength: 1, maxLength: 4 })
  .chain((members) =>
    fc.tuple(...members.map((member) => callArb(STATIC_MEMBERS.has(member) ? MODULE_RECEIVERS : INSTANCE_RECEIVERS).map((c) => ({ member, call: c })))),
  )
  .map((members) => ({ kind: "class" as const, members }));

const fragmentArb: fc.Arbitrary<FragmentSpec> = fc.oneof(
  { arbitrary: call.map((c) => ({ kind: "statement" as const, call: c })), weight: 4 },
  { arbitrary: fc.record({ call, guard: fc.option(levelArb, { nil: undefined }) }).map((r) => ({ kind: "if" as const, ...r })), weight: 2 },
  { arbitrary: call.map((c) => ({ kind: "arrow-body" as const, call: c })), weight: 2 },
  { arbitrary: fc.record({ whenTrue: call, whenFalse: call }).map((r) => ({ kind: "ternary" as const, ...r })), weight: 2 },
  { arbitrary: fc.record({ operator: fc.constantFrom("&&" as const, "??" as const), call }).map((r) => ({ kind: "logical" as const, ...r })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "comma" as const, call: c })), weight: 1 },
  { arbitrary: fc.record({ call, nested: fc.boolean() }).map((r) => ({ kind: "template-hole" as const, ...r })), weight: 1 },
  { arbitrary: classArb, weight: 3 },
  { arbitrary: call.map((c) => ({ kind: "nested-functions" as const, call: c })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "loop" as const, call: c })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "switch" as const, call: c })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "callback" as const, call: c })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "async" as const, call: c })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "default-parameter" as const, call: c })), weight: 1 },
  { arbitrary: fc.record({ method: call, arrow: call }).map((r) => ({ kind: "object-members" as const, ...r })), weight: 1 },
  { arbitrary: fc.record({ body: call, finally: call }).map((r) => ({ kind: "try-finally" as const, ...r })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "labeled" as const, call: c })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "namespace" as const, call: c })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "generator" as const, call: c })), weight: 1 },
  { arbitrary: callArb(["fake"]).map((c) => ({ kind: "shadowed" as const, call: c })), weight: 1 },
  {
    arbitrary: fc.record({ level: levelArb, receiver: fc.constantFrom("log" as const, "maybe" as const, "child" as const) }).map((r) => ({ kind: "is-level-enabled" as const, ...r })),
    weight: 1,
  },
  { arbitrary: call.map((c) => ({ kind: "multiline-call" as const, call: c })), weight: 1 },
  { arbitrary: callArb([...MODULE_RECEIVERS, "this"]).map((c) => ({ kind: "class-in-function" as const, call: c })), weight: 1 },
  {
    arbitrary: fc
      .record({ form: fc.constantFrom<StatementForm>("labeled", "else", "parenthesized", "comma", "while-false", "do-while", "for-of", "no-semicolons"), call })
      .map((r) => ({ kind: "statement-form" as const, ...r })),
    weight: 2,
  },
  {
    arbitrary: fc.record({ outer: call, inner: call, where: fc.constantFrom("hole" as const, "field" as const) }).map((r) => ({ kind: "nested-call" as const, ...r })),
    weight: 2,
  },
  { arbitrary: call.map((c) => ({ kind: "late-import" as const, call: c })), weight: 1 },
  {
    arbitrary: fc.record({ inBase: callArb([...MODULE_RECEIVERS, "this", "this"]), inSub: callArb([...MODULE_RECEIVERS, "this", "this"]) }).map((r) => ({ kind: "class-hierarchy" as const, ...r })),
    weight: 1,
  },
  { arbitrary: fc.record({ viaStatic: call, viaPrivate: call }).map((r) => ({ kind: "static-private" as const, ...r })), weight: 1 },
  { arbitrary: fc.record({ exported: call, generic: call, computed: call }).map((r) => ({ kind: "declarations" as const, ...r })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "effects" as const, call: c })), weight: 1 },
  {
    arbitrary: fc.record({ call, hole: fc.constantFrom("symbol" as const, "null-prototype" as const, "throwing-toString" as const) }).map((r) => ({ kind: "throwing-hole" as const, ...r })),
    weight: 1,
  },
  {
    arbitrary: fc.record({ call, change: fc.constantFrom("redact" as const, "level" as const), awaited: fc.boolean() }).map((r) => ({ kind: "config-argument" as const, ...r })),
    weight: 1,
  },
  { arbitrary: call.map((c) => ({ kind: "prototype-patch" as const, call: c })), weight: 1 },
  { arbitrary: fc.record({ form: fc.constantFrom("exponent" as const, "angle-exponent" as const, "member" as const), call }).map((r) => ({ kind: "corner" as const, ...r })), weight: 1 },
  { arbitrary: call.map((c) => ({ kind: "cycle" as const, call: c })), weight: 1 },
);

/** Small limits, so that values, keys and messages meet them. */
const limitsArb = fc.option(
  fc.record({
    // Long enough to keep a message's call id (`Error: c12: `), which ties a line to its call.
    maxStringLength: fc.integer({ min: 16, max: 40 }),
    maxKeys: fc.integer({ min: 1, max: 4 }),
    maxDepth: fc.integer({ min: 1, max: 3 }),
    maxItems: fc.integer({ min: 1, max: 3 }),
  }),
  { nil: undefined, freq: 3 },
);

/** Text before a fragment on its line: nothing, or a comment with non-ASCII (shifts UTF-8 bytes vs UTF-16 columns). */
const leadArb = fc.oneof(
  { arbitrary: fc.constant(""), weight: 3 },
  { arbitrary: fc.constantFrom("/* é */ ", "/* 日本語 😀 */ ", "/* 𝄞𝄞 */ ", 'void "ü"; '), weight: 1 },
);

/** Arbitrary programs: up to 8 fragments, a build minLevel and a runtime level at or above it. */
export const programArb: fc.Arbitrary<ProgramSpec> = fc
  .record({
    levels: fc.tuple(levelArb, levelArb),
    fragments: fc.array(fc.record({ lead: leadArb, fragment: fragmentArb }), { minLength: 1, maxLength: 8 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    tabs: fc.boolean(),
    swcTarget: fc.constantFrom("es2022" as const, "esnext" as const, "es2018" as const, "es2015" as const),
    header: fc.constantFrom("none" as const, "hashbang" as const, "directive" as const, "both" as const),
    format: fc.oneof({ arbitrary: fc.constant("json" as const), weight: 4 }, { arbitrary: fc.constantFrom(...FORMATS), weight: 3 }),
    limits: limitsArb,
  })
  .map(({ levels: [a, b], fragments, crlf, bom, tabs, swcTarget, header, format, limits }) => {
    const [minLevel, runtimeLevel] = LEVELS.indexOf(a) <= LEVELS.indexOf(b) ? [a, b] : [b, a];
    return { format, minLevel, runtimeLevel, fragments, crlf, bom, tabs, swcTarget, header, limits };
  });

// ---------------------------------------------------------------------------------------------
// Rendering.

/** Text as the inside of a template literal whose cooked value is `text` (`escaped`: non-ASCII as `\u{…}`). */
function templateText(text: string, escaped: boolean): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === "\\" || ch === "`") out += "\\" + ch;
    else if (ch === "$") out += "\\$";
    // A raw CR in a template is cooked as LF: escape it; other controls for readability.
    else if (cp < 0x20 || cp === 0x7f) out += cp === 0x0a ? "\\n" : `\\u${cp.toString(16).padStart(4, "0")}`;
    else if (escaped && cp > 0x7f) out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return out;
}

/** Renders one program. `index` names its loggers (`p<index>`), so lines of programs run together stay apart. */
export function renderProgram(spec: ProgramSpec, index: number): RenderedProgram {
  let nextId = 0;
  const rendered: { id: string; level: Level; receiver: Receiver }[] = [];

  const renderCall = (written: CallSpec): string => {
    const id = `c${nextId++}`;
    // A receiver that records its calls records one the build removes: keep it at or above minLevel.
    const records = written.receiver === "stand-in" || written.receiver === "spied";
    const c = records && LEVELS.indexOf(written.level) < LEVELS.indexOf(spec.minLevel) ? { ...written, level: spec.minLevel } : written;
    const receiver = {
      log: "log.",
      child: "child.",
      alias: "alias.",
      maybe: "maybe?.",
      none: "none?.",
      holder: "holder?.log?.",
      bracket: "log[",
      this: "this.log.",
      parenthesized: "(log).",
      "non-null": "maybe!.",
      asserted: "(maybe as Logger).",
      commented: "log /* é */ .",
      "optional-call": "log.",
      fake: "log.",
      imported: "sharedLog.",
      "imported-default": "sharedDefault.",
      namespace: "nsLog.",
      strict: "strict.",
      "strict-child": "strictChild.",
      "stand-in": "standIn.",
      bound: "bound.",
      spied: "spied.",
      proxy: "proxied.",
      structural: "structural.",
    }[c.receiver];
    const method = c.receiver === "bracket" ? `${JSON.stringify(c.level)}]` : c.receiver === "optional-call" ? `${c.level}?.` : c.level;
    // In pino's order the message is the second argument: an Error there is not a message.
    const message = renderMessage(id, c.fields.kind === "pino" && c.message.kind === "error" ? { kind: "literal", text: c.message.text } : c.message);
    const members = c.fields.kind === "object" || c.fields.kind === "pino" ? renderMembers(c.fields.members) : "";
    const args =
      c.fields.kind === "none" ? message
      : c.fields.kind === "object" ? `${message}, ${members}`
      : c.fields.kind === "variable" ? `${message}, ${c.fields.name}`
      // pino's order and an Error as message are accepted at run time, not by the types.
      : `${members} as never, ${message} as never`;
    rendered.push({ id, level: c.level, receiver: c.receiver });
    // The marker is where the call starts; it is taken out once the text is final.
    return `${CALL_MARK}${id}${CALL_MARK_END}${receiver}${method}(${args})`;
  };

  // Above the global level and the build's minLevel: a logger's own lower level would print
  // calls the build elided (a difference by design).
  const ownLevel = LEVELS[Math.max(LEVELS.indexOf("error"), LEVELS.indexOf(spec.minLevel), LEVELS.indexOf(spec.runtimeLevel))];
  const body: string[] = [];
  const context: RenderContext = { spec, ownLevel, index };
  spec.fragments.forEach(({ lead, fragment }, i) => body.push(lead + renderFragment(fragment, i, renderCall, context)));
  const cycle = spec.format === "json" && spec.fragments.some((f) => f.fragment.kind === "cycle");
  const hashbang = (spec.header === "hashbang" || spec.header === "both") && !spec.bom ? "#!/usr/bin/env node\n" : "";
  const directive = spec.header === "directive" || spec.header === "both" ? '"use strict";\n' : "";
  const marked = `${hashbang}// Generated by test/helpers/program-generator.ts (minLevel ${spec.minLevel}).
${directive}import { configure, getLogger, Logger } from "logweave";
import * as lw from "logweave";
import sharedDefault, { sharedLog } from "./shared.js";

configure({ level: ${JSON.stringify(spec.runtimeLevel)}, format: ${JSON.stringify(spec.format)}, base: null${spec.limits === undefined ? "" : `, limits: ${JSON.stringify(spec.limits)}`} });
${PRELUDE_VALUES}const log = getLogger("p${index}");
const child = log.child({ part: "child", "ключ": 1 });
const alias = log;
const maybe: Logger | undefined = flag ? log : undefined;
const none = undefined as Logger | undefined;
const holder: { log?: Logger } | undefined = { log: child };
const nsLog = lw.getLogger("p${index}-ns");
const strict = getLogger("p${index}-strict", { level: ${JSON.stringify(ownLevel)} });
const strictChild = log.child({ strict: true }, { level: ${JSON.stringify(ownLevel)} });
// Receivers typed as loggers that are not genuine ones with their original methods.
const levelNames = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
const standIn = Object.fromEntries(levelNames.map((l) => [l, (...a: unknown[]) => (record(["stand-in", l, a.length, note(a)]), l + " result")])) as unknown as Logger;
const bound = Object.fromEntries(levelNames.map((l) => [l, log[l].bind(log)])) as unknown as Logger;
const spied = getLogger("p${index}-spied");
for (const l of levelNames) {
  const original = spied[l] as (...a: unknown[]) => void;
  (spied as unknown as Record<string, unknown>)[l] = function (this: Logger, ...a: unknown[]) {
    record(["spied", l, a.length]);
    return original.apply(this, a);
  };
}
const proxied = new Proxy(log, { get: (t, k) => { const v = Reflect.get(t, k) as unknown; return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(t) : v; } });
const structural: Pick<Logger, (typeof levelNames)[number]> = Object.fromEntries(levelNames.map((l) => [l, (...a: unknown[]) => record(["structural", l, a.length])])) as never;
/** What the program computed, besides its lines: compared between builds. */
export const results: unknown[] = [];
const record = (value: unknown): void => {
  results.push(value);
};
void [num, neg, str, emoji, nil, undef, big, arr, obj, err, date, map, set, fn, sym, password, fieldsVar, partial, maybe, none, holder, alias, child, strict, strictChild, standIn, bound, spied, proxied, structural, tick, queue];
${cycle ? `import { fromCycle as fromCycle${index} } from "./p${index}-cycle.js";\nrecord(["cycle", fromCycle${index}]);\n` : ""}

${body.join("\n")}
`;
  let text = spec.tabs ? marked.replace(/^(?: {2})+/gm, (m) => "\t".repeat(m.length / 2)) : marked;
  if (spec.crlf) text = text.replace(/\n/g, "\r\n");
  if (spec.bom) text = "\uFEFF" + text;
  // Take the markers out, noting where each call starts.
  const offsets = new Map<string, number>();
  let source = "";
  let from = 0;
  for (let at = text.indexOf(CALL_MARK); at >= 0; at = text.indexOf(CALL_MARK, from)) {
    source += text.slice(from, at);
    const end = text.indexOf(CALL_MARK_END, at);
    offsets.set(text.slice(at + 1, end), source.length);
    from = end + 1;
  }
  source += text.slice(from);
  const calls = rendered.map(({ id, level, receiver }) => {
    const offset = offsets.get(id)!;
    // Lines end where ECMAScript says (and V8's stack traces and both front ends count):
    // U+2028/U+2029 too, even inside a string literal. A BOM is not a column.
    const before = source.slice(0, offset).replace(/^\uFEFF/, "").split(/\r\n|[\n\r\u2028\u2029]/);
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    return { id, level, receiver, offset, line, column };
  });
  // The module that imports the program back and calls into it before the program's body runs.
  const cycleModule = cycle
    ? `import { getLogger } from "logweave";\nimport { hook${index} } from "./p${index}.js";\nexport const fromCycle = hook${index}(getLogger("p${index}-cycle"));\n`
    : undefined;
  return { source, calls, cycleModule };
}

/** What rendering a fragment may need from its program. */
interface RenderContext {
  readonly spec: ProgramSpec;
  /** The level of the program's loggers with a level of their own. */
  readonly ownLevel: Level;
  readonly index: number;
}

/** Receivers whose calls follow the global level only (so a call at or above it runs its arguments). */
const GLOBAL_LEVEL_RECEIVERS: ReadonlySet<Receiver> = new Set(MODULE_RECEIVERS.filter((r) => r !== "strict" && r !== "strict-child" && r !== "none"));

/** `c` made enabled at run time (so every build evaluates its arguments): level and receiver. */
function enabled(c: CallSpec, runtimeLevel: Level, minLevel: Level): CallSpec {
  const floor = LEVELS.indexOf(runtimeLevel) > LEVELS.indexOf(minLevel) ? runtimeLevel : minLevel;
  return {
    ...c,
    level: LEVELS.indexOf(c.level) < LEVELS.indexOf(floor) ? floor : c.level,
    receiver: GLOBAL_LEVEL_RECEIVERS.has(c.receiver) ? c.receiver : "log",
  };
}

/** Private-use characters around a call id, marking where the call starts while the text is built. */
const CALL_MARK = "\uE000";
const CALL_MARK_END = "\uE001";

function renderMessage(id: string, m: MessageSpec): string {
  switch (m.kind) {
    case "literal":
      return JSON.stringify(`${id}: ${m.text}`);
    case "template":
      return "`" + `${id}: ` + m.parts.map((p, i) => templateText(p, m.escaped) + (i < m.holes.length ? "${" + m.holes[i] + "}" : "")).join("") + "`";
    case "concat":
      return `${JSON.stringify(`${id}: `)} + String(${m.value})`;
    case "error":
      return `mkErr(${JSON.stringify(`${id}: ${m.text}`)}) as never`;
    case "tagged":
      return "String.raw`" + `${id}: ` + templateText(m.text, false) + "${" + m.hole + "}`";
    case "multiline":
      // A raw line break (cooked as LF, even when written CRLF) and a line continuation (cooked as nothing).
      return "`" + `${id}: ` + templateText(m.before, false) + "\n  ${" + m.hole + "}\\\n" + templateText(m.after, false) + "`";
  }
}

function renderMembers(members: readonly MemberSpec[]): string {
  const parts = members.map((m) => {
    switch (m.kind) {
      case "property":
        return `${/^[A-Za-z_$][\w$]*$/.test(m.key) ? m.key : JSON.stringify(m.key)}: ${m.value}`;
      case "shorthand":
        return m.name;
      case "spread":
        return `...${m.value}`;
      case "computed":
        return `[${m.key}]: ${m.value}`;
      case "method":
        return `${m.key}() { return 1; }`;
      case "getter":
        return `get ${m.key}() { return "got"; }`;
    }
  });
  return `{ ${parts.join(", ")} }`;
}

function renderFragment(f: FragmentSpec, i: number, call: (c: CallSpec) => string, context: RenderContext): string {
  const { runtimeLevel, minLevel } = context.spec;
  switch (f.kind) {
    case "statement":
      return `${call(f.call)};`;
    case "if":
      // A false guard too: a removed call must leave an empty statement, not take the next one as its body.
      return f.guard === undefined ? `if (${i % 2 === 0 ? "flag" : "!flag"}) ${call(f.call)};\nrecord("after if ${i}");` : `if (log.isLevelEnabled(${JSON.stringify(f.guard)})) ${call(f.call)};\nelse record("guard ${i} off");`;
    case "arrow-body":
      return `const f${i} = (): void => ${call(f.call)};\nrecord(f${i}());`;
    case "ternary":
      return `record(num > ${i % 2 === 0 ? 0 : 100} ? ${call(f.whenTrue)} : ${call(f.whenFalse)});`;
    case "logical":
      return f.operator === "&&" ? `record(flag && ${call(f.call)});` : `record(${call(f.call)} ?? "fallback ${i}");`;
    case "comma":
      return `record((${call(f.call)}, num + ${i}));`;
    case "template-hole":
      return f.nested ? `record(\`outer \${\`inner \${${call(f.call)}}\`} ü\`);` : `record(\`[\${${call(f.call)}}]\`);`;
    case "class": {
      const members: string[] = [];
      const uses: string[] = [];
      f.members.forEach(({ member, call: c }, j) => {
        const text = call(c);
        switch (member) {
          case "field": members.push(`  field${j} = ${text};`); break;
          case "arrow-field": members.push(`  arrow${j} = (): void => ${text};`); uses.push(`k${i}.arrow${j}();`); break;
          case "method": members.push(`  method${j}(): number {\n    ${text};\n    return ${j};\n  }`); uses.push(`record(k${i}.method${j}());`); break;
          case "getter": members.push(`  get getter${j}(): string {\n    ${text};\n    return "g${j}";\n  }`); uses.push(`record(k${i}.getter${j});`); break;
          case "private-method": members.push(`  #private${j}(): void {\n    ${text};\n  }\n  callPrivate${j}(): void {\n    this.#private${j}();\n  }`); uses.push(`k${i}.callPrivate${j}();`); break;
          case "constructor": members.push(`  constructor() {\n    ${text};\n  }`); break;
          case "static-block": members.push(`  static {\n    ${text};\n  }`); break;
          case "static-method": members.push(`  static make${j}(): void {\n    ${text};\n  }`); uses.push(`K${i}.make${j}();`); break;
        }
      });
      // Only one constructor per class: later ones become methods of the same text.
      let seenConstructor = false;
      const unique = members.map((m) => {
        if (!m.startsWith("  constructor()")) return m;
        if (!seenConstructor) return (seenConstructor = true), m;
        return m.replace("  constructor()", `  notConstructor${members.indexOf(m)}()`);
      });
      return `class K${i} {\n  log: Logger = getLogger("p-class-${i}");\n${unique.join("\n")}\n}\nconst k${i} = new K${i}();\n${uses.join("\n")}`;
    }
    case "nested-functions":
      return `function outer${i}(): number {\n  function inner(): void {\n    ${call(f.call)};\n  }\n  inner();\n  return ${i};\n}\nrecord(outer${i}());`;
    case "loop":
      return `for (let i = 0; i < 2; i++) ${call(f.call)};`;
    case "switch":
      return `switch (num) {\n  case 42:\n    ${call(f.call)};\n    break;\n  default:\n    record("no");\n}`;
    case "callback":
      return `[1, 2].forEach(() => ${call(f.call)});`;
    case "async":
      return `async function task${i}(): Promise<number> {\n  await null;\n  ${call(f.call)};\n  return ${i};\n}\nrecord(await task${i}());`;
    case "default-parameter":
      return `function withDefault${i}(x: unknown = ${call(f.call)}): unknown {\n  return x;\n}\nrecord(withDefault${i}());`;
    case "object-members":
      return `const o${i} = {\n  method(): void {\n    ${call(f.method)};\n  },\n  arrow: (): void => ${call(f.arrow)},\n};\no${i}.method();\no${i}.arrow();`;
    case "try-finally":
      return `try {\n  ${call(f.body)};\n} finally {\n  ${call(f.finally)};\n}`;
    case "labeled":
      return `block${i}: {\n  ${call(f.call)};\n  if (flag) break block${i};\n  record("unreachable");\n}`;
    case "namespace":
      return `namespace Space${i} {\n  export const value = ${i};\n  ${call(f.call)};\n}\nrecord(Space${i}.value);`;
    case "generator":
      return `function* gen${i}(): Generator<number> {\n  yield 1;\n  ${call(f.call)};\n  yield 2;\n}\nrecord([...gen${i}()]);`;
    case "shadowed":
      return `{\n  const log = { ${f.call.level}: (...args: unknown[]): void => record(args.length) };\n  ${call(f.call)};\n}`;
    case "is-level-enabled": {
      const receiver = f.receiver === "maybe" ? "maybe?." : `${f.receiver}.`;
      return `record(${receiver}isLevelEnabled(${JSON.stringify(f.level)}));`;
    }
    case "multiline-call": {
      // The same call with a line break after each opening parenthesis and comma.
      return call(f.call).replace(/\((?=["`{n])/, "(\n  ") + ";";
    }
    case "statement-form": {
      const c = call(f.call);
      switch (f.form) {
        case "labeled": return `label${i}: ${c};`;
        case "else": return `if (!flag) record(${i});\nelse ${c};`;
        case "parenthesized": return `(${c});`;
        case "comma": return `${c}, record(${i});`;
        case "while-false": return `while (!flag) ${c};`;
        case "do-while": return `do ${c};\nwhile (!flag);`;
        case "for-of": return `for (const _ of [1]) ${c};`;
        // A removed call must not glue its neighbours together (automatic semicolon insertion).
        case "no-semicolons": {
          // A call that starts with "(" would continue the line before: it needs its ";" first.
          const guard = f.call.receiver === "parenthesized" || f.call.receiver === "asserted" ? ";" : "";
          // The last line keeps its ";": the next fragment may start with "(".
          return `let v${i} = num\n${guard}${c}\n;[v${i}].forEach(record)\nrecord(v${i});`;
        }
      }
      break;
    }
    case "nested-call": {
      const inner = call(f.inner);
      // A disabled outer call evaluates no argument once transformed (kept calls are lazy), while
      // untransformed it evaluates them all: keep the outer call enabled, so both evaluate the inner one.
      const level = LEVELS.indexOf(f.outer.level) < LEVELS.indexOf(runtimeLevel) ? runtimeLevel : f.outer.level;
      // The same for the receiver: one that is missing or has a level of its own is replaced.
      const receiver = ["none", "strict", "strict-child"].includes(f.outer.receiver) ? "log" : f.outer.receiver;
      const outer: CallSpec =
        f.where === "hole"
          ? { ...f.outer, receiver, level, message: { kind: "template", parts: ["outer ", ""], holes: [inner], escaped: false } }
          : { ...f.outer, receiver, level, fields: { kind: "object", members: [{ kind: "property", key: "inner", value: inner }] } };
      return `${call(outer)};`;
    }
    case "class-hierarchy":
      return `class Base${i} {\n  log: Logger = child;\n  run(): void {\n    ${call(f.inBase)};\n  }\n}\nclass Sub${i} extends Base${i} {\n  go(): void {\n    ${call(f.inSub)};\n    super.run();\n  }\n}\nnew Sub${i}().go();`;
    case "static-private": {
      // The receivers are this fragment's own fields: the calls are rendered with \`log.\`, then re-aimed.
      const viaStatic = call({ ...f.viaStatic, receiver: "log" }).replace(/(\uE001)log\./, `$1Holder${i}.log.`);
      const viaPrivate = call({ ...f.viaPrivate, receiver: "log" }).replace(/(\uE001)log\./, "$1this.#log.");
      return `class Holder${i} {\n  static log: Logger = getLogger("p-static-${i}");\n  #log = log.child({ private: ${i} });\n  static make(): Holder${i} {\n    ${viaStatic};\n    return new Holder${i}();\n  }\n  use(): void {\n    ${viaPrivate};\n  }\n}\nHolder${i}.make().use();`;
    }
    case "declarations":
      return [
        `export function exported${i}(): number {\n  ${call(f.exported)};\n  return ${i};\n}`,
        `function generic${i}<T extends object>(value: T): T {\n  ${call(f.generic)};\n  return value;\n}`,
        `enum Enum${i} {\n  A = 1,\n  B = A + 1,\n}`,
        `const computed${i} = {\n  [\`method${i}\`](): void {\n    ${call(f.computed)};\n  },\n};`,
        `record([exported${i}(), generic${i}({ g: ${i} }), Enum${i}.B]);\ncomputed${i}[\`method${i}\`]();`,
      ].join("\n");
    case "late-import":
      return `${call(f.call)};\nimport { LEVEL_NAMES as levelNames${i} } from "logweave";\nrecord(levelNames${i}.length);`;
    case "class-in-function":
      return `function make${i}(): () => void {\n  class Local {\n    log: Logger = child;\n    run(): void {\n      ${call(f.call)};\n    }\n  }\n  return () => new Local().run();\n}\nmake${i}()();`;
    case "effects": {
      const c: CallSpec = {
        ...enabled(f.call, runtimeLevel, minLevel),
        message: { kind: "template", parts: ["effects ", " then ", ""], holes: [`tick("h${i}")`, "queue.shift()"], escaped: false },
        fields: { kind: "object", members: [{ kind: "property", key: "tick", value: `tick("f${i}")` }, { kind: "property", key: "next", value: "queue.shift()" }] },
      };
      return `${call(c)};\nrecord(["effects", ...effects.splice(0), queue.length]);`;
    }
    case "throwing-hole": {
      const bad = { symbol: "(sym as unknown as string)", "null-prototype": "(Object.create(null) as string)", "throwing-toString": '({ toString(): string { throw new RangeError("no string"); } })' }[f.hole];
      const c: CallSpec = {
        ...enabled(f.call, runtimeLevel, minLevel),
        message: { kind: "template", parts: ["throws ", ""], holes: [bad], escaped: false },
        fields: { kind: "object", members: [{ kind: "property", key: "after", value: `tick("after ${i}")` }] },
      };
      return `try {\n  ${call(c)};\n} catch (e) {\n  record(["threw", (e as Error).constructor.name]);\n}\nrecord(effects.splice(0));`;
    }
    case "config-argument": {
      const wait = (value: string) => (f.awaited ? `await Promise.resolve(${value})` : value);
      let c: CallSpec;
      let after = "";
      if (f.change === "redact") {
        c = {
          ...enabled(f.call, runtimeLevel, minLevel),
          message: { kind: "literal", text: "redaction changed in an argument" },
          fields: { kind: "object", members: [{ kind: "property", key: "changed", value: wait(`(configure({ redact: { keys: ["cfg${i}"] } }), 1)`) }, { kind: "property", key: `cfg${i}`, value: `"secret-${i}"` }] },
        };
      } else {
        // The logger's own level raised while the arguments run: the call as written writes nothing.
        c = {
          ...f.call,
          receiver: "strict",
          level: context.ownLevel,
          message: { kind: "literal", text: "level raised in an argument" },
          fields: { kind: "object", members: [{ kind: "property", key: "changed", value: wait(`(strict.level = "fatal", 1)`) }] },
        };
        after = `\nstrict.level = ${JSON.stringify(context.ownLevel)};`;
      }
      const text = call(c);
      return f.awaited ? `async function config${i}(): Promise<void> {\n  ${text};\n}\nawait config${i}();${after}` : `${text};${after}`;
    }
    case "prototype-patch": {
      const c = enabled(f.call, runtimeLevel, minLevel);
      const m = c.level;
      return `{\n  const original${i} = Logger.prototype.${m};\n  Logger.prototype.${m} = function (this: Logger, ...a: unknown[]) {\n    record(["apm", "${m}", a.length]);\n    return (original${i} as (...x: unknown[]) => void).apply(this, a);\n  } as never;\n  try {\n    ${call(c)};\n  } finally {\n    Logger.prototype.${m} = original${i};\n  }\n}`;
    }
    case "corner": {
      const c = call(f.call);
      switch (f.form) {
        case "exponent":
          return `record((${c} as any) ** 2);`;
        case "angle-exponent":
          return `record((<any>${c}) ** 2);`;
        case "member":
          return `try {\n  record((${c} as any).length);\n} catch (e) {\n  record(["corner threw", (e as Error).constructor.name]);\n}`;
      }
      break;
    }
    case "cycle": {
      // Only JSON programs (the call runs before the program configures its format), one per program.
      if (context.spec.format !== "json" || context.spec.fragments.findIndex((x) => x.fragment.kind === "cycle") !== i) return `${call(f.call)};`;
      const level = LEVELS.indexOf(f.call.level) < LEVELS.indexOf(minLevel) ? minLevel : f.call.level;
      // Arguments that reach nothing of this module's: its body has not run yet.
      const c: CallSpec = {
        receiver: "log",
        level,
        message: { kind: "template", parts: ["cycle ", ""], holes: ["typeof l"], escaped: false },
        fields: { kind: "object", members: [{ kind: "property", key: "n", value: String(i) }] },
      };
      const text = call(c).replace(/(\uE001)log\./, "$1l.");
      return `export function hook${context.index}(l: Logger): number {\n  ${text};\n  return ${i};\n}`;
    }
  }
}
