/** Metadata every contract accepts: the tests of the contracts pair it with each event's example data. */
export const VALID_METADATA = {
  eventId: '4f3f2898-69e3-5a0d-820a-c4e87987dbce',
  correlationId: 'ord-1001',
  causationId: 'storefront:ord-1001',
  occurredAt: '2026-11-28T12:00:00.000Z',
  schemaVersion: '1',
};
