import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/** How a test's clients reach the local cloud running `test/fixtures/apps/foreign-queue-app`. */
export interface ForeignAppClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts?: number;
}

/** Puts a JobSubmitted for `jobId` on the foreign app's bus, whose rule sends it to the worker's queue. */
export function submitForeignJob(events: EventBridgeClient, jobId: string) {
  return events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: 'foreign-jobs-bus',
          Source: 'foreign.jobs',
          DetailType: 'JobSubmitted',
          Detail: JSON.stringify({ jobId }),
        },
      ],
    }),
  );
}

/**
 * Puts a JobSubmitted for `jobId` on the foreign app's bus, through its rule, queue and worker, and returns the
 * worker's reports from the results queue, parsed.
 */
export async function runForeignJob(config: ForeignAppClientConfig, jobId: string): Promise<unknown[]> {
  const events = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  try {
    await submitForeignJob(events, jobId);
    // The results queue has no consumer: a long poll waits for the worker's report.
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: `${config.endpoint}/000000000000/foreign-job-results`,
        WaitTimeSeconds: 20,
      }),
    );
    return received.Messages?.map((message) => JSON.parse(message.Body ?? '{}') as unknown) ?? [];
  } finally {
    events.destroy();
    sqs.destroy();
  }
}
