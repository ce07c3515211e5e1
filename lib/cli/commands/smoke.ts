import type { Command } from 'commander';
import { getOrder, type OrderRecord } from '../../../functions/orders/store';
import { buildOrderPlaced } from '../../../functions/shared/event-builder';
import { EventPublisher } from '../../../functions/shared/publisher';
import { serviceResourceNames } from '../../contracts';
import { generateOrders } from '../../seed/order-generator';
import { createAwsClients } from '../aws-clients';
import { addAwsOptions, resolveAwsTarget, type AwsOptionValues } from '../aws-options';
import type { CliContext } from '../cli-context';
import { CommandFailedError } from '../cli-errors';
import { positiveSeconds, wholeNumber } from '../input/number-options';
import { formatOrder } from '../output/order-view';

interface SmokeOptions extends AwsOptionValues {
  readonly timeout: number;
  readonly interval: number;
  readonly seed?: number;
  readonly json?: boolean;
}

const TERMINAL: ReadonlySet<OrderRecord['status']> = new Set(['CONFIRMED', 'CANCELLED']);

/**
 * `choreo smoke`: places one order that should go through, then polls the orders table until the
 * order is CONFIRMED or CANCELLED or the timeout passes. Exit 0 only when it is CONFIRMED.
 */
export function registerSmokeCommand(program: Command, context: CliContext): void {
  const command = program
    .command('smoke')
    .description('place one demo order and wait until the saga confirms it (exit 0) or not (exit 1)')
    .option('--timeout <seconds>', 'how long to wait for the order to finish', positiveSeconds, 60)
    .option('--interval <seconds>', 'how often to read the order', positiveSeconds, 1)
    .option('--seed <n>', 'seed of the generated order (default: from the clock)', wholeNumber(0, 2 ** 31 - 1))
    .option('--json', 'print the result as JSON');
  addAwsOptions(command)
    .addHelpText('after', '\nThe tables must hold the seed data first: run `choreo seed` with the same options.')
    .action(async (options: SmokeOptions) => {
      await smoke(options, context);
    });
}

async function smoke(options: SmokeOptions, context: CliContext): Promise<void> {
  const target = resolveAwsTarget(options, context.env);
  const clients = createAwsClients(target, context.env);
  const table = serviceResourceNames(target.variant, 'orders', target.stage).table;
  const started = context.now().getTime();
  const seed = options.seed ?? started % 2 ** 31;
  const [generated] = generateOrders({ count: 1, seed, mix: { confirmed: 1 }, idPrefix: 'smoke' });
  const { orderId } = generated!.data;

  const publisher = new EventPublisher({ client: clients.eventBridge, eventBusName: target.busName });
  const [published] = await publisher.publish([buildOrderPlaced(generated!.data, new Date(started))]);
  context.note(
    `published order '${orderId}' (eventId ${published!.eventId}) to bus '${target.busName}'; waiting up to ${options.timeout} s`,
  );

  const deadline = started + options.timeout * 1000;
  let order = await getOrder(clients.documentClient, table, orderId);
  while (!(order && TERMINAL.has(order.status)) && context.now().getTime() < deadline) {
    await context.sleep(options.interval * 1000);
    order = await getOrder(clients.documentClient, table, orderId);
  }
  const seconds = ((context.now().getTime() - started) / 1000).toFixed(1);

  if (options.json) {
    context.print(
      JSON.stringify(
        { orderId, eventId: published!.eventId, status: order?.status ?? 'NOT_FOUND', seconds: Number(seconds), order },
        null,
        2,
      ),
    );
  } else if (order) {
    context.print(formatOrder(order));
  }
  if (order?.status === 'CONFIRMED') {
    context.note(`smoke test passed: order '${orderId}' CONFIRMED after ${seconds} s`);
    return;
  }
  throw new CommandFailedError(
    failureMessage(orderId, table, order, seconds, options.timeout),
    order === undefined || !TERMINAL.has(order.status),
  );
}

function failureMessage(
  orderId: string,
  table: string,
  order: OrderRecord | undefined,
  seconds: string,
  timeout: number,
): string {
  if (!order) return `smoke test failed: order '${orderId}' never appeared in table '${table}' within ${timeout} s`;
  if (order.status === 'CANCELLED') {
    const hint = order.cancellationReason === 'UNKNOWN_SKU' ? ' (are the tables seeded? run choreo seed)' : '';
    return `smoke test failed: order '${orderId}' was CANCELLED after ${seconds} s: ${order.cancellationReason ?? 'no reason'}${hint}`;
  }
  return `smoke test failed: order '${orderId}' is still ${order.status} after ${timeout} s`;
}
