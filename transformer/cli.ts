#!/usr/bin/env node
/**
 * The `logweave` command: a dispatcher over subcommands, each in its own module, imported only
 * when it runs — `logweave pretty` must work where the SWC step's optional peer `@swc/core` is
 * not installed.
 *
 * - `logweave swc …`: the SWC build step (`swc/cli-command.ts`).
 * - `logweave pretty …`: JSON log lines to human-readable ones (`src/format/pretty-cli.ts`).
 * - `logweave --version`.
 */
import { missingTools, missingToolsMessage, SWC_STEP_TOOLS } from "./build-tools.js";
import { packageVersion } from "./package-version.js";

const USAGE = `Usage: logweave <command> [options]

Commands:
  swc      build files or directories with @swc/core, rewriting logweave calls first
  pretty   print JSON log lines (logweave, pino) from stdin as colored, readable lines

Run "logweave <command> --help" for a command's options, "logweave --version" for the version.
`;

/** Runs the command line `args` (without `node` and the script). Resolves to the exit code. */
async function main(args: readonly string[]): Promise<number> {
  const stdout = (t: string) => process.stdout.write(t);
  const stderr = (t: string) => process.stderr.write(t);
  const [command, ...rest] = args;
  if (command === "swc") {
    const missing = missingTools(SWC_STEP_TOOLS);
    if (missing.length > 0) {
      stderr(missingToolsMessage("logweave swc", missing, SWC_STEP_TOOLS) + "\n");
      return 1;
    }
    let swcCommand: typeof import("./swc/cli-command.js");
    try {
      swcCommand = await import("./swc/cli-command.js");
    } catch (error) {
      stderr(`logweave swc: cannot load the SWC step (${error instanceof Error ? error.message : String(error)})\n`);
      return 1;
    }
    return swcCommand.runSwcCommand(rest, { cwd: process.cwd(), stdout, stderr });
  }
  if (command === "pretty") {
    const { runPrettyCommand } = await import("../src/format/pretty-cli.js");
    return runPrettyCommand(rest, { stdin: process.stdin, stdout: process.stdout, stderr, env: process.env });
  }
  if (command === undefined) {
    // A usage error: the text goes where errors go.
    stderr(USAGE);
    return 2;
  }
  if (command === "-h" || command === "--help" || command === "help") {
    stdout(USAGE);
    return 0;
  }
  if (command === "--version") {
    stdout(packageVersion() + "\n");
    return 0;
  }
  stderr(`logweave: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
