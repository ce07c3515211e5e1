import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { publicationsOf, type DetailType, type ServiceName } from '../../lib/contracts';
import type { SagaEventOf } from './saga-message';
import type { SagaUseCase, UseCaseResult } from './use-case';

/**
 * A saga service, written once for both variants: its name, the events it consumes, and how its
 * use case is built from its table. The SQS handler (choreography, sqs-consumer.ts) and the Step
 * Functions task (orchestration, task-handler.ts) are two thin adapters over it.
 *
 * @example
 * export const paymentsService = defineSagaService({
 *   name: 'payments',
 *   consumes: PAYMENTS_CONSUMES,
 *   store: PaymentsStore,
 *   handle: handlePaymentsEvent,
 * });
 */
export interface SagaService<T extends DetailType = DetailType, S = unknown> {
  readonly name: ServiceName;
  /** The detail types the service consumes; anything else is dead-lettered as misrouted. */
  readonly consumes: readonly T[];
  /** The service's store over its own table, created once per container. */
  readonly store: new (documentClient: DynamoDBDocumentClient, tableName: string) => S;
  /** The use case: performs the store writes and returns the events to publish. */
  readonly handle: (store: S, event: SagaEventOf<T>, now: Date) => Promise<UseCaseResult>;
}

/** Declares a service; see {@link SagaService}. */
export function defineSagaService<T extends DetailType, S>(service: SagaService<T, S>): SagaService<T, S> {
  return service;
}

/** The service's use case over its table, built once per container by either adapter. */
export function useCaseOf<T extends DetailType, S>(
  service: SagaService<T, S>,
  documentClient: DynamoDBDocumentClient,
  tableName: string,
): SagaUseCase<T> {
  const store = new service.store(documentClient, tableName);
  return (event, now) => service.handle(store, event, now);
}

/** Whether the service publishes events itself under choreography (read from the contracts' producers). */
export function publishesEvents(service: Pick<SagaService, 'name'>): boolean {
  return publicationsOf(service.name).length > 0;
}
