import type { OrderRecord } from '../../../functions/orders/store';
import { formatTable } from './table';

/** Minor units as a decimal amount: 13900 EUR → `139.00 EUR`. */
export function formatMoney(minorUnits: number, currency: string): string {
  return `${(minorUnits / 100).toFixed(2)} ${currency}`;
}

/**
 * An order for people: who, what, where it stands and why, then its status history as a table.
 *
 * @example
 * order     ord-1001
 * customer  cus-ada
 * status    CANCELLED (PAYMENT_DECLINED: payment declined: LIMIT_EXCEEDED; stock released)
 */
export function formatOrder(order: OrderRecord): string {
  const facts: [string, string][] = [
    ['order', order.orderId],
    ['customer', order.customerId],
    ['status', statusText(order)],
  ];
  if (order.confirmation) {
    facts.push([
      'shipment',
      `${order.confirmation.trackingId}, delivery expected ${order.confirmation.estimatedDelivery}`,
    ]);
  }
  if (order.lines && order.lines.length > 0) {
    const currency = order.currency ?? '';
    facts.push([
      'lines',
      order.lines.map((line) => `${line.quantity} × ${line.sku} @ ${formatMoney(line.unitPrice, currency)}`).join(', '),
    ]);
    facts.push([
      'total',
      formatMoney(
        order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0),
        currency,
      ),
    ]);
  }
  const width = Math.max(...facts.map(([label]) => label.length));
  const history = formatTable(
    ['#', 'status', 'at', 'caused by', 'eventId'],
    order.history.map((change, index) => [index + 1, change.status, change.at, change.detailType, change.eventId]),
  );
  return [...facts.map(([label, value]) => `${label.padEnd(width)}  ${value}`), '', 'history', history].join('\n');
}

function statusText(order: OrderRecord): string {
  if (order.status !== 'CANCELLED' || !order.cancellationReason) return order.status;
  const detail = order.cancellationDetail ? `: ${order.cancellationDetail}` : '';
  return `${order.status} (${order.cancellationReason}${detail})`;
}
