import { Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource, type SqsEventSourceProps } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/** The defaults of {@link addQueueEventSource}'s `eventSourceProps`. */
export const QUEUE_EVENT_SOURCE_DEFAULTS = {
  batchSize: 10,
  maxConcurrency: 5,
  reportBatchItemFailures: true,
} as const satisfies SqsEventSourceProps;

/**
 * Makes `fn` drain `queue` through an event source mapping, with partial batch responses (a
 * failed record is retried alone; the others are deleted), then `eventSourceProps` over the
 * defaults ({@link QUEUE_EVENT_SOURCE_DEFAULTS}: batches of 10, at most 5 concurrent invocations,
 * no batching window). Adding the event source grants `fn` the right to consume the queue.
 *
 * @example const eventSource = addQueueEventSource(fn, queue, { maxConcurrency: 10 });
 */
export function addQueueEventSource(
  fn: lambda.Function,
  queue: sqs.IQueue,
  eventSourceProps: SqsEventSourceProps = {},
): SqsEventSource {
  const mappingsBefore = new Set(mappingsOf(fn));
  const eventSource = new SqsEventSource(queue, { ...QUEUE_EVENT_SOURCE_DEFAULTS, ...eventSourceProps });
  fn.addEventSource(eventSource);
  for (const mapping of mappingsOf(fn).filter((added) => !mappingsBefore.has(added))) {
    Validations.of(mapping).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'SQS event source mappings do not support on-failure destinations; the queue redrive policy moves failed messages to the service dead-letter queue',
    });
  }
  return eventSource;
}

function mappingsOf(fn: lambda.Function): lambda.EventSourceMapping[] {
  return fn.node.children.filter((child) => child instanceof lambda.EventSourceMapping);
}
