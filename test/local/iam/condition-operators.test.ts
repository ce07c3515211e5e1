import { evaluateConditionBlock } from '../../../lib/local/iam';

const RULE_ARN = 'arn:aws:events:us-east-1:000000000000:rule/shop-choreography/payments-stock-reserved';

describe('evaluateConditionBlock', () => {
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

  it('looks condition keys up case-insensitively but compares string values case-sensitively', () => {
    expect(
      evaluateConditionBlock({ StringEquals: { 'Events:Source': 'shop.orders' } }, { 'events:source': 'shop.orders' })
        .holds,
    ).toBe(true);
    expect(
      evaluateConditionBlock({ StringEquals: { 'events:source': 'Shop.Orders' } }, { 'events:source': 'shop.orders' })
        .holds,
    ).toBe(false);
    expect(
      evaluateConditionBlock(
        { StringEqualsIgnoreCase: { 'events:source': 'Shop.Orders' } },
        { 'events:source': 'shop.orders' },
      ).holds,
    ).toBe(true);
  });

  it('holds a negated operator when the value is none of the listed ones, or the key is absent', () => {
    const condition = { StringNotEquals: { 'events:source': ['shop.orders', 'shop.storefront'] } };

    expect(evaluateConditionBlock(condition, { 'events:source': 'shop.payments' }).holds).toBe(true);
    expect(evaluateConditionBlock(condition, { 'events:source': 'shop.storefront' }).holds).toBe(false);
    expect(evaluateConditionBlock(condition, {}).holds).toBe(true);
  });

  it('matches StringLike and StringNotLike wildcards', () => {
    expect(
      evaluateConditionBlock({ StringLike: { 'events:source': 'shop.*' } }, { 'events:source': 'shop.orders' }).holds,
    ).toBe(true);
    expect(
      evaluateConditionBlock({ StringLike: { 'events:source': 'shop.?rders' } }, { 'events:source': 'shop.orders' })
        .holds,
    ).toBe(true);
    expect(
      evaluateConditionBlock({ StringNotLike: { 'events:source': 'shop.*' } }, { 'events:source': 'shop.orders' })
        .holds,
    ).toBe(false);
  });

  it('matches ArnEquals and ArnLike part by part, as queue policies use them', () => {
    expect(
      evaluateConditionBlock({ ArnEquals: { 'aws:SourceArn': RULE_ARN } }, { 'aws:SourceArn': RULE_ARN }).holds,
    ).toBe(true);
    expect(
      evaluateConditionBlock(
        { ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:000000000000:rule/shop-choreography/*' } },
        { 'aws:SourceArn': RULE_ARN },
      ).holds,
    ).toBe(true);
    expect(
      evaluateConditionBlock({ ArnLike: { 'aws:SourceArn': 'arn:aws:events:*' } }, { 'aws:SourceArn': RULE_ARN }).holds,
    ).toBe(false);
    expect(
      evaluateConditionBlock({ ArnNotEquals: { 'aws:SourceArn': RULE_ARN } }, { 'aws:SourceArn': RULE_ARN }).holds,
    ).toBe(false);
  });

  it('compares Bool values as written in templates, booleans included', () => {
    const denyInsecure = { Bool: { 'aws:SecureTransport': false } };

    expect(evaluateConditionBlock(denyInsecure, { 'aws:SecureTransport': 'false' }).holds).toBe(true);
    expect(evaluateConditionBlock(denyInsecure, { 'aws:SecureTransport': 'true' }).holds).toBe(false);
    expect(evaluateConditionBlock(denyInsecure, {}).holds).toBe(false);
    expect(evaluateConditionBlock({ BoolIfExists: { 'aws:SecureTransport': 'false' } }, {}).holds).toBe(true);
  });

  it('lets IfExists pass a missing key but still test a present one', () => {
    const condition = { StringEqualsIfExists: { 'events:source': 'shop.orders' } };

    expect(evaluateConditionBlock(condition, {}).holds).toBe(true);
    expect(evaluateConditionBlock(condition, { 'events:source': 'shop.payments' }).holds).toBe(false);
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

  it('requires one matching value under ForAnyValue, and fails it for no values', () => {
    const condition = { 'ForAnyValue:StringLike': { 'events:source': 'shop.pay*' } };

    expect(evaluateConditionBlock(condition, { 'events:source': ['shop.orders', 'shop.payments'] }).holds).toBe(true);
    expect(evaluateConditionBlock(condition, { 'events:source': ['shop.orders'] }).holds).toBe(false);
    expect(evaluateConditionBlock(condition, {}).holds).toBe(false);
  });

  it('does not apply a plain operator to a key with several values', () => {
    const result = evaluateConditionBlock(
      { StringEquals: { 'events:source': 'shop.orders' } },
      { 'events:source': ['shop.orders', 'shop.payments'] },
    );

    expect(result.holds).toBe(false);
    expect(result.reason).toContain('needs ForAnyValue: or ForAllValues:');
  });

  it('tests presence with Null', () => {
    expect(evaluateConditionBlock({ Null: { 'aws:SourceArn': 'true' } }, {}).holds).toBe(true);
    expect(evaluateConditionBlock({ Null: { 'aws:SourceArn': 'true' } }, { 'aws:SourceArn': RULE_ARN }).holds).toBe(
      false,
    );
    expect(evaluateConditionBlock({ Null: { 'aws:SourceArn': false } }, { 'aws:SourceArn': RULE_ARN }).holds).toBe(
      true,
    );
  });

  it('compares numbers and dates', () => {
    expect(
      evaluateConditionBlock({ NumericLessThanEquals: { 'sqs:MaxItems': '10' } }, { 'sqs:MaxItems': '10' }).holds,
    ).toBe(true);
    expect(
      evaluateConditionBlock({ NumericGreaterThan: { 'sqs:MaxItems': '10' } }, { 'sqs:MaxItems': 'ten' }).holds,
    ).toBe(false);
    expect(
      evaluateConditionBlock(
        { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } },
        { 'aws:CurrentTime': '2026-11-28T12:00:00Z' },
      ).holds,
    ).toBe(true);
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
