import {
  PutEventsCommand,
  type EventBridgeClient,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import { contractFor, isDetailType, type DetailType } from '../../lib/contracts';
import type { OutgoingEvent } from './event-builder';
import {
  EventTooLargeError,
  EventValidationError,
  PublishError,
  describeIssues,
  type FailedEntry,
} from './publish-errors';

/** PutEvents accepts at most this many entries per request. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
/**
 * The bytes of one PutEvents request (and so of one entry), counted as {@link putEventsEntrySize}
 * does. 256 KB is the limit every EventBridge-compatible bus has enforced; AWS raised its own to
 * 1 MB in January 2026, which {@link EventPublisherOptions.maxRequestBytes} can opt into.
 */
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

/**
 * Entry error codes EventBridge documents as non-retryable, plus the missing-bus answer: asking
 * again gives the same answer. Any other code (InternalFailure, ThrottlingException, or one
 * added later) is retried.
 */
const NON_RETRYABLE_ENTRY_ERRORS: ReadonlySet<string> = new Set([
  'ResourceNotFoundException',
  'AccessDeniedException',
  'InvalidAccountIdException',
  'InvalidArgument',
  'MalformedDetail',
  'RedactionFailure',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);

/**
 * The size EventBridge counts for one PutEvents entry ("Calculating PutEvents event entry size"):
 * 14 bytes for `Time` if set, plus the UTF-8 bytes of `Source`, `DetailType`, `Detail` and each
 * of `Resources`. `EventBusName` and `TraceHeader` are not counted.
 */
export function putEventsEntrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0;
  size += Buffer.byteLength(entry.Source ?? '', 'utf8');
  size += Buffer.byteLength(entry.DetailType ?? '', 'utf8');
  size += Buffer.byteLength(entry.Detail ?? '', 'utf8');
  for (const resource of entry.Resources ?? []) size += Buffer.byteLength(resource, 'utf8');
  return size;
}

/** An event EventBridge accepted. */
export interface PublishedEntry {
  readonly detailType: DetailType;
  /** `metadata.eventId`: deterministic, what consumers deduplicate on. */
  readonly eventId: string;
  /** EventBridge's envelope `id`: new on every PutEvents, useful only to find the event in logs. */
  readonly eventBridgeId: string;
}

export interface EventPublisherOptions {
  readonly client: EventBridgeClient;
  readonly eventBusName: string;
  /**
   * PutEvents attempts for an entry EventBridge did not accept, the first one included.
   * @default 4
   */
  readonly maxAttempts?: number;
  /**
   * Backoff before retry n is a random delay in [0, min(maxDelayMs, baseDelayMs × 2^(n-1))]
   * ("full jitter"), so that many publishers throttled together do not retry in step.
   * @default 50
   */
  readonly baseDelayMs?: number;
  /** @default 2000 */
  readonly maxDelayMs?: number;
  /**
   * Most bytes per PutEvents request, and so per entry; an entry over it is rejected before sending.
   * @default PUT_EVENTS_MAX_BYTES (256 KB)
   */
  readonly maxRequestBytes?: number;
  /** @default - a setTimeout promise */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1). @default Math.random */
  readonly random?: () => number;
}

interface PreparedEntry {
  readonly index: number;
  readonly detailType: DetailType;
  readonly eventId: string;
  readonly entry: PutEventsRequestEntry;
  readonly size: number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Publishes saga events to one event bus with PutEvents.
 *
 * Every detail is validated against its contract before anything is sent, so a batch is either
 * rejected whole or sent. Entries go out in requests of at most 10 entries and 256 KB
 * (`maxRequestBytes`); entries EventBridge does not accept are retried alone, with exponential
 * backoff and full jitter. The
 * SDK client's own retry strategy already handles throttled or failed *requests*, so a request
 * that still fails is not retried again here: it surfaces as a {@link PublishError}.
 *
 * @example
 * const publisher = new EventPublisher({ client: new EventBridgeClient({}), eventBusName: 'shop-choreography' });
 * await publisher.publish([buildOrderPlaced(order)]);
 */
export class EventPublisher {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRequestBytes: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: EventPublisherOptions) {
    if (!options.eventBusName) throw new RangeError(`eventBusName must not be empty, got '${options.eventBusName}'`);
    this.maxAttempts = options.maxAttempts ?? 4;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) {
      throw new RangeError(`maxAttempts must be a whole number of at least 1, got '${options.maxAttempts}'`);
    }
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 2000;
    this.maxRequestBytes = options.maxRequestBytes ?? PUT_EVENTS_MAX_BYTES;
    this.sleep = options.sleep ?? sleepFor;
    this.random = options.random ?? Math.random;
  }

  /**
   * Validates, then publishes `events`; returns one entry per event, in input order.
   *
   * @throws EventValidationError a detail does not match its contract (nothing was sent)
   * @throws EventTooLargeError an entry alone is over `maxRequestBytes` (nothing was sent)
   * @throws PublishError entries still not accepted after the last attempt, or a request failed;
   *   the others were published
   */
  async publish(events: readonly OutgoingEvent[]): Promise<PublishedEntry[]> {
    const prepared = events.map((event, index) => this.prepare(event, index));
    const published: PublishedEntry[] = [];
    const failed: FailedEntry[] = [];
    let attempts = 0;
    for (const chunk of chunkEntries(prepared, this.maxRequestBytes)) {
      const outcome = await this.sendChunk(chunk);
      for (const entry of outcome.published) published[entry.index] = entry.result;
      failed.push(...outcome.failed);
      attempts = Math.max(attempts, outcome.attempts);
      if (outcome.requestFailed) {
        throw requestFailure(
          outcome.requestError,
          failed,
          prepared.slice(chunk[chunk.length - 1]!.index + 1),
          attempts,
        );
      }
    }
    if (failed.length > 0) {
      const retryable = failed.some((entry) => !NON_RETRYABLE_ENTRY_ERRORS.has(entry.errorCode));
      throw new PublishError(failed, attempts, { retryable });
    }
    return published;
  }

  private prepare(event: OutgoingEvent, index: number): PreparedEntry {
    if (!isDetailType(event.detailType)) {
      throw new EventValidationError(
        index,
        String(event.detailType),
        `unknown detail type '${String(event.detailType)}'`,
      );
    }
    const contract = contractFor(event.detailType);
    const parsed = contract.detailSchema.safeParse(event.detail);
    if (!parsed.success) throw new EventValidationError(index, event.detailType, describeIssues(parsed.error.issues));
    const entry: PutEventsRequestEntry = {
      EventBusName: this.options.eventBusName,
      Source: contract.source,
      DetailType: contract.detailType,
      Detail: JSON.stringify(parsed.data),
    };
    const eventId = parsed.data.metadata.eventId;
    const size = putEventsEntrySize(entry);
    if (size > this.maxRequestBytes) {
      throw new EventTooLargeError(index, event.detailType, eventId, size, this.maxRequestBytes);
    }
    return { index, detailType: event.detailType, eventId, entry, size };
  }

  /** Sends one chunk, retrying the entries EventBridge did not accept. */
  private async sendChunk(chunk: readonly PreparedEntry[]): Promise<ChunkOutcome> {
    const outcome: ChunkOutcome = { published: [], failed: [], attempts: 0, requestFailed: false };
    let pending = chunk;
    while (pending.length > 0) {
      if (outcome.attempts > 0) await this.sleep(this.backoffDelay(outcome.attempts));
      outcome.attempts += 1;
      let results: readonly PutEventsResultEntry[];
      try {
        const response = await this.options.client.send(
          new PutEventsCommand({ Entries: pending.map((prepared) => prepared.entry) }),
        );
        results = response.Entries ?? [];
      } catch (error) {
        outcome.failed.push(
          ...pending.map((prepared) => failedEntry(prepared, errorCodeOf(error), errorMessageOf(error))),
        );
        outcome.requestFailed = true;
        outcome.requestError = error;
        return outcome;
      }
      const retry: PreparedEntry[] = [];
      pending.forEach((prepared, position) => {
        // EventBridge answers entry by entry, in request order.
        const result = results[position];
        if (result?.EventId && !result.ErrorCode) {
          outcome.published.push({
            index: prepared.index,
            result: { detailType: prepared.detailType, eventId: prepared.eventId, eventBridgeId: result.EventId },
          });
          return;
        }
        const failure = failedEntry(
          prepared,
          result?.ErrorCode ?? 'MissingResult',
          result?.ErrorMessage ?? 'PutEvents returned no result for this entry',
        );
        if (NON_RETRYABLE_ENTRY_ERRORS.has(failure.errorCode) || outcome.attempts >= this.maxAttempts) {
          outcome.failed.push(failure);
        } else {
          retry.push(prepared);
        }
      });
      pending = retry;
    }
    return outcome;
  }

  /** Full jitter: a random delay up to the capped exponential backoff for the given retry. */
  private backoffDelay(retry: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (retry - 1));
    return Math.floor(this.random() * ceiling);
  }
}

interface ChunkOutcome {
  readonly published: { index: number; result: PublishedEntry }[];
  readonly failed: FailedEntry[];
  attempts: number;
  /** The PutEvents request itself failed (after the SDK's own retries); `requestError` says why. */
  requestFailed?: boolean;
  requestError?: unknown;
}

/** Groups entries, in order, into requests of at most 10 entries and `maxBytes`. */
function chunkEntries(entries: readonly PreparedEntry[], maxBytes: number): PreparedEntry[][] {
  const chunks: PreparedEntry[][] = [];
  let current: PreparedEntry[] = [];
  let currentSize = 0;
  for (const entry of entries) {
    if (current.length === PUT_EVENTS_MAX_ENTRIES || currentSize + entry.size > maxBytes) {
      chunks.push(current);
      current = [];
      currentSize = 0;
    }
    current.push(entry);
    currentSize += entry.size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function failedEntry(prepared: PreparedEntry, errorCode: string, errorMessage: string): FailedEntry {
  return { detailType: prepared.detailType, eventId: prepared.eventId, errorCode, errorMessage };
}

function requestFailure(
  error: unknown,
  failed: readonly FailedEntry[],
  unsent: readonly PreparedEntry[],
  attempts: number,
): PublishError {
  const notSent = unsent.map((prepared) =>
    failedEntry(prepared, 'NotSent', 'not sent because an earlier PutEvents request failed'),
  );
  return new PublishError([...failed, ...notSent], attempts, { cause: error });
}

function errorCodeOf(error: unknown): string {
  if (error instanceof Error) return (error as { code?: string }).code ?? error.name;
  return 'UnknownError';
}

function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
