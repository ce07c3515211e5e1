import {
  InvalidDetailError,
  MalformedJsonError,
  NotAnEventBridgeEventError,
  UnexpectedSourceError,
  UnknownDetailTypeError,
  UnsubscribedDetailTypeError,
  UnsupportedSchemaVersionError,
  isPermanentFailure,
} from '../../../../functions/shared/message-errors';
import { parseSagaMessage, peekCorrelationId } from '../../../../functions/shared/saga-message';
import { PublishError } from '../../../../functions/shared/publish-errors';
import { envelopeFixture, invalidFixtureBody } from '../builders';

const placedBody = JSON.stringify(envelopeFixture('order-placed'));

describe('parseSagaMessage', () => {
  it('parses a whole EventBridge event into the typed saga event', () => {
    // Act
    const { event, eventBridgeId } = parseSagaMessage(placedBody, 'orders', ['OrderPlaced']);

    // Assess
    expect(event.detailType).toBe('OrderPlaced');
    expect(event.detail.data.orderId).toBe('ord-1001');
    expect(eventBridgeId).toBe(envelopeFixture('order-placed').id);
  });

  it('accepts an envelope that carries only the fields a consumer needs', () => {
    const { id, source, detail } = envelopeFixture('order-placed');
    const minimal = JSON.stringify({ id, source, 'detail-type': 'OrderPlaced', detail });

    expect(parseSagaMessage(minimal, 'orders', ['OrderPlaced']).event.detailType).toBe('OrderPlaced');
  });

  it.each([
    ['unparseable json', '{"id":', MalformedJsonError, '\'{"id":\''],
    ['a bare payload', invalidFixtureBody('not-an-envelope'), NotAnEventBridgeEventError, 'detail-type'],
    ['an unknown detail type', invalidFixtureBody('unknown-detail-type'), UnknownDetailTypeError, "'OrderTeleported'"],
    [
      'a detail type from the wrong source',
      invalidFixtureBody('order-placed-wrong-source'),
      UnexpectedSourceError,
      "'shop.payments'",
    ],
    [
      'an unknown schema version',
      invalidFixtureBody('order-placed-schema-version-2'),
      UnsupportedSchemaVersionError,
      "'2'",
    ],
    [
      'a detail that breaks its contract',
      invalidFixtureBody('schema-invalid-order-placed'),
      InvalidDetailError,
      'lines.0.quantity',
    ],
  ])('rejects %s with a permanent error quoting the offending value', (_, body, errorClass, quoted) => {
    // Act
    const act = () => parseSagaMessage(body, 'orders', ['OrderPlaced']);

    // Assess
    expect(act).toThrow(errorClass);
    expect(act).toThrow(quoted);
    try {
      act();
    } catch (error) {
      expect(isPermanentFailure(error)).toBe(true);
    }
  });

  it('rejects a saga event the service does not consume', () => {
    expect(() => parseSagaMessage(placedBody, 'payments', ['StockReserved'])).toThrow(UnsubscribedDetailTypeError);
  });
});

describe('isPermanentFailure', () => {
  it('treats a retryable publish error and an sdk error as transient', () => {
    expect(isPermanentFailure(new PublishError([], 4))).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))).toBe(false);
  });
});

describe('peekCorrelationId', () => {
  it('finds the order id of an event even when its detail is invalid', () => {
    expect(peekCorrelationId(invalidFixtureBody('schema-invalid-order-placed'))).toBe('ord-1001');
  });

  it('finds nothing in a body that is not json', () => {
    expect(peekCorrelationId('{')).toBeUndefined();
  });
});
