/**
 * The command line of a measured process: `--name=value` pairs and bare `--flag`s, as the
 * parent writes them (see bench/suite/spawn.ts).
 */

/** The value of `--name=value`, `"true"` for a bare `--name`, or `undefined`. */
export function arg(name: string, argv: readonly string[] = process.argv): string | undefined {
  for (const a of argv) {
    if (a === `--${name}`) return "true";
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** The number given as `--name=`, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const v = arg(name);
  return v === undefined ? fallback : Number(v);
}

/** The line a measured process prints its result on (one JSON object after the mark). */
export const RESULT_MARK = "@@bench ";

/** Prints the result line. */
export function report(result: object): void {
  process.stdout.write(RESULT_MARK + JSON.stringify(result) + "\n");
}
