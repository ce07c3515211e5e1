import { Option, type Command } from 'commander';
import type { OutgoingEvent } from '../../../functions/shared/event-builder';
import { buildOrderPlaced } from '../../../functions/shared/event-builder';
import { EventPublisher, type PublishedEntry } from '../../../functions/shared/publisher';
import { DETAIL_TYPES, isDetailType, type DetailType } from '../../contracts';
import { generateOrders, type OrderMix, type OrderScenario } from '../../seed/order-generator';
import { createAwsClients } from '../aws-clients';
import { addAwsOptions, resolveAwsTarget, type AwsOptionValues } from '../aws-options';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-errors';
import { eventFromInput, parseJsonInput, readJsonFile } from '../input/event-input';
import { wholeNumber } from '../input/number-options';
import { parseOrderMix } from '../input/order-mix-option';
import { ProgressBar } from '../output/progress-bar';
import { formatTable } from '../output/table';

interface PublishOptions extends AwsOptionValues {
  readonly detail?: string;
  readonly detailFile?: string;
  readonly demo?: number;
  readonly seed?: number;
  readonly mix?: OrderMix;
  readonly causationId?: string;
  readonly json?: boolean;
}

/** One event to publish, with what the table shows about it. */
interface PlannedEvent {
  readonly event: OutgoingEvent;
  readonly scenario?: OrderScenario;
}

/** Events go to the publisher in slices this big, so a long demo can show progress. */
const SLICE = 100;
const MAX_DEMO_ORDERS = 10_000;

/**
 * `choreo publish <DetailType> (--detail <json> | --detail-file <path> | --demo <n>)`: validates
 * events against their contract, then publishes them to the variant's bus and prints each
 * event's EventBridge id and `metadata.eventId`.
 */
export function registerPublishCommand(program: Command, context: CliContext): void {
  const command = program
    .command('publish')
    .description('validate events against their contract and publish them to the event bus')
    .argument('<detailType>', `the event type: ${DETAIL_TYPES.join(', ')}`)
    .addOption(
      new Option(
        '--detail <json>',
        "the event's data as JSON (or a whole {metadata, data} detail, sent as it is)",
      ).conflicts(['detailFile', 'demo']),
    )
    .addOption(new Option('--detail-file <path>', 'read --detail from a JSON file').conflicts(['demo']))
    .addOption(
      new Option('--demo <n>', 'publish n generated orders from the seed data (OrderPlaced only)').argParser(
        wholeNumber(1, MAX_DEMO_ORDERS),
      ),
    )
    .option(
      '--seed <n>',
      'seed of the demo order generator, to repeat a run (default: from the clock)',
      wholeNumber(0, 2 ** 31 - 1),
    )
    .option(
      '--mix <weights>',
      'demo scenario weights, e.g. confirmed=8,out-of-stock=1,payment-declined=1',
      parseOrderMix,
    )
    .option('--causation-id <id>', 'causation id of a non-OrderPlaced event built from data (default: cli:<orderId>)')
    .option('--json', 'print the result as JSON');
  addAwsOptions(command)
    .addHelpText(
      'after',
      `
--detail is the event's data, as the contract's dataSchema describes it; the CLI adds the
metadata (eventId derived from the cause, so resending the same order gives the same eventId).

Examples:
  choreo publish OrderPlaced --detail '{"orderId":"ord-1","customerId":"cus-ada","lines":[{"sku":"sku-mouse","quantity":1,"unitPrice":2500}],"currency":"EUR","paymentToken":"tok_visa"}'
  choreo publish OrderPlaced --demo 20 --seed 7 --endpoint http://127.0.0.1:4566`,
    )
    .action(async (detailType: string, options: PublishOptions) => {
      await publish(detailType, options, context);
    });
}

async function publish(detailTypeArgument: string, options: PublishOptions, context: CliContext): Promise<void> {
  const detailType = knownDetailType(detailTypeArgument);
  const target = resolveAwsTarget(options, context.env);
  const { planned, seed } = plan(detailType, options, context);

  const publisher = new EventPublisher({
    client: createAwsClients(target, context.env).eventBridge,
    eventBusName: target.busName,
  });
  const progress = new ProgressBar({
    label: 'publishing',
    total: planned.length,
    stream: { write: context.io.stderr, isTTY: context.io.interactive } as unknown as NodeJS.WriteStream,
    enabled: Boolean(context.io.interactive) && planned.length > SLICE,
  });
  const published: PublishedEntry[] = [];
  for (let start = 0; start < planned.length; start += SLICE) {
    published.push(...(await publisher.publish(planned.slice(start, start + SLICE).map((item) => item.event))));
    progress.update(published.length);
  }
  progress.finish();

  const rows = planned.map((item, index) => ({
    detailType: item.event.detailType,
    orderId: item.event.detail.data.orderId,
    ...(item.scenario ? { scenario: item.scenario } : {}),
    eventId: published[index]!.eventId,
    eventBridgeId: published[index]!.eventBridgeId,
  }));
  if (options.json) {
    context.print(
      JSON.stringify({ busName: target.busName, ...(seed === undefined ? {} : { seed }), events: rows }, null, 2),
    );
    return;
  }
  const withScenario = seed !== undefined;
  context.print(
    formatTable(
      ['#', 'detail type', 'order', ...(withScenario ? ['scenario'] : []), 'eventId', 'EventBridge id'],
      rows.map((row, index) => [
        index + 1,
        row.detailType,
        row.orderId,
        ...(withScenario ? [row.scenario ?? ''] : []),
        row.eventId,
        row.eventBridgeId,
      ]),
    ),
  );
  context.print(
    `published ${rows.length} event(s) to bus '${target.busName}'${withScenario ? ` (demo seed ${seed}; --seed ${seed} repeats it)` : ''}`,
  );
}

function knownDetailType(value: string): DetailType {
  if (!isDetailType(value)) throw new UsageError(`unknown detail type '${value}'; known: ${DETAIL_TYPES.join(', ')}`);
  return value;
}

/** The events to publish, validated, before any client is created. */
function plan(
  detailType: DetailType,
  options: PublishOptions,
  context: CliContext,
): { planned: PlannedEvent[]; seed?: number } {
  const sources = [options.detail, options.detailFile, options.demo].filter((value) => value !== undefined).length;
  if (sources !== 1) throw new UsageError('give exactly one of --detail <json>, --detail-file <path> or --demo <n>');
  if (options.demo === undefined && (options.seed !== undefined || options.mix !== undefined)) {
    throw new UsageError('--seed and --mix apply only to --demo');
  }
  const occurredAt = context.now();
  if (options.demo !== undefined) {
    if (detailType !== 'OrderPlaced')
      throw new UsageError(`--demo generates orders, so it needs OrderPlaced, got '${detailType}'`);
    const seed = options.seed ?? occurredAt.getTime() % 2 ** 31;
    const orders = generateOrders({ count: options.demo, seed, mix: options.mix });
    return {
      seed,
      planned: orders.map((order) => ({ event: buildOrderPlaced(order.data, occurredAt), scenario: order.scenario })),
    };
  }
  const input =
    options.detail !== undefined ? parseJsonInput(options.detail, '--detail') : readJsonFile(options.detailFile!);
  return { planned: [{ event: eventFromInput(detailType, input, { causationId: options.causationId, occurredAt }) }] };
}
