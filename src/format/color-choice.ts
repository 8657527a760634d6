/**
 * Whether pretty output is colored: the terminal conventions, in Node's own order of precedence.
 *
 * 1. `FORCE_COLOR` decides when set: `0` or `false` turns colors off, any other value (even
 *    empty) turns them on — as `node:tty` reads it.
 * 2. Otherwise `NO_COLOR` set to a non-empty value turns colors off (no-color.org).
 * 3. Otherwise colors follow the default the caller passes (is the output a terminal?).
 *
 * An explicit command-line flag (`--color`, `--no-color`) goes before all of these; that is the
 * caller's to apply.
 */

/** The environment variables read here (a subset of `process.env`). */
export type ColorEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Returns whether to use ANSI colors given `fallback` (usually: the output is a terminal) and the
 * environment. Never throws; without an environment (a browser) returns `fallback`.
 */
export function colorsEnabled(fallback: boolean, env: ColorEnvironment | undefined): boolean {
  if (env === undefined) return fallback;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  const no = env.NO_COLOR;
  if (no !== undefined && no !== "") return false;
  return fallback;
}

/** The process's environment, or `undefined` where there is no `process` (a browser). */
export function processEnvironment(): ColorEnvironment | undefined {
  return typeof process === "object" && process !== null ? process.env : undefined;
}
