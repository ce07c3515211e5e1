import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from '../clock';
import type { TraceRecorder } from '../trace';
import type { LocalQueue } from './local-queue';
import type { QueueJournal } from './queue-journal';

/** RUNNING until every message there at the start has moved, then COMPLETED (or CANCELLED / FAILED). */
export type MessageMoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'CANCELLING' | 'FAILED';

export interface MessageMoveTaskProps {
  readonly source: LocalQueue;
  /**
   * Where messages go.
   * @default - each message back to the queue it was dead-lettered from
   */
  readonly destination?: LocalQueue;
  /** @default - as fast as possible */
  readonly maxNumberOfMessagesPerSecond?: number;
  readonly clock: Clock;
  readonly trace: TraceRecorder;
  readonly findQueueByArn: (arn: string) => LocalQueue | undefined;
  /** Keeps the task's progress (`--data`). @default - in memory only */
  readonly journal?: QueueJournal;
  /** A task kept under `--data`: it takes up where it was (a running one goes on moving). */
  readonly restored?: StoredMoveTask;
}

/** A move task as the store under `--data` keeps it. */
export interface StoredMoveTask {
  readonly taskHandle: string;
  readonly sourceArn: string;
  readonly destinationArn?: string;
  readonly maxNumberOfMessagesPerSecond?: number;
  readonly startedTimestamp: number;
  readonly approximateNumberOfMessagesToMove: number;
  readonly approximateNumberOfMessagesMoved: number;
  readonly status: MessageMoveTaskStatus;
  readonly failureReason?: string;
}

/**
 * StartMessageMoveTask: moves the messages of a DLQ back to their source queues (or to one
 * destination), as fresh messages (receive count 0, no DeadLetterQueueSourceArn) with the same
 * message id, so the trace can follow them.
 */
export class MessageMoveTask {
  readonly taskHandle: string;
  readonly startedTimestamp: number;
  readonly approximateNumberOfMessagesToMove: number;
  status: MessageMoveTaskStatus = 'RUNNING';
  approximateNumberOfMessagesMoved = 0;
  failureReason?: string;
  /** Settles when the task has stopped, whatever its status. */
  readonly done: Promise<void>;

  constructor(private readonly props: MessageMoveTaskProps) {
    const restored = props.restored;
    if (restored) {
      this.taskHandle = restored.taskHandle;
      this.startedTimestamp = restored.startedTimestamp;
      this.approximateNumberOfMessagesToMove = restored.approximateNumberOfMessagesToMove;
      this.approximateNumberOfMessagesMoved = restored.approximateNumberOfMessagesMoved;
      // A stop interrupted a cancellation: it is done.
      this.status = restored.status === 'CANCELLING' ? 'CANCELLED' : restored.status;
      if (restored.failureReason !== undefined) this.failureReason = restored.failureReason;
    } else {
      this.taskHandle = Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: props.source.arn })).toString(
        'base64url',
      );
      this.startedTimestamp = props.clock.now();
      this.approximateNumberOfMessagesToMove = props.source.counts().visible;
    }
    props.journal?.moveTaskChanged(this);
    this.done = this.status === 'RUNNING' ? this.run() : Promise.resolve();
  }

  /** What the store under `--data` keeps. */
  toStored(): StoredMoveTask {
    return {
      taskHandle: this.taskHandle,
      sourceArn: this.sourceArn,
      startedTimestamp: this.startedTimestamp,
      approximateNumberOfMessagesToMove: this.approximateNumberOfMessagesToMove,
      approximateNumberOfMessagesMoved: this.approximateNumberOfMessagesMoved,
      status: this.status,
      ...(this.destinationArn !== undefined ? { destinationArn: this.destinationArn } : {}),
      ...(this.maxNumberOfMessagesPerSecond !== undefined
        ? { maxNumberOfMessagesPerSecond: this.maxNumberOfMessagesPerSecond }
        : {}),
      ...(this.failureReason !== undefined ? { failureReason: this.failureReason } : {}),
    };
  }

  get sourceArn(): string {
    return this.props.source.arn;
  }

  get destinationArn(): string | undefined {
    return this.props.destination?.arn;
  }

  get maxNumberOfMessagesPerSecond(): number | undefined {
    return this.props.maxNumberOfMessagesPerSecond;
  }

  /** Stops moving; messages already moved stay moved. */
  cancel(): void {
    if (this.status === 'RUNNING') {
      this.status = 'CANCELLING';
      this.props.journal?.moveTaskChanged(this);
    }
  }

  private async run(): Promise<void> {
    const { source, destination, maxNumberOfMessagesPerSecond: rate, clock, trace } = this.props;
    // Let StartMessageMoveTask answer before the first message moves, as in AWS.
    await nextTurn();
    while (
      this.status === 'RUNNING' &&
      this.approximateNumberOfMessagesMoved < this.approximateNumberOfMessagesToMove
    ) {
      const room = this.approximateNumberOfMessagesToMove - this.approximateNumberOfMessagesMoved;
      const batch = source.takeForMove(Math.min(10, room, rate ?? 10));
      if (batch.length === 0) {
        break;
      }
      for (const message of batch) {
        const sourceArn = message.systemAttributes.DeadLetterQueueSourceArn;
        const target = destination ?? (sourceArn ? this.props.findQueueByArn(sourceArn) : undefined);
        if (!target) {
          source.adopt(message, message.systemAttributes);
          this.status = 'FAILED';
          this.failureReason = `no destination for message '${message.messageId}': its source queue '${sourceArn ?? 'unknown'}' does not exist`;
          continue;
        }
        const { DeadLetterQueueSourceArn: _dropped, ...systemAttributes } = message.systemAttributes;
        target.adopt(message, systemAttributes, clock.now());
        this.approximateNumberOfMessagesMoved++;
        trace.record({
          kind: 'message.redriven',
          fromQueue: source.name,
          toQueue: target.name,
          messageId: message.messageId,
          correlationId: trace.correlate(message.body, message),
        });
      }
      // In the same batch as the messages' moves: a restart never moves a message twice.
      this.props.journal?.moveTaskChanged(this);
      if (rate) {
        await clock.sleep((1000 * batch.length) / rate);
      } else {
        await nextTurn();
      }
    }
    if (this.status === 'RUNNING') this.status = 'COMPLETED';
    else if (this.status === 'CANCELLING') this.status = 'CANCELLED';
    this.props.journal?.moveTaskChanged(this);
  }
}
