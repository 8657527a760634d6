/**
 * Which TypeScript the plugin was loaded with, checked before any module that uses the
 * compiler API is evaluated (`index.ts` imports this first): the plugin needs TypeScript 6's
 * transformer API. TypeScript 7 (the native compiler) has none, TypeScript 5 is not what the
 * plugin is built and tested against; in both cases the user is told what to do instead of
 * meeting a `TypeError` deep inside the plugin.
 */
import ts from "typescript";

/** The TypeScript major version the plugin supports. */
export const SUPPORTED_TYPESCRIPT_MAJOR = 6;

/** The routes that need no TypeScript at all, for the messages below. */
const OTHER_ROUTES =
  "build with the SWC step (npx logweave swc), a bundler plugin (logweave/vite, logweave/rollup, logweave/esbuild, logweave/webpack, logweave/rspack) or node --import logweave/register instead";

/**
 * What is wrong with TypeScript `version` for the plugin, as one sentence saying what to do, or
 * `undefined` when it is supported. `hasTransformerApi` says whether the loaded module has the
 * compiler API at all (TypeScript 7's `typescript` package exports only its version). Never throws.
 */
export function typescriptProblem(version: unknown, hasTransformerApi: boolean): string | undefined {
  const text = typeof version === "string" ? version : "(version unknown)";
  const major = typeof version === "string" ? Number.parseInt(version, 10) : Number.NaN;
  if (major === SUPPORTED_TYPESCRIPT_MAJOR && hasTransformerApi) return undefined;
  if (major > SUPPORTED_TYPESCRIPT_MAJOR || !hasTransformerApi) {
    return (
      `logweave/transformer: TypeScript ${text} has no transformer API, so the TypeScript plugin cannot run; ` +
      `${OTHER_ROUTES} (type-check with tsc --noEmit), or install TypeScript 6 for this route: npm i -D typescript@6 ts-patch`
    );
  }
  return (
    `logweave/transformer: the TypeScript plugin needs TypeScript 6, found ${text}; ` +
    `upgrade with npm i -D typescript@6 ts-patch, or ${OTHER_ROUTES}`
  );
}

/** The problem with the TypeScript this module was loaded with, or `undefined`. */
export const LOADED_TYPESCRIPT_PROBLEM = typescriptProblem(
  (ts as { version?: unknown } | undefined)?.version,
  typeof (ts as { transform?: unknown } | undefined)?.transform === "function" && typeof ts.factory === "object",
);

// Without the compiler API the plugin's other modules cannot even be evaluated: stop here, with
// the message alone (its stack would only show this line).
if (LOADED_TYPESCRIPT_PROBLEM !== undefined && (ts as { factory?: unknown } | undefined)?.factory === undefined) {
  const error = new Error(LOADED_TYPESCRIPT_PROBLEM);
  error.stack = error.message;
  throw error;
}
