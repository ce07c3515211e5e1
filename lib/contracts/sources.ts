/**
 * The services of this project that run as Lambda functions, each with the event source it
 * publishes under: the one list to extend with a new service. IAM conditions (`events:source`)
 * hold each service to its own source.
 */
export const SERVICE_SOURCES = {
  orders: 'shop.orders',
  inventory: 'shop.inventory',
  payments: 'shop.payments',
  shipping: 'shop.shipping',
  notifications: 'shop.notifications',
} as const;

/** A service of this project that runs as a Lambda function. */
export type ServiceName = keyof typeof SERVICE_SOURCES;

/** The names of {@link SERVICE_SOURCES}, in its order (Object.keys types its keys as plain strings). */
export const SERVICE_NAMES = Object.keys(SERVICE_SOURCES) as readonly ServiceName[];

/** The event sources of the shop: the storefront's, where the client publishes OrderPlaced, and the services'. */
export const SOURCES = { storefront: 'shop.storefront', ...SERVICE_SOURCES } as const;

/**
 * The services the orchestrated workflow calls as Task functions. A service added to
 * {@link SERVICE_SOURCES} joins the choreographed variant, where rules built from the contracts
 * bring it its events; the workflow names its steps one by one, so a service joins the
 * orchestrated variant when a Task state for it is written in `lib/infra/workflow` and it is
 * listed here.
 */
export const ORCHESTRATED_SERVICE_NAMES = [
  'orders',
  'inventory',
  'payments',
  'shipping',
  'notifications',
] as const satisfies readonly ServiceName[];

/** A service the orchestrated workflow calls. */
export type OrchestratedServiceName = (typeof ORCHESTRATED_SERVICE_NAMES)[number];

/** Every party that produces or consumes events: the five services and the external ones. */
export type Party = ServiceName | 'storefront' | 'analytics';

export type EventSource = (typeof SOURCES)[keyof typeof SOURCES];
