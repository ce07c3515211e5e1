import { evaluateConditionBlock } from '../../../lib/local/iam';

const RULE_ARN = 'arn:aws:events:us-east-1:000000000000:rule/shop-choreography/payments-stock-reserved';

type Condition = Parameters<typeof evaluateConditionBlock>[0];
type RequestContext = Parameters<typeof evaluateConditionBlock>[1];

/** What an operator does, and the requests that show it: `[condition, request context, whether it holds]`. */
const BEHAVIOURS: Record<
  string,
  readonly (readonly [condition: Condition, context: RequestContext, holds: boolean])[]
> = {
  'looks condition keys up case-insensitively but compares string values case-sensitively': [
    [{ StringEquals: { 'Events:Source': 'shop.orders' } }, { 'events:source': 'shop.orders' }, true],
    [{ StringEquals: { 'events:source': 'Shop.Orders' } }, { 'events:source': 'shop.orders' }, false],
    [{ StringEqualsIgnoreCase: { 'events:source': 'Shop.Orders' } }, { 'events:source': 'shop.orders' }, true],
  ],
  'holds a negated operator when the value is none of the listed ones, or the key is absent': [
    [
      { StringNotEquals: { 'events:source': ['shop.orders', 'shop.storefront'] } },
      { 'events:source': 'shop.payments' },
      true,
    ],
    [
      { StringNotEquals: { 'events:source': ['shop.orders', 'shop.storefront'] } },
      { 'events:source': 'shop.storefront' },
      false,
    ],
    [{ StringNotEquals: { 'events:source': ['shop.orders', 'shop.storefront'] } }, {}, true],
  ],
  'matches StringLike and StringNotLike wildcards': [
    [{ StringLike: { 'events:source': 'shop.*' } }, { 'events:source': 'shop.orders' }, true],
    [{ StringLike: { 'events:source': 'shop.?rders' } }, { 'events:source': 'shop.orders' }, true],
    [{ StringNotLike: { 'events:source': 'shop.*' } }, { 'events:source': 'shop.orders' }, false],
  ],
  'matches ArnEquals and ArnLike part by part, as queue policies use them': [
    [{ ArnEquals: { 'aws:SourceArn': RULE_ARN } }, { 'aws:SourceArn': RULE_ARN }, true],
    [
      { ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:000000000000:rule/shop-choreography/*' } },
      { 'aws:SourceArn': RULE_ARN },
      true,
    ],
    [{ ArnLike: { 'aws:SourceArn': 'arn:aws:events:*' } }, { 'aws:SourceArn': RULE_ARN }, false],
    [{ ArnNotEquals: { 'aws:SourceArn': RULE_ARN } }, { 'aws:SourceArn': RULE_ARN }, false],
  ],
  'compares Bool values as written in templates, booleans included': [
    [{ Bool: { 'aws:SecureTransport': false } }, { 'aws:SecureTransport': 'false' }, true],
    [{ Bool: { 'aws:SecureTransport': false } }, { 'aws:SecureTransport': 'true' }, false],
    [{ Bool: { 'aws:SecureTransport': false } }, {}, false],
    [{ BoolIfExists: { 'aws:SecureTransport': 'false' } }, {}, true],
  ],
  'lets IfExists pass a missing key but still test a present one': [
    [{ StringEqualsIfExists: { 'events:source': 'shop.orders' } }, {}, true],
    [{ StringEqualsIfExists: { 'events:source': 'shop.orders' } }, { 'events:source': 'shop.payments' }, false],
  ],
  'requires one matching value under ForAnyValue, and fails it for no values': [
    [
      { 'ForAnyValue:StringLike': { 'events:source': 'shop.pay*' } },
      { 'events:source': ['shop.orders', 'shop.payments'] },
      true,
    ],
    [{ 'ForAnyValue:StringLike': { 'events:source': 'shop.pay*' } }, { 'events:source': ['shop.orders'] }, false],
    [{ 'ForAnyValue:StringLike': { 'events:source': 'shop.pay*' } }, {}, false],
  ],
  'tests presence with Null': [
    [{ Null: { 'aws:SourceArn': 'true' } }, {}, true],
    [{ Null: { 'aws:SourceArn': 'true' } }, { 'aws:SourceArn': RULE_ARN }, false],
    [{ Null: { 'aws:SourceArn': false } }, { 'aws:SourceArn': RULE_ARN }, true],
  ],
  'compares numbers and dates': [
    [{ NumericLessThanEquals: { 'sqs:MaxItems': '10' } }, { 'sqs:MaxItems': '10' }, true],
    [{ NumericGreaterThan: { 'sqs:MaxItems': '10' } }, { 'sqs:MaxItems': 'ten' }, false],
    [
      { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } },
      { 'aws:CurrentTime': '2026-11-28T12:00:00Z' },
      true,
    ],
  ],
};

describe('evaluateConditionBlock', () => {
  describe.each(Object.entries(BEHAVIOURS))('%s', (_behaviour, cases) => {
    it.each(cases)('%j on %j holds: %s', (condition, context, holds) => {
      expect(evaluateConditionBlock(condition, context).holds).toBe(holds);
    });
  });

  it('holds when there is no condition', () => {
    expect(evaluateConditionBlock(undefined, {})).toEqual({ holds: true });
  });

  it('treats the values of one key as alternatives and the keys as all required', () => {
    const condition = {
      StringEquals: { 'events:source': ['shop.orders', 'shop.payments'], 'events:detail-type': 'PaymentCompleted' },
    };

    const both = evaluateConditionBlock(condition, {
      'events:source': 'shop.payments',
      'events:detail-type': 'PaymentCompleted',
    });
    const wrongType = evaluateConditionBlock(condition, {
      'events:source': 'shop.payments',
      'events:detail-type': 'PaymentFailed',
    });

    expect(both.holds).toBe(true);
    expect(wrongType).toEqual({
      holds: false,
      reason: "StringEquals events:detail-type: 'PaymentFailed' does not match 'PaymentCompleted'",
    });
  });

  it('requires every value to match under ForAllValues, and holds it for no values', () => {
    const condition = { 'ForAllValues:StringEquals': { 'events:source': ['shop.orders', 'shop.inventory'] } };

    expect(evaluateConditionBlock(condition, { 'events:source': ['shop.orders', 'shop.inventory'] }).holds).toBe(true);
    expect(evaluateConditionBlock(condition, { 'events:source': ['shop.orders', 'shop.payments'] })).toEqual({
      holds: false,
      reason: "ForAllValues:StringEquals events:source: 'shop.payments' does not match 'shop.orders', 'shop.inventory'",
    });
    expect(evaluateConditionBlock(condition, { 'events:source': [] }).holds).toBe(true);
    expect(evaluateConditionBlock(condition, {}).holds).toBe(true);
  });

  it('does not apply a plain operator to a key with several values', () => {
    const result = evaluateConditionBlock(
      { StringEquals: { 'events:source': 'shop.orders' } },
      { 'events:source': ['shop.orders', 'shop.payments'] },
    );

    expect(result.holds).toBe(false);
    expect(result.reason).toContain('needs ForAnyValue: or ForAllValues:');
  });

  it('treats unresolved values as matching nothing, and as unknowable under negated operators', () => {
    expect(
      evaluateConditionBlock(
        { ArnEquals: { 'aws:SourceArn': '<unresolved:Fn::GetAtt Rule.Arn>' } },
        { 'aws:SourceArn': RULE_ARN },
      ).holds,
    ).toBe(false);
    expect(
      evaluateConditionBlock(
        { ArnNotEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['Rule', 'Arn'] } } },
        { 'aws:SourceArn': RULE_ARN },
      ),
    ).toEqual({
      holds: false,
      reason: 'ArnNotEquals aws:SourceArn: a value is unresolved (<unresolved>)',
    });
  });

  it('never holds an operator it does not know', () => {
    expect(
      evaluateConditionBlock({ IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } }, { 'aws:SourceIp': '127.0.0.1' }),
    ).toEqual({
      holds: false,
      reason: 'IpAddress aws:SourceIp: unsupported condition operator',
    });
  });
});
