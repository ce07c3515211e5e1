import * as z from 'zod/mini';
import { contractFor, isDetailType, type DetailType, type SagaEvent } from '../../lib/contracts';
import type { OutgoingEvent } from './event-builder';
import { describeIssues } from './publish-errors';
import type { SagaEventOf } from './saga-message';
import { InvalidTaskInputError } from './task-errors';

/**
 * What a Task state sends a task function: the action (the state's job, e.g. `ReserveStock`)
 * and the saga event it acts on, in the shape every task returns events in, so one task's
 * `event` is the next task's input unchanged.
 *
 * @example { "action": "ProcessPayment", "event": { "detailType": "StockReserved", "detail": { "metadata": {…}, "data": {…} } } }
 */
export interface SagaTaskInput {
  readonly action: string;
  readonly event: { readonly detailType: string; readonly detail: unknown };
  /** Why the workflow takes this action, for actions derived from another event (AbandonOrder). */
  readonly reason?: string;
  /** What went wrong, in words (a caught error), for the same actions. */
  readonly cause?: string;
}

/**
 * What a task function returns to its Task state.
 * - `outcome`: applied, duplicate (a retry or a second execution for the same order) or ignored;
 * - `event`: for actions that decide something, the event the choreographed service would have
 *   published (StockReserved or StockReservationFailed, PaymentCompleted or PaymentFailed, ...),
 *   with its deterministic `metadata.eventId`. Business failures are such events, returned as
 *   data for Choice states (`$.event.detailType`), never thrown;
 * - `note`: why the input was ignored, when it was.
 */
export interface SagaTaskOutput {
  readonly action: string;
  readonly outcome: 'applied' | 'duplicate' | 'ignored';
  readonly event?: OutgoingEvent;
  readonly note?: string;
}

/** One action of a task function: the events it takes and the events it may answer with. */
export interface TaskAction<T extends DetailType = DetailType> {
  readonly consumes: readonly T[];
  /** Empty for actions that decide nothing the workflow reads (RecordOrder, Notify). */
  readonly emits: readonly DetailType[];
  /**
   * The action takes this event instead and derives the event it consumes from it, with the
   * input's `reason` and `cause` (AbandonOrder: OrderPlaced → OrderStalled). Throws a permanent
   * error (e.g. InvalidTaskInputError) when the reason is not one it knows.
   * @default - the event is one of `consumes`, taken as it is
   */
  readonly derivedFrom?: {
    readonly detailType: DetailType;
    readonly derive: (event: SagaEvent, input: { readonly reason?: string; readonly cause?: string }) => OutgoingEvent;
  };
}

const inputShape = z.object({
  action: z.string().check(z.minLength(1)),
  event: z.object({ detailType: z.string().check(z.minLength(1)), detail: z.unknown() }),
  reason: z.optional(z.string()),
  cause: z.optional(z.string()),
});

/** An input that passed every check: the action's name and spec, and the typed saga event. */
export interface ParsedTaskInput<T extends DetailType> {
  readonly action: string;
  readonly spec: TaskAction<T>;
  readonly event: SagaEventOf<T>;
}

/**
 * Checks a task input: its shape, that the action is one of `actions`, that the event is one
 * the action takes, and that the detail matches the event's contract.
 *
 * @throws InvalidTaskInputError quoting the offending value
 */
export function parseTaskInput<T extends DetailType>(
  service: string,
  input: unknown,
  actions: Readonly<Record<string, TaskAction<T>>>,
): ParsedTaskInput<T> {
  const shape = inputShape.safeParse(input);
  if (!shape.success) throw new InvalidTaskInputError(service, describeIssues(shape.error.issues));
  const { action, event } = shape.data;

  const spec = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
  if (!spec) {
    throw new InvalidTaskInputError(
      service,
      `unknown action '${action}', expected one of '${Object.keys(actions).join("', '")}'`,
    );
  }
  const { detailType } = event;
  if (spec.derivedFrom && detailType === spec.derivedFrom.detailType) {
    const source = checkedDetail(service, detailType, event.detail);
    const derived = spec.derivedFrom.derive({ detailType, detail: source } as SagaEvent, shape.data);
    return { action, spec, event: derived as unknown as SagaEventOf<T> };
  }
  if (!isDetailType(detailType) || !(spec.consumes as readonly string[]).includes(detailType)) {
    throw new InvalidTaskInputError(
      service,
      `action '${action}' does not take '${detailType}', only '${spec.consumes.join("', '")}'`,
    );
  }
  return {
    action,
    spec,
    event: { detailType, detail: checkedDetail(service, detailType, event.detail) } as SagaEventOf<T>,
  };
}

function checkedDetail(service: string, detailType: DetailType, detail: unknown): unknown {
  const parsed = contractFor(detailType).detailSchema.safeParse(detail);
  if (!parsed.success) {
    throw new InvalidTaskInputError(
      service,
      `'${detailType}' detail does not match its contract: ${describeIssues(parsed.error.issues)}`,
    );
  }
  return parsed.data;
}
