import {
  DETAIL_TYPES,
  EVENT_CONTRACTS,
  MAX_LINE_QUANTITY,
  MAX_ORDER_TOTAL_MINOR_UNITS,
  SERVICE_NAMES,
  deriveEventId,
  eventPatternJsonFor,
  publicationsOf,
  serviceResourceNames,
  stackName,
  subscriptionsOf,
} from '../../../lib/contracts';
import { jsonSchemaOf } from '../../../lib/contracts/export-json-schemas';
import { EVENT_DOCUMENTATION } from '../../../lib/contracts/event-documentation';
import { VALID_METADATA } from './valid-metadata';

describe('event contracts', () => {
  it.each(DETAIL_TYPES)('accepts the example detail of %s', (detailType) => {
    // GIVEN the contract's own example data
    const contract = EVENT_CONTRACTS[detailType];
    // WHEN it is parsed as a whole detail
    const result = contract.detailSchema.safeParse({
      metadata: VALID_METADATA,
      data: EVENT_DOCUMENTATION[detailType].exampleData,
    });
    // THEN it is valid
    expect(result.error?.issues).toBeUndefined();
  });

  it('rejects a detail whose schema version is not the contract version', () => {
    const result = EVENT_CONTRACTS.OrderPlaced.detailSchema.safeParse({
      metadata: { ...VALID_METADATA, schemaVersion: '2' },
      data: EVENT_DOCUMENTATION.OrderPlaced.exampleData,
    });
    expect(result.success).toBe(false);
  });

  it('rejects card numbers in place of a payment token', () => {
    const result = EVENT_CONTRACTS.OrderPlaced.dataSchema.safeParse({
      ...EVENT_DOCUMENTATION.OrderPlaced.exampleData,
      paymentToken: '4111111111111111',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('vault token');
  });

  it('rejects an order whose sku appears on two lines', () => {
    const line = { sku: 'sku-mouse', quantity: 1, unitPrice: 2500 };
    const result = EVENT_CONTRACTS.OrderPlaced.dataSchema.safeParse({
      ...EVENT_DOCUMENTATION.OrderPlaced.exampleData,
      lines: [line, line],
    });
    expect(result.success).toBe(false);
  });

  it('refuses an order whose lines each pass but whose total exceeds the order maximum', () => {
    const lines = [
      { sku: 'sku-gold-bar', quantity: 1000, unitPrice: MAX_ORDER_TOTAL_MINOR_UNITS },
      { sku: 'sku-silver-bar', quantity: 1000, unitPrice: MAX_ORDER_TOTAL_MINOR_UNITS },
    ];
    const result = EVENT_CONTRACTS.OrderPlaced.dataSchema.safeParse({
      ...EVENT_DOCUMENTATION.OrderPlaced.exampleData,
      lines,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(
      `the order total (sum of quantity × unitPrice) must be at most ${MAX_ORDER_TOTAL_MINOR_UNITS} minor units`,
    );
  });

  it('accepts an order whose total is exactly the order maximum', () => {
    const lines = [{ sku: 'sku-gold-bar', quantity: 1, unitPrice: MAX_ORDER_TOTAL_MINOR_UNITS }];
    const result = EVENT_CONTRACTS.OrderPlaced.dataSchema.safeParse({
      ...EVENT_DOCUMENTATION.OrderPlaced.exampleData,
      lines,
    });
    expect(result.success).toBe(true);
  });

  it('refuses amounts above the maximum and quantities above the line maximum', () => {
    const { exampleData } = EVENT_DOCUMENTATION.PaymentCompleted;
    expect(
      EVENT_CONTRACTS.PaymentCompleted.dataSchema.safeParse({ ...exampleData, amount: MAX_ORDER_TOTAL_MINOR_UNITS + 1 })
        .success,
    ).toBe(false);
    const tooMany = [{ sku: 'sku-mouse', quantity: MAX_LINE_QUANTITY + 1, unitPrice: 1 }];
    expect(
      EVENT_CONTRACTS.OrderPlaced.dataSchema.safeParse({
        ...EVENT_DOCUMENTATION.OrderPlaced.exampleData,
        lines: tooMany,
      }).success,
    ).toBe(false);
  });

  it('rejects unknown fields in the data, so contracts cannot drift silently', () => {
    const result = EVENT_CONTRACTS.OrderConfirmed.dataSchema.safeParse({
      ...EVENT_DOCUMENTATION.OrderConfirmed.exampleData,
      cardNumber: '4111111111111111',
    });
    expect(result.success).toBe(false);
  });

  it('gives every event a producer and at least one consumer', () => {
    for (const contract of Object.values(EVENT_CONTRACTS)) {
      expect(contract.producer).toBeTruthy();
      expect(contract.consumers.length).toBeGreaterThan(0);
    }
  });

  it('lets only the storefront publish OrderPlaced, from its own source', () => {
    expect(EVENT_CONTRACTS.OrderPlaced.source).toBe('shop.storefront');
    expect(SERVICE_NAMES.flatMap((service) => publicationsOf(service)).map((c) => c.detailType)).not.toContain(
      'OrderPlaced',
    );
  });

  it('derives the subscriptions of each service from the contracts', () => {
    expect(
      subscriptionsOf('inventory')
        .map((c) => c.detailType)
        .sort(),
    ).toEqual(['OrderCancelled', 'OrderPlaced', 'PaymentFailed']);
    expect(
      subscriptionsOf('notifications')
        .map((c) => c.detailType)
        .sort(),
    ).toEqual(['OrderCancelled', 'OrderConfirmed']);
    expect(publicationsOf('notifications')).toEqual([]);
  });

  it('builds rule patterns from the contract constants', () => {
    expect(eventPatternJsonFor(EVENT_CONTRACTS.PaymentFailed)).toEqual({
      source: ['shop.payments'],
      'detail-type': ['PaymentFailed'],
    });
  });
});

describe('deterministic event ids', () => {
  it('derives the same id from the same cause and type', () => {
    expect(deriveEventId('cause-1', 'StockReserved')).toBe(deriveEventId('cause-1', 'StockReserved'));
  });

  it('derives different ids for different types of the same cause', () => {
    expect(deriveEventId('cause-1', 'StockReserved')).not.toBe(deriveEventId('cause-1', 'StockReservationFailed'));
  });

  it('derives version 5 UUIDs', () => {
    expect(deriveEventId('cause-1', 'StockReserved')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('naming', () => {
  it('prefixes stacks and resources with the stage', () => {
    expect(stackName('choreography', 'Bus', 'dev')).toBe('dev-Choreography-Bus');
    expect(serviceResourceNames('orchestration', 'payments', 'dev').deadLetterQueue).toBe(
      'dev-shop-orchestration-payments-dlq',
    );
  });
});

describe('JSON Schema export', () => {
  it.each(DETAIL_TYPES)('exports %s with its routing facts', (detailType) => {
    const schema = jsonSchemaOf(detailType);
    expect(schema['x-detail-type']).toBe(detailType);
    expect(schema['x-source']).toBe(EVENT_CONTRACTS[detailType].source);
    expect(schema).toHaveProperty('properties.data');
  });
});
