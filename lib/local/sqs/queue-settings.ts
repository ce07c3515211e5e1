import { parseArn } from '../arn';
import { InvalidAttributeNameError, InvalidAttributeValueError } from './sqs-errors';

/** The redrive policy of a source queue: where messages go after `maxReceiveCount` receives. */
export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** The settable attributes of a queue, parsed. Times in seconds, as SQS states them. */
export interface QueueSettings {
  readonly delaySeconds: number;
  readonly maximumMessageSize: number;
  readonly messageRetentionPeriod: number;
  readonly receiveMessageWaitTimeSeconds: number;
  readonly visibilityTimeout: number;
  readonly redrivePolicy?: RedrivePolicy;
  readonly fifoQueue: boolean;
  readonly contentBasedDeduplication: boolean;
  /** Attributes kept verbatim and echoed back (Policy, KMS, RedriveAllowPolicy, ...). */
  readonly passthrough: Readonly<Record<string, string>>;
}

/** SQS's defaults for a new queue. */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  delaySeconds: 0,
  maximumMessageSize: 1_048_576,
  messageRetentionPeriod: 345_600,
  receiveMessageWaitTimeSeconds: 0,
  visibilityTimeout: 30,
  fifoQueue: false,
  contentBasedDeduplication: false,
  passthrough: { SqsManagedSseEnabled: 'true' },
};

/** Attributes SQS computes; readable, never settable. */
export const COMPUTED_QUEUE_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

const PASSTHROUGH_ATTRIBUTES = [
  'Policy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/** Every attribute name GetQueueAttributes knows (besides `All`). */
export const QUEUE_ATTRIBUTE_NAMES: readonly string[] = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  ...PASSTHROUGH_ATTRIBUTES,
  ...COMPUTED_QUEUE_ATTRIBUTES,
];

const RANGES: Record<string, readonly [keyof QueueSettings, number, number]> = {
  DelaySeconds: ['delaySeconds', 0, 900],
  MaximumMessageSize: ['maximumMessageSize', 1024, 1_048_576],
  MessageRetentionPeriod: ['messageRetentionPeriod', 60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: ['receiveMessageWaitTimeSeconds', 0, 20],
  VisibilityTimeout: ['visibilityTimeout', 0, 43_200],
};

/**
 * The settings after applying `attributes` (CreateQueue / SetQueueAttributes) to `current`.
 * Throws `InvalidAttributeNameError` / `InvalidAttributeValueError` like SQS; `isCreate` allows
 * `FifoQueue`, which SQS refuses to change later.
 */
export function applyQueueAttributes(
  current: QueueSettings,
  attributes: Readonly<Record<string, string>>,
  isCreate: boolean,
): QueueSettings {
  let next: QueueSettings = current;
  const passthrough: Record<string, string> = { ...current.passthrough };
  for (const [name, value] of Object.entries(attributes)) {
    const range = RANGES[name];
    if (range) {
      const [key, min, max] = range;
      next = { ...next, [key]: integerIn(name, value, min, max) };
    } else if (name === 'RedrivePolicy') {
      next =
        value === '' ? { ...next, redrivePolicy: undefined } : { ...next, redrivePolicy: parseRedrivePolicy(value) };
    } else if (name === 'FifoQueue') {
      if (!isCreate && (value === 'true') !== current.fifoQueue) {
        throw new InvalidAttributeNameError(name);
      }
      next = { ...next, fifoQueue: booleanOf(name, value) };
    } else if (name === 'ContentBasedDeduplication') {
      next = { ...next, contentBasedDeduplication: booleanOf(name, value) };
    } else if ((PASSTHROUGH_ATTRIBUTES as readonly string[]).includes(name)) {
      passthrough[name] = value;
    } else {
      throw new InvalidAttributeNameError(name);
    }
  }
  if (next.contentBasedDeduplication && !next.fifoQueue) {
    throw new InvalidAttributeNameError('ContentBasedDeduplication');
  }
  return { ...next, passthrough };
}

/** The settable attributes of `settings` as SQS returns them, all strings. */
export function settingsToAttributes(settings: QueueSettings): Record<string, string> {
  const attributes: Record<string, string> = {
    DelaySeconds: String(settings.delaySeconds),
    MaximumMessageSize: String(settings.maximumMessageSize),
    MessageRetentionPeriod: String(settings.messageRetentionPeriod),
    ReceiveMessageWaitTimeSeconds: String(settings.receiveMessageWaitTimeSeconds),
    VisibilityTimeout: String(settings.visibilityTimeout),
    ...settings.passthrough,
  };
  if (settings.redrivePolicy) {
    attributes.RedrivePolicy = JSON.stringify(settings.redrivePolicy);
  }
  if (settings.fifoQueue) {
    attributes.FifoQueue = 'true';
    attributes.ContentBasedDeduplication = String(settings.contentBasedDeduplication);
  }
  return attributes;
}

function parseRedrivePolicy(value: string): RedrivePolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidAttributeValueError('RedrivePolicy', value, 'not valid json');
  }
  const policy = parsed as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } | null;
  const arn = policy?.deadLetterTargetArn;
  if (typeof arn !== 'string') {
    throw new InvalidAttributeValueError('RedrivePolicy', value, 'deadLetterTargetArn is required');
  }
  try {
    parseArn(arn);
  } catch {
    throw new InvalidAttributeValueError('RedrivePolicy', value, `'${arn}' is not an arn`);
  }
  const count = Number(policy?.maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new InvalidAttributeValueError('RedrivePolicy', value, 'maxReceiveCount must be an integer from 1 to 1000');
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

function integerIn(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
    throw new InvalidAttributeValueError(name, value, `must be an integer from ${min} to ${max}`);
  }
  return number;
}

function booleanOf(name: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') {
    throw new InvalidAttributeValueError(name, value, 'must be true or false');
  }
  return value === 'true';
}
