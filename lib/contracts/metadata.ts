import * as z from 'zod/mini';
import { isoDateTime } from './iso-formats';
import './zod-locale';

/**
 * The metadata every event detail carries beside its `data`.
 *
 * `eventId` is deterministic (see {@link deriveEventId}): a redelivered message republishes the
 * same id, and consumers deduplicate on it, never on EventBridge's envelope `id`.
 */
export const metadataSchema = z.object({
  eventId: z.uuid(),
  /** The order id: every event of one saga shares it. */
  correlationId: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The `eventId` of the event that caused this one; the client's request id for OrderPlaced. */
  causationId: z.string().check(z.minLength(1), z.maxLength(64)),
  occurredAt: isoDateTime({ offset: true }),
  schemaVersion: z.string().check(z.regex(/^\d+$/, 'schemaVersion must be a whole number as a string')),
});

export type EventMetadata = z.infer<typeof metadataSchema>;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Order, customer, SKU and similar ids: 1 to 64 characters, letters, digits and `._:-`. */
export const idSchema = z.string().check(z.regex(ID_PATTERN, 'ids are 1 to 64 letters, digits or ._:- characters'));

/**
 * The most money one order (and so one line, one unit, one charge) may amount to, in minor units:
 * 10^12, ten billion euros. Far below Number.MAX_SAFE_INTEGER (about 9 × 10^15), so a sum of
 * lines that each pass the contract can never leave the safe integers, and every service
 * computes the same total.
 */
export const MAX_ORDER_TOTAL_MINOR_UNITS = 1_000_000_000_000;

/** Money in minor units (cents): a whole number from 0 to {@link MAX_ORDER_TOTAL_MINOR_UNITS}. */
export const amountSchema = z
  .int()
  .check(
    z.nonnegative(),
    z.lte(MAX_ORDER_TOTAL_MINOR_UNITS, `amounts are at most ${MAX_ORDER_TOTAL_MINOR_UNITS} minor units`),
  );

export const currencySchema = z.string().check(z.regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code such as EUR'));
