import * as z from 'zod/mini';
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
  occurredAt: z.iso.datetime({ offset: true }),
  schemaVersion: z.string().check(z.regex(/^\d+$/, 'schemaVersion must be a whole number as a string')),
});

export type EventMetadata = z.infer<typeof metadataSchema>;

/** The shape every detail has before its type is known: enough to route and to dead-letter it. */
export const anyDetailSchema = z.object({
  metadata: metadataSchema,
  data: z.record(z.string(), z.unknown()),
});

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Order, customer, SKU and similar ids: 1 to 64 characters, letters, digits and `._:-`. */
export const idSchema = z.string().check(z.regex(ID_PATTERN, 'ids are 1 to 64 letters, digits or ._:- characters'));

/** Money in minor units (cents), a whole number, never negative. */
export const amountSchema = z.int().check(z.nonnegative());

export const currencySchema = z.string().check(z.regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code such as EUR'));
