import type { Clock } from '../clock';

/**
 * One event of an execution's history, shaped like `GetExecutionHistory`'s `HistoryEvent`:
 * `type` (`TaskStateEntered`, `TaskScheduled`, ...) and a `<camelType>EventDetails` member.
 * `timestamp` is AWS time in ms (the API writes epoch seconds).
 */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  /** The details member's name (`taskScheduledEventDetails`) and value. */
  readonly detailsKey?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Members that carry execution data, left out when `includeExecutionData` is false. */
const DATA_MEMBERS = new Set([
  'input',
  'output',
  'parameters',
  'inputDetails',
  'outputDetails',
  'assignedVariables',
  'assignedVariablesDetails',
]);

/**
 * The history of one execution, in the order things happened. After the execution ends it is
 * closed: late outcomes (a Task whose timeout already failed it) are not recorded.
 *
 * What is recorded: ExecutionStarted / Succeeded / Failed / Aborted / TimedOut; `<Type>StateEntered`
 * and `<Type>StateExited` for every state type; for service integrations TaskScheduled,
 * TaskStarted, TaskSucceeded, TaskFailed, TaskTimedOut; for Lambda ARNs given as Resource
 * LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded, LambdaFunctionFailed,
 * LambdaFunctionTimedOut; MapIterationStarted / Succeeded / Failed. Not recorded: MapStateStarted,
 * ParallelStateStarted and the other Map/Parallel bookkeeping events. `previousEventId` is the
 * event before (AWS links to the causing event, which is usually that one).
 */
export class ExecutionHistory {
  private readonly recorded: HistoryEvent[] = [];
  private closed = false;

  constructor(private readonly clock: Clock) {}

  /**
   * Appends an event (ignored once closed); `type` names the details member too.
   * @returns the event's id (0 once closed)
   */
  add(type: string, details?: Record<string, unknown>): number {
    if (this.closed) return 0;
    const id = this.recorded.length + 1;
    this.recorded.push({
      id,
      previousEventId: id - 1,
      timestamp: this.clock.now(),
      type,
      ...(details ? { detailsKey: detailsKeyOf(type), details } : {}),
    });
    return id;
  }

  /** Puts back the events of an execution read from the store (`--data`). */
  restore(events: readonly HistoryEvent[], closed: boolean): void {
    this.recorded.push(...events);
    this.closed = closed;
  }

  /** Appends the final event and refuses any later one. */
  close(type: string, details?: Record<string, unknown>): void {
    this.add(type, details);
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get events(): readonly HistoryEvent[] {
    return this.recorded;
  }

  /** One event as the API writes it (epoch seconds, data members optional). */
  static toWire(event: HistoryEvent, includeExecutionData: boolean): Record<string, unknown> {
    const wire: Record<string, unknown> = {
      timestamp: event.timestamp / 1000,
      type: event.type,
      id: event.id,
      previousEventId: event.previousEventId,
    };
    if (event.detailsKey && event.details) {
      wire[event.detailsKey] = includeExecutionData
        ? event.details
        : Object.fromEntries(Object.entries(event.details).filter(([key]) => !DATA_MEMBERS.has(key)));
    }
    return wire;
  }
}

/**
 * The details member of an event type: `taskScheduledEventDetails` for TaskScheduled; every
 * `<Type>StateEntered` / `<Type>StateExited` shares `stateEnteredEventDetails` /
 * `stateExitedEventDetails`, as GetExecutionHistory returns them.
 */
function detailsKeyOf(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** `{ truncated: false }`: local histories keep data whole. */
export const NOT_TRUNCATED = { truncated: false } as const;
