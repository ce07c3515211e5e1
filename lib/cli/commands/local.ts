import { InvalidArgumentError, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_LOG_FILE } from '../../local/assembly';
import { DevLoop } from '../../local/watch';
import { UsageError } from '../cli-errors';
import { busName } from '../../contracts';
import type { DrainReport, LocalCloud } from '../../local/local-cloud';
import { startTimelineServer } from '../../ui';
import { seedTables } from '../../seed/seed-tables';
import { localClients } from '../../saga/saga-run';
import { startupReport } from '../../local/startup';
import { sagaHints } from '../output/saga-hints';
import type { CliContext } from '../cli-context';
import { untilInterrupted } from '../until-interrupted';
import { withLocalCloudFrom } from './local-cloud-boot';
import { addLocalCloudOptions, type LocalCloudOptionValues } from './local-cloud-options';

interface LocalOptions extends LocalCloudOptionValues {
  readonly seed: boolean;
  readonly ui?: boolean;
  readonly watch?: boolean;
  readonly grace: number;
}

/** Wall seconds a shutdown waits for the invocations in flight. */
const DEFAULT_GRACE_SECONDS = 10;

/**
 * `choreo local`: the local cloud kept running for other tools (the SDK, the `aws` CLI,
 * `choreo publish --endpoint`), until SIGINT or SIGTERM.
 */
export function registerLocalCommand(program: Command, context: CliContext): void {
  const command = program
    .command('local')
    .description('run the synthesized app on the local cloud and keep it running (Ctrl-C stops it)')
    .option('--no-seed', 'do not load the seed stock and customers into the tables')
    .option('--ui', 'serve a live timeline page of the saga on 127.0.0.1')
    .option(
      '--grace <seconds>',
      'on SIGTERM or Ctrl-C, wait this long for the invocations in flight before stopping (a second signal stops at once)',
      parseGraceSeconds,
      DEFAULT_GRACE_SECONDS,
    )
    .option(
      '--watch',
      "on a change to a function's sources rebuild that function (queues, tables and executions kept); on a change to the app's infrastructure code synthesize again and apply it, restarting when needed",
    );
  addLocalCloudOptions(command, { port: 4566, timeScale: 1, logs: 'all' }).action(async (options: LocalOptions) => {
    if (options.watch && options.cdkOut) {
      throw new UsageError("--watch rebuilds from the app's sources: it cannot run a given --cdk-out");
    }
    // --watch rebuilds each function with the esbuild run that built it, recorded by a synthesis
    // (see lib/local/assembly/bundle-recorder.js): an assembly synthesized without it is not reused.
    const recorded = existsSync(join(process.cwd(), 'cdk.out', BUNDLE_LOG_FILE));
    const bootOptions = options.watch && !recorded ? { ...options, synth: true } : options;
    const started = Date.now();
    await withLocalCloudFrom(bootOptions, context, async (cloud, boot) => {
      if (options.seed) await seedEveryVariant(cloud);
      context.print(readyMessage(cloud, Date.now() - started));
      let current = cloud;
      let ui = options.ui ? await startTimelineServer({ cloud, port: 0 }) : undefined;
      if (ui) context.print(`timeline page: ${ui.url}`);
      const loop = options.watch
        ? DevLoop.start({
            cloud,
            restart: boot.restart,
            report: context.note,
            onRestart: async (next) => {
              current = next;
              if (options.seed) await seedEveryVariant(next);
              if (ui) {
                await ui.close();
                ui = await startTimelineServer({ cloud: next, port: 0 });
                context.print(`timeline page: ${ui.url}`);
              }
            },
          })
        : undefined;
      const signal = await untilInterrupted();
      context.note(
        `${signal}: draining (no new work; up to ${options.grace} s for the invocations in flight; a second signal stops at once)…`,
      );
      await loop?.close();
      await ui?.close();
      context.note(drainSummary(await current.drain(options.grace * 1000), options.data));
    });
    context.note(options.data ? `stopped; state saved under ${options.data}` : 'stopped');
  });
}

function parseGraceSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new InvalidArgumentError(`grace must be a number of seconds of 0 or more, got '${value}'`);
  }
  return seconds;
}

/** What the drain finished and what it left, in one line a person reads. */
export function drainSummary(report: DrainReport, dataDirectory: string | undefined): string {
  const finished = report.invocationsAtStart - report.invocationsAbandoned;
  const left: string[] = [];
  if (report.invocationsAbandoned > 0) {
    left.push(
      `${report.invocationsAbandoned} invocation(s) abandoned (their messages return after their visibility timeout)`,
    );
  }
  if (report.messagesQueued > 0) left.push(`${report.messagesQueued} message(s) in consumer queues`);
  if (report.deliveriesPending > 0) left.push(`${report.deliveriesPending} event delivery(ies) pending`);
  if (report.executionsRunning > 0) left.push(`${report.executionsRunning} execution(s) running`);
  const fate = dataDirectory
    ? 'kept under --data, taken up again at the next start'
    : 'lost: start with --data to keep them';
  return [
    `drained in ${report.wallMs} ms: ${finished} of ${report.invocationsAtStart} invocation(s) in flight finished`,
    left.length > 0 ? `; left: ${left.join(', ')} (${fate})` : '; nothing left in flight',
  ].join('');
}

/** Loads the seed stock and customers into the tables of every variant the app has. */
async function seedEveryVariant(cloud: LocalCloud): Promise<void> {
  const { documentClient } = localClients(cloud);
  try {
    for (const bus of cloud.model.buses) {
      const variant =
        bus.name === busName('orchestration')
          ? 'orchestration'
          : bus.name === busName('choreography')
            ? 'choreography'
            : undefined;
      // Tables that hold items kept their state across a restart (--data): the seed never overwrites it.
      if (variant) await seedTables({ documentClient, variant, onlyEmptyTables: true });
    }
  } finally {
    documentClient.destroy();
  }
}

/** The startup report of the running app, with the saga's own commands when the app is the saga. */
function readyMessage(cloud: LocalCloud, elapsedMs: number): string {
  return [
    startupReport({
      model: cloud.model,
      endpointUrl: cloud.endpointUrl,
      skippedEventSourceMappings: cloud.notices.skippedEventSourceMappings,
      startup: { elapsedMs, assembly: cloud.assemblyOrigin },
      hints: sagaHints(cloud.model, cloud.endpointUrl),
    }),
    '',
    'Ctrl-C stops it.',
  ].join('\n');
}
