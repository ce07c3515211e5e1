import fc from 'fast-check';
import { compileEventPattern, RuleIndex } from '../../../lib/local/eventbridge/pattern';
import { compileBranch, compileBranchWithoutCodegen } from '../../../lib/local/eventbridge/pattern/branch-matcher';
import { parseEventPattern } from '../../../lib/local/eventbridge/pattern/parse-event-pattern';

/**
 * Properties over generated patterns and events drawn from one small vocabulary, so that
 * matches are frequent: the index agrees with the plain matcher, and the generated fast path
 * agrees with the general evaluator.
 */

const words = ['a', 'b', 'ab', 'A', 'shop.orders', 'shop.payments', 'OrderPlaced', '10.0.0.7', ''];
const scalar = fc.oneof(
  fc.constantFrom(...words),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, 300, null, true, false),
);

const matcher = fc.oneof(
  fc.constantFrom(...words),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(null, true, false),
  fc.constantFrom('a', 'sh', '').map((prefix) => ({ prefix })),
  fc.constantFrom('b', 'orders').map((suffix) => ({ suffix })),
  fc.constantFrom('a', 'SHOP.').map((value) => ({ prefix: { 'equals-ignore-case': value } })),
  fc.constantFrom('ab', 'orderplaced').map((value) => ({ 'equals-ignore-case': value })),
  fc.constantFrom('*', 'a*', '*.orders', 's*o*s').map((wildcard) => ({ wildcard })),
  fc.constantFrom<unknown>(['a', 'b'], 'ab', [1, 2], 0).map((value) => ({ 'anything-but': value })),
  fc.constantFrom('a', 'shop').map((prefix) => ({ 'anything-but': { prefix } })),
  fc.constantFrom('b', 's').map((suffix) => ({ 'anything-but': { suffix } })),
  fc.constantFrom(['ab', 'A'], 'a').map((value) => ({ 'anything-but': { 'equals-ignore-case': value } })),
  fc.constantFrom('*a*', 'shop.*').map((wildcard) => ({ 'anything-but': { wildcard } })),
  fc.constantFrom<unknown[]>(['>', 0], ['<=', 1], ['>=', -2, '<', 2], ['=', 300]).map((numeric) => ({ numeric })),
  fc.boolean().map((exists) => ({ exists })),
  fc.constant({ cidr: '10.0.0.0/24' }),
);
const values = fc.array(matcher, { minLength: 1, maxLength: 3 });

const detailPattern = fc.record(
  { x: values, y: values, items: fc.record({ k: values, n: values }, { requiredKeys: [] }) },
  { requiredKeys: [] },
);
const pattern = fc
  .record(
    {
      source: values,
      'detail-type': values,
      region: values,
      detail: detailPattern,
      $or: fc.tuple(fc.record({ source: values }), fc.record({ detail: fc.record({ x: values }) })),
    },
    { requiredKeys: [] },
  )
  .filter((p) => Object.keys(p).length > 0 && (p.detail === undefined || Object.keys(p.detail).length > 0))
  .filter((p) => p.detail?.items === undefined || Object.keys(p.detail.items).length > 0);

const leafValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constant({ nested: 1 }));
const event = fc.record(
  {
    source: fc.oneof(
      fc.constantFrom('shop.orders', 'shop.payments', 'a'),
      fc.array(fc.constantFrom('a', 'shop.orders'), { maxLength: 2 }),
    ),
    'detail-type': fc.constantFrom('OrderPlaced', 'ab', 'A'),
    region: leafValue,
    detail: fc.oneof(
      fc.record(
        {
          x: leafValue,
          y: leafValue,
          items: fc.oneof(
            fc.array(fc.record({ k: leafValue, n: leafValue }, { requiredKeys: [] }), { maxLength: 3 }),
            leafValue,
          ),
        },
        { requiredKeys: [] },
      ),
      scalar,
    ),
  },
  { requiredKeys: [] },
);

describe('RuleIndex agrees with the plain matcher', () => {
  it('returns exactly the rules whose compiled pattern matches the event', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 12 }),
        fc.array(event, { minLength: 1, maxLength: 10 }),
        (patterns, events) => {
          // Prepare
          const index = new RuleIndex<number>();
          patterns.forEach((p, i) => index.add(`rule-${i}`, p, i));
          const compiled = patterns.map((p) => compileEventPattern(p));

          for (const e of events) {
            // Act
            const indexed = index.match(e);

            // Assess
            const expected = compiled.flatMap((c, i) => (c.matches(e) ? [i] : []));
            expect(indexed).toEqual(expected);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('gives the same answer from the generated fast path as from the general evaluator', () => {
    fc.assert(
      fc.property(pattern, fc.array(event, { minLength: 1, maxLength: 10 }), (p, events) => {
        // Prepare
        const { branches } = parseEventPattern(p);
        const fast = branches.map(compileBranch);
        const general = branches.map(compileBranchWithoutCodegen);

        for (const e of events) {
          // Act
          const fastAnswers = fast.map((test) => test(e));
          const generalAnswers = general.map((test) => test(e));

          // Assess
          expect(fastAnswers).toEqual(generalAnswers);
        }
      }),
      { numRuns: 300 },
    );
  });
});
