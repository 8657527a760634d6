/**
 * Caller metadata: how a call's file and enclosing functions become the `file` and `function`
 * of its site.
 *
 * Function names, chosen so a reader finds the code from the name alone:
 * - a class member is `Class.member` (`AuthService.login`, `AuthService.constructor`; accessors
 *   and property initializers use the member's name, static blocks `Class.static`);
 * - an object-literal method is `object.method` when the object is bound to a name; a member of an
 *   unnamed object or class is just `member`;
 * - a function expression or arrow takes its own name, else the name it is bound to (variable,
 *   property, assignment target, `default`);
 * - functions nest with dots (`outer.inner`, `AuthService.login.<anonymous>` for a callback);
 * - a function with no name at all is `<anonymous>`; the module's top level is `<module>`.
 */
import path from "node:path";
import type { EnclosingFunction } from "./call.js";

/** The name written for a function that has none. */
export const ANONYMOUS = "<anonymous>";

/** The name written for a call at module top level. */
export const MODULE_LEVEL = "<module>";

/** The qualified name of the function chain around a call (outermost first). Never empty. */
export function functionName(chain: readonly EnclosingFunction[]): string {
  if (chain.length === 0) return MODULE_LEVEL;
  return chain
    .map((f) => {
      const own = f.name ?? ANONYMOUS;
      if (f.memberOf === undefined) return own;
      return f.memberOf.name === undefined ? own : f.memberOf.name + "." + own;
    })
    .join(".");
}

/**
 * The call's file as written in its site: relative to `root`, with forward slashes on every
 * platform (a file outside `root` keeps its `../` steps).
 */
export function callerFile(root: string, file: string): string {
  const from = toPosix(path.resolve(root));
  const to = toPosix(path.resolve(root, file));
  return path.posix.relative(from, to) || path.posix.basename(to);
}

function toPosix(p: string): string {
  return p.replace(/\\/g, "/");
}
