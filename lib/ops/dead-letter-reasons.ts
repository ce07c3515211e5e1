import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import { DEAD_LETTER_ATTRIBUTES } from '../contracts';

/** EventBridge's message attributes on an event it could not deliver to a rule target. */
const EVENTBRIDGE_ATTRIBUTES = {
  errorCode: 'ERROR_CODE',
  errorMessage: 'ERROR_MESSAGE',
  ruleArn: 'RULE_ARN',
  targetArn: 'TARGET_ARN',
} as const;

/** How a message came to be in a dead-letter queue. */
export type DeadLetterOrigin =
  /** The handler sent it itself: a permanent failure (DEAD_LETTER_ATTRIBUTES). */
  | 'handler'
  /** EventBridge could not deliver it to the rule target (ERROR_CODE, RULE_ARN...). */
  | 'eventbridge'
  /** The source queue's redrive policy moved it after too many receives. */
  | 'redrive'
  | 'unknown';

/** The business identity of the event a dead letter carries, when its body is a shop event. */
export interface DeadLetterEvent {
  readonly detailType?: string;
  readonly source?: string;
  readonly eventId?: string;
  readonly correlationId?: string;
  readonly time?: string;
}

/** One dead-lettered message with the reason it is there, as `choreo dlq show` prints it. */
export interface ExplainedDeadLetter {
  readonly messageId: string;
  readonly origin: DeadLetterOrigin;
  /** One line: why it is here. */
  readonly reason: string;
  readonly sentAt?: string;
  /** `ApproximateReceiveCount` (includes receives by `dlq show` itself). */
  readonly receiveCount?: number;
  /** `DeadLetterQueueSourceArn`, when SQS moved it. */
  readonly sourceQueueArn?: string;
  readonly event?: DeadLetterEvent;
  /** Every message attribute, as text. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly body: string;
}

function text(attribute: MessageAttributeValue | undefined): string | undefined {
  return (
    attribute?.StringValue ??
    (attribute?.BinaryValue ? Buffer.from(attribute.BinaryValue).toString('base64') : undefined)
  );
}

/** The shop event in a body (the EventBridge envelope an SQS target delivers), if it is one. */
function eventOf(body: string): DeadLetterEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const envelope = parsed as Record<string, unknown>;
  const metadata = (envelope.detail as { metadata?: Record<string, unknown> } | undefined)?.metadata ?? {};
  const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const event: DeadLetterEvent = {
    detailType: string(envelope['detail-type']),
    source: string(envelope.source),
    eventId: string(metadata.eventId),
    correlationId: string(metadata.correlationId),
    time: string(envelope.time),
  };
  return Object.values(event).some((value) => value !== undefined) ? event : undefined;
}

/**
 * Why a message is in a dead-letter queue, read from what each writer leaves on it: the
 * handler's DEAD_LETTER_ATTRIBUTES, EventBridge's ERROR_CODE/ERROR_MESSAGE/RULE_ARN/TARGET_ARN,
 * or SQS's `DeadLetterQueueSourceArn` and receive count after a redrive-policy move.
 */
export function explainDeadLetter(message: Message): ExplainedDeadLetter {
  const attributes = Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).flatMap(([name, value]) => {
      const asText = text(value);
      return asText === undefined ? [] : [[name, asText]];
    }),
  ) as Record<string, string>;
  const system = message.Attributes ?? {};
  const receiveCount =
    system.ApproximateReceiveCount === undefined ? undefined : Number(system.ApproximateReceiveCount);
  const sourceQueueArn = system.DeadLetterQueueSourceArn;
  const sentTimestamp = Number(system.SentTimestamp);
  const body = message.Body ?? '';

  let origin: DeadLetterOrigin = 'unknown';
  let reason = 'no reason recorded (sent to the queue directly?)';
  if (attributes[DEAD_LETTER_ATTRIBUTES.reason] !== undefined) {
    origin = 'handler';
    const errorName = attributes[DEAD_LETTER_ATTRIBUTES.errorName];
    const service = attributes[DEAD_LETTER_ATTRIBUTES.service];
    const from = attributes[DEAD_LETTER_ATTRIBUTES.sourceQueue];
    reason = `${service ?? 'the handler'} gave up: ${errorName ? `${errorName}: ` : ''}${attributes[DEAD_LETTER_ATTRIBUTES.reason]}${from ? ` (from ${from})` : ''}`;
  } else if (attributes[EVENTBRIDGE_ATTRIBUTES.errorCode] !== undefined) {
    origin = 'eventbridge';
    const rule = attributes[EVENTBRIDGE_ATTRIBUTES.ruleArn];
    const target = attributes[EVENTBRIDGE_ATTRIBUTES.targetArn];
    reason = `eventbridge could not deliver: ${attributes[EVENTBRIDGE_ATTRIBUTES.errorCode]}: ${attributes[EVENTBRIDGE_ATTRIBUTES.errorMessage] ?? ''}${rule ? ` (rule ${rule}${target ? ` → ${target}` : ''})` : ''}`;
  } else if (sourceQueueArn !== undefined) {
    origin = 'redrive';
    // The count keeps growing with every look (dlq show receives too), so it is not "the" count.
    reason = `moved here by the redrive policy of ${sourceQueueArn} (receive count now ${receiveCount ?? '?'})`;
  }

  return {
    messageId: message.MessageId ?? '',
    origin,
    reason,
    ...(Number.isFinite(sentTimestamp) && sentTimestamp > 0 ? { sentAt: new Date(sentTimestamp).toISOString() } : {}),
    ...(receiveCount !== undefined && Number.isFinite(receiveCount) ? { receiveCount } : {}),
    ...(sourceQueueArn ? { sourceQueueArn } : {}),
    ...(eventOf(body) ? { event: eventOf(body) } : {}),
    attributes,
    body,
  };
}
