import type { Context } from 'aws-lambda';
import { contractFor, type DetailType } from '../../lib/contracts';
import type { OutgoingEvent } from './event-builder';
import { isPermanentFailure } from './message-errors';
import { countBusinessOutcomes, flushMetrics } from './observability';
import { describeIssues, EventValidationError } from './publish-errors';
import { readRuntimeConfig } from './runtime-config';
import { useCaseOf, type SagaService } from './saga-service';
import { lazyHandler, resolveServiceRuntime, type ServiceDeps } from './service-deps';
import { MissingTaskOutcomeError, TransientTaskError } from './task-errors';
import { parseTaskInput, type SagaTaskOutput, type TaskAction } from './task-input';

/** A Step Functions task handler: the Task state's payload in, the task's result out. */
export type SagaTaskHandler = (input: unknown, context?: Context) => Promise<SagaTaskOutput>;

/** The actions a service's task function performs, by the name its Task states send. */
export type TaskActions<T extends DetailType> = Readonly<Record<string, TaskAction<T>>>;

/**
 * The Lambda entry point of a service under orchestration, built on its first invocation.
 *
 * @example export const handler = taskHandlerOf(paymentsService, PAYMENTS_TASK_ACTIONS);
 */
export function taskHandlerOf<T extends DetailType, S>(
  service: SagaService<T, S>,
  actions: TaskActions<T>,
): SagaTaskHandler {
  return lazyHandler(() => createTaskHandler(service, actions, {}));
}

/**
 * A service's task function in one line: `handler`, its Lambda entry point (built on the first
 * invocation), and `createTaskHandler(deps)`, the same handler with mocked clients for tests.
 *
 * @example export const { handler, createTaskHandler } = sagaTaskFunction(paymentsService, PAYMENTS_TASK_ACTIONS);
 */
export function sagaTaskFunction<T extends DetailType, S>(
  service: SagaService<T, S>,
  actions: TaskActions<T>,
): { readonly handler: SagaTaskHandler; readonly createTaskHandler: (deps: ServiceDeps) => SagaTaskHandler } {
  return {
    handler: taskHandlerOf(service, actions),
    createTaskHandler: (deps) => createTaskHandler(service, actions, deps),
  };
}

/**
 * Builds a service's Step Functions task handler around its use case:
 *
 * - the input is checked ({@link parseTaskInput}): a bad one throws `InvalidTaskInputError`,
 *   which the state machine does not retry;
 * - the use case runs with the same store guards as under SQS, so a Step Functions retry, a
 *   redriven execution or a second execution for the same order decides nothing twice and
 *   returns the same event (same `metadata.eventId`);
 * - an error whose kind is permanent (see `isRetryable`) is rethrown as it is; any other
 *   (SDK errors, lost races, missing records) is rethrown as `TransientTaskError`, the one name the
 *   state machine's Retry lists for its functions;
 * - the event the action decides is checked against its contract (the state machine sends it to
 *   the bus unchecked) and returned; an action that must decide something and did not throws
 *   `MissingTaskOutcomeError`.
 *
 * @throws ConfigurationError when TABLE_NAME is missing
 */
export function createTaskHandler<T extends DetailType, S>(
  service: SagaService<T, S>,
  actions: TaskActions<T>,
  deps: ServiceDeps,
): SagaTaskHandler {
  const { documentClient, env, logger, metrics, clock } = resolveServiceRuntime(service.name, deps);
  const config = readRuntimeConfig(env, { bus: false, deadLetterQueue: false });
  const useCase = useCaseOf(service, documentClient, config.tableName);

  return async (input, context) => {
    const log = logger.createChild();
    if (context) log.addContext(context);
    try {
      const { action, spec: actionSpec, event } = parseTaskInput(service.name, input, actions);
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

      const decided = [...result.events, ...(result.standing ? [result.standing] : [])].find((candidate) =>
        actionSpec.emits.includes(candidate.detailType),
      );
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
