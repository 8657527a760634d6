/**
 * A content-addressed cache of compiled modules on disk: one file per key (a SHA-256 of
 * everything the output depends on: compiler versions, options, file name, format, source), so
 * an unchanged file is read back instead of compiled and a changed one simply gets a new key.
 *
 * The cache never fails a run: an unreadable or unwritable directory means compiling every time.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Where compiled modules are kept: `LOGWEAVE_CACHE_DIR` when set; else
 * `node_modules/.cache/logweave/register` under the working directory when it has a
 * `node_modules` (the convention of babel-loader, eslint and others); else
 * `<os.tmpdir()>/logweave-register-cache`.
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): string {
  const fromEnv = env.LOGWEAVE_CACHE_DIR;
  if (fromEnv !== undefined && fromEnv !== "") return path.resolve(cwd, fromEnv);
  const modules = path.join(cwd, "node_modules");
  if (fs.existsSync(modules)) return path.join(modules, ".cache", "logweave", "register");
  return path.join(os.tmpdir(), "logweave-register-cache");
}

/** The key of one compilation: a hash of every input, in order. */
export function cacheKey(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/** Compiled modules by key, in one directory. */
export class CompileCache {
  readonly dir: string;
  #ready = false;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The cached text for `key`, or `undefined` (never cached, or unreadable). */
  get(key: string): string | undefined {
    try {
      return fs.readFileSync(this.#file(key), "utf8");
    } catch {
      return undefined;
    }
  }

  /** Stores `text` for `key`. Written to a temporary file and renamed, so a reader never sees half an entry. */
  set(key: string, text: string): void {
    try {
      if (!this.#ready) {
        fs.mkdirSync(this.dir, { recursive: true });
        this.#ready = true;
      }
      const temporary = `${this.#file(key)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      fs.writeFileSync(temporary, text);
      fs.renameSync(temporary, this.#file(key));
    } catch {
      // A cache that cannot be written only costs a compile next time.
    }
  }

  #file(key: string): string {
    return path.join(this.dir, key + ".js");
  }
}
