import { deriveEventId, EVENT_CONTRACTS } from '../contracts';
import type { DocumentedEventContract } from '../contracts/event-documentation';
import type { AppModel } from '../local/assembly';
import { InvalidExampleError } from './diagram-errors';

/** When every example event happened: fixed, so the generated documents never change by themselves. */
export const EXAMPLE_OCCURRED_AT = '2026-11-28T12:00:00.000Z';

/** The storefront's request id that starts the example saga. */
export const EXAMPLE_REQUEST_ID = 'req-ord-1001';

/** The detail of an example event: metadata and data. */
export interface ExampleDetail {
  readonly metadata: {
    readonly eventId: string;
    readonly correlationId: string;
    readonly causationId: string;
    readonly occurredAt: string;
    readonly schemaVersion: string;
  };
  readonly data: unknown;
}

/**
 * A valid detail of the contract: its `exampleData` with example metadata. The order placed is
 * caused by the storefront's request and causes every other example, so the ids are real
 * derived ids (the causation chain is simplified). Throws {@link InvalidExampleError} when the
 * contract's own schema rejects it.
 */
export function exampleDetailOf(contract: DocumentedEventContract): ExampleDetail {
  const data = contract.exampleData as Record<string, unknown>;
  const startsSaga = contract.detailType === EVENT_CONTRACTS.OrderPlaced.detailType;
  const causationId = startsSaga
    ? EXAMPLE_REQUEST_ID
    : deriveEventId(EXAMPLE_REQUEST_ID, EVENT_CONTRACTS.OrderPlaced.detailType);
  const detail: ExampleDetail = {
    metadata: {
      eventId: deriveEventId(causationId, contract.detailType),
      correlationId: typeof data['orderId'] === 'string' ? data['orderId'] : 'ord-1001',
      causationId,
      occurredAt: EXAMPLE_OCCURRED_AT,
      schemaVersion: contract.version,
    },
    data: contract.exampleData,
  };
  const parsed = contract.detailSchema.safeParse(detail);
  if (!parsed.success) {
    throw new InvalidExampleError(
      contract.detailType,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  return detail;
}

/** The example event as EventBridge matches it: the envelope, put by the app's account. */
export function exampleEnvelopeOf(
  contract: DocumentedEventContract,
  model: Pick<AppModel, 'accountId' | 'region'>,
): Record<string, unknown> {
  return {
    version: '0',
    id: exampleDetailOf(contract).metadata.eventId,
    'detail-type': contract.detailType,
    source: contract.source,
    account: model.accountId,
    time: EXAMPLE_OCCURRED_AT.replace(/\.\d{3}Z$/, 'Z'),
    region: model.region,
    resources: [],
    detail: exampleDetailOf(contract),
  };
}
