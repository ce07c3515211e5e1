import type { Command } from 'commander';
import { busName, serviceResourceNames } from '../../contracts';
import type { LocalCloud } from '../../local/local-cloud';
import { startTimelineServer } from '../../ui';
import { seedTables } from '../../seed/seed-tables';
import { localClients } from '../../local/saga/saga-run';
import type { CliContext } from '../cli-context';
import { untilInterrupted } from '../until-interrupted';
import { withLocalCloudFrom } from './local-cloud-boot';
import { addLocalCloudOptions, type LocalCloudOptionValues } from './local-cloud-options';

interface LocalOptions extends LocalCloudOptionValues {
  readonly seed: boolean;
  readonly ui?: boolean;
}

/**
 * `choreo local`: the local cloud kept running for other tools (the SDK, the `aws` CLI,
 * `choreo publish --endpoint`), until SIGINT or SIGTERM.
 */
export function registerLocalCommand(program: Command, context: CliContext): void {
  const command = program
    .command('local')
    .description('run the synthesized app on the local cloud and keep it running (Ctrl-C stops it)')
    .option('--no-seed', 'do not load the seed stock and customers into the tables')
    .option('--ui', 'serve a live timeline page of the saga on 127.0.0.1');
  addLocalCloudOptions(command, { port: 4566, timeScale: 1, logs: 'all' }).action(async (options: LocalOptions) => {
    await withLocalCloudFrom(options, context, async (cloud) => {
      if (options.seed) await seedEveryVariant(cloud);
      context.print(readyMessage(cloud));
      const ui = options.ui ? await startTimelineServer({ cloud, port: 0 }) : undefined;
      if (ui) context.print(`timeline page: ${ui.url}`);
      await untilInterrupted();
      context.note('stopping the local cloud…');
      await ui?.close();
    });
    context.note('stopped');
  });
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
      if (variant) await seedTables({ documentClient, variant });
    }
  } finally {
    documentClient.destroy();
  }
}

function readyMessage(cloud: LocalCloud): string {
  const url = cloud.endpointUrl;
  const ordersTable = serviceResourceNames('choreography', 'orders').table;
  const notices = [
    ...cloud.notices.unsupportedResourceTypes.map((type) => `  not run locally: ${type}`),
    ...cloud.notices.skippedEventSourceMappings.map((mapping) => `  mapping skipped: ${mapping}`),
  ];
  return [
    `local cloud ready at ${url} (region ${cloud.model.region}, account ${cloud.model.accountId})`,
    `  ${cloud.model.functions.length} functions, ${cloud.model.queues.length} queues, ${cloud.model.rules.length} rules, ${cloud.model.tables.length} tables, ${cloud.model.stateMachines.length} state machines`,
    ...notices,
    '',
    'try it:',
    `  npx choreo publish OrderPlaced --demo 3 --endpoint ${url}`,
    `  npx choreo order <orderId> --endpoint ${url}`,
    `  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws --region ${cloud.model.region} --endpoint-url ${url} \\`,
    `    dynamodb scan --table-name ${ordersTable}`,
    `  # SDK v3: new EventBridgeClient({ endpoint: '${url}', region: '${cloud.model.region}' })`,
    `  # or export AWS_ENDPOINT_URL=${url} and use any SDK or tool unchanged`,
    '',
    'Ctrl-C stops it.',
  ].join('\n');
}
