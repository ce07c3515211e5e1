import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { createCliContext, type CliContext, type CliIo } from './cli-context';
import { registerCompareCommand } from './commands/compare';
import { registerDemoCommand } from './commands/demo';
import { registerLocalCommand } from './commands/local';
import { registerBenchCommand } from './commands/bench';
import { registerChaosCommand } from './commands/chaos';
import { registerDiagramCommand } from './commands/diagram';
import { registerDlqCommand } from './commands/dlq';
import { registerOrderCommand } from './commands/order';
import { registerPublishCommand } from './commands/publish';
import { registerReplayCommand } from './commands/replay';
import { registerSeedCommand } from './commands/seed';
import { registerSmokeCommand } from './commands/smoke';
import { describeError, exitCodeOf, stackOf } from './error-report';

/** Adds one subcommand to the program. Each lives in its own file under lib/cli/commands. */
export type CommandRegistration = (program: Command, context: CliContext) => void;

/** The subcommands of `choreo`, in the order `--help` lists them: one line per command. */
const COMMANDS: readonly CommandRegistration[] = [
  registerPublishCommand,
  registerSeedCommand,
  registerOrderCommand,
  registerSmokeCommand,
  registerDiagramCommand,
  registerDlqCommand,
  registerReplayCommand,
  registerDemoCommand,
  registerCompareCommand,
  registerLocalCommand,
  registerBenchCommand,
  registerChaosCommand,
];

/** Builds the `choreo` program; it never exits the process, it throws instead. */
export function createProgram(context: CliContext): Command {
  const program = new Command('choreo')
    .description('drive the serverless-choreography order saga: publish events, seed tables, follow orders')
    .version(version)
    .option('--verbose', 'print stack traces of failures')
    // Set before the subcommands are added, so that each inherits them.
    .exitOverride()
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr })
    .showHelpAfterError('(add --help for usage)');
  for (const register of COMMANDS) register(program, context);
  return program;
}

/**
 * Runs `choreo` with `argv` (the arguments after the program name) and returns its exit code:
 * 0 success, 1 a runtime failure (unreachable endpoint, order not found, failed smoke test),
 * 2 a usage error (unknown option, invalid JSON, a detail that does not match its contract).
 * Errors are reported on one line of stderr; `--verbose` adds the stack.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const context = createCliContext(io);
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its own message (and help, when asked for).
    if (!(error instanceof CommanderError)) {
      context.note(`error: ${describeError(error)}`);
      if (program.opts<{ verbose?: boolean }>().verbose) context.note(stackOf(error));
    }
    return exitCodeOf(error);
  }
}
