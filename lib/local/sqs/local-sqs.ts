import type { Clock } from '../clock';
import { DEFAULT_LOCAL_REGION, LOCAL_ACCOUNT_ID, parseArn, queueArn } from '../arn';
import type { TraceRecorder } from '../trace';
import { LocalQueue, type QueueCounts } from './local-queue';
import { MessageMoveTask, type StoredMoveTask } from './message-move-task';
import { applyQueueAttributes, DEFAULT_QUEUE_SETTINGS, settingsToAttributes } from './queue-settings';
import {
  InvalidParameterValueError,
  QueueDoesNotExistError,
  QueueNameExistsError,
  SqsResourceNotFoundError,
  UnsupportedOperationError,
} from './sqs-errors';
import type { QueueJournal } from './queue-journal';
import type { ReceivedMessage } from './sqs-message';

export interface LocalSqsProps {
  readonly clock: Clock;
  readonly trace: TraceRecorder;
  /** @default 'us-east-1' */
  readonly region?: string;
  /**
   * Origin of queue URLs (the endpoint's), `http://127.0.0.1:4566` until the endpoint tells
   * its real port with `setEndpointUrl`.
   * @default 'http://127.0.0.1:4566'
   */
  readonly endpointUrl?: string;
  /** Keeps queues and messages under `--data`. @default - in memory only */
  readonly journal?: QueueJournal;
}

/** Counts of one queue, for `drained()` checks and the demo's display. */
export interface QueueStats extends QueueCounts {
  readonly name: string;
  readonly url: string;
  /** Whether another queue's redrive policy names this one. */
  readonly isDeadLetterQueue: boolean;
}

export interface StartMessageMoveTaskInput {
  readonly sourceArn: string;
  /** @default - each message back to its source queue */
  readonly destinationArn?: string;
  /** 1..500. @default - as fast as possible */
  readonly maxNumberOfMessagesPerSecond?: number;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/**
 * The SQS service of the local cloud: every queue, by name, URL or ARN, and the message move
 * tasks between them.
 *
 * @example
 * const sqs = new LocalSqs({ clock, trace });
 * const queue = sqs.createQueue('orders', { VisibilityTimeout: '30' });
 * queue.send({ body: '{}', sender: 'client' });
 * const [message] = await queue.receive({ receiver: 'orders-fn', waitTimeMs: 20_000 });
 */
export class LocalSqs {
  readonly region: string;
  private endpointUrl: string;
  private readonly queuesByName = new Map<string, LocalQueue>();
  private readonly moveTasks: MessageMoveTask[] = [];

  constructor(private readonly props: LocalSqsProps) {
    this.region = props.region ?? DEFAULT_LOCAL_REGION;
    this.endpointUrl = props.endpointUrl ?? 'http://127.0.0.1:4566';
  }

  /** Where queue URLs point (the endpoint calls this once it listens). */
  setEndpointUrl(url: string): void {
    this.endpointUrl = url.replace(/\/+$/, '');
  }

  /** `http://127.0.0.1:<port>/000000000000/<name>` — the SDK sends a queue's calls to this host. */
  queueUrl(name: string): string {
    return `${this.endpointUrl}/${LOCAL_ACCOUNT_ID}/${name}`;
  }

  /**
   * CreateQueue: creates the queue, or returns the existing one when its attributes agree
   * (QueueNameExists otherwise).
   */
  createQueue(
    name: string,
    attributes: Readonly<Record<string, string>> = {},
    tags: Readonly<Record<string, string>> = {},
  ): LocalQueue {
    const fifo = attributes.FifoQueue === 'true';
    if (!(fifo ? FIFO_QUEUE_NAME : QUEUE_NAME).test(name)) {
      throw new InvalidParameterValueError(
        `can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length (fifo queues end in .fifo), got '${name}'`,
      );
    }
    const settings = applyQueueAttributes(DEFAULT_QUEUE_SETTINGS, attributes, true);
    const existing = this.queuesByName.get(name);
    if (existing) {
      const wanted = settingsToAttributes(settings);
      const current = settingsToAttributes(existing.settings);
      const differing = Object.keys(attributes).find((key) => key in wanted && wanted[key] !== current[key]);
      if (differing !== undefined) {
        throw new QueueNameExistsError(differing);
      }
      return existing;
    }
    const queue = new LocalQueue(
      { name, arn: queueArn(this.region, name), settings, tags },
      {
        clock: this.props.clock,
        trace: this.props.trace,
        findQueueByArn: (arn) => this.findQueue(arn),
        ...(this.props.journal ? { journal: this.props.journal } : {}),
      },
    );
    this.queuesByName.set(name, queue);
    this.props.journal?.queueChanged(queue);
    return queue;
  }

  /** DeleteQueue: removes the queue and its messages; long polls on it return empty. */
  deleteQueue(queue: string): void {
    const found = this.getQueue(queue);
    found.discardMessages();
    found.close();
    this.queuesByName.delete(found.name);
    this.props.journal?.queueDeleted(found);
  }

  /**
   * The queue a name, URL or ARN names, or undefined. URLs resolve by their last path segment,
   * whatever their host, when the segment before it (if any) is the local account: a URL of
   * another account names another account's queue, which does not exist here.
   */
  findQueue(nameUrlOrArn: string): LocalQueue | undefined {
    if (nameUrlOrArn.startsWith('arn:')) {
      try {
        const arn = parseArn(nameUrlOrArn);
        return arn.service === 'sqs' && arn.account === LOCAL_ACCOUNT_ID
          ? this.queuesByName.get(arn.resource)
          : undefined;
      } catch {
        return undefined;
      }
    }
    if (/^https?:\/\//.test(nameUrlOrArn)) {
      if (!URL.canParse(nameUrlOrArn)) return undefined;
      const segments = new URL(nameUrlOrArn).pathname.split('/').filter(Boolean);
      if (segments.length >= 2 && segments[segments.length - 2] !== LOCAL_ACCOUNT_ID) return undefined;
      return segments.length >= 1 ? this.queuesByName.get(segments[segments.length - 1] ?? '') : undefined;
    }
    return this.queuesByName.get(nameUrlOrArn);
  }

  /** Like `findQueue`, but throws `QueueDoesNotExistError`. */
  getQueue(nameUrlOrArn: string): LocalQueue {
    const queue = this.findQueue(nameUrlOrArn);
    if (!queue) {
      throw new QueueDoesNotExistError();
    }
    return queue;
  }

  /** Every queue, in creation order. */
  queues(): LocalQueue[] {
    return [...this.queuesByName.values()];
  }

  /** ListQueues: the queues whose names start with `prefix`. */
  listQueues(prefix = ''): LocalQueue[] {
    return this.queues().filter((queue) => queue.name.startsWith(prefix));
  }

  /** ListDeadLetterSourceQueues: the queues whose redrive policy names `deadLetterQueue`. */
  deadLetterSourceQueues(deadLetterQueue: LocalQueue): LocalQueue[] {
    return this.queues().filter((queue) => queue.settings.redrivePolicy?.deadLetterTargetArn === deadLetterQueue.arn);
  }

  /** Whether some queue's redrive policy names this queue. */
  isDeadLetterQueue(queue: LocalQueue): boolean {
    return this.deadLetterSourceQueues(queue).length > 0;
  }

  /** StartMessageMoveTask: from a DLQ back to its sources, or to a given destination. */
  startMessageMoveTask(input: StartMessageMoveTaskInput): MessageMoveTask {
    const source = this.findQueue(input.sourceArn);
    if (!source) {
      throw new SqsResourceNotFoundError(
        `the resource that you specified for the sourcearn parameter doesn't exist: '${input.sourceArn}'`,
      );
    }
    if (!this.isDeadLetterQueue(source)) {
      throw new InvalidParameterValueError(
        `source queue must be configured as a dead-letter queue: '${input.sourceArn}'`,
      );
    }
    const destination = input.destinationArn === undefined ? undefined : this.findQueue(input.destinationArn);
    if (input.destinationArn !== undefined && !destination) {
      throw new SqsResourceNotFoundError(
        `the resource that you specified for the destinationarn parameter doesn't exist: '${input.destinationArn}'`,
      );
    }
    const rate = input.maxNumberOfMessagesPerSecond;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw new InvalidParameterValueError(
        `value ${String(rate)} for parameter MaxNumberOfMessagesPerSecond is invalid. reason: must be between 1 and 500`,
      );
    }
    if (this.moveTasks.some((task) => task.sourceArn === source.arn && task.status === 'RUNNING')) {
      throw new UnsupportedOperationError(
        `there is already a task running on the source queue '${source.arn}'; only one active task is allowed per source queue`,
      );
    }
    const task = new MessageMoveTask({
      source,
      destination,
      maxNumberOfMessagesPerSecond: rate,
      clock: this.props.clock,
      trace: this.props.trace,
      findQueueByArn: (arn) => this.findQueue(arn),
      ...(this.props.journal ? { journal: this.props.journal } : {}),
    });
    this.moveTasks.push(task);
    return task;
  }

  /**
   * Puts back a move task kept under `--data`: an ended one is listed as before, a running one
   * goes on moving what is left of its count.
   * @returns false when its source queue is gone
   */
  restoreMessageMoveTask(stored: StoredMoveTask): boolean {
    const source = this.findQueue(stored.sourceArn);
    if (!source) return false;
    const destination = stored.destinationArn === undefined ? undefined : this.findQueue(stored.destinationArn);
    this.moveTasks.push(
      new MessageMoveTask({
        source,
        destination,
        maxNumberOfMessagesPerSecond: stored.maxNumberOfMessagesPerSecond,
        clock: this.props.clock,
        trace: this.props.trace,
        findQueueByArn: (arn) => this.findQueue(arn),
        ...(this.props.journal ? { journal: this.props.journal } : {}),
        restored: stored,
      }),
    );
    return true;
  }

  /** ListMessageMoveTasks: the latest tasks of a source queue, newest first. */
  listMessageMoveTasks(sourceArn: string, maxResults = 1): MessageMoveTask[] {
    if (!this.findQueue(sourceArn)) {
      throw new SqsResourceNotFoundError(
        `the resource that you specified for the sourcearn parameter doesn't exist: '${sourceArn}'`,
      );
    }
    return this.moveTasks
      .filter((task) => task.sourceArn === sourceArn)
      .reverse()
      .slice(0, maxResults);
  }

  /** CancelMessageMoveTask. */
  cancelMessageMoveTask(taskHandle: string): MessageMoveTask {
    const task = this.moveTasks.find((candidate) => candidate.taskHandle === taskHandle);
    if (!task) {
      throw new SqsResourceNotFoundError(
        `the resource that you specified for the taskhandle parameter doesn't exist: '${taskHandle}'`,
      );
    }
    if (task.status !== 'RUNNING') {
      throw new UnsupportedOperationError(`the task is not running: '${taskHandle}'`);
    }
    task.cancel();
    return task;
  }

  /** Counts of every queue. */
  stats(): QueueStats[] {
    return this.queues().map((queue) => ({
      name: queue.name,
      url: this.queueUrl(queue.name),
      isDeadLetterQueue: this.isDeadLetterQueue(queue),
      ...queue.counts(),
    }));
  }

  /**
   * Whether every queue that is not a DLQ is empty (nothing visible, in flight or delayed): the
   * app has nothing left to do.
   */
  drained(): boolean {
    return this.stats().every(
      (stats) => stats.isDeadLetterQueue || stats.visible + stats.inFlight + stats.delayed === 0,
    );
  }

  /** The messages sitting in every DLQ that holds any, by queue name. */
  deadLetterContents(): Record<string, ReceivedMessage[]> {
    const contents: Record<string, ReceivedMessage[]> = {};
    for (const queue of this.queues()) {
      if (this.isDeadLetterQueue(queue)) {
        const messages = queue.peek();
        if (messages.length > 0) contents[queue.name] = messages;
      }
    }
    return contents;
  }

  /** Closes every queue (timers, long polls). */
  close(): void {
    for (const queue of this.queues()) {
      queue.close();
    }
  }
}
