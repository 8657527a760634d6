/**
 * The `tsconfig.json` that applies to each compiled file: the nearest one up from the file's
 * directory (as an editor finds a file's project), read with TypeScript's own reader when
 * TypeScript is installed, else as JSON with comments (`tsconfig-json.ts`). Found once per
 * directory and read once per configuration in a process.
 *
 * Reading with TypeScript means loading TypeScript, which costs more than starting Node: what a
 * configuration says is kept on disk with the compile cache, keyed by the configuration's path and
 * checked against the size and modification time of every file it was read from, so a run whose
 * configurations did not change loads no TypeScript.
 */
import fs from "node:fs";
import path from "node:path";
import { cacheKey } from "./compile-cache.js";
import type { ProjectOptions } from "./project-options.js";
import { readTsconfigJson } from "./tsconfig-json.js";
import { readTsconfigWithTypeScript, typescriptFor, type TsconfigReading, type TypeScriptInstall } from "./tsconfig-typescript.js";
import { isFile } from "../core/module-files.js";

/** The configuration that applies to a file. */
export interface Tsconfig {
  /** The `tsconfig.json` (absolute). */
  readonly file: string;
  readonly options: ProjectOptions;
  /** What read it: `typescript` (TypeScript's reader) or `json` (JSON with comments, no TypeScript installed). */
  readonly reader: "typescript" | "json";
}

/** Bumped when what is kept on disk changes shape or meaning. */
const STORED_VERSION = 1;

/** A reading kept on disk, with what it depends on. */
interface StoredReading extends TsconfigReading {
  readonly version: number;
  readonly reader: Tsconfig["reader"];
  /** The TypeScript install the reading was made with (`""`: none). */
  readonly typescript: string;
  /** `[file, size, mtimeMs]` of every file read. */
  readonly stamps: readonly (readonly [string, number, number])[];
}

/** Where configurations are found and read, for one thread. */
export class Tsconfigs {
  readonly #cacheDir: string | undefined;
  readonly #report: (message: string) => void;
  readonly #findTypeScript: (dir: string) => TypeScriptInstall | undefined;
  readonly #nearest = new Map<string, string | null>();
  readonly #read = new Map<string, Tsconfig>();

  /**
   * `cacheDir`: where readings are kept (`undefined`: read every configuration in every run).
   * `report`: receives each problem found in a configuration, once per process.
   * `findTypeScript`: the TypeScript install for a configuration's directory (tests replace it).
   */
  constructor(
    cacheDir: string | undefined,
    report: (message: string) => void = (m) => void process.stderr.write(`logweave/register: ${m}\n`),
    findTypeScript: (dir: string) => TypeScriptInstall | undefined = typescriptFor,
  ) {
    this.#cacheDir = cacheDir;
    this.#report = report;
    this.#findTypeScript = findTypeScript;
  }

  /** The configuration for `file` (absolute), or `undefined` when no `tsconfig.json` is above it. Never throws. */
  for(file: string): Tsconfig | undefined {
    const config = this.#nearestFrom(path.dirname(file));
    if (config === undefined) return undefined;
    let read = this.#read.get(config);
    if (read === undefined) {
      read = this.#readConfig(config);
      this.#read.set(config, read);
    }
    return read;
  }

  #nearestFrom(dir: string): string | undefined {
    const known = this.#nearest.get(dir);
    if (known !== undefined) return known ?? undefined;
    const candidate = path.join(dir, "tsconfig.json");
    const parent = path.dirname(dir);
    const found = isFile(candidate) ? candidate : parent === dir ? undefined : this.#nearestFrom(parent);
    this.#nearest.set(dir, found ?? null);
    return found;
  }

  #readConfig(file: string): Tsconfig {
    const typescript = this.#findTypeScript(path.dirname(file));
    const typescriptId = typescript?.id ?? "";
    let reading = this.#stored(file, typescriptId);
    if (reading === undefined) {
      const ts = typescript?.load();
      const fresh = ts === undefined ? readTsconfigJson(file) : readTsconfigWithTypeScript(ts, file);
      reading = { ...fresh, version: STORED_VERSION, reader: ts === undefined ? "json" : "typescript", typescript: typescriptId, stamps: fresh.files.map(stamp).filter((s) => s !== undefined) };
      this.#store(file, reading);
    }
    for (const problem of reading.problems) this.#report(problem);
    return { file, options: reading.options, reader: reading.reader };
  }

  #entry(file: string): string | undefined {
    return this.#cacheDir === undefined ? undefined : path.join(this.#cacheDir, `tsconfig-${cacheKey([file])}.json`);
  }

  /** The kept reading of `file`, when every file it was read from is unchanged and the same TypeScript would read it. */
  #stored(file: string, typescript: string): StoredReading | undefined {
    const entry = this.#entry(file);
    if (entry === undefined) return undefined;
    try {
      const stored = JSON.parse(fs.readFileSync(entry, "utf8")) as StoredReading;
      if (stored.version !== STORED_VERSION || stored.typescript !== typescript || !Array.isArray(stored.stamps) || stored.stamps.length !== stored.files.length) return undefined;
      for (const [f, size, mtime] of stored.stamps) {
        const now = stamp(f);
        if (now === undefined || now[1] !== size || now[2] !== mtime) return undefined;
      }
      return stored;
    } catch {
      return undefined;
    }
  }

  #store(file: string, reading: StoredReading): void {
    const entry = this.#entry(file);
    // Not kept: a reading with a file that could not be stamped (it vanished meanwhile), and one with
    // problems — what it missed (an extended package not installed yet) is in no stamp.
    if (entry === undefined || reading.stamps.length !== reading.files.length || reading.problems.length > 0) return;
    try {
      fs.mkdirSync(path.dirname(entry), { recursive: true });
      const temporary = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify(reading));
      fs.renameSync(temporary, entry);
    } catch {
      // Not kept: read again next run.
    }
  }
}

function stamp(file: string): readonly [string, number, number] | undefined {
  try {
    const stat = fs.statSync(file);
    return [file, stat.size, stat.mtimeMs];
  } catch {
    return undefined;
  }
}
