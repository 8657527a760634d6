/**
 * Transformer options: what users write in `tsconfig.json` (or pass to a front end), checked
 * once when the transformer is created so a typo fails the build with the option's name, never
 * silently changes what is elided.
 */
import path from "node:path";
import { unknownOptionMessage } from "../../src/option-names.js";
import { LEVEL_NAMES, LEVEL_VALUES, type LevelName } from "../../src/levels.js";

/** The options a user writes (every one optional). */
export interface TransformerOptions {
  /**
   * Calls below this level are removed at build time. Default `"trace"` (nothing removed). The
   * environment variable `LOGWEAVE_MIN_LEVEL`, when set at build time, overrides it.
   */
  readonly minLevel?: LevelName;
  /** Inline `file`, `line`, `column` and `function` in each call site. Default `true`. */
  readonly caller?: boolean;
  /** Directory `file` is relative to. Default: the tsconfig's directory. Relative paths are resolved against that default. */
  readonly root?: string;
  /** Report per file how many calls were elided, precomputed or fell back (to stderr). Default `false`. */
  readonly verbose?: boolean;
}

/** Options after checking and defaults. */
export interface ResolvedOptions {
  readonly minLevel: LevelName;
  /** `minLevel` as a level number: calls whose level number is lower are elided. */
  readonly minLevelValue: number;
  readonly caller: boolean;
  /** Absolute. */
  readonly root: string;
  readonly verbose: boolean;
}

/** Thrown for an invalid option; `option` names it (`minLevel`, or `LOGWEAVE_MIN_LEVEL`). */
export class TransformerOptionError extends TypeError {
  /** The option (or environment variable) that is wrong. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(`logweave transformer: ${message}`);
    this.name = "TransformerOptionError";
    this.option = option;
  }
}

const OWN_KEYS = new Set(["minLevel", "caller", "root", "verbose"]);

/** Keys a plugin host may leave in the plugin's configuration object (ts-patch's own settings). */
const HOST_KEYS = new Set(["transform", "import", "type", "after", "afterDeclarations", "transformProgram", "tsConfig", "resolvePathAliases", "isEsm", "name"]);

/**
 * Checks raw options (as parsed from JSON: anything) and applies the defaults. `defaultRoot` is
 * the tsconfig's directory (or the working directory); `env` is the build's environment.
 * Throws a {@link TransformerOptionError} naming the first bad option.
 */
export function resolveOptions(
  raw: unknown,
  defaultRoot: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedOptions {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new TransformerOptionError("options", `options must be an object; got ${describe(raw)}`);
  }
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (OWN_KEYS.has(key) || HOST_KEYS.has(key)) continue;
    throw new TransformerOptionError(key, unknownOptionMessage(key, [...OWN_KEYS]));
  }

  let minLevel: LevelName = "trace";
  if (o.minLevel !== undefined) minLevel = levelOption("minLevel", o.minLevel);
  const fromEnv = env.LOGWEAVE_MIN_LEVEL;
  if (fromEnv !== undefined && fromEnv !== "") minLevel = levelOption("LOGWEAVE_MIN_LEVEL", fromEnv);

  const caller = booleanOption("caller", o.caller, true);
  const verbose = booleanOption("verbose", o.verbose, false);

  let root = path.resolve(defaultRoot);
  if (o.root !== undefined) {
    if (typeof o.root !== "string" || o.root === "") {
      throw new TransformerOptionError("root", `option "root" must be a non-empty path string; got ${describe(o.root)}`);
    }
    root = path.resolve(defaultRoot, o.root);
  }
  return { minLevel, minLevelValue: LEVEL_VALUES[minLevel], caller, root, verbose };
}

function levelOption(option: string, value: unknown): LevelName {
  const name = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  if (name !== undefined && (LEVEL_NAMES as readonly string[]).includes(name)) return name as LevelName;
  const what = option === "LOGWEAVE_MIN_LEVEL" ? "environment variable LOGWEAVE_MIN_LEVEL" : `option "${option}"`;
  throw new TransformerOptionError(option, `${what} must be one of ${LEVEL_NAMES.join(", ")}; got ${describe(value)}`);
}

function booleanOption(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === "boolean") return value;
  throw new TransformerOptionError(option, `option "${option}" must be true or false; got ${describe(value)}`);
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
