/**
 * `logweave swc <paths…> -d <outDir> [options]`: the SWC step from the command line, with
 * `@swc/cli`'s flags for the common build (`-d`, `-s`, `--config-file`, `--no-swcrc`,
 * `--strip-leading-paths`, `--out-file-extension`, `--extensions`, `-q`) plus logweave's own
 * (`--min-level`, `--no-caller`, `--root`, `--loggers`, `--verbose`).
 *
 * Exit codes: 0 built and written; 1 some file failed (nothing written); 2 a usage or option error.
 */
import path from "node:path";
import type { LevelName } from "../../src/levels.js";
import { TransformerOptionError } from "../core/options.js";
import { buildFiles, SOURCE_EXTENSIONS, writeBuild, type BuildOptions } from "./build.js";
import { SwcSyntaxError } from "./syntax-error.js";

/** Where the command writes and where it runs. */
export interface CommandIO {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The `logweave swc` usage text. */
export const SWC_USAGE = `Usage: logweave swc <files or directories…> -d <out-dir> [options]

Builds with @swc/core, rewriting logweave logger calls first (elided levels, inlined call
sites, precomputed static JSON). Nothing is written unless every file builds.

Options:
  -d, --out-dir <dir>          output directory (required)
  --min-level <level>          remove calls below this level (trace … fatal); LOGWEAVE_MIN_LEVEL overrides
  -s, --source-maps [mode]     true (a .map file per output), inline, or both
  --config-file <file>         SWC configuration file (.swcrc format)
  --no-swcrc                   do not read .swcrc files
  --strip-leading-paths        drop the first directory of output paths (src/a.ts → <out-dir>/a.js)
  --out-file-extension <ext>   extension of every output file (default: js, mjs, cjs by source)
  --extensions <list>          extensions to build (default: ${SOURCE_EXTENSIONS.join(",")})
  --no-caller                  do not inline file, line, column and function
  --root <dir>                 directory caller files are relative to (default: the working directory)
  --loggers <module>=<names>   a module that exports loggers (repeatable): --loggers ./src/log=log,default
  --verbose                    report per file what was elided, precomputed or left
  -q, --quiet                  no summary line
  -h, --help                   this text
`;

class UsageError extends Error {}

/** Runs the command with `args` (after `swc`). Resolves to the exit code. */
export async function runSwcCommand(args: readonly string[], io: CommandIO): Promise<number> {
  let options: BuildOptions & { quiet: boolean };
  try {
    const parsed = parseArgs(args);
    if (parsed === "help") {
      io.stdout(SWC_USAGE);
      return 0;
    }
    options = { ...parsed, cwd: io.cwd };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`logweave swc: ${error.message}\n\n${SWC_USAGE}`);
    return 2;
  }

  const started = performance.now();
  let result;
  try {
    result = await buildFiles(options);
  } catch (error) {
    if (error instanceof TransformerOptionError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    io.stderr(`logweave swc: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  for (const w of result.warnings) io.stderr(w + "\n");
  const optionError = result.errors.find((e) => e.error instanceof TransformerOptionError);
  if (optionError !== undefined) {
    io.stderr(`${(optionError.error as Error).message}\n`);
    return 2;
  }
  if (result.errors.length > 0) {
    for (const { source, error } of result.errors) {
      if (error instanceof SwcSyntaxError) {
        const where = `${path.relative(io.cwd, source).replace(/\\/g, "/")}:${error.line}:${error.column}`;
        io.stderr(`error: ${where}: syntax error: ${error.reason}\n${error.diagnostic}\n\n`);
      } else {
        io.stderr(`error: ${path.relative(io.cwd, source).replace(/\\/g, "/")}: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    const n = result.errors.length;
    io.stderr(`logweave swc: ${n} file${n === 1 ? "" : "s"} failed; nothing was written.\n`);
    return 1;
  }
  await writeBuild(result);
  if (!options.quiet) {
    const n = result.files.length;
    io.stdout(`Successfully compiled: ${n} file${n === 1 ? "" : "s"} with logweave swc (${(performance.now() - started).toFixed(2)}ms)\n`);
  }
  return 0;
}

/** Reads the command line; throws a `UsageError` saying what is wrong. */
function parseArgs(args: readonly string[]): (BuildOptions & { quiet: boolean }) | "help" {
  const sources: string[] = [];
  let outDir: string | undefined;
  let sourceMaps: BuildOptions["sourceMaps"];
  let configFile: string | undefined;
  let swcrc = true;
  let stripLeadingPaths = false;
  let outFileExtension: string | undefined;
  let extensions: string[] | undefined;
  let minLevel: string | undefined;
  let caller = true;
  let root: string | undefined;
  let verbose = false;
  let quiet = false;
  const loggers: Record<string, string[]> = {};

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = args[++i];
      if (next === undefined || (next.startsWith("-") && next !== "-")) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "-h":
      case "--help":
        return "help";
      case "-d":
      case "--out-dir":
        outDir = value();
        break;
      case "-s":
      case "--source-maps": {
        const next = inline ?? args[i + 1];
        if (next === "true" || next === "inline" || next === "both" || next === "false") {
          if (inline === undefined) i++;
          sourceMaps = next === "true" ? true : next === "false" ? false : next;
        } else {
          sourceMaps = true;
        }
        break;
      }
      case "--config-file":
        configFile = value();
        break;
      case "--no-swcrc":
        swcrc = false;
        break;
      case "--strip-leading-paths":
        stripLeadingPaths = true;
        break;
      case "--out-file-extension":
        outFileExtension = value();
        break;
      case "--extensions":
        extensions = value()
          .split(",")
          .map((e) => e.trim())
          .filter((e) => e !== "")
          .map((e) => (e.startsWith(".") ? e : "." + e));
        break;
      case "--min-level":
        minLevel = value();
        break;
      case "--no-caller":
        caller = false;
        break;
      case "--root":
        root = value();
        break;
      case "--loggers": {
        const spec = value();
        const eq = spec.lastIndexOf("=");
        if (eq <= 0 || eq === spec.length - 1) throw new UsageError(`--loggers wants <module>=<export,…>, got "${spec}"`);
        (loggers[spec.slice(0, eq)] ??= []).push(...spec.slice(eq + 1).split(",").map((n) => n.trim()).filter((n) => n !== ""));
        break;
      }
      case "--verbose":
        verbose = true;
        break;
      case "-q":
      case "--quiet":
        quiet = true;
        break;
      default:
        if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${flag}`);
        sources.push(arg);
    }
  }
  if (sources.length === 0) throw new UsageError("no files or directories to build");
  if (outDir === undefined) throw new UsageError("--out-dir (-d) is required");

  const swc: Record<string, unknown> = {};
  if (configFile !== undefined) swc.configFile = configFile;
  if (!swcrc) swc.swcrc = false;
  return {
    sources,
    outDir,
    sourceMaps,
    stripLeadingPaths,
    outFileExtension,
    extensions,
    quiet,
    transform: {
      ...(minLevel === undefined ? {} : { minLevel: minLevel as LevelName }),
      caller,
      ...(root === undefined ? {} : { root }),
      verbose,
      ...(Object.keys(loggers).length === 0 ? {} : { loggers }),
      swc,
    },
  };
}
