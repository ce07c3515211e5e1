import { readFileSync } from 'node:fs';
import { buildEvent, buildOrderPlaced, type OutgoingEvent } from '../../../functions/shared/event-builder';
import { describeIssues } from '../../../functions/shared/publish-errors';
import { contractFor, type DetailType, type EventData } from '../../contracts';
import { UsageError } from '../cli-errors';

/**
 * Turns the JSON given to `choreo publish` into an event.
 *
 * The JSON is the event's **data** (what the contract's `dataSchema` describes); the CLI builds
 * the metadata as a service would: for `OrderPlaced` with {@link buildOrderPlaced} (so sending
 * the same order twice gives the same event id), for other types with {@link buildEvent},
 * caused by `--causation-id` (default `cli:<orderId>`). A **whole detail** — an object with
 * exactly `metadata` and `data`, as a consumer received it or a DLQ holds it — is also accepted
 * and sent as it is, which republishes that very event (same event id).
 */
export function eventFromInput(
  detailType: DetailType,
  input: unknown,
  options: { readonly causationId?: string; readonly occurredAt: Date },
): OutgoingEvent {
  const contract = contractFor(detailType);
  if (isWholeDetail(input)) {
    const parsed = contract.detailSchema.safeParse(input);
    if (!parsed.success) {
      throw new UsageError(
        `the ${detailType} detail does not match its contract: ${describeIssues(parsed.error.issues)}`,
      );
    }
    return { detailType, detail: parsed.data };
  }
  const parsed = contract.dataSchema.safeParse(input);
  if (!parsed.success) {
    throw new UsageError(`the ${detailType} data does not match its contract: ${describeIssues(parsed.error.issues)}`);
  }
  const data = parsed.data as EventData<DetailType>;
  if (detailType === 'OrderPlaced') return buildOrderPlaced(data as EventData<'OrderPlaced'>, options.occurredAt);
  // Every contract's data names its order: the saga's correlation id.
  const { orderId } = data as { orderId: string };
  return buildEvent<DetailType>(detailType, data, {
    causationId: options.causationId ?? `cli:${orderId}`,
    correlationId: orderId,
    occurredAt: options.occurredAt,
  });
}

/** Parses JSON given on the command line or in a file; `origin` names it in the error. */
export function parseJsonInput(text: string, origin: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${origin} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads a JSON file given with `--detail-file`. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read --detail-file '${path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parseJsonInput(text, `--detail-file '${path}'`);
}

function isWholeDetail(input: unknown): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const keys = Object.keys(input).sort();
  return keys.length === 2 && keys[0] === 'data' && keys[1] === 'metadata';
}
