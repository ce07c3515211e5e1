import { InvalidInfraConfigError, shopSourcePrefix } from '../../lib/infra';

describe('shopSourcePrefix', () => {
  it('reads the shared namespace of the contract sources', () => {
    expect(shopSourcePrefix()).toBe('shop.');
  });

  it('cuts back to the last dot when every source shares more than the namespace', () => {
    expect(shopSourcePrefix(['shop.orders', 'shop.ordersarchive'])).toBe('shop.');
  });

  it('fails when the sources share no dotted namespace, quoting them', () => {
    expect(() => shopSourcePrefix(['shop.orders', 'store.orders'])).toThrow(
      new InvalidInfraConfigError("sources share no dotted namespace, got 'shop.orders, store.orders'"),
    );
  });

  it('fails when there are no sources', () => {
    expect(() => shopSourcePrefix([])).toThrow(InvalidInfraConfigError);
  });
});
