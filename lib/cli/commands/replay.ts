import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Command } from 'commander';
import { findReplaySource, parseReplayWindow, replayNameFor, startReplay, waitForReplay } from '../../ops';
import { awsClientConfig } from '../aws-clients';
import { addAwsOptions, resolveAwsTarget, type AwsOptionValues } from '../aws-options';
import type { CliContext } from '../cli-context';
import { CommandFailedError } from '../cli-errors';
import { positiveSeconds } from '../input/number-options';
import { withCliErrors } from './dlq';

interface ReplayOptions extends AwsOptionValues {
  readonly from: string;
  readonly to: string;
  readonly archive?: string;
  readonly name?: string;
  readonly wait?: boolean;
  readonly timeout: number;
  readonly json?: boolean;
}

/**
 * `choreo replay --from <time> --to <time>`: replays the variant's archived events of a time
 * window onto its bus (EventBridge StartReplay). Consumers deduplicate on `metadata.eventId`, and
 * charges, reservations and notifications are guarded by order id, so a replay repeats no
 * business effect; it re-drives what was lost or failed.
 */
export function registerReplayCommand(program: Command, context: CliContext): void {
  const command = program
    .command('replay')
    .description("replay the archived events of a time window onto the variant's bus")
    .requiredOption('--from <time>', 'start of the window, ISO 8601 (e.g. 2026-11-28T10:00:00Z)')
    .requiredOption('--to <time>', 'end of the window, ISO 8601, after --from')
    .option('--archive <name>', "the archive to replay (default: the bus's archive, e.g. shop-choreography-archive)")
    .option('--name <replay>', 'the replay name (default: <bus>-replay-<start time>)')
    .option('--wait', 'wait until the replay has finished')
    .option('--timeout <seconds>', 'how long --wait waits', positiveSeconds, 900)
    .option('--json', 'print the result as JSON');
  addAwsOptions(command).action((options: ReplayOptions) => withCliErrors(() => replay(options, context)));
}

async function replay(options: ReplayOptions, context: CliContext): Promise<void> {
  const window = parseReplayWindow(options.from, options.to);
  const target = resolveAwsTarget(options, context.env);
  const eventBridge = new EventBridgeClient({ ...awsClientConfig(target, context.env) });
  const source = await findReplaySource(eventBridge, target.busName, options.archive);
  const replayName = options.name ?? replayNameFor(target.busName, context.now());
  const started = await startReplay(eventBridge, source, window, replayName);
  const summary = `replay '${replayName}' of '${source.archiveName}' onto '${target.busName}' for ${window.from.toISOString()} .. ${window.to.toISOString()}`;
  if (!options.wait) {
    print(
      context,
      options.json,
      { ...started, archive: source.archiveName, bus: target.busName, from: window.from, to: window.to },
      `started ${summary} (${started.state ?? 'STARTING'})`,
    );
    return;
  }
  context.note(`started ${summary}; waiting up to ${options.timeout} s`);
  const outcome = await waitForReplay(eventBridge, replayName, {
    sleep: context.sleep,
    now: context.now,
    timeoutMs: options.timeout * 1000,
    intervalMs: 5000,
  });
  print(
    context,
    options.json,
    { ...started, ...outcome, archive: source.archiveName, bus: target.busName, from: window.from, to: window.to },
    `${summary}: ${outcome.state}`,
  );
  if (outcome.state !== 'COMPLETED') {
    throw new CommandFailedError(
      `replay '${replayName}' ended ${outcome.state}${outcome.stateReason ? `: ${outcome.stateReason}` : ''}`,
    );
  }
}

function print(context: CliContext, json: boolean | undefined, result: object, line: string): void {
  context.print(json ? JSON.stringify(result, null, 2) : line);
}
