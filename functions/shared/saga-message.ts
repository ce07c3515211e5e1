import * as z from 'zod/mini';
import { contractFor, isDetailType, type DetailType, type SagaEvent } from '../../lib/contracts';
import {
  InvalidDetailError,
  MalformedJsonError,
  NotAnEventBridgeEventError,
  UnexpectedSourceError,
  UnknownDetailTypeError,
  UnsubscribedDetailTypeError,
  UnsupportedSchemaVersionError,
} from './message-errors';
import { describeIssues } from './publish-errors';

/** The saga event of one of the given detail types. */
export type SagaEventOf<T extends DetailType> = Extract<SagaEvent, { detailType: T }>;

/**
 * The parts of the EventBridge envelope a consumer relies on. Other envelope fields (`version`,
 * `account`, `time`, `region`, `resources`) are allowed but not required, so that a rule target
 * delivering the whole event works however complete the sender's envelope is.
 */
const envelopeSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  'detail-type': z.string().check(z.minLength(1)),
  source: z.string().check(z.minLength(1)),
  detail: z.record(z.string(), z.unknown()),
});

/** A message body that passed every check: the typed saga event and the envelope id. */
export interface ParsedSagaMessage<T extends DetailType> {
  readonly event: SagaEventOf<T>;
  /** EventBridge's envelope id: differs on each PutEvents, useful only to find the event in logs. */
  readonly eventBridgeId: string;
}

const EXCERPT_LENGTH = 80;

/**
 * Parses an SQS message body holding a whole EventBridge event (what a rule's SQS target
 * delivers) into a typed saga event this service consumes.
 *
 * The checks run from cheapest to most specific, and each failure is its own permanent error:
 * JSON → envelope → known detail type → consumed by `service` → source is the contract's
 * producer → `metadata.schemaVersion` equals the contract's version → detail matches the
 * contract's schema.
 *
 * @throws InvalidMessageError (one of its subclasses) when the message can never be handled
 */
export function parseSagaMessage<T extends DetailType>(
  body: string,
  service: string,
  consumes: readonly T[],
): ParsedSagaMessage<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new MalformedJsonError(body.slice(0, EXCERPT_LENGTH), error);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new NotAnEventBridgeEventError(describeIssues(envelope.error.issues));

  const { 'detail-type': detailType, source, detail, id } = envelope.data;
  if (!isDetailType(detailType)) throw new UnknownDetailTypeError(detailType);
  if (!(consumes as readonly string[]).includes(detailType)) throw new UnsubscribedDetailTypeError(detailType, service);

  const contract = contractFor(detailType);
  if (source !== contract.source) throw new UnexpectedSourceError(detailType, source, contract.source);

  const schemaVersion = (detail.metadata as { schemaVersion?: unknown } | undefined)?.schemaVersion;
  if (typeof schemaVersion === 'string' && schemaVersion !== contract.version) {
    throw new UnsupportedSchemaVersionError(detailType, schemaVersion, contract.version);
  }
  const parsed = contract.detailSchema.safeParse(detail);
  if (!parsed.success) throw new InvalidDetailError(detailType, describeIssues(parsed.error.issues));

  return { event: { detailType, detail: parsed.data } as SagaEventOf<T>, eventBridgeId: id };
}

/**
 * The order id of a message, read as leniently as possible, so that even a message rejected as
 * invalid is logged with its correlation id when it has one.
 */
export function peekCorrelationId(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as {
      detail?: { metadata?: { correlationId?: unknown }; data?: { orderId?: unknown } };
    };
    const candidate = json.detail?.metadata?.correlationId ?? json.detail?.data?.orderId;
    return typeof candidate === 'string' ? candidate : undefined;
  } catch {
    return undefined;
  }
}
