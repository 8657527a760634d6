/**
 * Which modules of a build the plugin rewrites: files of the project's own source (TypeScript
 * and JavaScript, JSX included), never virtual modules and never dependencies under
 * `node_modules` (they are built already, as `tsc` would not compile them either).
 */

/** Module ids the plugin looks at: a source extension, optionally followed by a query. */
export const SOURCE_ID = /\.(?:[cm]?[jt]s|[jt]sx)(?:\?.*)?$/;

/** Dependencies and virtual modules (`\0`-prefixed, by the Rollup convention). */
export const SKIPPED_ID = /(?:^\0|[\\/]node_modules[\\/])/;

/**
 * The file a module id names (`/src/a.ts?v=1` → `/src/a.ts`), or `undefined` when the plugin
 * leaves the module alone (a virtual module, a dependency, another extension).
 */
export function sourceFileOf(id: string): string | undefined {
  if (SKIPPED_ID.test(id) || !SOURCE_ID.test(id)) return undefined;
  const query = id.indexOf("?");
  return query === -1 ? id : id.slice(0, query);
}
