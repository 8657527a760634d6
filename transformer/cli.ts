#!/usr/bin/env node
/**
 * The `logweave` command. One subcommand so far: `logweave swc …`, the SWC build step (see
 * `swc/cli-command.ts` for its flags).
 */
import { runSwcCommand, SWC_USAGE } from "./swc/cli-command.js";

const USAGE = `Usage: logweave <command> [options]

Commands:
  swc    build files or directories with @swc/core, rewriting logweave calls first

${SWC_USAGE}`;

/** Runs the command line `args` (without `node` and the script). Resolves to the exit code. */
async function main(args: readonly string[]): Promise<number> {
  const io = { cwd: process.cwd(), stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) };
  const [command, ...rest] = args;
  if (command === "swc") return runSwcCommand(rest, io);
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  io.stderr(`logweave: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
