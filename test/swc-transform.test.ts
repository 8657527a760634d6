/**
 * The SWC step's programmatic API: untouched files stay byte-identical to plain `@swc/core`,
 * source maps reach the original text (non-ASCII included), positions do not depend on SWC's
 * span base, options and syntax errors are reported with names and positions.
 */
import fs from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import swc from "@swc/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SwcSyntaxError, transform, transformFile, transformSync, TransformerOptionError } from "../transformer/swc/index.js";
import { numericLiteralValue, stringLiteralValue, templatePartValue } from "../transformer/swc/literal-text.js";
import { readModule } from "../transformer/swc/module-reader.js";
import { parseModuleSync, type ParseSync } from "../transformer/swc/parse.js";
import { SourcePositions } from "../transformer/swc/source-positions.js";
import { REPO_ROOT } from "./helpers/compile-fixture.js";
import { normalizeLines, runProgram } from "./helpers/fixture-cases.js";
import { callsIn, SWC_TEST_OPTIONS, swcSnippet } from "./helpers/swc-build.js";

const OUT = path.join(REPO_ROOT, ".fixture-out", "swc-transform");

describe("files the step leaves alone", () => {
  const options = { ...SWC_TEST_OPTIONS, sourceMaps: true } as const;

  it.each([
    ["a file without logweave calls (it imports a logweave type and calls info on something else)", path.join(REPO_ROOT, "fixtures/no-op/plain.ts")],
    ["a file that never mentions logweave", path.join(REPO_ROOT, "transformer/core/caller.ts")],
  ])("%s is byte-identical to plain @swc/core, source map included", async (_what, file) => {
    const code = fs.readFileSync(file, "utf8");
    const plain = await swc.transform(code, { ...options, filename: file });
    const ours = await transform(code, { filename: file, swc: options });
    expect(ours.code).toBe(plain.code);
    expect(ours.map).toBe(plain.map);
    expect(ours.counts).toEqual({ elided: 0, folded: 0, precomputed: 0, fallback: 0, untouched: 0 });
  });

  it("a file whose logger calls are all left as written is byte-identical too", async () => {
    const code = `import { getLogger } from "logweave";\nconst log = getLogger("x");\nconst args = ["m"] as const;\nlog.info(...args);\nlog.warn("a", {}, 3 as never);\n`;
    const file = path.join(REPO_ROOT, "untouched.ts");
    const plain = await swc.transform(code, { ...options, filename: file });
    const ours = await transform(code, { filename: file, swc: options });
    expect(ours.code).toBe(plain.code);
    expect(ours.map).toBe(plain.map);
    expect(ours.counts.untouched).toBe(2);
  });
});

describe("source maps", () => {
  // Non-ASCII text before every call and before the throw, on the same line and on earlier lines.
  const source = [
    "// Café — 日本語 — 😀: byte offsets move, UTF-16 columns do not.",
    'import { configure, getLogger } from "logweave";',
    'configure({ format: "json" });',
    'const log = getLogger("maps");',
    'const é = "é"; log.info("after é", { é }); const 日本 = "日本"; log.info(`after ${日本}`);',
    'const s = "😀🎉"; /* 日本 */ log.warn("after emoji", { s }); throw new Error("boom 😀");',
    "",
  ].join("\n");
  const lines = source.split("\n");
  const callColumns = [
    { line: 5, column: lines[4].indexOf('log.info("after é"') + 1 },
    { line: 5, column: lines[4].indexOf("log.info(`after") + 1 },
    { line: 6, column: lines[5].indexOf("log.warn") + 1 },
  ];

  it("a stack trace thrown from the built file maps to the original line and column", async () => {
    fs.mkdirSync(OUT, { recursive: true });
    const js = path.join(OUT, "maps.js");
    fs.writeFileSync(path.join(OUT, "maps.ts"), source);
    const out = await transform(source, { filename: path.join(OUT, "maps.ts"), root: REPO_ROOT, swc: { ...SWC_TEST_OPTIONS, sourceMaps: true, sourceFileName: "maps.ts" } });
    fs.writeFileSync(js, out.code + "\n//# sourceMappingURL=maps.js.map\n");
    fs.writeFileSync(js + ".map", out.map!);

    const run = await runProgram(js, "trace");
    expect(run.code).not.toBe(0);
    // V8 reports where the Error was made: `new Error(…)`, after non-ASCII text on the same line.
    const newColumn = lines[5].indexOf("new Error") + 1;
    expect(run.stderr).toContain(`maps.ts:6:${newColumn}`);
    // The call sites carry the same positions.
    const callers = normalizeLines(run.stdout).map((l) => (JSON.parse(l) as { caller: { line: number; column: number } }).caller);
    expect(callers.map(({ line, column }) => ({ line, column }))).toEqual(callColumns);
  });

  it("each rewritten call maps back to its original line and column (VLQ decoded)", async () => {
    const out = await transform(source, { filename: path.join(OUT, "maps.ts"), root: REPO_ROOT, swc: { ...SWC_TEST_OPTIONS, sourceMaps: true } });
    const map = new SourceMap(JSON.parse(out.map!));
    const found: { line: number; column: number }[] = [];
    out.code.split("\n").forEach((text, lineIndex) => {
      for (const m of text.matchAll(/\b__lw_on\(__lw_site_\d+, log\)/g)) {
        const entry = map.findEntry(lineIndex, m.index) as { originalLine: number; originalColumn: number; originalSource: string };
        expect(entry.originalSource).toMatch(/maps\.ts$/);
        found.push({ line: entry.originalLine + 1, column: entry.originalColumn + 1 });
      }
    });
    expect(found).toEqual(callColumns);
  });

  it("the map names the same source SWC alone would name", async () => {
    const file = path.join(OUT, "maps.ts");
    const plain = await swc.transform("export const x = 1;\n", { ...SWC_TEST_OPTIONS, filename: file, sourceMaps: true });
    const ours = await transform(source, { filename: file, swc: { ...SWC_TEST_OPTIONS, sourceMaps: true } });
    expect((JSON.parse(ours.map!) as { sources: string[] }).sources).toEqual((JSON.parse(plain.map!) as { sources: string[] }).sources);
    expect((JSON.parse(ours.map!) as { sourcesContent: string[] }).sourcesContent).toEqual([source]);
  });
});

describe("positions", () => {
  it("do not depend on the span base SWC starts a parse at", () => {
    const code = 'import { getLogger } from "logweave";\nconst é = 1; getLogger("x").info("日本", { é });\n';
    // Older @swc/core versions carry offsets over from earlier parses: simulate one far along.
    const shifted: ParseSync = (text, options) => shiftSpans(swc.parseSync(text, options as never), 123_456);
    const ranges = (parse?: ParseSync) => {
      const { module, positions } = parseModuleSync(code, { syntax: "typescript" }, false, parse);
      return readModule(module, positions).candidates.map((c) => c.range);
    };
    const plain = ranges();
    expect(plain).toEqual([{ start: code.indexOf("getLogger(\"x\")"), end: code.indexOf(";\n", 60) }]);
    expect(ranges(shifted)).toEqual(plain);
  });

  it("convert UTF-8 byte offsets to UTF-16 indices, lines and columns", () => {
    const code = "aé日😀\ud800b\r\nx\u2028y";
    const p = new SourcePositions(code, 1);
    const bytes = [0, 1, 3, 6, 10, 13, 14, 15, 16];
    expect(bytes.map((b) => p.index(b + 1))).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(p.lineColumn(code.indexOf("b"))).toEqual({ line: 1, column: 7 });
    expect(p.lineColumn(code.indexOf("x"))).toEqual({ line: 2, column: 1 });
    expect(p.lineColumn(code.indexOf("y"))).toEqual({ line: 3, column: 1 });
  });

  it("a shebang stays first and the calls after it keep their positions", () => {
    const { code } = swcSnippet('#!/usr/bin/env node\nimport { getLogger } from "logweave";\n  getLogger("x").info("after a shebang");\n');
    expect(code.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(code).toMatch(/line: 3,\s*column: 3/);
  });
});

function shiftSpans(node: unknown, by: number): unknown {
  if (Array.isArray(node)) return node.map((n) => shiftSpans(n, by));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === "span" && v !== null && typeof v === "object" ? { ...v, start: (v as { start: number }).start + by, end: (v as { end: number }).end + by } : shiftSpans(v, by);
  }
  return out;
}

describe("the emitted code", () => {
  it("adds no import, appends the site functions and helpers, and keeps SWC's module format", () => {
    const code = 'import { getLogger } from "logweave";\nimport fs from "node:fs";\nconst log = getLogger("x");\nlog.info("hello", { n: 1, fs });\n';
    const esm = swcSnippet(code).code;
    expect(esm).toMatch(/^import \{ getLogger \} from "logweave";\nimport fs from "node:fs";\nconst log = getLogger\("x"\);\n__lw_on\(__lw_site_0, log\)\?\.\(__lw_site_0, fs\);\nfunction __lw_site_0\(\) \{/);
    expect(esm.match(/from "logweave"/g)).toHaveLength(1);
    const cjs = swcSnippet(code, { swc: { module: { type: "commonjs" } } }).code;
    expect(cjs.match(/require\("logweave"\)/g)).toHaveLength(1);
    expect(cjs).toMatch(/^function __lw_on\(s, r, o\)/m);
  });

  it("names never collide with the file's own", () => {
    const { code } = swcSnippet('import { getLogger } from "logweave";\nconst __lw_site_0 = 1;\ngetLogger("x").info("hi", { __lw_site_0 });\n');
    expect(code).toContain("__lw1_on(__lw1_site_0, getLogger(\"x\"))?.(__lw1_site_0, __lw_site_0)");
    expect(code).toMatch(/^function __lw1_site_0\(\)/m);
  });

  it("elides below minLevel: statements go, expressions become void 0, isLevelEnabled folds", () => {
    const { code, counts } = swcSnippet(
      'import { getLogger } from "logweave";\nconst log = getLogger("x");\nlog.debug("statement");\nif (x) log.debug("if body");\nconst v = log.debug("expr").y;\nconst on = log.isLevelEnabled("debug");\nlog.info("kept");\n',
      { minLevel: "info" },
    );
    expect(code).not.toMatch(/statement|if body|"expr"/);
    expect(code).toContain("if (x) ;");
    expect(code).toContain("const v = (void 0).y;");
    expect(code).toContain("const on = false;");
    expect(counts).toEqual({ elided: 3, folded: 1, precomputed: 1, fallback: 0, untouched: 0 });
  });

  it("never removes a statement whose neighbours would merge without it", () => {
    const { code } = swcSnippet('import { getLogger } from "logweave"\nconst log = getLogger("x")\nlet a = b\nlog.debug("gone");\n(c)\n', { minLevel: "info" });
    // Removed outright, `let a = b` and `(c)` would read as `let a = b(c)`: a `;` stays in its place.
    expect(code).toMatch(/let a = b;\s*c;/);
    expect(code).not.toContain("b(c)");
  });

  it("async and sync transforms agree, and transformFile reads the file", async () => {
    const file = path.join(REPO_ROOT, "fixtures/classes/main.ts");
    const code = fs.readFileSync(file, "utf8");
    const options = { root: REPO_ROOT, swc: SWC_TEST_OPTIONS };
    const sync = transformSync(code, { ...options, filename: file });
    expect(await transform(code, { ...options, filename: file })).toEqual(sync);
    expect(await transformFile(file, options)).toEqual(sync);
    expect(callsIn(sync.code).rewritten.length).toBe(8);
  });
});

describe("options", () => {
  afterEach(() => {
    delete process.env.LOGWEAVE_MIN_LEVEL;
    vi.restoreAllMocks();
  });

  it("LOGWEAVE_MIN_LEVEL overrides minLevel, as in the TypeScript plugin", () => {
    process.env.LOGWEAVE_MIN_LEVEL = "error";
    const { counts } = swcSnippet('import { getLogger } from "logweave";\ngetLogger("x").warn("w");\ngetLogger("x").error("e");\n', { minLevel: "trace" });
    expect(counts).toMatchObject({ elided: 1, precomputed: 1 });
  });

  it("a bad option fails with its name", async () => {
    await expect(transform("", { minLevel: "verbose" as never })).rejects.toMatchObject({ name: "TransformerOptionError", option: "minLevel" });
    await expect(transform("", { minlevel: "info" } as never)).rejects.toThrow(/unknown option "minlevel" \(did you mean "minLevel"\?\)/);
    await expect(transform("", { loggers: { "./log": "log" } } as never)).rejects.toBeInstanceOf(TransformerOptionError);
    await expect(transform("", { swc: 3 } as never)).rejects.toMatchObject({ option: "swc" });
  });

  it("caller: false leaves the call-site fields out; root makes file relative", () => {
    const code = 'import { getLogger } from "logweave";\ngetLogger("x").info("hi");\n';
    expect(swcSnippet(code, { caller: false }).code).not.toMatch(/file:|line:|function:/);
    expect(swcSnippet(code, { root: path.join(REPO_ROOT, "fixtures") }).code).toContain('file: "../snippet.ts"');
  });

  it("verbose reports per file to stderr", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    swcSnippet('import { getLogger } from "logweave";\ngetLogger("x").debug("d");\ngetLogger("x").info("i");\n', { minLevel: "info", verbose: true });
    expect(write).toHaveBeenCalledWith("logweave: snippet.ts: 1 elided, 1 precomputed, 0 fallback, 0 folded, 0 untouched\n");
  });
});

describe("syntax errors", () => {
  it("name the file, line and column (UTF-16, after wide characters and tabs)", async () => {
    const code = 'import { getLogger } from "logweave";\nconst s = "日本😀";\tlet x = = 2;\ngetLogger("x").info("hi");\n';
    const error = await transform(code, { filename: "src/broken.ts", swc: SWC_TEST_OPTIONS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwcSyntaxError);
    const e = error as SwcSyntaxError;
    expect({ file: e.file, line: e.line, column: e.column }).toEqual({ file: "src/broken.ts", line: 2, column: code.split("\n")[1].indexOf("= 2") + 1 });
    expect(e.message).toBe(`src/broken.ts:2:${e.column}: Expression expected`);
  });

  it("a file only SWC's own settings parse is built without its calls rewritten, with a warning", () => {
    // A CommonJS script with a legacy octal literal: SWC's script mode accepts it, the step's module parse does not.
    const code = 'const { getLogger } = require("logweave");\ngetLogger("x").info("hi", { n: 017 });\n';
    const plain = swc.transformSync(code, { filename: "/x/old.js", isModule: "commonjs", swcrc: false });
    const ours = transformSync(code, { filename: "/x/old.js", swc: { isModule: "commonjs", swcrc: false } });
    expect(ours.code).toBe(plain.code);
    expect(ours.warnings).toEqual([expect.stringMatching(/^logweave: .*old\.js: logger calls left as written: the SWC step could not parse the file/)]);
  });
});

describe("literal values", () => {
  it("are cooked from the raw text exactly as JavaScript reads them", () => {
    expect(stringLiteralValue(String.raw`"a\"b\\c\n\t\x41\u00e9\u{1F600}\ud800\0\
d"`)).toBe('a"b\\c\n\tAé😀\ud800\0d');
    expect(stringLiteralValue(String.raw`'\101\7'`)).toBe("A\u0007");
    expect(templatePartValue("a\r\nb\\`c\\${")).toBe("a\nb`c${");
    expect([numericLiteralValue("1_000"), numericLiteralValue("0xff"), numericLiteralValue("1e400"), numericLiteralValue("017"), numericLiteralValue("08")]).toEqual([1000, 255, Infinity, 15, 8]);
  });
});
