/**
 * `logweave swc <paths…> -d <outDir> [options]`: the SWC step from the command line, with
 * `@swc/cli`'s flags for the common build (`-d`, `-s`, `--config-file`, `--no-swcrc`,
 * `--strip-leading-paths`, `--out-file-extension`, `--extensions`, `-q`) plus logweave's own
 * (`--min-level`, `--no-caller`, `--root`, `--loggers`, `--verbose`).
 *
 * Flags are read with Node's `util.parseArgs`, as `logweave pretty` reads its own, so both
 * subcommands word a wrong flag the same way; errors name flags (`--min-level`), never the
 * option names of the API (`minLevel`).
 *
 * Exit codes: 0 built and written; 1 some file failed (nothing written); 2 a usage or option error.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { LevelName } from "../../src/levels.js";
import { TransformerOptionError } from "../core/options.js";
import { formatReport, hasCalls } from "../core/report.js";
import { buildFiles, SOURCE_EXTENSIONS, writeBuild, type BuildOptions } from "./build.js";
import { loggersSettingWarnings } from "./loggers-check.js";
import { resolveSwcOptions } from "./options.js";
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

/** The flags, as `util.parseArgs` reads them (`--no-swcrc`, `--no-caller`: negated booleans). */
const FLAGS = {
  "out-dir": { type: "string", short: "d" },
  "source-maps": { type: "string", short: "s" },
  "config-file": { type: "string" },
  swcrc: { type: "boolean" },
  "strip-leading-paths": { type: "boolean" },
  "out-file-extension": { type: "string" },
  extensions: { type: "string" },
  "min-level": { type: "string" },
  caller: { type: "boolean" },
  root: { type: "string" },
  loggers: { type: "string", multiple: true },
  verbose: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const;

/** The flag that sets each transformer option, for errors worded in the command line's terms. */
const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  minLevel: "--min-level",
  caller: "--no-caller",
  root: "--root",
  verbose: "--verbose",
  loggers: "--loggers",
};

const SOURCE_MAP_MODES = ["true", "inline", "both", "false"];

/** Runs the command with `args` (after `swc`). Resolves to the exit code. */
export async function runSwcCommand(args: readonly string[], io: CommandIO): Promise<number> {
  let options: BuildOptions & { quiet: boolean; verbose: boolean };
  try {
    const parsed = parseCommandLine(args);
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

  // Checked before anything is read, so a mistake costs one line, not a stack or a half build.
  for (const source of options.sources) {
    if (!fs.existsSync(path.resolve(io.cwd, source))) {
      io.stderr(`logweave swc: ${source}: no such file or directory\n`);
      return 2;
    }
  }
  try {
    const { loggers } = resolveSwcOptions(options.transform);
    for (const warning of loggersSettingWarnings(loggers)) io.stderr(warning + "\n");
  } catch (error) {
    if (error instanceof TransformerOptionError) {
      io.stderr(inFlagTerms(error) + "\n");
      return 2;
    }
    throw error;
  }

  const started = performance.now();
  let result;
  try {
    result = await buildFiles(options);
  } catch (error) {
    if (error instanceof TransformerOptionError) {
      io.stderr(inFlagTerms(error) + "\n");
      return 2;
    }
    io.stderr(`logweave swc: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  for (const w of result.warnings) io.stderr(w + "\n");
  const optionError = result.errors.find((e) => e.error instanceof TransformerOptionError);
  if (optionError !== undefined) {
    io.stderr(inFlagTerms(optionError.error as TransformerOptionError) + "\n");
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
  if (options.verbose) {
    // Every file, also those with no logger call the step could see: a `loggers` setting that
    // misses a module shows up here as a file that logs but reports none.
    for (const file of result.files) {
      const name = path.relative(io.cwd, file.source).replace(/\\/g, "/");
      io.stderr((hasCalls(file.counts) ? formatReport(name, file.counts) : `logweave: ${name}: no logger calls`) + "\n");
    }
  }
  await writeBuild(result);
  if (!options.quiet) {
    const n = result.files.length;
    io.stdout(`Successfully compiled: ${n} file${n === 1 ? "" : "s"} with logweave swc (${(performance.now() - started).toFixed(2)}ms)\n`);
  }
  return 0;
}

/** An option error from the transformer, in the command line's words: `--min-level`, not `option "minLevel"`. */
function inFlagTerms(error: TransformerOptionError): string {
  const message = error.message.replace(/^logweave transformer: /, "");
  const flag = FLAG_OF_OPTION[error.option];
  return `logweave swc: ${flag === undefined ? message : message.replace(`option "${error.option}"`, flag)}`;
}

/**
 * `-s`/`--source-maps` takes an optional value, as in `@swc/cli`: the next argument when it does
 * not start with `-` (so `--source-maps maybe` is a wrong mode, never an input path), else `true`.
 * `util.parseArgs` has no optional values: the argument list is rewritten to `--source-maps=<mode>`.
 */
function withSourceMapValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      out.push(...args.slice(i));
      break;
    }
    if (arg !== "-s" && arg !== "--source-maps") {
      out.push(arg);
      continue;
    }
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith("-")) {
      out.push(`--source-maps=${next}`);
      i++;
    } else {
      out.push("--source-maps=true");
    }
  }
  return out;
}

/** Reads the command line; throws a `UsageError` saying what is wrong. */
function parseCommandLine(args: readonly string[]): (BuildOptions & { quiet: boolean; verbose: boolean }) | "help" {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({ args: withSourceMapValues(args), options: FLAGS, allowNegative: true, allowPositionals: true, strict: true }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node adds advice about `--` when positionals are allowed; `logweave pretty` (no
    // positionals) says the first sentence alone, and both subcommands word it the same.
    const code = (error as { code?: unknown }).code;
    throw new UsageError(code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? message.split(". ")[0] : message);
  }
  if (values.help === true) return "help";

  const mode = values["source-maps"];
  if (mode !== undefined && !SOURCE_MAP_MODES.includes(mode)) throw new UsageError(`--source-maps: "${mode}" is not a mode (true, inline or both)`);
  const sourceMaps: BuildOptions["sourceMaps"] = mode === undefined ? undefined : mode === "true" ? true : mode === "false" ? false : (mode as "inline" | "both");

  const loggers: Record<string, string[]> = {};
  for (const spec of values.loggers ?? []) {
    const eq = spec.lastIndexOf("=");
    if (eq <= 0 || eq === spec.length - 1) throw new UsageError(`--loggers wants <module>=<export,…>, got "${spec}"`);
    (loggers[spec.slice(0, eq)] ??= []).push(...spec.slice(eq + 1).split(",").map((n) => n.trim()).filter((n) => n !== ""));
  }
  const extensions = values.extensions
    ?.split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "")
    .map((e) => (e.startsWith(".") ? e : "." + e));

  if (positionals.length === 0) throw new UsageError("no files or directories to build");
  const outDir = values["out-dir"];
  if (outDir === undefined) throw new UsageError("--out-dir (-d) is required");

  const swc: Record<string, unknown> = {};
  if (values["config-file"] !== undefined) swc.configFile = values["config-file"];
  if (values.swcrc === false) swc.swcrc = false;
  const minLevel = values["min-level"];
  const root = values.root;
  return {
    sources: positionals,
    outDir,
    sourceMaps,
    stripLeadingPaths: values["strip-leading-paths"] === true,
    outFileExtension: values["out-file-extension"],
    extensions,
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    transform: {
      ...(minLevel === undefined ? {} : { minLevel: minLevel as LevelName }),
      caller: values.caller !== false,
      ...(root === undefined ? {} : { root }),
      // Reported here, per file, once the build is done (see runSwcCommand).
      verbose: false,
      ...(Object.keys(loggers).length === 0 ? {} : { loggers }),
      swc,
    },
  };
}
