import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { contractFor, RUNTIME_ENV, type DetailType } from '../../lib/contracts';
import { DeadLetterQueue } from './dead-letter';
import { DeadLetterLedger } from './dead-letter-ledger';
import type { OutgoingEvent } from './event-builder';
import { isPermanentFailure } from './message-errors';
import { countBusinessOutcomes, flushMetrics } from './observability';
import { EventPublisher } from './publisher';
import { ConfigurationError, readRuntimeConfig } from './runtime-config';
import { parseSagaMessage, peekCorrelationId } from './saga-message';
import { publishesEvents, useCaseOf, type SagaService } from './saga-service';
import { lazyHandler, resolveServiceRuntime, type ServiceDeps } from './service-deps';

/** An SQS-triggered handler with partial batch responses. */
export type SqsBatchHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The Lambda entry point of a service under choreography, built on its first invocation.
 *
 * @example export const handler = sqsHandlerOf(paymentsService);
 */
export function sqsHandlerOf<T extends DetailType, S>(service: SagaService<T, S>): SqsBatchHandler {
  return lazyHandler(() => createSqsHandler(service, {}));
}

/**
 * Builds the SQS handler of a saga service: Powertools `BatchProcessor` with partial batch
 * responses, where each record is parsed against the contracts, handed to the use case, and its
 * events published.
 *
 * - A message that can never be handled (see {@link parseSagaMessage}, or a use case or publisher
 *   error whose kind is not retryable, see `isRetryable`) is sent to the service's own DLQ with the reason and
 *   reported done; if that SendMessage fails the record is reported failed, so it is never lost.
 * - Any other error reports the record failed: SQS redelivers it, and the queue's redrive policy
 *   dead-letters it after maxReceiveCount.
 * - A redelivery is harmless: the use case recognises the recorded outcome and returns the same
 *   events, which are published again with the same event ids.
 *
 * @throws ConfigurationError when the environment lacks a required variable
 */
export function createSqsHandler<T extends DetailType, S>(
  service: SagaService<T, S>,
  deps: ServiceDeps,
): SqsBatchHandler {
  const { documentClient, env, logger, metrics, clock } = resolveServiceRuntime(service.name, deps);
  const config = readRuntimeConfig(env, { bus: publishesEvents(service), deadLetterQueue: true });
  const sqs = deps.sqs ?? new SQSClient({});
  const deadLetters = new DeadLetterQueue({
    client: sqs,
    queueUrl: config.deadLetterQueueUrl as string,
    service: service.name,
    ledger: new DeadLetterLedger(documentClient, config.tableName),
    clock,
  });
  const publisher = config.eventBusName
    ? new EventPublisher({
        ...deps.publisher,
        client: deps.eventBridge ?? new EventBridgeClient({}),
        eventBusName: config.eventBusName,
      })
    : undefined;
  const useCase = useCaseOf(service, documentClient, config.tableName);

  const publish = async (events: readonly OutgoingEvent[]): Promise<void> => {
    if (events.length === 0) return;
    if (!publisher) throw new ConfigurationError([RUNTIME_ENV.eventBusName]);
    await publisher.publish(events);
  };

  /**
   * Sends each deadline event to the service's own queue, delayed by the saga deadline, as the
   * EventBridge event a rule would have delivered (so it is parsed like any other message).
   */
  const sendDeadlines = async (events: readonly OutgoingEvent[]): Promise<void> => {
    if (events.length === 0) return;
    if (!config.ownQueueUrl) throw new ConfigurationError([RUNTIME_ENV.ownQueueUrl]);
    for (const deadline of events) {
      const { metadata } = deadline.detail;
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: config.ownQueueUrl,
          DelaySeconds: config.sagaDeadlineSeconds,
          MessageBody: JSON.stringify({
            version: '0',
            id: metadata.eventId,
            'detail-type': deadline.detailType,
            source: contractFor(deadline.detailType).source,
            time: metadata.occurredAt,
            resources: [],
            detail: deadline.detail,
          }),
        }),
      );
    }
  };

  const deadLetter = async (record: SQSRecord, error: Error, log: Logger): Promise<void> => {
    try {
      const outcome = await deadLetters.send(record, error);
      if (outcome === 'already-dead-lettered') {
        log.warn('a message already dead-lettered was delivered again; not sending it twice', {
          messageId: record.messageId,
          reason: error.message,
        });
        return;
      }
    } catch (sendError) {
      log.error('could not dead-letter a message; leaving it to SQS', {
        messageId: record.messageId,
        error: sendError,
      });
      throw sendError;
    }
    log.error('dead-lettered a message that can never be handled', {
      messageId: record.messageId,
      reason: error.message,
      errorName: error.name,
    });
  };

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const log = logger.createChild();
    log.setCorrelationId(peekCorrelationId(record.body));

    let parsed;
    try {
      parsed = parseSagaMessage(record.body, service.name, service.consumes);
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
      return deadLetter(record, error, log);
    }
    const { event, eventBridgeId } = parsed;
    log.setCorrelationId(event.detail.metadata.correlationId);

    try {
      const result = await useCase(event, clock());
      // Counted before publishing: if the publish fails, the redelivery is a duplicate and
      // would not count the outcome again.
      if (result.outcome === 'applied') countBusinessOutcomes(metrics, result.events);
      await publish(result.events);
      await sendDeadlines(result.deadlines ?? []);
      log.info(`handled ${event.detailType}`, {
        eventId: event.detail.metadata.eventId,
        eventBridgeId,
        outcome: result.outcome,
        ...(result.note ? { note: result.note } : {}),
        published: result.events.map((published) => `${published.detailType} ${published.detail.metadata.eventId}`),
      });
    } catch (error) {
      if (isPermanentFailure(error)) return deadLetter(record, error, log);
      log.warn(`failed to handle ${event.detailType}; SQS will redeliver it`, {
        eventId: event.detail.metadata.eventId,
        error,
      });
      throw error;
    }
  };

  return async (event, context) => {
    if (context) logger.addContext(context);
    try {
      // A processor per invocation: its state must not be shared by overlapping invocations.
      return await processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), {
        ...(context ? { context } : {}),
        // A fully failed batch is reported item by item like any other, not thrown.
        throwOnFullBatchFailure: false,
      });
    } finally {
      flushMetrics(metrics);
    }
  };
}
