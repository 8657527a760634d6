/**
 * The module format Node gives a TypeScript file, by the rules it uses for JavaScript: `.mts`
 * is an ES module, `.cts` CommonJS, and `.ts`/`.tsx` follow the `"type"` of the nearest
 * `package.json` (CommonJS when there is none, or it says nothing).
 */
import fs from "node:fs";
import path from "node:path";

/** A format Node's `load` hook understands. */
export type ModuleFormat = "module" | "commonjs";

/** TypeScript source files (the loader compiles those of the project). */
export const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/;

/** Whether the loader compiles `file` (an absolute path): a TypeScript source file of the project, not a declaration file, not a dependency's. */
export function isProjectTypeScript(file: string): boolean {
  return TYPESCRIPT_FILE.test(file) && !/\.d\.[cm]?ts$/.test(file) && !/[\\/]node_modules[\\/]/.test(file);
}

/** Package `"type"` by directory, so a run reads each `package.json` once. */
const typeByDirectory = new Map<string, ModuleFormat>();

/** The format of `file` (an absolute path of a TypeScript file). */
export function moduleFormatOf(file: string): ModuleFormat {
  if (file.endsWith(".mts")) return "module";
  if (file.endsWith(".cts")) return "commonjs";
  return packageTypeOf(path.dirname(file));
}

function packageTypeOf(dir: string): ModuleFormat {
  const known = typeByDirectory.get(dir);
  if (known !== undefined) return known;
  let type: ModuleFormat;
  const manifest = readManifest(path.join(dir, "package.json"));
  if (manifest !== undefined) type = manifest.type === "module" ? "module" : "commonjs";
  else type = path.dirname(dir) === dir ? "commonjs" : packageTypeOf(path.dirname(dir));
  typeByDirectory.set(dir, type);
  return type;
}

/** The parsed `package.json`, or `undefined` when there is none (an unreadable one counts as `{}`, as in Node). */
function readManifest(file: string): { type?: unknown } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? (parsed as { type?: unknown }) : {};
  } catch {
    return {};
  }
}
