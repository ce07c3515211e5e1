import {
  applyInputPath,
  applyInputTransformer,
  InvalidInputTransformerError,
  parseJsonPath,
} from '../../../lib/local/eventbridge/input-transformer';

const EVENT = {
  id: 'e-1',
  source: 'shop.orders',
  'detail-type': 'OrderPlaced',
  detail: {
    orderId: 'o-1',
    total: 12.5,
    paid: true,
    note: 'say "hi"',
    lines: [{ sku: 'A' }, { sku: 'B' }],
    coupon: null,
  },
};
const CONTEXT = {
  ruleArn: 'arn:aws:events:eu-west-1:123456789012:rule/shop/r',
  ruleName: 'r',
  ingestionTime: '2026-11-28T12:00:00Z',
};

describe('applyInputPath', () => {
  it('delivers an array element selected by index', () => {
    // Act
    const body = applyInputPath(EVENT, '$.detail.lines[1]');

    // Assess
    expect(JSON.parse(body)).toEqual({ sku: 'B' });
  });

  it('delivers the whole event for $', () => {
    // Act
    const body = applyInputPath(EVENT, '$');

    // Assess
    expect(JSON.parse(body)).toEqual(EVENT);
  });

  it('fails if the path selects nothing', () => {
    // Act
    const apply = (): string => applyInputPath(EVENT, '$.detail.missing');

    // Assess
    expect(apply).toThrow(InvalidInputTransformerError);
    expect(apply).toThrow("input path '$.detail.missing' selects nothing in the event");
  });
});

describe('parseJsonPath', () => {
  it('reads dashed names and indexes', () => {
    // Act
    const steps = parseJsonPath('$.detail-type.a[0][2]');

    // Assess
    expect(steps).toEqual(['detail-type', 'a', 0, 2]);
  });

  it.each([['detail'], ["$['detail']"], ['$.'], ['$..detail']])('fails on %s', (path) => {
    // Act
    const parse = (): unknown => parseJsonPath(path);

    // Assess
    expect(parse).toThrow(InvalidInputTransformerError);
  });
});

describe('applyInputTransformer', () => {
  it('quotes strings placed where a JSON value goes and writes numbers, booleans and null bare', () => {
    // Prepare
    const config = {
      inputPathsMap: {
        id: '$.detail.orderId',
        total: '$.detail.total',
        paid: '$.detail.paid',
        coupon: '$.detail.coupon',
        lines: '$.detail.lines',
      },
      inputTemplate: '{"id": <id>, "total": <total>, "paid": <paid>, "coupon": <coupon>, "lines": <lines>}',
    };

    // Act
    const body = applyInputTransformer(EVENT, config, CONTEXT);

    // Assess
    expect(JSON.parse(body)).toEqual({
      id: 'o-1',
      total: 12.5,
      paid: true,
      coupon: null,
      lines: [{ sku: 'A' }, { sku: 'B' }],
    });
  });

  it('escapes quotes of a string placed inside a JSON string', () => {
    // Prepare
    const config = { inputPathsMap: { note: '$.detail.note' }, inputTemplate: '{"text": "note: <note>"}' };

    // Act
    const body = applyInputTransformer(EVENT, config, CONTEXT);

    // Assess
    expect(JSON.parse(body)).toEqual({ text: 'note: say "hi"' });
  });

  // AWS-validated snapshot test_put_events_with_input_transformer_input_template_json: `"command": ""`.
  it('writes an empty string for a missing value placed where a JSON value goes', () => {
    // Prepare
    const config = { inputPathsMap: { gone: '$.detail.gone' }, inputTemplate: '{"gone": <gone>}' };

    // Act
    const body = applyInputTransformer(EVENT, config, CONTEXT);

    // Assess
    expect(JSON.parse(body)).toEqual({ gone: '' });
  });

  it('replaces the whole event variables with the event JSON', () => {
    // Prepare
    const config = { inputTemplate: '{"event": <aws.events.event.json>, "rule": "<aws.events.rule-name>"}' };

    // Act
    const body = applyInputTransformer(EVENT, config, { ...CONTEXT, eventJson: JSON.stringify(EVENT) });

    // Assess
    expect(JSON.parse(body)).toEqual({ event: EVENT, rule: 'r' });
  });

  it('leaves a placeholder that names no variable as written', () => {
    // Prepare
    const config = { inputPathsMap: { id: '$.detail.orderId' }, inputTemplate: '"<id> is <not-a-variable>"' };

    // Act
    const body = applyInputTransformer(EVENT, config, CONTEXT);

    // Assess
    expect(body).toBe('"o-1 is <not-a-variable>"');
  });

  it.each([
    [{ 'aws.events.x': '$.id' }, "input paths map key 'aws.events.x' is reserved"],
    [{ 'bad key': '$.id' }, "input paths map key 'bad key' may only hold letters"],
    [{ id: 'detail' }, "json path 'detail' must start with '$'"],
    [Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, '$.id'])), 'input paths map has 101 entries'],
  ])('fails on an input paths map AWS refuses (%#)', (inputPathsMap, message) => {
    // Act
    const apply = (): string => applyInputTransformer(EVENT, { inputPathsMap, inputTemplate: '"x"' }, CONTEXT);

    // Assess
    expect(apply).toThrow(InvalidInputTransformerError);
    expect(apply).toThrow(message);
  });

  it('fails on an empty template and says it is not retryable', () => {
    // Act
    let caught: unknown;
    try {
      applyInputTransformer(EVENT, { inputTemplate: '' }, CONTEXT);
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(InvalidInputTransformerError);
    expect(caught).toMatchObject({ code: 'ValidationException', retryable: false });
  });
});
