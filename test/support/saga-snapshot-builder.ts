import type { SagaSnapshot } from '../../lib/saga/saga-snapshot';

/** The snapshot of a run that published nothing and left nothing behind, with what a test adds. */
export function emptySagaSnapshot(overrides: Partial<SagaSnapshot> = {}): SagaSnapshot {
  return {
    publishedOrderIds: [],
    expectedPoisonMessages: 0,
    orders: [],
    stock: [],
    reservations: [],
    charges: [],
    notifications: [],
    deadLetters: [],
    messagesInFlight: 0,
    ...overrides,
  };
}
