import type * as z from 'zod/mini';
import { EVENT_CONTRACTS, type DetailType, type EventContracts } from './catalogue';
import type { EventContract } from './define-event';

/**
 * What the event catalogue says of one event beside its contract: a description for readers and
 * a valid example. Kept apart from the contracts (events.ts) because no function reads it at run
 * time: the handlers' bundles import the contracts, and this module only from tools and tests.
 */
export interface EventDocumentation<TData extends z.ZodMiniType = z.ZodMiniType> {
  /** What happened, for the event catalogue and the exported JSON Schema. */
  readonly description: string;
  /** A valid `data`, for the event catalogue, the diagram's example events and tests. */
  readonly exampleData: z.input<TData>;
}

/** A contract with its documentation: what the event catalogue and the JSON Schema export read. */
export interface DocumentedEventContract extends EventContract, EventDocumentation {}

const EXAMPLE_ORDER_ID = 'ord-1001';
const EXAMPLE_CUSTOMER_ID = 'cus-ada';
/** OrderPlaced's example lines as the later events carry them: sku and quantity, no price. */
const EXAMPLE_RESERVED_LINES = [
  { sku: 'sku-keyboard', quantity: 1 },
  { sku: 'sku-mouse', quantity: 2 },
];
/** orderContentHash of OrderPlaced's exampleData. */
const EXAMPLE_ORDER_HASH = 'aa2e9c6691fe53748ec23f94ad7d43aff0be78c35d634d095e4f3ebf20e73791';

/** The documentation of every event, by detail type; each example is typed by its contract's schema. */
export const EVENT_DOCUMENTATION: {
  readonly [T in DetailType]: EventDocumentation<EventContracts[T]['dataSchema']>;
} = {
  OrderPlaced: {
    description: 'A customer placed an order at the storefront; the saga starts here.',
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      lines: [
        { sku: 'sku-keyboard', quantity: 1, unitPrice: 8900 },
        { sku: 'sku-mouse', quantity: 2, unitPrice: 2500 },
      ],
      currency: 'EUR',
      paymentToken: 'tok_visa',
    },
  },
  StockReserved: {
    description: 'Every line of the order is reserved; payment may be taken.',
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      lines: EXAMPLE_RESERVED_LINES,
      amount: 13900,
      currency: 'EUR',
      paymentToken: 'tok_visa',
      orderHash: EXAMPLE_ORDER_HASH,
    },
  },
  StockReservationFailed: {
    description: 'At least one line could not be reserved, so nothing was reserved.',
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      reason: 'OUT_OF_STOCK',
      unavailable: [{ sku: 'sku-mouse', requested: 2, available: 1 }],
    },
  },
  PaymentCompleted: {
    description: 'The customer was charged for the order, once.',
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      paymentId: 'pay-ord-1001',
      amount: 13900,
      currency: 'EUR',
      lines: EXAMPLE_RESERVED_LINES,
      orderHash: EXAMPLE_ORDER_HASH,
    },
  },
  PaymentFailed: {
    description: 'The payment was declined; the reserved stock must be released.',
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      amount: 13900,
      currency: 'EUR',
      reason: 'LIMIT_EXCEEDED',
    },
  },
  StockReleased: {
    description: 'A reservation was given back after its payment failed (compensation).',
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      lines: EXAMPLE_RESERVED_LINES,
      reason: 'PAYMENT_FAILED',
      paymentFailureReason: 'LIMIT_EXCEEDED',
    },
  },
  ShipmentScheduled: {
    description: 'A carrier will collect the paid order.',
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      shipmentId: 'shp-ord-1001',
      carrier: 'DHL',
      trackingId: 'DHL-5F3A9C21',
      estimatedDelivery: '2026-12-02',
      orderHash: EXAMPLE_ORDER_HASH,
    },
  },
  OrderStalled: {
    description:
      "The saga will not finish the order by itself: its deadline passed (choreography: the orders service's delayed deadline message) or a forward step failed for good (orchestration). A PENDING order is cancelled and compensated; a finished one is left as it is.",
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      reason: 'DEADLINE_EXCEEDED',
      detail: 'not finished 900 s after it was placed',
    },
  },
  OrderConfirmed: {
    description: 'The saga succeeded: stock reserved, payment taken, shipment scheduled.',
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      trackingId: 'DHL-5F3A9C21',
      estimatedDelivery: '2026-12-02',
    },
  },
  OrderCancelled: {
    description:
      'The saga ended without a sale. Inventory releases any reservation and payments refunds any charge it holds for the order (compensation), or records that none may be made later.',
    exampleData: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      reason: 'PAYMENT_DECLINED',
      detail: 'payment declined: LIMIT_EXCEEDED; stock released',
    },
  },
};

/** The contract of `detailType` with its documentation. */
export function documentedContract(detailType: DetailType): DocumentedEventContract {
  return { ...EVENT_CONTRACTS[detailType], ...EVENT_DOCUMENTATION[detailType] };
}
