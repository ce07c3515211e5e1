import { type Command, Option } from 'commander';
import { wholeNumber } from '../input/number-options';
import { UsageError } from '../cli-errors';
import type { Isolation } from '../../local/lambda';
import type { LogsMode } from '../../local/logs';

/** Options every command that boots the local cloud shares. */
export interface LocalCloudOptionValues {
  readonly port: number;
  readonly timeScale: number;
  readonly cdkOut?: string;
  readonly data?: string;
  /** `--data-sync`: fsync every batch of the state under `--data`. */
  readonly dataSync?: boolean;
  /** False with `--no-iam`. */
  readonly iam: boolean;
  /** Stream the whole trace as JSON Lines to this file as it happens. */
  readonly traceOut?: string;
  /** `--trace-buffer`: trace records kept in memory (the oldest dropped past it). */
  readonly traceBuffer?: number;
  /** Which function log lines to print as they happen. */
  readonly logs: LogsMode;
  /** Print only the log lines of functions whose name contains this. */
  readonly logsFilter?: string;
  /** Where functions run: child processes on their runtime's Node, or worker threads. */
  readonly isolation: Isolation;
  /** `--synth`: synthesize even when the cached assembly's inputs have not changed. */
  readonly synth?: boolean;
  /** `--allow-deprecated-runtimes`. */
  readonly allowDeprecatedRuntimes?: boolean;
  /** `--allow-host`: names the endpoint accepts besides the loopback ones. */
  readonly allowHost: readonly string[];
  /** `--verify-signatures`. */
  readonly verifySignatures?: boolean;
}

/** See `npm run bench` (lambda.coldStart.*): the default isolation is chosen from those figures. */
export const DEFAULT_ISOLATION: Isolation = 'process';

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 10_000) {
    throw new UsageError(`--time-scale must be a number above 0 and at most 10000, got '${value}'`);
  }
  return parsed;
}

function traceBufferSize(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new UsageError(`--trace-buffer must be a whole number of records of 1 or more, got '${value}'`);
  }
  return parsed;
}

function hostName(value: string): string {
  if (!/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/.test(value)) {
    throw new UsageError(`--allow-host takes a host name (with an optional port), got '${value}'`);
  }
  return value;
}

/** Adds `--port`, `--time-scale`, `--cdk-out`, `--data`, `--data-sync`, `--logs` and `--isolation` to a command. */
export function addLocalCloudOptions(
  command: Command,
  defaults: { port: number; timeScale: number; logs?: LogsMode },
): Command {
  return command
    .addOption(
      new Option('--port <port>', 'port of the local endpoint on 127.0.0.1 (0: any free port)')
        .argParser(wholeNumber(0, 65_535))
        .default(defaults.port),
    )
    .addOption(
      new Option('--time-scale <factor>', 'AWS seconds per wall second (timeouts, retries, delays run faster)')
        .argParser(positiveNumber)
        .default(defaults.timeScale),
    )
    .option('--cdk-out <dir>', 'run this synthesized cloud assembly instead of synthesizing the app')
    .option(
      '--data <dir>',
      'keep the state (tables, queues and messages, buses, rules, archives, executions, schedules, pipes, log groups) in this directory across restarts and kill -9',
    )
    .option(
      '--data-sync',
      'fsync every write of the --data state, so it also survives the machine losing power (slower)',
    )
    .option('--no-iam', "do not check the functions' calls against their IAM policies")
    .addOption(
      new Option('--logs <which>', "print the functions' log lines as they happen: all, errors or none")
        .choices(['all', 'errors', 'none'])
        .default(defaults.logs ?? 'none'),
    )
    .option('--logs-filter <function>', 'print the log lines of the functions whose name contains this only')
    .addOption(
      new Option(
        '--isolation <where>',
        "run each function in a child process on its runtime's Node (process) or in a worker thread (thread)",
      )
        .choices(['process', 'thread'])
        .default(DEFAULT_ISOLATION),
    )
    .option(
      '--trace-out <file>',
      'stream the whole trace (every put, match, delivery, invocation, ...) to this file as JSON Lines as it happens',
    )
    .option(
      '--trace-buffer <records>',
      'trace records kept in memory for the timeline and summaries; past it the oldest are dropped and counted (default 200000)',
      traceBufferSize,
    )
    .option('--synth', 'synthesize the app even when the cached assembly was built from the same sources')
    .option(
      '--allow-host <name>',
      'also accept requests whose Host is this name (repeatable); other names are refused (DNS rebinding)',
      (name: string, names: string[]) => [...names, hostName(name)],
      [] as string[],
    )
    .option(
      '--verify-signatures',
      "check every request's SigV4 signature: sign with the --local dummy pair or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY this command started with",
    )
    .option(
      '--allow-deprecated-runtimes',
      'run functions whose runtime AWS no longer accepts (nodejs16.x, python3.7, ...) instead of refusing to start',
    );
}
