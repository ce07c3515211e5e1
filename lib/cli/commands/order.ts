import type { Command } from 'commander';
import { getOrder } from '../../../functions/orders/store';
import { serviceResourceNames } from '../../contracts';
import { createAwsClients } from '../aws-clients';
import { addAwsOptions, resolveAwsTarget, type AwsOptionValues } from '../aws-options';
import type { CliContext } from '../cli-context';
import { CommandFailedError } from '../cli-errors';
import { formatOrder } from '../output/order-view';

interface OrderOptions extends AwsOptionValues {
  readonly json?: boolean;
}

/** `choreo order <orderId>`: the status and history of one order, from the variant's orders table. */
export function registerOrderCommand(program: Command, context: CliContext): void {
  const command = program
    .command('order')
    .description("show an order's status and history, read from the variant's orders table")
    .argument('<orderId>', 'the order id, e.g. ord-1001')
    .option('--json', 'print the order record as JSON');
  addAwsOptions(command).action(async (orderId: string, options: OrderOptions) => {
    const target = resolveAwsTarget(options, context.env);
    const table = serviceResourceNames(target.variant, 'orders', target.stage).table;
    const order = await getOrder(createAwsClients(target, context.env).documentClient, table, orderId);
    if (!order) throw new CommandFailedError(`order '${orderId}' not found in table '${table}'`, true);
    context.print(options.json ? JSON.stringify(order, null, 2) : formatOrder(order));
  });
}
