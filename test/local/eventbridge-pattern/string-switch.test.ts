import fc from 'fast-check';
import { RuleIndex } from '../../../lib/local/eventbridge/pattern';
import { compileStringSwitch } from '../../../lib/local/eventbridge/pattern/string-switch';

/**
 * The index's first-level lookups are generated switches on the key's length and code units
 * instead of Maps. Oracle: Map.get on the same entries, for keys that share lengths and most code
 * units (the cases a switch on a few positions could confuse), and for keys that merely resemble
 * them.
 */

const unit = fc.constantFrom('a', 'b', '.', '-', 'é', '\u{1F600}', '"', '\\', '\u2028');
const key = fc.array(unit, { maxLength: 6 }).map((units) => `shop.${units.join('')}`);
const keys = fc.uniqueArray(fc.oneof(key, fc.constantFrom('', 'x', '__proto__', 'constructor')), { maxLength: 40 });

describe('compileStringSwitch', () => {
  it('answers as Map.get does for keys held and keys not held', () => {
    fc.assert(
      fc.property(keys, fc.array(fc.oneof(key, fc.string()), { maxLength: 20 }), (held, others) => {
        // Prepare
        const entries = new Map(held.map((k, i) => [k, i]));

        // Act
        const lookup = compileStringSwitch(entries);

        // Assess
        for (const probe of [...held, ...others]) expect(lookup(probe)).toBe(entries.get(probe));
      }),
    );
  });

  it('answers as Map.get does beyond the number of keys it generates code for', () => {
    // Prepare
    const entries = new Map(Array.from({ length: 600 }, (_, i) => [`shop.service${i}`, i]));

    // Act
    const lookup = compileStringSwitch(entries);

    // Assess
    expect([lookup('shop.service0'), lookup('shop.service599'), lookup('shop.service600')]).toEqual([
      0,
      599,
      undefined,
    ]);
  });
});

describe('RuleIndex lookups after a change of rules', () => {
  const event = { source: 'shop.orders', 'detail-type': 'OrderPlaced', account: '123456789012', detail: {} };

  it('matches a rule added after the index already matched events', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('first', { source: ['shop.orders'] }, 'first');
    index.match(event);

    // Act
    index.add('by-both', { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }, 'by-both');
    index.add('by-type', { 'detail-type': ['OrderPlaced'] }, 'by-type');
    index.add('by-account', { account: ['123456789012'] }, 'by-account');

    // Assess
    expect(index.match(event)).toEqual(['first', 'by-both', 'by-type', 'by-account']);
  });

  it('matches a rule filed again under a value whose rules were all removed after a match', () => {
    // Prepare
    const index = new RuleIndex<string>();
    index.add('by-both', { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }, 'by-both');
    index.add('by-source', { source: ['shop.orders'] }, 'by-source');
    index.add('by-account', { account: ['123456789012'] }, 'by-account');
    // Keeps the index on account alive once by-account is gone.
    index.add('other-account', { account: ['999999999999'] }, 'other-account');
    index.match(event);

    // Act
    index.remove('by-both');
    index.remove('by-account');
    const afterRemoval = index.match(event);
    index.add('by-both-again', { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }, 'by-both-again');
    index.add('by-account-again', { account: ['123456789012'] }, 'by-account-again');

    // Assess
    expect(afterRemoval).toEqual(['by-source']);
    expect(index.match(event)).toEqual(['by-source', 'by-both-again', 'by-account-again']);
  });
});
