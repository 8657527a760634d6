/**
 * How the loader reads `tsconfig.json`, checked against TypeScript itself (a devDependency): the
 * JSON-with-comments reader (used when TypeScript is not installed) gives the options TypeScript's
 * own reader gives, configuration by configuration; the class fields rule is TypeScript's;
 * `paths`/`baseUrl` and `.js` specifiers resolve to the file TypeScript's resolver picks; readings
 * kept on disk are used only while every file they were read from is unchanged.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJsonWithComments } from "../transformer/swc/json-with-comments.js";
import { definesClassFields } from "../transformer/register/project-options.js";
import { Tsconfigs } from "../transformer/register/tsconfig.js";
import { readTsconfigJson } from "../transformer/register/tsconfig-json.js";
import { readTsconfigWithTypeScript, typescriptFor, type TypeScriptApi, type TypeScriptInstall } from "../transformer/register/tsconfig-typescript.js";
import { mappedModuleFile, typescriptSourceOf } from "../transformer/register/typescript-resolution.js";

const api = ts as unknown as TypeScriptApi;
let scratch: string;

beforeAll(() => {
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "logweave-tsconfig-readers-")));
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Writes `files` under a new directory `name`; returns its path. */
function layout(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** Both readers on `dir/tsconfig.json`. */
function readBoth(dir: string): { json: ReturnType<typeof readTsconfigJson>; typescript: ReturnType<typeof readTsconfigWithTypeScript> } {
  const file = path.join(dir, "tsconfig.json");
  return { json: readTsconfigJson(file), typescript: readTsconfigWithTypeScript(api, file) };
}

describe("the JSON-with-comments reader reads a configuration as TypeScript does", () => {
  const cases: Record<string, Record<string, string>> = {
    "every option the loader uses, enum values in any case, target's es6 alias, comments, trailing commas and a byte order mark": {
      "tsconfig.json":
        "\uFEFF{\n  // line comment\n  /* block comment with \"quotes\" */\n  \"compilerOptions\": {\n" +
        '    "target": "ES6", "jsx": "React-JSX", "jsxFactory": "h", "jsxFragmentFactory": "Frag", "jsxImportSource": "preact/compat",\n' +
        '    "experimentalDecorators": true, "emitDecoratorMetadata": true, "useDefineForClassFields": false,\n' +
        '    "verbatimModuleSyntax": false, "preserveValueImports": true, "importsNotUsedAsValues": "Preserve",\n' +
        '    "strict": true, "alwaysStrict": false, "baseUrl": "./src", "paths": { "@a/*": ["a/*", "b/*",], "x": ["./x.ts"], },\n' +
        '    "outDir": "dist // not a comment, inside a string", "rootDir": "/* neither */",\n  },\n}\n',
    },
    "extends a list: a package's exports entry, and a relative file named without .json": {
      "node_modules/@acme/tsconfig/package.json": JSON.stringify({ name: "@acme/tsconfig", exports: { "./legacy": "./configs/legacy.json" } }),
      "node_modules/@acme/tsconfig/configs/legacy.json": JSON.stringify({ compilerOptions: { experimentalDecorators: true, target: "es2020", jsx: "react" } }),
      "tsconfig.base.json": JSON.stringify({ compilerOptions: { target: "esnext", jsxFactory: "h" } }),
      "tsconfig.json": JSON.stringify({ extends: ["@acme/tsconfig/legacy", "./tsconfig.base"], compilerOptions: { strict: true } }),
    },
    "extends a package by name: its tsconfig.json, and a chain through it": {
      "node_modules/@tsconfig/node20/package.json": JSON.stringify({ name: "@tsconfig/node20" }),
      "node_modules/@tsconfig/node20/tsconfig.json": JSON.stringify({ extends: "./base.json", compilerOptions: { target: "es2022", module: "node16" } }),
      "node_modules/@tsconfig/node20/base.json": JSON.stringify({ compilerOptions: { strict: true, useDefineForClassFields: false } }),
      "tsconfig.json": JSON.stringify({ extends: "@tsconfig/node20" }),
    },
    "extends a package whose package.json names its configuration (the tsconfig field)": {
      "node_modules/shared-config/package.json": JSON.stringify({ name: "shared-config", tsconfig: "./conf/ts.json" }),
      "node_modules/shared-config/conf/ts.json": JSON.stringify({ compilerOptions: { jsx: "preserve" } }),
      "tsconfig.json": JSON.stringify({ extends: "shared-config" }),
    },
    "paths set in an extended file are relative to that file; baseUrl set later is relative to its own file": {
      "config/paths.json": JSON.stringify({ compilerOptions: { paths: { "@lib/*": ["../src/lib/*"] } } }),
      "tsconfig.json": JSON.stringify({ extends: "./config/paths.json", compilerOptions: { baseUrl: "." } }),
    },
    "${configDir} in an extended file means the directory of the file being read": {
      "base/tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: "${configDir}/src", paths: { "#c": ["${configDir}/src/c.ts", "./rel.ts"] } } }),
      "tsconfig.json": JSON.stringify({ extends: "./base/tsconfig.json" }),
    },
    "values TypeScript does not accept are left out": {
      "tsconfig.json": JSON.stringify({ compilerOptions: { target: "es2030", jsx: "vue", strict: "true", experimentalDecorators: 1, jsxFactory: 3, importsNotUsedAsValues: "keep" } }),
    },
    "an option set again later wins, one option at a time": {
      "a.json": JSON.stringify({ compilerOptions: { target: "es2019", jsx: "react", paths: { "a/*": ["a/*"] } } }),
      "b.json": JSON.stringify({ compilerOptions: { target: "es2022", paths: { "b/*": ["b/*"] } } }),
      "tsconfig.json": JSON.stringify({ extends: ["./a.json", "./b.json"], compilerOptions: { jsx: "react-jsxdev" } }),
    },
  };
  for (const [name, files] of Object.entries(cases)) {
    it(name, () => {
      const { json, typescript } = readBoth(layout(name.replace(/\W+/g, "-").slice(0, 60), files));
      expect(typescript.problems).toEqual([]);
      expect(json.problems).toEqual([]);
      expect(json.options).toEqual(typescript.options);
      expect([...json.files].sort()).toEqual([...typescript.files].sort());
    });
  }

  it("the options are really read (the cases above are not all empty)", () => {
    const { json } = readBoth(path.join(scratch, Object.keys(cases)[0].replace(/\W+/g, "-").slice(0, 60)));
    expect(json.options).toMatchObject({ target: "es2015", jsx: "react-jsx", importsNotUsedAsValues: "preserve", baseUrl: path.join(scratch, Object.keys(cases)[0].replace(/\W+/g, "-").slice(0, 60), "src") });
  });

  const broken: Record<string, Record<string, string>> = {
    "a missing extended file": { "tsconfig.json": JSON.stringify({ extends: "./nope.json", compilerOptions: { jsx: "react" } }) },
    "a missing extended package": { "tsconfig.json": JSON.stringify({ extends: "@nobody/config", compilerOptions: { jsx: "react" } }) },
    "circular extends": { "a.json": JSON.stringify({ extends: "./tsconfig.json" }), "tsconfig.json": JSON.stringify({ extends: "./a.json", compilerOptions: { jsx: "react" } }) },
  };
  for (const [name, files] of Object.entries(broken)) {
    it(`reports ${name}, as TypeScript does, and keeps the options it could read`, () => {
      const { json, typescript } = readBoth(layout(name.replace(/\W+/g, "-"), files));
      expect(typescript.problems.length).toBeGreaterThan(0);
      expect(json.problems.length).toBeGreaterThan(0);
      expect(json.options).toEqual(typescript.options);
      expect(json.options.jsx).toBe("react");
    });
  }

  it("reports a file that is not JSON, reading it as {}", () => {
    const { json, typescript } = readBoth(layout("not-json", { "tsconfig.json": "{ compilerOptions: [ }" }));
    expect(typescript.problems.length).toBeGreaterThan(0);
    expect(json.problems).toEqual([`${path.join(scratch, "not-json", "tsconfig.json")}: not a JSON object (comments and trailing commas allowed); read as {}`]);
    expect(json.options).toEqual({});
  });
});

describe("JSON with comments", () => {
  it("keeps comment markers and trailing-comma look-alikes inside strings", () => {
    expect(parseJsonWithComments('{"a": "// x", "b": "/* y */", "c": "1,]", "d": [1, 2,], /* z */ "e": {"f": 1,},}')).toEqual({ a: "// x", b: "/* y */", c: "1,]", d: [1, 2], e: { f: 1 } });
  });

  it("reads escaped quotes inside strings", () => {
    expect(parseJsonWithComments('{"a": "say \\"hi\\" // not a comment"}')).toEqual({ a: 'say "hi" // not a comment' });
  });

  it("gives undefined for text that is not JSON, without throwing", () => {
    expect(parseJsonWithComments("{ a: 1 }")).toBeUndefined();
    expect(parseJsonWithComments("/* unterminated")).toBeUndefined();
  });
});

describe("class fields are defined or assigned by TypeScript's rule", () => {
  const targets = [undefined, "es5", "es2015", "es2020", "es2021", "es2022", "es2023", "esnext"];
  for (const explicit of [undefined, true, false]) {
    it(`useDefineForClassFields ${String(explicit)}, for every target`, () => {
      for (const target of targets) {
        const compilerOptions = { ...(target === undefined ? {} : { target }), ...(explicit === undefined ? {} : { useDefineForClassFields: explicit }) };
        const dir = layout(`fields-${String(explicit)}-${String(target)}`, { "tsconfig.json": JSON.stringify({ compilerOptions }) });
        const parsed = ts.parseJsonConfigFileContent({ compilerOptions }, ts.sys, dir);
        const reference = (ts as unknown as { getUseDefineForClassFields(o: ts.CompilerOptions): boolean }).getUseDefineForClassFields(parsed.options);
        expect({ target, defines: definesClassFields(readTsconfigJson(path.join(dir, "tsconfig.json")).options) }).toEqual({ target, defines: reference });
      }
    });
  }
});

describe("TypeScript's module resolution for paths, baseUrl and .js specifiers", () => {
  let dir: string;
  let options: ts.CompilerOptions;
  beforeAll(() => {
    dir = layout("resolution", {
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          baseUrl: "./src",
          paths: { "@lib/*": ["lib/*"], "@lib/special/*": ["special/*"], "exact": ["lib/exact-target.ts"], "@first/*": ["missing/*", "lib/*"], "@js/*": ["lib/*.js"] },
        },
      }),
      "src/lib/strings.ts": "export {};",
      "src/lib/view.tsx": "export {};",
      "src/lib/dir/index.ts": "export {};",
      "src/lib/exact-target.ts": "export {};",
      "src/lib/both.ts": "export {};",
      "src/lib/both.js": "export {};",
      "src/special/one.ts": "export {};",
      "src/tools/math.ts": "export {};",
      "src/main.ts": "export {};",
    });
    const parsed = ts.parseJsonConfigFileContent(JSON.parse(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8")), ts.sys, dir);
    options = { ...parsed.options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: true };
  });

  /** What TypeScript resolves `specifier` to from src/main.ts, or undefined. */
  function typescriptResolves(specifier: string): string | undefined {
    return ts.resolveModuleName(specifier, path.join(dir, "src/main.ts"), options, ts.sys).resolvedModule?.resolvedFileName;
  }

  const ours = (specifier: string): string | undefined => {
    const project = readTsconfigJson(path.join(dir, "tsconfig.json")).options;
    return specifier.startsWith(".") ? typescriptSourceOf(path.resolve(dir, "src", specifier)) : mappedModuleFile(specifier, project);
  };

  const specifiers = ["@lib/strings", "@lib/view", "@lib/dir", "@lib/special/one", "exact", "@first/strings", "@js/strings", "@lib/strings.js", "tools/math", "./lib/both.js", "./lib/strings.js"];
  for (const specifier of specifiers) {
    it(`${specifier} resolves to TypeScript's file`, () => {
      const reference = typescriptResolves(specifier);
      expect(reference).toBeDefined();
      expect(ours(specifier)).toBe(reference === undefined ? undefined : path.resolve(reference));
    });
  }

  it("leaves a specifier nothing maps to, and a node: builtin, to Node", () => {
    expect(typescriptResolves("@nothing/here")).toBeUndefined();
    expect(ours("@nothing/here")).toBeUndefined();
    expect(ours("node:fs")).toBeUndefined();
  });
});

describe("where a configuration is read from", () => {
  /** A TypeScript install that counts how often it is loaded. */
  function countingInstall(): TypeScriptInstall & { loads: number } {
    const install = { id: "counting@1", loads: 0, load: () => (install.loads++, api) };
    return install;
  }

  it("uses TypeScript's reader when TypeScript is installed, else the JSON reader", () => {
    const dir = layout("which-reader", { "tsconfig.json": JSON.stringify({ compilerOptions: { jsx: "react" } }), "src/a.ts": "" });
    expect(new Tsconfigs(undefined, () => {}).for(path.join(dir, "src/a.ts"))?.reader).toBe("typescript");
    expect(new Tsconfigs(undefined, () => {}, () => undefined).for(path.join(dir, "src/a.ts"))?.reader).toBe("json");
  });

  it("takes a TypeScript without the configuration API (TypeScript 7, the native compiler) as not installed", () => {
    const dir = layout("typescript-7", {
      "node_modules/typescript/package.json": JSON.stringify({ name: "typescript", version: "7.0.0", main: "lib/index.js" }),
      "node_modules/typescript/lib/index.js": "module.exports = { version: '7.0.0' };",
      "tsconfig.json": JSON.stringify({ compilerOptions: { jsx: "react" } }),
    });
    const install = typescriptFor(dir);
    expect(install?.id).toBe(`${path.join(dir, "node_modules", "typescript")}@7.0.0`);
    expect(install?.load()).toBeUndefined();
    expect(new Tsconfigs(undefined, () => {}).for(path.join(dir, "a.ts"))).toMatchObject({ reader: "json", options: { jsx: "react" } });
  });

  it("is the nearest tsconfig.json up from the file's directory; none gives undefined", () => {
    const dir = layout("nearest", { "tsconfig.json": JSON.stringify({ compilerOptions: { jsx: "react" } }), "pkg/tsconfig.json": JSON.stringify({ compilerOptions: { jsx: "preserve" } }) });
    const configs = new Tsconfigs(undefined, () => {});
    expect(configs.for(path.join(dir, "pkg/deep/a.ts"))?.options.jsx).toBe("preserve");
    expect(configs.for(path.join(dir, "other/a.ts"))?.options.jsx).toBe("react");
    expect(configs.for(path.join(path.parse(scratch).root, "a.ts"))).toBeUndefined();
  });

  it("keeps a reading on disk: a later process reads it without loading TypeScript, until a file it was read from changes", () => {
    const dir = layout("stored", {
      "base.json": JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
      "tsconfig.json": JSON.stringify({ extends: "./base.json", compilerOptions: { jsx: "react" } }),
    });
    const cache = path.join(dir, "cache");
    const file = path.join(dir, "a.ts");
    const first = countingInstall();
    expect(new Tsconfigs(cache, () => {}, () => first).for(file)?.options).toEqual({ experimentalDecorators: true, jsx: "react" });
    expect(first.loads).toBe(1);

    const second = countingInstall();
    expect(new Tsconfigs(cache, () => {}, () => second).for(file)?.options).toEqual({ experimentalDecorators: true, jsx: "react" });
    expect(second.loads).toBe(0);

    // The extended file changes (same modification time would be a coincidence; the size differs too).
    fs.writeFileSync(path.join(dir, "base.json"), JSON.stringify({ compilerOptions: { experimentalDecorators: false } }));
    const third = countingInstall();
    expect(new Tsconfigs(cache, () => {}, () => third).for(file)?.options).toEqual({ experimentalDecorators: false, jsx: "react" });
    expect(third.loads).toBe(1);
  });

  it("does not keep a reading with problems: an extended package installed after a first run is read", () => {
    const dir = layout("stored-problem", { "tsconfig.json": JSON.stringify({ extends: "@later/config", compilerOptions: { jsx: "react" } }) });
    const cache = path.join(dir, "cache");
    const reported: string[] = [];
    expect(new Tsconfigs(cache, (m) => reported.push(m), () => countingInstall()).for(path.join(dir, "a.ts"))?.options).toEqual({ jsx: "react" });
    expect(reported).toHaveLength(1);
    fs.mkdirSync(path.join(dir, "node_modules", "@later", "config"), { recursive: true });
    fs.writeFileSync(path.join(dir, "node_modules", "@later", "config", "tsconfig.json"), JSON.stringify({ compilerOptions: { experimentalDecorators: true } }));
    expect(new Tsconfigs(cache, () => {}, () => countingInstall()).for(path.join(dir, "a.ts"))?.options).toEqual({ experimentalDecorators: true, jsx: "react" });
  });

  it("reads again when another TypeScript would read it", () => {
    const dir = layout("stored-other-typescript", { "tsconfig.json": JSON.stringify({ compilerOptions: { jsx: "react" } }) });
    const cache = path.join(dir, "cache");
    new Tsconfigs(cache, () => {}, () => countingInstall()).for(path.join(dir, "a.ts"));
    const other = { ...countingInstall(), id: "another@2" };
    let loads = 0;
    new Tsconfigs(cache, () => {}, () => ({ id: other.id, load: () => (loads++, api) })).for(path.join(dir, "a.ts"));
    expect(loads).toBe(1);
  });

  it("reports a configuration's problems through its report function, once per process", () => {
    const dir = layout("reported", { "tsconfig.json": JSON.stringify({ extends: "./missing.json" }), "src/a.ts": "", "src/b.ts": "" });
    const reported: string[] = [];
    const configs = new Tsconfigs(undefined, (m) => reported.push(m), () => undefined);
    configs.for(path.join(dir, "src/a.ts"));
    configs.for(path.join(dir, "src/b.ts"));
    expect(reported).toEqual([`${path.join(dir, "tsconfig.json")}: "extends": "./missing.json" not found; ignored`]);
  });
});

it("TypeScript is found from the configuration's directory before logweave's own", () => {
  const dir = layout("local-typescript", { "node_modules/typescript/package.json": JSON.stringify({ name: "typescript", version: "5.9.9" }) });
  const local = typescriptFor(dir);
  const own = typescriptFor(path.parse(scratch).root);
  expect(local?.id).toBe(`${path.join(dir, "node_modules", "typescript")}@5.9.9`);
  expect(own?.id).toBe(`${path.dirname(createRequire(import.meta.url).resolve("typescript/package.json"))}@${ts.version}`);
});
