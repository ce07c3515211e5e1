import * as z from 'zod/mini';
import { defineEvent } from './define-event';
import { isoDate } from './iso-formats';
import { amountSchema, currencySchema, idSchema, MAX_ORDER_TOTAL_MINOR_UNITS } from './metadata';
import { orderHashSchema } from './order-content';
import { SOURCES } from './sources';

/** Units of one SKU on one line. */
export const MAX_LINE_QUANTITY = 1000;
/** Lines of one order. */
export const MAX_ORDER_LINES = 50;

const quantitySchema = z.int().check(z.positive(), z.lte(MAX_LINE_QUANTITY));

/** An order's total in minor units: the sum of quantity × unit price over its lines. */
export function orderTotal(lines: readonly { readonly quantity: number; readonly unitPrice: number }[]): number {
  return lines.reduce((total, line) => total + line.quantity * line.unitPrice, 0);
}

const orderLineSchema = z.strictObject({
  sku: idSchema,
  quantity: quantitySchema,
  /** Price of one unit in minor units. */
  unitPrice: amountSchema,
});

const stockLineSchema = z.strictObject({ sku: idSchema, quantity: quantitySchema });

/**
 * A payment token issued by the card vault (never card data): `tok_` then letters, digits, `_`.
 * The simulated provider declines tokens that contain `decline`.
 */
const paymentTokenSchema = z
  .string()
  .check(z.regex(/^tok_[A-Za-z0-9_]{1,60}$/, 'paymentToken must be a vault token such as tok_visa (no card numbers)'));

export const OrderPlaced = defineEvent({
  detailType: 'OrderPlaced',
  source: SOURCES.storefront,
  version: '1',
  producer: 'storefront',
  consumers: ['orders', 'inventory'],
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    lines: z.array(orderLineSchema).check(
      z.minLength(1, 'an order has at least one line'),
      z.maxLength(MAX_ORDER_LINES, `an order has at most ${MAX_ORDER_LINES} lines`),
      z.refine((lines) => new Set(lines.map((line) => line.sku)).size === lines.length, {
        message: 'each sku appears on one line only',
      }),
      // Each line passes on its own (unit price and quantity bounded); their sum is held to the
      // same maximum as any amount, so StockReserved and the charge can always carry it.
      z.refine((lines) => orderTotal(lines) <= MAX_ORDER_TOTAL_MINOR_UNITS, {
        message: `the order total (sum of quantity × unitPrice) must be at most ${MAX_ORDER_TOTAL_MINOR_UNITS} minor units`,
      }),
    ),
    currency: currencySchema,
    paymentToken: paymentTokenSchema,
  }),
});

export const StockReserved = defineEvent({
  detailType: 'StockReserved',
  source: SOURCES.inventory,
  version: '1',
  producer: 'inventory',
  consumers: ['payments'],
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    lines: z.array(stockLineSchema).check(z.minLength(1)),
    amount: amountSchema,
    currency: currencySchema,
    paymentToken: paymentTokenSchema,
    /** The content hash of the OrderPlaced that was reserved, passed on to the confirmation. */
    orderHash: orderHashSchema,
  }),
});

export const StockReservationFailed = defineEvent({
  detailType: 'StockReservationFailed',
  source: SOURCES.inventory,
  version: '1',
  producer: 'inventory',
  consumers: ['orders'],
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    reason: z.enum(['OUT_OF_STOCK', 'UNKNOWN_SKU']),
    unavailable: z
      .array(z.strictObject({ sku: idSchema, requested: quantitySchema, available: z.int().check(z.nonnegative()) }))
      .check(z.minLength(1)),
  }),
});

export const PaymentCompleted = defineEvent({
  detailType: 'PaymentCompleted',
  source: SOURCES.payments,
  version: '1',
  producer: 'payments',
  consumers: ['shipping'],
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    paymentId: idSchema,
    amount: amountSchema,
    currency: currencySchema,
    lines: z.array(stockLineSchema).check(z.minLength(1)),
    /** The content hash of the order that was charged (from StockReserved). */
    orderHash: orderHashSchema,
  }),
});

export const PaymentFailed = defineEvent({
  detailType: 'PaymentFailed',
  source: SOURCES.payments,
  version: '1',
  producer: 'payments',
  consumers: ['inventory'],
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    amount: amountSchema,
    currency: currencySchema,
    reason: z.enum(['LIMIT_EXCEEDED', 'CARD_DECLINED', 'UNKNOWN_CUSTOMER']),
  }),
});

export const StockReleased = defineEvent({
  detailType: 'StockReleased',
  source: SOURCES.inventory,
  version: '1',
  producer: 'inventory',
  consumers: ['orders'],
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    lines: z.array(stockLineSchema).check(z.minLength(1)),
    reason: z.enum(['PAYMENT_FAILED']),
    paymentFailureReason: z.enum(['LIMIT_EXCEEDED', 'CARD_DECLINED', 'UNKNOWN_CUSTOMER']),
  }),
});

export const ShipmentScheduled = defineEvent({
  detailType: 'ShipmentScheduled',
  source: SOURCES.shipping,
  version: '1',
  producer: 'shipping',
  consumers: ['orders'],
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    shipmentId: idSchema,
    carrier: z.enum(['DHL', 'UPS', 'POSTNL']),
    trackingId: idSchema,
    estimatedDelivery: isoDate(),
    /**
     * The content hash of the order that was reserved, charged and shipped: the orders service
     * confirms only an order whose own content has this hash.
     */
    orderHash: orderHashSchema,
  }),
});

/**
 * Why a saga gave up on an order without a business answer: its deadline passed, or a forward
 * step failed for good (orchestration: a Task's retries ran out).
 */
export const STALL_REASONS = ['DEADLINE_EXCEEDED', 'TECHNICAL_FAILURE'] as const;

/**
 * Why an order was cancelled: the business answers (stock, payment), the saga's own limits
 * ({@link STALL_REASONS}), and a reservation or charge made for conflicting content of the same
 * order id (CONFLICTING_ORDER).
 */
export const CANCELLATION_REASONS = [
  'OUT_OF_STOCK',
  'UNKNOWN_SKU',
  'PAYMENT_DECLINED',
  ...STALL_REASONS,
  'CONFLICTING_ORDER',
] as const;

export const OrderStalled = defineEvent({
  detailType: 'OrderStalled',
  source: SOURCES.orders,
  version: '1',
  producer: 'orders',
  consumers: ['orders'],
  settlement: true,
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    reason: z.enum(STALL_REASONS),
    detail: z.string().check(z.maxLength(500)),
  }),
});

export const OrderConfirmed = defineEvent({
  detailType: 'OrderConfirmed',
  source: SOURCES.orders,
  version: '1',
  producer: 'orders',
  consumers: ['notifications', 'analytics'],
  settlement: true,
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    trackingId: idSchema,
    estimatedDelivery: isoDate(),
  }),
});

export const OrderCancelled = defineEvent({
  detailType: 'OrderCancelled',
  source: SOURCES.orders,
  version: '1',
  producer: 'orders',
  consumers: ['notifications', 'inventory', 'payments', 'analytics'],
  settlement: true,
  data: z.strictObject({
    orderId: idSchema,
    customerId: idSchema,
    reason: z.enum(CANCELLATION_REASONS),
    detail: z.string().check(z.maxLength(500)),
  }),
});
