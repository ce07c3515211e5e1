/**
 * Builders for the task adapter tests: Step Functions task inputs around the event fixtures in
 * test/fixtures/events, and task dependencies with a silent logger and a fixed clock.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { METRICS_NAMESPACE } from '../../../lib/contracts';
import type { ServiceDeps } from '../../../functions/shared/service-deps';
import type { SagaTaskInput } from '../../../functions/shared/task-input';
import { NOW, envelopeFixture, type EventBridgeEnvelope, type EventFixture } from '../functions/builders';

export {
  NOW,
  arrangeCustomer,
  dynamoError,
  emptyTable,
  envelopeFixture,
  failTable,
  mockAwsInEachTest,
  recordWritten,
  tableHolding,
  writesSent,
  transactionCancelled,
  withData,
  type AwsMocks,
  type RecordWrite,
  type TableRequest,
} from '../functions/builders';

export const TASK_TABLE = 'shop-orchestration-test';

/** The input a Task state sends: the action and the fixture's event as `{ detailType, detail }`. */
export function taskInput(action: string, event: EventFixture | EventBridgeEnvelope): SagaTaskInput {
  const envelope = typeof event === 'string' ? envelopeFixture(event) : event;
  return { action, event: { detailType: envelope['detail-type'], detail: envelope.detail } };
}

/** Task dependencies: silent logger, quiet metrics, fixed clock, TABLE_NAME set. */
export function taskDeps(overrides: Partial<ServiceDeps> = {}): ServiceDeps & { logger: Logger; metrics: Metrics } {
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'test', logger });
  return {
    documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
    env: { TABLE_NAME: TASK_TABLE },
    logger,
    metrics,
    clock: () => NOW,
    ...overrides,
  };
}
