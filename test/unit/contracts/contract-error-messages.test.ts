import { EVENT_CONTRACTS } from '../../../lib/contracts';
import { EVENT_DOCUMENTATION } from '../../../lib/contracts/event-documentation';

/** `path: message` of every issue, as the handlers put them in dead-letter reasons and CLI errors. */
function issuesOf(result: { error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }) {
  return result.error?.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
}

// The expected texts are what the contracts said on `zod` (classic) before they moved to `zod/mini`
// for smaller bundles: users must keep seeing the same English messages.
describe('contract error messages', () => {
  it.each([
    {
      name: 'bad data',
      schema: EVENT_CONTRACTS.OrderPlaced.dataSchema,
      input: {
        ...EVENT_DOCUMENTATION.OrderPlaced.exampleData,
        orderId: 5,
        extra: 1,
        currency: 'eur',
        lines: [
          { sku: 'a', quantity: 1.5, unitPrice: -1 },
          { sku: 'b', quantity: 1001, unitPrice: 1 },
        ],
      },
      messages: [
        'orderId: Invalid input: expected string, received number',
        'lines.0.quantity: Invalid input: expected int, received number',
        'lines.0.unitPrice: Too small: expected number to be >=0',
        'lines.1.quantity: Too big: expected number to be <=1000',
        'currency: currency is an ISO 4217 code such as EUR',
        ': Unrecognized key: "extra"',
      ],
    },
    {
      name: 'bad metadata and formats',
      schema: EVENT_CONTRACTS.ShipmentScheduled.detailSchema,
      input: {
        metadata: { eventId: 'x', correlationId: '', causationId: 'c', occurredAt: 'y', schemaVersion: '2' },
        data: {
          ...EVENT_DOCUMENTATION.ShipmentScheduled.exampleData,
          carrier: 'FEDEX',
          estimatedDelivery: '2026-13-01',
        },
      },
      messages: [
        'metadata.eventId: Invalid UUID',
        'metadata.correlationId: Too small: expected string to have >=1 characters',
        'metadata.occurredAt: Invalid ISO datetime',
        'metadata.schemaVersion: Invalid input: expected "1"',
        'data.carrier: Invalid option: expected one of "DHL"|"UPS"|"POSTNL"',
        'data.estimatedDelivery: Invalid ISO date',
      ],
    },
  ])('reads the same as before the move to zod/mini for $name', ({ schema, input, messages }) => {
    // Act
    const result = schema.safeParse(input);

    // Assess
    expect(issuesOf(result)).toEqual(messages);
  });

  it('keeps the custom messages of refinements', () => {
    // Prepare
    const line = { sku: 'sku-mouse', quantity: 1, unitPrice: 2500 };

    // Act
    const duplicate = EVENT_CONTRACTS.OrderPlaced.dataSchema.safeParse({
      ...EVENT_DOCUMENTATION.OrderPlaced.exampleData,
      lines: [line, line],
    });
    const empty = EVENT_CONTRACTS.OrderPlaced.dataSchema.safeParse({
      ...EVENT_DOCUMENTATION.OrderPlaced.exampleData,
      lines: [],
    });

    // Assess
    expect(issuesOf(duplicate)).toEqual(['lines: each sku appears on one line only']);
    expect(issuesOf(empty)).toEqual(['lines: an order has at least one line']);
  });
});
