/**
 * The call sites in emitted JavaScript, read back: each site function (`function __lw_site_N()`)
 * found with the TypeScript parser and evaluated on its own, giving the spec it returns.
 */
import ts from "typescript";
import type { CallSiteSpec } from "../../src/site.js";

/** The spec of every site function in `js`, by function name, in source order. */
export function emittedSites(js: string): Map<string, CallSiteSpec> {
  const file = ts.createSourceFile("emitted.js", js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const sites = new Map<string, CallSiteSpec>();
  for (const statement of file.statements) {
    if (!ts.isFunctionDeclaration(statement) || statement.name === undefined || !/^__lw\w*_site_\d+$/.test(statement.name.text)) continue;
    const name = statement.name.text;
    sites.set(name, new Function(`${statement.getText(file)}\nreturn ${name}();`)() as CallSiteSpec);
  }
  return sites;
}

/** What a site's `args` gives for placeholder values `"<0>"`, `"<1>"`…: its rebuilt arguments, comparable across builds. */
export function rebuiltArguments(spec: CallSiteSpec, count: number): unknown[] {
  return spec.args!(...Array.from({ length: count }, (_, i) => `<${i}>`));
}

/** A spec without its `args` function (data only, comparable with `toEqual`). */
export function specData(spec: CallSiteSpec): Omit<CallSiteSpec, "args"> {
  const { args: _args, ...data } = spec;
  return data;
}
