/**
 * Which file a module path names on disk, by TypeScript's rules (a `.js` path stands for its `.ts`
 * source; a path without an extension is tried with extensions, then as a directory's `index`):
 * the one lookup the loader's resolution and the `loggers` check share.
 */
import fs from "node:fs";
import path from "node:path";

/** Extensions TypeScript tries for a path without one, in its order (declaration files have nothing to run). */
export const SOURCE_EXTENSIONS: readonly string[] = [".ts", ".tsx", ".js"];

/** True when `file` exists and is a file (not a directory). Never throws. */
export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The TypeScript file a JavaScript path (`/abs/a.js`) stands for, when one exists. */
export function typescriptSourceOf(file: string): string | undefined {
  const match = /^(.*)\.([cm]?)js$/.exec(file);
  if (match === null) return undefined;
  const [, stem, kind] = match;
  const candidates = kind === "" ? [`${stem}.ts`, `${stem}.tsx`] : [`${stem}.${kind}ts`];
  return candidates.find(isFile);
}

/**
 * The file a module path names: the TypeScript file for a `.js` path, the file itself, the path
 * with one of `extensions`, or its directory's `index` with one of them.
 */
export function moduleFile(candidate: string, extensions: readonly string[] = SOURCE_EXTENSIONS): string | undefined {
  const source = typescriptSourceOf(candidate);
  if (source !== undefined) return source;
  if (path.extname(candidate) !== "" && isFile(candidate)) return candidate;
  for (const extension of extensions) if (isFile(candidate + extension)) return candidate + extension;
  for (const extension of extensions) if (isFile(path.join(candidate, "index" + extension))) return path.join(candidate, "index" + extension);
  return undefined;
}
