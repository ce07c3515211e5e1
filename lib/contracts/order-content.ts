import { createHash } from 'node:crypto';
import * as z from 'zod/mini';

/** What identifies the content of a placed order: who ordered what, at what price, paid how. */
export interface OrderContent {
  readonly customerId: string;
  readonly currency: string;
  readonly paymentToken: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number; readonly unitPrice: number }[];
}

/** A content hash: 64 lower-case hex digits (SHA-256). */
export const orderHashSchema = z
  .string()
  .check(z.regex(/^[0-9a-f]{64}$/, 'orderHash is the SHA-256 of the order content, 64 hex digits'));

/**
 * The identity of an order's content: the SHA-256 of its canonical form (fields in a fixed
 * order, lines sorted by SKU), so every service computes the same hash from the same OrderPlaced
 * whatever the key or line order on the wire. Two OrderPlaced for one order id with different
 * hashes conflict; with equal hashes the second is a duplicate.
 *
 * @example orderContentHash(orderPlaced.data) // '9f86d081884c7d65…'
 */
export function orderContentHash(order: OrderContent): string {
  const lines = [...order.lines]
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .map((line) => [line.sku, line.quantity, line.unitPrice]);
  const canonical = JSON.stringify([order.customerId, order.currency, order.paymentToken, lines]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The reason every service gives when it dead-letters an OrderPlaced whose content conflicts
 * with the one it already holds for the order id.
 */
export function conflictingOrderReason(orderId: string): string {
  return `conflicting OrderPlaced for ${orderId}`;
}
