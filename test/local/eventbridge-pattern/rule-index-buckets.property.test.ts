import fc from 'fast-check';
import { RuleIndex } from '../../../lib/local/eventbridge/pattern';
import { compileBranchWithoutCodegen } from '../../../lib/local/eventbridge/pattern/branch-matcher';
import { parseEventPattern } from '../../../lib/local/eventbridge/pattern/parse-event-pattern';

/**
 * The index compiles every branch filed under one value into one generated function whose event
 * reads are shared by all of its branches. Here many rules share one source, so they land in the
 * same bucket; the events put arrays of objects, scalars and numbers near the thresholds on the
 * shared paths. Oracle: the general evaluator alone (no generated code at all).
 */

const number = fc.constantFrom(-1, 0, 0.0000001, 1, 2.5, 100, 100.0000004, 5e9, 6e9);
const scalar = fc.oneof(
  { arbitrary: number, weight: 2 },
  fc.constantFrom('EUR', 'eur', 'USD', '10.0.0.7', 'a.com', '', null, true, false),
);

const matcher = fc.oneof(
  fc.constantFrom<unknown>('EUR', 'USD', 100, 0, true, null, '10.0.0.7'),
  fc
    .constantFrom<unknown[]>(['>', 0], ['>=', 1, '<', 100], ['<=', 2.5], ['=', 100], ['>', 5e9 - 1])
    .map((numeric) => ({ numeric })),
  fc.constantFrom('eur', 'usd').map((value) => ({ 'equals-ignore-case': value })),
  fc.constantFrom('E', '10.').map((prefix) => ({ prefix })),
  fc.constantFrom('.com', 'R').map((suffix) => ({ suffix })),
  fc.constantFrom<unknown>('EUR', ['USD', 'EUR'], [0, 100]).map((value) => ({ 'anything-but': value })),
  fc.boolean().map((exists) => ({ exists })),
  fc.constant({ cidr: '10.0.0.0/8' }),
  fc.constant({ wildcard: '*U*' }),
);
const values = fc.array(matcher, { minLength: 1, maxLength: 2 });
const dataPattern = fc.record(
  { total: values, currency: values, line: fc.record({ sku: values, qty: values }, { requiredKeys: [] }) },
  { requiredKeys: [] },
);

const pattern = fc
  .record(
    {
      'detail-type': fc.constantFrom(['Placed'], ['Placed', 'Paid'], [{ prefix: 'P' }]),
      detail: fc.oneof(
        fc.record({ data: dataPattern }),
        fc.record({ $or: fc.tuple(fc.record({ data: dataPattern }), fc.record({ data: dataPattern })) }),
      ),
    },
    { requiredKeys: ['detail'] },
  )
  .map((p) => ({ source: ['shop.orders'], ...p }))
  .filter((p) => {
    const datas = '$or' in p.detail ? p.detail.$or.map((d) => d.data) : [p.detail.data];
    return datas.every((d) => Object.keys(d).length > 0 && (d.line === undefined || Object.keys(d.line).length > 0));
  });

const leaf = fc.oneof({ arbitrary: scalar, weight: 6 }, fc.array(scalar, { maxLength: 3 }), fc.constant({ nested: 1 }));
const line = fc.record({ sku: leaf, qty: leaf });
const data = fc.record(
  { total: leaf, currency: leaf, line: fc.oneof(line, fc.array(line, { maxLength: 3 }), leaf) },
  { requiredKeys: ['total', 'currency'] },
);
const event = fc.record({
  source: fc.constantFrom('shop.orders', 'shop.payments'),
  // Arrays too: the bucket's detail-type guards must let them through to each rule's own test.
  'detail-type': fc.oneof(
    { arbitrary: fc.constantFrom('Placed', 'Paid', 'Other'), weight: 6 },
    fc.array(fc.constantFrom('Placed', 'Paid', 'Other'), { maxLength: 2 }),
  ),
  detail: fc.oneof(
    { arbitrary: fc.record({ data }), weight: 6 },
    fc.record({ data: fc.oneof(fc.array(data, { maxLength: 2 }), scalar) }, { requiredKeys: [] }),
    fc.array(fc.record({ data }), { maxLength: 2 }),
  ),
});

describe('RuleIndex buckets of many branches', () => {
  it('returns exactly the rules the general evaluator matches', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 2, maxLength: 30 }),
        fc.array(event, { minLength: 1, maxLength: 15 }),
        (patterns, events) => {
          // Prepare
          const index = new RuleIndex<number>();
          patterns.forEach((p, i) => index.add(`rule-${i}`, p, i));
          const oracles = patterns.map((p) => parseEventPattern(p).branches.map(compileBranchWithoutCodegen));

          for (const e of events) {
            // Act
            const indexed = index.match(e);

            // Assess
            const expected = oracles.flatMap((branches, i) => (branches.some((test) => test(e)) ? [i] : []));
            expect(indexed).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
