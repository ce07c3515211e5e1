import {
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  ListArchivesCommand,
  StartReplayCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { OpsFailedError, OpsInputError } from './ops-errors';
import type { PollOptions } from './dead-letter-queue-ops';

/**
 * The archive name `sagaBusResourceNames` in lib/infra gives a bus's archive. Repeated here so
 * the CLI does not load the CDK; a test keeps the two equal.
 */
export function archiveNameOf(busName: string): string {
  return `${busName}-archive`;
}

/** A time window of archived events, `from` before `to`. */
export interface ReplayWindow {
  readonly from: Date;
  readonly to: Date;
}

/**
 * Parses `--from`/`--to` as ISO 8601 times (`2026-11-28T10:00:00Z`); throws
 * {@link OpsInputError} for anything else or when `from` is not before `to`.
 */
export function parseReplayWindow(from: string, to: string): ReplayWindow {
  const parse = (option: string, value: string): Date => {
    // Date.parse accepts much that is not ISO 8601 ("Nov 28"); a time must at least start as a date does.
    const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(time)) {
      throw new OpsInputError(`${option} must be an ISO 8601 time such as 2026-11-28T10:00:00Z, got '${value}'`);
    }
    return new Date(time);
  };
  const window = { from: parse('--from', from), to: parse('--to', to) };
  if (window.from.getTime() >= window.to.getTime()) {
    throw new OpsInputError(`--from must be before --to, got '${from}' and '${to}'`);
  }
  return window;
}

/** The archive a replay reads and the bus it writes to. */
export interface ReplaySource {
  readonly archiveName: string;
  readonly archiveArn: string;
  readonly busArn: string;
}

/**
 * Finds the bus (DescribeEventBus) and its archive: the one named `archiveName` if given, else the
 * bus's archive by the infrastructure's naming, else the only archive whose source is the bus.
 */
export async function findReplaySource(
  eventBridge: EventBridgeClient,
  busName: string,
  archiveName?: string,
): Promise<ReplaySource> {
  const { Arn: busArn } = await eventBridge.send(new DescribeEventBusCommand({ Name: busName }));
  if (!busArn) throw new OpsFailedError(`event bus '${busName}' has no ARN`);
  if (archiveName !== undefined) {
    const archive = await eventBridge.send(new DescribeArchiveCommand({ ArchiveName: archiveName }));
    if (archive.EventSourceArn !== undefined && archive.EventSourceArn !== busArn) {
      throw new OpsInputError(`archive '${archiveName}' records bus '${archive.EventSourceArn}', not '${busArn}'`);
    }
    return { archiveName, archiveArn: archive.ArchiveArn ?? '', busArn };
  }
  const { Archives = [] } = await eventBridge.send(new ListArchivesCommand({ EventSourceArn: busArn }));
  const conventional = Archives.find((archive) => archive.ArchiveName === archiveNameOf(busName));
  const chosen = conventional ?? (Archives.length === 1 ? Archives[0] : undefined);
  if (!chosen?.ArchiveName) {
    const names = Archives.map((archive) => archive.ArchiveName).join(', ');
    throw new OpsFailedError(
      Archives.length === 0
        ? `bus '${busName}' has no archive to replay from`
        : `bus '${busName}' has several archives (${names}); choose one with --archive`,
    );
  }
  const { ArchiveArn } = await eventBridge.send(new DescribeArchiveCommand({ ArchiveName: chosen.ArchiveName }));
  return { archiveName: chosen.ArchiveName, archiveArn: ArchiveArn ?? '', busArn };
}

/**
 * A replay name: the bus name and the start time, cut to EventBridge's 64 characters
 * (`shop-choreography-replay-20261128T120000Z`).
 */
export function replayNameFor(busName: string, startedAt: Date): string {
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const suffix = `-replay-${stamp}`;
  return `${busName.slice(0, 64 - suffix.length)}${suffix}`;
}

/** A started replay. */
export interface StartedReplay {
  readonly replayName: string;
  readonly replayArn?: string;
  readonly state?: string;
}

/** StartReplay of the archive's events in the window onto the bus. */
export async function startReplay(
  eventBridge: EventBridgeClient,
  source: ReplaySource,
  window: ReplayWindow,
  replayName: string,
): Promise<StartedReplay> {
  const answer = await eventBridge.send(
    new StartReplayCommand({
      ReplayName: replayName,
      Description: `choreo replay of ${source.archiveName}`,
      EventSourceArn: source.archiveArn,
      EventStartTime: window.from,
      EventEndTime: window.to,
      Destination: { Arn: source.busArn },
    }),
  );
  return {
    replayName,
    ...(answer.ReplayArn ? { replayArn: answer.ReplayArn } : {}),
    ...(answer.State ? { state: answer.State } : {}),
  };
}

/** The end of a replay. */
export interface ReplayOutcome {
  readonly state: string;
  readonly stateReason?: string;
  readonly lastReplayed?: Date;
}

/** Polls DescribeReplay until the replay leaves STARTING/RUNNING/CANCELLING; throws (retryable) on timeout. */
export async function waitForReplay(
  eventBridge: EventBridgeClient,
  replayName: string,
  poll: PollOptions,
): Promise<ReplayOutcome> {
  const deadline = poll.now().getTime() + poll.timeoutMs;
  for (;;) {
    const replay = await eventBridge.send(new DescribeReplayCommand({ ReplayName: replayName }));
    const state = replay.State ?? 'UNKNOWN';
    if (state !== 'STARTING' && state !== 'RUNNING' && state !== 'CANCELLING') {
      return {
        state,
        ...(replay.StateReason ? { stateReason: replay.StateReason } : {}),
        ...(replay.EventLastReplayedTime ? { lastReplayed: replay.EventLastReplayedTime } : {}),
      };
    }
    if (poll.now().getTime() >= deadline) {
      throw new OpsFailedError(
        `replay '${replayName}' still ${state} after ${poll.timeoutMs / 1000} s; check again with DescribeReplay`,
        true,
      );
    }
    await poll.sleep(poll.intervalMs);
  }
}
