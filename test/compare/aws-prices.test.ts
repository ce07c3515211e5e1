import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidPriceTableError, loadAwsPrices, parseAwsPrices } from '../../lib/compare/aws-prices';
import pricesFixture from '../fixtures/compare/prices.json';

describe('price table', () => {
  it('loads data/aws-prices.json with a source and a retrieval date for every price', () => {
    // Act
    const prices = loadAwsPrices();

    // Assess
    expect(prices.region).toBe('us-east-1');
    for (const price of Object.values(prices.prices)) {
      expect(price.sources.length).toBeGreaterThan(0);
      expect(price.retrievedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(prices.prices.eventBridgeCustomEventsPerMillion.usd).toBe(1);
    expect(prices.billing.expressMemoryChunkMb).toBe(64);
  });

  it('refuses a price without its source, naming the field', () => {
    // Prepare
    const { sources: _sources, ...withoutSources } = pricesFixture.prices.lambdaArmGbSecond;
    const table = { ...pricesFixture, prices: { ...pricesFixture.prices, lambdaArmGbSecond: withoutSources } };

    // Act
    const parse = () => parseAwsPrices(table, 'prices.json');

    // Assess
    expect(parse).toThrow(InvalidPriceTableError);
    expect(parse).toThrow(/^'prices.json' is not a valid price table: prices\.lambdaArmGbSecond\.sources/);
  });

  it('says which file is not JSON', () => {
    // Prepare
    const file = join(tmpdir(), `choreo-prices-${process.pid}.json`);
    writeFileSync(file, '{ not json');

    // Act
    const load = () => loadAwsPrices(file);

    // Assess
    expect(load).toThrow(new RegExp(`^'${file}' is not JSON`));
  });
});
