import { VARIANT_NAMING, VARIANTS, type Variant } from '../contracts';

/**
 * The saga variant whose bus this is (`shop-choreography`, `dev-shop-choreography` →
 * `choreography`), or undefined for any other bus.
 */
export function variantOfBus(busName: string): Variant | undefined {
  return VARIANTS.find((variant) => {
    const name = VARIANT_NAMING[variant].busName;
    return busName === name || busName.endsWith(`-${name}`);
  });
}
