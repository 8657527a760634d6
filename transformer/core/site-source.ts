/**
 * Call sites as JavaScript source text, for front ends that edit text (the SWC step with
 * magic-string) rather than build syntax trees. The TypeScript front end builds the same shape
 * as nodes.
 */
import type { CallSiteSpec } from "../../src/site.js";
import { CALL_SITE_EXPORT, ENABLED_METHOD, RUNTIME_MODULE, WRITE_METHOD, type GeneratedNames } from "./names.js";

/** `import { callSite as __lw_callSite } from "logweave";` */
export function runtimeImportSource(names: GeneratedNames): string {
  return `import { ${CALL_SITE_EXPORT} as ${names.callSite} } from ${JSON.stringify(RUNTIME_MODULE)};`;
}

/** `const __lw_site_0 = __lw_callSite({ level: 30, msg: "\"hi\"", … });` */
export function siteDeclarationSource(names: GeneratedNames, index: number, spec: CallSiteSpec): string {
  return `const ${names.site(index)} = ${names.callSite}(${valueSource(spec)});`;
}

/**
 * The call that replaces `receiver.info(…)`: `receiver.__lwOn?.(site)?.__lwWrite(site, …values)`.
 * `receiver` is the receiver's source text; `optional` is true when the call was written
 * `receiver?.info(…)` (giving `receiver?.__lwOn?.(…)`). `values` are the plan's values as source
 * text. `__lwOn?.(` because a receiver typed as a logger may not be one at run time (a test
 * double): the call then does nothing rather than throw into the app.
 */
export function writeCallSource(receiver: string, optional: boolean, siteName: string, values: readonly string[]): string {
  const args = [siteName, ...values].join(", ");
  return `${receiver}${optional ? "?." : "."}${ENABLED_METHOD}?.(${siteName})?.${WRITE_METHOD}(${args})`;
}

/** A spec value (plain data: strings, numbers, booleans, arrays, objects) as JavaScript source. */
export function valueSource(value: unknown): string {
  if (Array.isArray(value)) return "[" + value.map(valueSource).join(", ") + "]";
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${valueSource(v)}`);
    return members.length === 0 ? "{}" : "{ " + members.join(", ") + " }";
  }
  // JSON string literals are JavaScript string literals (U+2028/U+2029 allowed since ES2019,
  // and escaped anyway so older parsers read them too).
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
