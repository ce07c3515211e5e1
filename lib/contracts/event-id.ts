import { v5 as uuidv5 } from 'uuid';

/** The namespace of every event id this project derives (a fixed, random UUID). */
export const EVENT_ID_NAMESPACE = '3f1c2a94-6b7e-4d0a-9c55-2e8b1d7f4a60';

/**
 * The id of the event that `causationId` causes, of type `detailType`: a UUIDv5, so the same
 * cause always yields the same event id. A redelivered message therefore republishes an
 * identical event, which consumers recognise and skip.
 *
 * @example deriveEventId('c0ffee00-0000-4000-8000-000000000000', 'StockReserved')
 */
export function deriveEventId(causationId: string, detailType: string): string {
  return uuidv5(`${causationId}/${detailType}`, EVENT_ID_NAMESPACE);
}
