import { createHash } from 'node:crypto';

/** Ids in this saga are at most 64 characters (the contracts' idSchema). */
const MAX_ID_LENGTH = 64;

/** The first `length` upper-case hex digits of the SHA-256 of `value`: stable and well spread. */
export function stableHash(value: string, length: number): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length).toUpperCase();
}

/**
 * An id derived from an order id, such as `pay-ord-1001`: the same order always gets the same id,
 * which is what makes a second charge or shipment recognisable. When the prefixed order id would
 * exceed 64 characters, a hash of the order id stands in for it.
 *
 * @example deriveOrderScopedId('pay', 'ord-1001') // 'pay-ord-1001'
 */
export function deriveOrderScopedId(prefix: string, orderId: string): string {
  const id = `${prefix}-${orderId}`;
  return id.length <= MAX_ID_LENGTH ? id : `${prefix}-${stableHash(orderId, 32)}`;
}
