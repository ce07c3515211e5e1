import { InvalidEventPatternError, RuleIndex } from '../../../lib/local/eventbridge/pattern';

const ORDER_PLACED = {
  source: 'shop.orders',
  'detail-type': 'OrderPlaced',
  region: 'eu-west-1',
  detail: { data: { total: 120, currency: 'EUR' } },
};

describe('RuleIndex', () => {
  it('returns the values of matching rules in the order they were added', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('by-content', { detail: { data: { total: [{ numeric: ['>', 100] }] } } }, 'content');
    index.add('by-source', { source: ['shop.orders'] }, 'source');
    index.add('by-both', { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }, 'both');
    index.add('other', { source: ['shop.payments'] }, 'other');

    // Act
    const matched = index.match(ORDER_PLACED);

    // Assess
    expect(matched).toEqual(['content', 'source', 'both']);
  });

  it('matches only the rules of the event detail type among many rules of its source', () => {
    // Prepare: more rules of one source than one generated function holds, spread over types.
    const index = new RuleIndex<number>();
    for (let i = 0; i < 60; i++) {
      const types = i % 3 === 0 ? ['OrderPlaced', `Type${i}`] : [`Type${i}`];
      index.add(`rule-${i}`, { source: ['shop.orders'], 'detail-type': types }, i);
    }

    // Act
    const placed = index.match(ORDER_PLACED);
    const type7 = index.match({ ...ORDER_PLACED, 'detail-type': 'Type7' });
    const otherSource = index.match({ ...ORDER_PLACED, source: 'shop.payments' });

    // Assess
    expect(placed).toEqual(Array.from({ length: 20 }, (_, i) => i * 3));
    expect(type7).toEqual([7]);
    expect(otherSource).toEqual([]);
  });

  it('reports a rule once when several of its $or branches match', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('either', { $or: [{ source: ['shop.orders'] }, { 'detail-type': ['OrderPlaced'] }] }, 'either');

    // Act
    const matched = index.match(ORDER_PLACED);

    // Assess
    expect(matched).toEqual(['either']);
  });

  it('replaces a rule added again under the same id', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('rule', { source: ['shop.orders'] }, 'old');
    index.add('rule', { source: ['shop.payments'] }, 'new');

    // Act
    const matched = index.match(ORDER_PLACED);

    // Assess
    expect(matched).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('stops matching a removed rule', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('a', { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }, 'a');
    index.add('b', { region: ['eu-west-1'] }, 'b');
    index.add('c', { source: [{ prefix: 'shop.' }] }, 'c');

    // Act
    index.remove('a');
    index.remove('b');
    index.remove('unknown');

    // Assess
    expect(index.match(ORDER_PLACED)).toEqual(['c']);
    expect(index.size).toBe(1);
  });

  it('keeps the index unchanged when a pattern is refused', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('rule', { source: ['shop.orders'] }, 'kept');

    // Act
    const add = (): void => index.add('rule', { source: [] }, 'refused');

    // Assess
    expect(add).toThrow(InvalidEventPatternError);
    expect(add).toThrow('Event pattern is not valid. Reason: Empty arrays are not allowed');
    expect(index.match(ORDER_PLACED)).toEqual(['kept']);
  });

  it('matches an event whose source is an array by any of its elements', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('rule', { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }, 'hit');

    // Act
    const matched = index.match({ ...ORDER_PLACED, source: ['x', 'shop.orders'] });

    // Assess
    expect(matched).toEqual(['hit']);
  });

  it('matches an event given as JSON text', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('rule', '{"detail-type":["OrderPlaced"]}', 'hit');

    // Act
    const matched = index.match(JSON.stringify(ORDER_PLACED));

    // Assess
    expect(matched).toEqual(['hit']);
  });

  it('checks an indexed nested field in the same array element as its siblings', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('rule', { detail: { items: { sku: ['A'], qty: [2] } } }, 'hit');

    // Act
    const apart = index.match({
      detail: {
        items: [
          { sku: 'A', qty: 1 },
          { sku: 'B', qty: 2 },
        ],
      },
    });
    const together = index.match({
      detail: {
        items: [
          { sku: 'B', qty: 1 },
          { sku: 'A', qty: 2 },
        ],
      },
    });

    // Assess
    expect(apart).toEqual([]);
    expect(together).toEqual(['hit']);
  });

  it('matches nothing for an event that is not an object', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('rule', { source: [{ exists: true }] }, 'hit');
    index.add('absent', { source: [{ exists: false }] }, 'absent');

    // Act
    const matched = index.match(['not', 'an', 'event']);

    // Assess
    expect(matched).toEqual(['absent']);
  });
});
