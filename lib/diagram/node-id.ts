/**
 * A Mermaid-safe node id from readable parts: `nodeId('choreography', 'q', 'shop-orders')` →
 * `choreography__q__shop_orders`. Ids are derived from names, never from positions, so that
 * adding one resource changes only the lines that mention it.
 */
export function nodeId(...parts: readonly string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')).join('__');
}
