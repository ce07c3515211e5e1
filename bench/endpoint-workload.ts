import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

/**
 * The endpoint workload, identical for the local endpoint and for moto_server: the stock SDK,
 * a few requests in flight at once, counted over a fixed number of requests.
 */

const CONCURRENCY = 4;
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' } as const;

export interface EndpointWorkloadOptions {
  readonly endpointUrl: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Operations per measured run. */
  readonly operations: number;
}

/** Runs `operation` `count` times with CONCURRENCY in flight; returns operations per second. */
async function ratePerSecond(count: number, operation: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        await operation(next++);
      }
    }),
  );
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** A client config for `endpointUrl`, with fixed credentials. */
function clientConfig(options: EndpointWorkloadOptions) {
  return {
    endpoint: options.endpointUrl,
    region: options.region ?? 'us-east-1',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  };
}

/** PutEvents of one ~300-byte entry to the default bus (no rule matches): requests per second. */
export async function putEventsRate(options: EndpointWorkloadOptions): Promise<number> {
  const client = new EventBridgeClient(clientConfig(options));
  try {
    const detail = JSON.stringify({
      metadata: { eventId: 'bench' },
      data: { orderId: 'bench-order', total: 42.5, lines: [{ sku: 'SKU-1', quantity: 2 }] },
    });
    const put = (index: number) =>
      client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: 'default',
              Source: 'bench.endpoint',
              DetailType: 'Pinged',
              Detail: detail.replace('bench-order', `order-${index}`),
            },
          ],
        }),
      );
    await ratePerSecond(Math.min(50, options.operations), put);
    return await ratePerSecond(options.operations, put);
  } finally {
    client.destroy();
  }
}

/**
 * One SendMessage, then one ReceiveMessage and DeleteMessage of it, on a standard queue:
 * round trips (three requests each) per second.
 */
export async function sqsSendReceiveRate(
  options: EndpointWorkloadOptions & { readonly queueName: string },
): Promise<number> {
  const client = new SQSClient(clientConfig(options));
  try {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: options.queueName }));
    if (!QueueUrl) throw new Error(`create queue '${options.queueName}' returned no url`);
    const roundTrip = async (index: number) => {
      await client.send(new SendMessageCommand({ QueueUrl, MessageBody: `{"orderId":"order-${index}","total":42.5}` }));
      const { Messages } = await client.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 0 }),
      );
      const handle = Messages?.[0]?.ReceiptHandle;
      if (handle) await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle }));
    };
    await ratePerSecond(Math.min(30, options.operations), roundTrip);
    return await ratePerSecond(options.operations, roundTrip);
  } finally {
    client.destroy();
  }
}
