import { createHash, randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../clock';
import type { TraceRecorder } from '../trace';
import {
  md5OfBody,
  md5OfMessageAttributes,
  messageAttributesSize,
  validateMessageAttributes,
  type MessageAttributes,
} from './message-attributes';
import { applyQueueAttributes, settingsToAttributes, type QueueSettings } from './queue-settings';
import { JournaledMessages, type QueueJournal } from './queue-journal';
import {
  InvalidMessageContentsError,
  InvalidParameterValueError,
  MissingParameterError,
  PurgeQueueInProgressError,
  ReceiptHandleIsInvalidError,
} from './sqs-errors';
import { SqsMessage, type ReceivedMessage, type SentMessage, type StoredMessage } from './sqs-message';

/** What `LocalQueue.send` takes. */
export interface SendInput {
  readonly body: string;
  /**
   * Seconds before the message can be received.
   * @default - the queue's DelaySeconds
   */
  readonly delaySeconds?: number;
  /** @default - none */
  readonly messageAttributes?: MessageAttributes;
  /** X-Ray trace header, kept as the `AWSTraceHeader` system attribute. @default - none */
  readonly awsTraceHeader?: string;
  /** Who sends, for the trace: a function name, `events`, `client`. */
  readonly sender: string;
  /** The `SenderId` attribute. @default - the sender */
  readonly senderId?: string;
  /** FIFO queues only. */
  readonly messageGroupId?: string;
  /** FIFO queues only. @default - SHA-256 of the body when content-based deduplication is on */
  readonly messageDeduplicationId?: string;
}

/** What `LocalQueue.receive` takes. */
export interface ReceiveOptions {
  /** 1..10. @default 1 */
  readonly maxNumberOfMessages?: number;
  /**
   * AWS ms to wait for a message when none is visible (long polling), at most 20 s.
   * @default - the queue's ReceiveMessageWaitTimeSeconds
   */
  readonly waitTimeMs?: number;
  /** @default - the queue's VisibilityTimeout */
  readonly visibilityTimeoutMs?: number;
  /** Who receives, for the trace (function name, `client`). */
  readonly receiver: string;
  /** Ends a long poll early (it then returns what it has: nothing). */
  readonly signal?: AbortSignal;
}

/** Message counts of a queue, as the Approximate* attributes report them. */
export interface QueueCounts {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
}

/** What a queue needs from the registry it lives in. */
export interface QueueContext {
  readonly clock: Clock;
  readonly trace: TraceRecorder;
  /** The queue an ARN names, for redrive to a DLQ. */
  findQueueByArn(arn: string): LocalQueue | undefined;
  /** Keeps the queue under `--data`. @default - kept in memory only */
  readonly journal?: QueueJournal;
}

export interface LocalQueueProps {
  readonly name: string;
  readonly arn: string;
  readonly settings: QueueSettings;
  readonly tags?: Readonly<Record<string, string>>;
}

const FIFO_DEDUPLICATION_MS = 5 * 60 * 1000;
const PURGE_INTERVAL_MS = 60 * 1000;

/**
 * One SQS queue, in memory: delays, visibility timeouts, receive counts, redrive to a DLQ,
 * retention, long polling. All time is AWS time from the Clock; one timer per queue wakes it
 * when the next message becomes visible or expires. Usable in process (event-bus targets, event
 * source mappings) and through the JSON API.
 */
export class LocalQueue {
  readonly name: string;
  readonly arn: string;
  readonly createdTimestamp: number;
  lastModifiedTimestamp: number;
  tags: Record<string, string>;

  private currentSettings: QueueSettings;
  private readonly messages: JournaledMessages;
  private readonly visibleListeners = new Set<() => void>();
  private readonly deduplication = new Map<string, number>();
  private timer?: TimerHandle;
  private timerAt = Infinity;
  private sequence = 0;
  private closed = false;
  private lastPurgeAt?: number;
  private notifyScheduled = false;

  constructor(
    props: LocalQueueProps,
    private readonly context: QueueContext,
  ) {
    this.name = props.name;
    this.arn = props.arn;
    this.currentSettings = props.settings;
    this.tags = { ...props.tags };
    this.createdTimestamp = context.clock.now();
    this.lastModifiedTimestamp = this.createdTimestamp;
    this.messages = new JournaledMessages(this, context.journal);
  }

  get settings(): QueueSettings {
    return this.currentSettings;
  }

  /** Applies SetQueueAttributes. */
  setAttributes(attributes: Readonly<Record<string, string>>): void {
    this.currentSettings = applyQueueAttributes(this.currentSettings, attributes, false);
    this.lastModifiedTimestamp = this.context.clock.now();
    this.context.journal?.queueChanged(this);
  }

  /** Says the tags changed (TagQueue, UntagQueue), so the store keeps them. */
  tagsChanged(): void {
    this.context.journal?.queueChanged(this);
  }

  /** Every attribute (settable and computed), as GetQueueAttributes `All` returns them. */
  attributes(): Record<string, string> {
    const counts = this.counts();
    return {
      ...settingsToAttributes(this.currentSettings),
      QueueArn: this.arn,
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: String(Math.floor(this.createdTimestamp / 1000)),
      LastModifiedTimestamp: String(Math.floor(this.lastModifiedTimestamp / 1000)),
    };
  }

  /** Puts a message on the queue. Validates like SendMessage; throws `SqsError`s. */
  send(input: SendInput): SentMessage {
    const now = this.context.clock.now();
    const settings = this.currentSettings;
    const messageAttributes = input.messageAttributes ?? {};
    validateMessageAttributes(messageAttributes);
    validateBody(input.body);
    const size = Buffer.byteLength(input.body) + messageAttributesSize(messageAttributes);
    if (size > settings.maximumMessageSize) {
      throw new InvalidParameterValueError(
        `One or more parameters are invalid. Reason: Message must be shorter than ${settings.maximumMessageSize} bytes.`,
      );
    }
    // FIFO queues take a delay only from the queue (AWS test_fifo_queue_send_message_with_delay_seconds_fails).
    if (settings.fifoQueue && input.delaySeconds !== undefined && input.delaySeconds !== 0) {
      throw new InvalidParameterValueError(
        `Value ${String(input.delaySeconds)} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
      );
    }
    const delaySeconds = input.delaySeconds ?? settings.delaySeconds;
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 900) {
      throw new InvalidParameterValueError(
        `value ${String(delaySeconds)} for parameter DelaySeconds is invalid. reason: must be >= 0 and <= 900`,
      );
    }
    const systemAttributes: Record<string, string> = {};
    if (input.awsTraceHeader) {
      systemAttributes.AWSTraceHeader = input.awsTraceHeader;
    }
    let sequenceNumber: string | undefined;
    if (settings.fifoQueue) {
      const duplicate = this.fifoAdmission(input, now, systemAttributes);
      if (duplicate) {
        return duplicate;
      }
      sequenceNumber = systemAttributes.SequenceNumber;
    } else if (input.messageDeduplicationId !== undefined) {
      throw new InvalidParameterValueError(
        `Value ${input.messageDeduplicationId} for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type.`,
      );
    } else if (input.messageGroupId !== undefined) {
      // Fair queues: a standard queue takes a message group id and returns it as a system attribute.
      systemAttributes.MessageGroupId = input.messageGroupId;
    }
    const message = new SqsMessage({
      messageId: randomUUID(),
      body: input.body,
      messageAttributes,
      systemAttributes,
      senderId: input.senderId ?? input.sender,
      sentTimestamp: now,
      visibleAt: now + delaySeconds * 1000,
    });
    this.admit(message);
    this.context.trace.record({
      kind: 'message.sent',
      queue: this.name,
      messageId: message.messageId,
      delaySeconds,
      sender: input.sender,
      correlationId: this.context.trace.correlate(message.body, message),
    });
    return {
      messageId: message.messageId,
      md5OfMessageBody: message.md5OfBody,
      md5OfMessageAttributes: message.md5OfMessageAttributes,
      sequenceNumber,
    };
  }

  /**
   * Receives up to `maxNumberOfMessages` visible messages, each made invisible for the
   * visibility timeout. With a wait time and nothing visible, waits (long polling) until a
   * message becomes visible or the wait ends. A message already received `maxReceiveCount`
   * times moves to the DLQ instead of being received again.
   */
  async receive(options: ReceiveOptions): Promise<ReceivedMessage[]> {
    const max = options.maxNumberOfMessages ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw new InvalidParameterValueError(
        `Value ${String(max)} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
      );
    }
    const waitTimeMs = options.waitTimeMs ?? this.currentSettings.receiveMessageWaitTimeSeconds * 1000;
    if (!(waitTimeMs >= 0 && waitTimeMs <= 20_000)) {
      throw new InvalidParameterValueError(
        `value ${String(waitTimeMs / 1000)} for parameter WaitTimeSeconds is invalid. reason: must be >= 0 and <= 20`,
      );
    }
    const visibilityTimeoutMs = options.visibilityTimeoutMs ?? this.currentSettings.visibilityTimeout * 1000;
    if (!(visibilityTimeoutMs >= 0 && visibilityTimeoutMs <= 43_200_000)) {
      throw new InvalidParameterValueError(
        `value ${String(visibilityTimeoutMs / 1000)} for parameter VisibilityTimeout is invalid. reason: must be >= 0 and <= 43200`,
      );
    }
    const deadline = this.context.clock.now() + waitTimeMs;
    for (;;) {
      // A poll whose caller went away takes nothing, or the messages would hide for nobody.
      if (options.signal?.aborted) return [];
      const received = this.take(max, visibilityTimeoutMs, options.receiver);
      const remaining = deadline - this.context.clock.now();
      if (received.length > 0 || remaining <= 0 || this.closed) {
        return received;
      }
      await this.waitForVisible(remaining, options.signal);
    }
  }

  /**
   * Deletes the message the receipt handle was issued for. A handle of an earlier receive
   * succeeds without deleting (as SQS documents); one of a deleted message succeeds too. On a
   * FIFO queue a handle whose visibility timeout has passed is refused
   * (AWS test_fifo_delete_message_with_expired_receipt_handle).
   */
  delete(receiptHandle: string): void {
    const messageId = this.messageIdOf(receiptHandle);
    const message = this.messages.get(messageId);
    if (!message || message.receiptHandle !== receiptHandle) {
      return;
    }
    if (this.currentSettings.fifoQueue && message.stateAt(this.context.clock.now()) !== 'in-flight') {
      throw new InvalidParameterValueError(
        `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
      );
    }
    this.messages.delete(messageId);
    this.context.trace.record({
      kind: 'message.deleted',
      queue: this.name,
      messageId,
      correlationId: this.context.trace.correlate(message.body, message),
    });
  }

  /**
   * Sets how long a received message stays invisible from now (0 makes it visible at once).
   * As in AWS: the latest handle of a standard-queue message works even after its visibility
   * timeout passed (the message hides again); a handle of a deleted or re-received message is
   * `InvalidParameterValue`; on a FIFO queue an expired handle is refused.
   */
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    if (
      !Number.isInteger(visibilityTimeoutSeconds) ||
      visibilityTimeoutSeconds < 0 ||
      visibilityTimeoutSeconds > 43_200
    ) {
      throw new InvalidParameterValueError(
        `Value ${String(visibilityTimeoutSeconds)} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.`,
      );
    }
    const messageId = this.messageIdOf(receiptHandle);
    const message = this.messages.get(messageId);
    if (!message || message.receiptHandle !== receiptHandle) {
      throw new InvalidParameterValueError(
        `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      );
    }
    const now = this.context.clock.now();
    const state = message.stateAt(now);
    if (state !== 'in-flight' && this.currentSettings.fifoQueue) {
      throw new InvalidParameterValueError(
        `Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
      );
    }
    if (state !== 'in-flight') this.traceReturn(message);
    message.visibleAt = now + visibilityTimeoutSeconds * 1000;
    this.messages.changed(message);
    if (visibilityTimeoutSeconds === 0) {
      if (state === 'in-flight') this.traceReturn(message);
      this.notifyVisible();
    } else {
      message.returnTraced = false;
      this.armTimer(message.visibleAt);
    }
  }

  /**
   * Deletes every message. A second purge within 60 s of the first is refused with
   * `PurgeQueueInProgress` (403), as AWS does (test_successive_purge_calls_fail).
   */
  purge(): void {
    const now = this.context.clock.now();
    if (this.lastPurgeAt !== undefined && now - this.lastPurgeAt < PURGE_INTERVAL_MS) {
      throw new PurgeQueueInProgressError(this.name);
    }
    this.lastPurgeAt = now;
    this.messages.clear();
    this.reschedule();
  }

  /** Visible, in-flight and delayed message counts now. */
  counts(): QueueCounts {
    this.refresh();
    const now = this.context.clock.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      const state = message.stateAt(now);
      if (state === 'visible') visible++;
      else if (state === 'in-flight') inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /** Copies of the messages in the queue, oldest first, without receiving them (for DLQ views). */
  peek(): ReceivedMessage[] {
    this.refresh();
    return [...this.messages.values()].map((message) => toReceived(message, message.receiptHandle ?? ''));
  }

  /**
   * Calls `listener` whenever messages may have become visible (a send, a visibility timeout
   * passing, a delay ending), so pollers need not spin. Returns the unsubscribe function.
   */
  onVisible(listener: () => void): () => void {
    this.visibleListeners.add(listener);
    return () => this.visibleListeners.delete(listener);
  }

  /** Drops every message, whatever the purge interval (DeleteQueue). */
  discardMessages(): void {
    this.messages.clear();
  }

  /** Stops the timer and ends long polls (DeleteQueue, shutdown). */
  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.notifyVisible();
  }

  /**
   * Takes a message that leaves another queue (redrive to this DLQ, a move task back) and keeps
   * its id, body, attributes and sent time. `receiveCount` carries over on redrive to a DLQ, as
   * AWS's ApproximateReceiveCount does; a move task starts it afresh.
   */
  adopt(
    message: SqsMessage,
    systemAttributes: Readonly<Record<string, string>>,
    sentTimestamp = message.sentTimestamp,
    receiveCount = 0,
  ): void {
    const adopted = new SqsMessage({
      messageId: message.messageId,
      body: message.body,
      messageAttributes: message.messageAttributes,
      systemAttributes,
      senderId: message.senderId,
      sentTimestamp,
      visibleAt: this.context.clock.now(),
    });
    adopted.receiveCount = receiveCount;
    adopted.firstReceiveTimestamp = receiveCount > 0 ? message.firstReceiveTimestamp : undefined;
    this.admit(adopted);
  }

  /**
   * Puts back a message read from the store under `--data` (a restart): no new id, no trace, and
   * a message received before the restart stays invisible until its visibility timeout passes.
   */
  restoreMessage(stored: StoredMessage, storeKey: string): void {
    const message = SqsMessage.fromStored(stored);
    message.storeKey = storeKey;
    message.returnTraced = message.receiveCount === 0;
    this.messages.restore(message);
    const sequence = Number(message.systemAttributes.SequenceNumber ?? 0);
    if (sequence > this.sequence) this.sequence = sequence;
    this.refresh();
  }

  /**
   * Puts back a deduplication id kept under `--data` (a send with it within five minutes of the
   * first is still a duplicate after a restart), and the sequence number it was given.
   */
  restoreDeduplication(deduplicationId: string, expiresAt: number, sequence: number): void {
    this.deduplication.set(deduplicationId, expiresAt);
    if (sequence > this.sequence) this.sequence = sequence;
  }

  /** Removes and returns up to `max` visible messages (for move tasks); no receive is counted. */
  takeForMove(max: number): SqsMessage[] {
    this.refresh();
    const now = this.context.clock.now();
    const taken: SqsMessage[] = [];
    for (const message of this.messages.values()) {
      if (taken.length >= max) break;
      if (message.stateAt(now) === 'visible') {
        taken.push(message);
      }
    }
    for (const message of taken) {
      this.messages.delete(message.messageId);
    }
    return taken;
  }

  /** Adds a message without rescanning the queue (sends stay O(1) however long the queue is). */
  private admit(message: SqsMessage): void {
    this.messages.set(message.messageId, message);
    const now = this.context.clock.now();
    if (message.visibleAt <= now) {
      this.notifyVisible();
    } else {
      this.armTimer(message.visibleAt);
    }
    this.armTimer(message.sentTimestamp + this.currentSettings.messageRetentionPeriod * 1000);
  }

  /** Makes the timer fire by `at` at the latest. */
  private armTimer(at: number): void {
    if (this.closed || at >= this.timerAt) return;
    this.timer?.cancel();
    this.timerAt = at;
    // One AWS ms late, so the clock has surely passed `at` when the timer fires.
    this.timer = this.context.clock.setTimer(Math.max(1, at - this.context.clock.now() + 1), () => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.refresh();
    });
  }

  /**
   * One pass over the queue in arrival order, without copying it: expired messages are dropped,
   * returns to visibility that no timer has reported yet are traced on the way.
   */
  private take(max: number, visibilityTimeoutMs: number, receiver: string): ReceivedMessage[] {
    const now = this.context.clock.now();
    const received: ReceivedMessage[] = [];
    const redrive = this.currentSettings.redrivePolicy;
    for (const message of this.candidates(now)) {
      if (received.length >= max) break;
      this.traceReturn(message);
      if (
        redrive &&
        message.receiveCount >= redrive.maxReceiveCount &&
        this.deadLetter(message, redrive.deadLetterTargetArn)
      ) {
        continue;
      }
      message.receiveCount++;
      message.firstReceiveTimestamp ??= now;
      message.visibleAt = now + visibilityTimeoutMs;
      message.receiptHandle = this.newReceiptHandle(message.messageId);
      message.returnTraced = false;
      this.messages.changed(message);
      this.context.trace.record({
        kind: 'message.received',
        queue: this.name,
        messageId: message.messageId,
        receiveCount: message.receiveCount,
        receiver,
        correlationId: this.context.trace.correlate(message.body, message),
      });
      received.push(toReceived(message, message.receiptHandle));
    }
    if (received.length > 0) {
      this.armTimer(now + visibilityTimeoutMs);
    }
    return received;
  }

  /**
   * The visible messages a receive may take, in the order it takes them; messages past retention
   * are dropped on the way. A standard queue offers them in arrival order. A FIFO queue skips the
   * groups that have a message in flight and offers the rest group by group, each group in order,
   * so one receive returns several messages of one group (AWS: "returns as many messages with
   * the same message group ID as possible").
   */
  private *candidates(now: number): Generator<SqsMessage> {
    const retentionMs = this.currentSettings.messageRetentionPeriod * 1000;
    const fifo = this.currentSettings.fifoQueue;
    const lockedGroups = fifo ? this.groupsInFlight(now) : undefined;
    const byGroup = new Map<string, SqsMessage[]>();
    for (const message of this.messages.values()) {
      if (message.sentTimestamp + retentionMs <= now) {
        this.messages.delete(message.messageId);
        continue;
      }
      const group = message.systemAttributes.MessageGroupId;
      if (!fifo || group === undefined) {
        if (message.stateAt(now) === 'visible') yield message;
        continue;
      }
      if (lockedGroups?.has(group)) continue;
      // A group is offered only up to its first message that is not visible (delayed), so its
      // order holds.
      if (message.stateAt(now) !== 'visible') {
        lockedGroups?.add(group);
        continue;
      }
      const queued = byGroup.get(group);
      if (queued) queued.push(message);
      else byGroup.set(group, [message]);
    }
    for (const messages of byGroup.values()) yield* messages;
  }

  /** Moves a message to the DLQ; false when the DLQ does not exist (the message then stays). */
  private deadLetter(message: SqsMessage, deadLetterArn: string): boolean {
    const deadLetterQueue = this.context.findQueueByArn(deadLetterArn);
    if (!deadLetterQueue) {
      return false;
    }
    this.messages.delete(message.messageId);
    deadLetterQueue.adopt(
      message,
      { ...message.systemAttributes, DeadLetterQueueSourceArn: this.arn },
      message.sentTimestamp,
      message.receiveCount,
    );
    this.context.trace.record({
      kind: 'message.dead-lettered',
      queue: this.name,
      messageId: message.messageId,
      deadLetterQueue: deadLetterQueue.name,
      receiveCount: message.receiveCount,
      reason: `maxReceiveCount ${this.currentSettings.redrivePolicy?.maxReceiveCount ?? '?'} reached`,
      correlationId: this.context.trace.correlate(message.body, message),
    });
    return true;
  }

  /**
   * Brings the queue up to date with AWS time: traces messages whose visibility timeout passed,
   * drops messages past retention, tells listeners when something is visible, re-arms the timer.
   */
  private refresh(): void {
    const now = this.context.clock.now();
    const retentionMs = this.currentSettings.messageRetentionPeriod * 1000;
    let anyVisible = false;
    for (const message of this.messages.values()) {
      if (message.sentTimestamp + retentionMs <= now) {
        this.messages.delete(message.messageId);
      } else if (message.stateAt(now) === 'visible') {
        anyVisible = true;
        this.traceReturn(message);
      }
    }
    this.reschedule();
    if (anyVisible) {
      this.notifyVisible();
    }
  }

  /** Traces, once, that a received message became visible again. */
  private traceReturn(message: SqsMessage): void {
    if (message.returnTraced) return;
    message.returnTraced = true;
    this.context.trace.record({
      kind: 'message.returned',
      queue: this.name,
      messageId: message.messageId,
      receiveCount: message.receiveCount,
      correlationId: this.context.trace.correlate(message.body, message),
    });
  }

  private reschedule(): void {
    if (this.closed) return;
    const now = this.context.clock.now();
    const retentionMs = this.currentSettings.messageRetentionPeriod * 1000;
    let next = Infinity;
    for (const message of this.messages.values()) {
      if (message.visibleAt > now) next = Math.min(next, message.visibleAt);
      next = Math.min(next, message.sentTimestamp + retentionMs);
    }
    for (const [id, expiresAt] of this.deduplication) {
      if (expiresAt > now) continue;
      this.deduplication.delete(id);
      this.context.journal?.deduplicationExpired(this, id);
    }
    if (next === this.timerAt && this.timer) return;
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAt = Infinity;
    if (next !== Infinity) {
      this.armTimer(next);
    }
  }

  /**
   * Tells the listeners on a later microtask, once per burst of changes, so a listener that
   * receives at once never re-enters the queue while it is updating itself.
   */
  private notifyVisible(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    queueMicrotask(() => {
      this.notifyScheduled = false;
      for (const listener of [...this.visibleListeners]) {
        listener();
      }
    });
  }

  private waitForVisible(awsMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.context.clock.setTimer(awsMs, done);
      const unsubscribe = this.onVisible(done);
      signal?.addEventListener('abort', done, { once: true });
      function done(): void {
        timer.cancel();
        unsubscribe();
        signal?.removeEventListener('abort', done);
        resolve();
      }
    });
  }

  private groupsInFlight(now: number): Set<string> {
    const groups = new Set<string>();
    for (const message of this.messages.values()) {
      const group = message.systemAttributes.MessageGroupId;
      if (group !== undefined && message.stateAt(now) === 'in-flight') groups.add(group);
    }
    return groups;
  }

  /** FIFO rules on send; returns the earlier answer when the message is a duplicate. */
  private fifoAdmission(
    input: SendInput,
    now: number,
    systemAttributes: Record<string, string>,
  ): SentMessage | undefined {
    if (!input.messageGroupId) {
      throw new MissingParameterError('MessageGroupId');
    }
    const deduplicationId =
      input.messageDeduplicationId ??
      (this.currentSettings.contentBasedDeduplication
        ? createHash('sha256').update(input.body).digest('hex')
        : undefined);
    if (!deduplicationId) {
      throw new InvalidParameterValueError(
        `the queue '${this.name}' should either have contentbasedduplication enabled or messagededuplicationid provided explicitly`,
      );
    }
    const seen = this.deduplication.get(deduplicationId);
    if (seen !== undefined && seen > now) {
      const existing = [...this.messages.values()].find(
        (message) => message.systemAttributes.MessageDeduplicationId === deduplicationId,
      );
      // The digests are of what this call sent (the SDK checks them against its request), also
      // when the first message was already deleted (or the local cloud restarted since).
      return {
        messageId: existing?.messageId ?? randomUUID(),
        md5OfMessageBody: md5OfBody(input.body),
        md5OfMessageAttributes: md5OfMessageAttributes(input.messageAttributes ?? {}),
        sequenceNumber: existing?.systemAttributes.SequenceNumber,
      };
    }
    this.deduplication.set(deduplicationId, now + FIFO_DEDUPLICATION_MS);
    systemAttributes.MessageGroupId = input.messageGroupId;
    systemAttributes.MessageDeduplicationId = deduplicationId;
    systemAttributes.SequenceNumber = String(++this.sequence).padStart(20, '0');
    this.context.journal?.deduplicationRecorded(this, deduplicationId, now + FIFO_DEDUPLICATION_MS, this.sequence);
    return undefined;
  }

  private newReceiptHandle(messageId: string): string {
    return Buffer.from(JSON.stringify([this.name, messageId, randomUUID()])).toString('base64url');
  }

  private messageIdOf(receiptHandle: string): string {
    try {
      const [queue, messageId] = JSON.parse(Buffer.from(receiptHandle, 'base64url').toString('utf8')) as unknown[];
      if (queue === this.name && typeof messageId === 'string') {
        return messageId;
      }
    } catch {
      // falls through to the error below
    }
    throw new ReceiptHandleIsInvalidError(receiptHandle);
  }
}

function toReceived(message: SqsMessage, receiptHandle: string): ReceivedMessage {
  return {
    messageId: message.messageId,
    receiptHandle,
    body: message.body,
    md5OfBody: message.md5OfBody,
    md5OfMessageAttributes: message.md5OfMessageAttributes,
    attributes: message.attributes(),
    messageAttributes: message.messageAttributes,
  };
}

// Characters SQS allows in a body: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
// eslint-disable-next-line no-control-regex
const INVALID_BODY_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function validateBody(body: string): void {
  if (typeof body !== 'string' || body.length === 0) {
    throw new MissingParameterError('MessageBody');
  }
  if (INVALID_BODY_CHARACTER.test(body)) {
    throw new InvalidMessageContentsError();
  }
}
