/**
 * The code a planned file gets, as JavaScript source text — the one definition of the emitted
 * protocol. The SWC step edits it into the file with magic-string; the TypeScript plugin parses
 * the same text for the file's helpers and builds the same shape as nodes for sites and calls.
 *
 * A call `log.info(`queue ${q}`, { next: q.shift(), k: 1 })` becomes
 *
 *     __lw_on(__lw_site_0, log)?.(__lw_site_0, `${q}`, q.shift())
 *
 * and the file ends with its site function and three small helpers:
 *
 *     function __lw_site_0() { return { level: 30, method: "info", template: ["queue ", ""], …,
 *       args: (__lw_0, __lw_1) => [`queue ${__lw_0}`, { next: __lw_1, k: 1 }] }; }
 *     var __lw_entry;
 *     function __lw_on(s, r, o) { … }       // finds the runtime's entry (site-entry.ts)
 *     function __lw_plain(s, r, o) { … }    // no logweave runtime loaded: call as written
 *
 * Function declarations are hoisted: a site exists before its module's body runs, so a call
 * made early through an import cycle works. Nothing is imported: the file gains no dependency.
 */
import type { CallSiteSpec } from "../../src/site.js";
import { SITE_ENTRY_KEY, type GeneratedNames } from "./names.js";

/**
 * The file's helpers, written for any JavaScript target (ES5 syntax): the entry cache, `on` —
 * which enters a call through the runtime's entry, found through its global symbol — and `plain`,
 * for a process where no logweave runtime is loaded (a test double in a test that never imports
 * logweave): the receiver's method is read once and called with the rebuilt arguments.
 */
export function fileHelpersSource(names: GeneratedNames): string {
  const { on, plain, entry, temp } = names;
  return [
    `var ${entry}, ${temp};`,
    `function ${on}(s, r, o) { return (${entry} || (${entry} = globalThis[Symbol.for(${JSON.stringify(SITE_ENTRY_KEY)})]) || ${plain})(s, r, o); }`,
    `function ${plain}(s, r, o) { if (o === 1 && (r === null || r === void 0)) return; var d = s(), m = r[d.method]; ` +
      `return function () { return Reflect.apply(m, r, d.args.apply(void 0, Array.prototype.slice.call(arguments, 1))); }; }`,
  ].join("\n");
}

/** `function __lw_site_0() { return { …spec, args: <argsSource> }; }` */
export function siteFunctionSource(name: string, spec: CallSiteSpec, argsSource: string): string {
  const data = valueSource(spec);
  const body = data === "{}" ? `{ args: ${argsSource} }` : data.slice(0, -2) + `, args: ${argsSource} }`;
  return `function ${name}() { return ${body}; }`;
}

/** `(__lw_0, __lw_1) => [<arguments>]`: the `args` function from its parameter count and argument texts. */
export function argsFunctionSource(names: GeneratedNames, count: number, argumentTexts: readonly string[]): string {
  const params = Array.from({ length: count }, (_, i) => names.arg(i)).join(", ");
  return `(${params}) => [${argumentTexts.join(", ")}]`;
}

/**
 * The rewritten call's text around what it keeps — the receiver and each value, in order — as
 * `values.length + 2` pieces: before the receiver, after it, after each value. A template hole is
 * wrapped in `` `${…}` ``, so it is converted where the template literal would convert it, with
 * the language's own rules and errors. `wrapped`: in parentheses, which end the optional chain
 * where the call's result is used as an object or callee (`(…).toString()` still throws on
 * `undefined`, as the original call's result would).
 */
export function callPieces(names: GeneratedNames, site: string, optionalMethod: boolean, values: readonly { readonly hole: boolean }[], wrapped: boolean): string[] {
  const pieces = [`${wrapped ? "(" : ""}${names.on}(${site}, `, `${optionalMethod ? ", 1" : ""})?.(${site}`];
  for (const v of values) {
    pieces[pieces.length - 1] += v.hole ? ", `${" : ", ";
    pieces.push(v.hole ? "}`" : "");
  }
  pieces[pieces.length - 1] += wrapped ? "))" : ")";
  return pieces;
}

/**
 * {@link callPieces} for a receiver an optional chain runs through (`a?.b.c.info(x)`): the part
 * before the chain's last `?.` is held in the file's temporary, and the call happens only when it
 * is not nullish — `((__lw_t = a) == null ? void 0 : __lw_on(s, __lw_t.b.c)?.(s, x))`. The first
 * piece goes before that part, the second replaces the `?.` (`named`: a `.name` link, not
 * `?.[…]`), the rest as {@link callPieces}. The temporary is read before anything after it runs,
 * so a call nested further in never disturbs it.
 */
export function chainCallPieces(names: GeneratedNames, site: string, optionalMethod: boolean, values: readonly { readonly hole: boolean }[], named: boolean): string[] {
  const [, ...rest] = callPieces(names, site, optionalMethod, values, true);
  return [`((${names.temp} = `, `) == null ? void 0 : ${names.on}(${site}, ${names.temp}${named ? "." : ""}`, ...rest];
}

/** The rewritten call as text, from the receiver's and the values' texts (for tests and reports). */
export function writeCallSource(names: GeneratedNames, site: string, optionalMethod: boolean, receiver: string, values: readonly { readonly text: string; readonly hole: boolean }[], wrapped = false): string {
  const pieces = callPieces(names, site, optionalMethod, values, wrapped);
  return pieces[0] + receiver + pieces[1] + values.map((v, i) => v.text + pieces[i + 2]).join("");
}

/** True when `name` can be written as a bare property name (`level`), not only quoted (`"a b"`). */
export function isPlainPropertyName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

/** A spec value (plain data: strings, numbers, booleans, arrays, objects) as JavaScript source. */
export function valueSource(value: unknown): string {
  if (Array.isArray(value)) return "[" + value.map(valueSource).join(", ") + "]";
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${isPlainPropertyName(k) ? k : JSON.stringify(k)}: ${valueSource(v)}`);
    return members.length === 0 ? "{}" : "{ " + members.join(", ") + " }";
  }
  // JSON string literals are JavaScript string literals (U+2028/U+2029 allowed since ES2019,
  // and escaped anyway so older parsers read them too).
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
