import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { contractFor, type DetailType, type ServiceName } from '../../lib/contracts';
import type { OutgoingEvent } from './event-builder';
import { isPermanentFailure } from './message-errors';
import { countBusinessOutcomes, createLogger, createMetrics, flushMetrics } from './observability';
import { describeIssues, EventValidationError } from './publish-errors';
import { MissingTaskOutcomeError, TransientTaskError } from './task-errors';
import { parseTaskInput, type SagaTaskOutput, type TaskAction } from './task-input';
import { readTaskRuntimeConfig, type TaskRuntimeConfig } from './task-runtime-config';
import type { SagaUseCase } from './use-case';

/**
 * What a task handler is built from. The task module builds the defaults once per container;
 * tests pass a mocked document client, a silent logger, a fixed clock and an environment.
 */
export interface TaskDeps {
  readonly documentClient: DynamoDBDocumentClient;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default - a Powertools Logger named after the service */
  readonly logger?: Logger;
  /** @default - Powertools Metrics in METRICS_NAMESPACE */
  readonly metrics?: Metrics;
  /** When a decision is made (stored with it). @default - the wall clock */
  readonly clock?: () => Date;
}

/** The document client as a Lambda function uses it (region, credentials, endpoint from the environment). */
export function defaultTaskDeps(): TaskDeps {
  return {
    documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    }),
  };
}

/** A Step Functions task handler: the Task state's payload in, the task's result out. */
export type SagaTaskHandler = (input: unknown, context?: Context) => Promise<SagaTaskOutput>;

/** What distinguishes one service's task function from another's. */
export interface SagaTaskSpec<T extends DetailType> {
  readonly service: ServiceName;
  /** The actions the function performs, by the name Task states send. */
  readonly actions: Readonly<Record<string, TaskAction<T>>>;
  /** Builds the use case once: the SAME one the service's SQS handler runs. */
  readonly useCase: (config: TaskRuntimeConfig, deps: TaskDeps) => SagaUseCase<T>;
}

/**
 * Builds a service's Step Functions task handler around its use case:
 *
 * - the input is checked ({@link parseTaskInput}): a bad one throws `InvalidTaskInputError`,
 *   which the state machine does not retry;
 * - the use case runs with the same store guards as under SQS, so a Step Functions retry, a
 *   redriven execution or a second execution for the same order decides nothing twice and
 *   returns the same event (same `metadata.eventId`);
 * - an error that says it is permanent (`retryable === false`) is rethrown as it is; any other
 *   (SDK errors, lost races, missing records) is rethrown as `TransientTaskError`, the one name the
 *   state machine's Retry lists for its functions;
 * - the event the action decides is checked against its contract (the state machine sends it to
 *   the bus unchecked) and returned; an action that must decide something and did not throws
 *   `MissingTaskOutcomeError`.
 *
 * @throws ConfigurationError when TABLE_NAME is missing
 */
export function createSagaTaskHandler<T extends DetailType>(deps: TaskDeps, spec: SagaTaskSpec<T>): SagaTaskHandler {
  const env = deps.env ?? process.env;
  const config = readTaskRuntimeConfig(env);
  const logger = deps.logger ?? createLogger(spec.service, env);
  const metrics = deps.metrics ?? createMetrics(spec.service, logger, env);
  const clock = deps.clock ?? (() => new Date());
  const useCase = spec.useCase(config, deps);

  return async (input, context) => {
    const log = logger.createChild();
    if (context) log.addContext(context);
    try {
      const { action, spec: actionSpec, event } = parseTaskInput(spec.service, input, spec.actions);
      log.setCorrelationId(event.detail.metadata.correlationId);

      let result;
      try {
        result = await useCase(event, clock());
      } catch (error) {
        if (isPermanentFailure(error)) throw error;
        log.warn(`task ${action} failed; the state machine retries it`, {
          eventId: event.detail.metadata.eventId,
          error,
        });
        throw new TransientTaskError(action, error);
      }
      // Counted once per decision: a retry or a second execution finds it recorded (`duplicate`).
      if (result.outcome === 'applied') countBusinessOutcomes(metrics, result.events);

      const decided = result.events.find((candidate) => actionSpec.emits.includes(candidate.detailType));
      if (actionSpec.emits.length > 0 && !decided) {
        throw new MissingTaskOutcomeError(action, event.detail.data.orderId, result.note);
      }
      if (decided) checkAgainstContract(decided);
      log.info(`task ${action} done`, {
        eventId: event.detail.metadata.eventId,
        outcome: result.outcome,
        ...(result.note ? { note: result.note } : {}),
        ...(decided ? { decided: `${decided.detailType} ${decided.detail.metadata.eventId}` } : {}),
      });
      return {
        action,
        outcome: result.outcome,
        ...(decided ? { event: decided } : {}),
        ...(result.note ? { note: result.note } : {}),
      };
    } catch (error) {
      log.error('task failed', { error });
      throw error;
    } finally {
      flushMetrics(metrics);
    }
  };
}

/** The check the SQS publisher makes before PutEvents, made here because the state machine sends the event on. */
function checkAgainstContract(event: OutgoingEvent): void {
  const parsed = contractFor(event.detailType).detailSchema.safeParse(event.detail);
  if (!parsed.success) throw new EventValidationError(0, event.detailType, describeIssues(parsed.error.issues));
}

/**
 * A task handler built on its first invocation and reused after: clients are created once per
 * container, and importing the module (e.g. in a test) needs no environment.
 */
export function lazyTaskHandler(create: () => SagaTaskHandler): SagaTaskHandler {
  let built: SagaTaskHandler | undefined;
  return async (input, context) => {
    built ??= create();
    return built(input, context);
  };
}
