/**
 * How a build route says something is wrong before it starts: one line the user can act on, not
 * a stack — a wrong option (bundler plugins, the TypeScript plugin under ts-patch) and missing
 * build tools. The packaging test sees the same messages from the installed package.
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { BUNDLER_PLUGIN_TOOLS, missingTools, missingToolsMessage, SWC_STEP_TOOLS } from "../transformer/build-tools.js";
import { TransformerOptionError } from "../transformer/core/options.js";
import logweaveTransformer, { BUILD_ERROR_CODE } from "../transformer/typescript/index.js";
import { logweaveUnplugin } from "../transformer/unplugin/plugin.js";

describe("a wrong bundler plugin option", () => {
  it("is a TransformerOptionError whose stack is its one-line message, printed by util.inspect without extra members", async () => {
    let error: unknown;
    try {
      logweaveUnplugin.raw({ minLevel: "loud" as never }, { framework: "vite", versions: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransformerOptionError);
    const e = error as TransformerOptionError;
    expect(e.option).toBe("minLevel");
    expect(e.stack).toBe('TransformerOptionError: logweave transformer: option "minLevel" must be one of trace, debug, info, warn, error, fatal; got "loud"');
    const { inspect } = await import("node:util");
    expect(inspect(e)).toBe('[TransformerOptionError: logweave transformer: option "minLevel" must be one of trace, debug, info, warn, error, fatal; got "loud"]');
  });
});

describe("a wrong TypeScript plugin option", () => {
  const program = ts.createProgram({ rootNames: [], options: {} });

  it("under ts-patch, is one tsc error and the files go through unchanged", () => {
    const added: ts.Diagnostic[] = [];
    const factory = logweaveTransformer(program, { minLevel: "loud" as never }, { addDiagnostic: (d: ts.Diagnostic) => added.push(d) });
    expect(added.map((d) => [d.category, d.code, d.messageText])).toEqual([
      [ts.DiagnosticCategory.Error, BUILD_ERROR_CODE, 'logweave transformer: option "minLevel" must be one of trace, debug, info, warn, error, fatal; got "loud"'],
    ]);
    const file = ts.createSourceFile("a.ts", "export const a = 1;", ts.ScriptTarget.ES2022);
    expect(factory({} as ts.TransformationContext)(file)).toBe(file);
    expect(ts.formatDiagnostic(added[0]!, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => "/", getNewLine: () => "\n" })).toBe(
      'error TS99001: logweave transformer: option "minLevel" must be one of trace, debug, info, warn, error, fatal; got "loud"\n',
    );
  });

  it("called directly, throws the TransformerOptionError", () => {
    expect(() => logweaveTransformer(program, { minLevel: "loud" as never })).toThrow(TransformerOptionError);
  });
});

describe("missing build tools", () => {
  it("are the packages that do not resolve", () => {
    const installed = new Set(["@swc/core"]);
    const resolve = (name: string) => {
      if (!installed.has(name)) throw Object.assign(new Error(`Cannot find package '${name}'`), { code: "ERR_MODULE_NOT_FOUND" });
      return name;
    };
    expect(missingTools(BUNDLER_PLUGIN_TOOLS, resolve)).toEqual(["unplugin", "magic-string"]);
    expect(missingTools(SWC_STEP_TOOLS)).toEqual([]);
  });

  it("are named in one line with the install line for all the route's tools", () => {
    expect(missingToolsMessage("logweave/vite", ["@swc/core"], BUNDLER_PLUGIN_TOOLS)).toBe(
      "logweave/vite needs @swc/core, which is not installed; install the build tools: npm i -D unplugin @swc/core magic-string",
    );
    expect(missingToolsMessage("logweave swc", ["@swc/core", "magic-string"], SWC_STEP_TOOLS)).toBe(
      "logweave swc needs @swc/core and magic-string, which are not installed; install the build tools: npm i -D @swc/core magic-string",
    );
    expect(missingToolsMessage("logweave/rollup", ["unplugin", "@swc/core", "magic-string"], BUNDLER_PLUGIN_TOOLS)).toBe(
      "logweave/rollup needs unplugin, @swc/core and magic-string, which are not installed; install the build tools: npm i -D unplugin @swc/core magic-string",
    );
  });
});
