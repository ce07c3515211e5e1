import * as z from 'zod/mini';
import { metadataSchema } from './metadata';
import type { EventSource, Party } from './sources';

/**
 * One event of the saga: who publishes it, who listens, and the zod schema of its detail.
 * The schema is the single source of truth: types come from it, JSON Schema is exported from it,
 * and rule patterns are built from `source` and `detailType`. Its description and example, which
 * only tools and tests read, are in event-documentation.ts, out of the functions' bundles.
 */
export interface EventContract<TDetailType extends string = string, TData extends z.ZodMiniType = z.ZodMiniType> {
  readonly detailType: TDetailType;
  readonly source: EventSource;
  /** The schema version this code reads and writes (`metadata.schemaVersion`). */
  readonly version: string;
  readonly producer: Party;
  /** Consumers inside this project (services) and outside it (`storefront`, `analytics`). */
  readonly consumers: readonly Party[];
  /**
   * Whether the event settles the saga: it ends an order (OrderConfirmed, OrderCancelled) or
   * ends it when nothing else will (the deadline, OrderStalled). What its consumers do with it
   * (refund, release, notify, cancel) is the saga's last word: no later event or deadline would
   * do it again. So its consumers take it from a settlement queue with a long receive budget,
   * apart from the forward steps, whose short budget the deadline backs up.
   */
  readonly settlement: boolean;
  readonly dataSchema: TData;
  /** The whole detail: `metadata` (with this contract's version) and `data`. */
  readonly detailSchema: z.ZodMiniObject<
    {
      metadata: z.ZodMiniObject<
        Omit<typeof metadataSchema.shape, 'schemaVersion'> & { schemaVersion: z.ZodMiniLiteral<string> }
      >;
      data: TData;
    },
    z.core.$strict
  >;
}

export interface EventContractDefinition<TDetailType extends string, TData extends z.ZodMiniType> {
  readonly detailType: TDetailType;
  readonly source: EventSource;
  readonly version: string;
  readonly producer: Party;
  readonly consumers: readonly Party[];
  /** See {@link EventContract.settlement}. @default false */
  readonly settlement?: boolean;
  readonly data: TData;
}

/** Declares an event contract; the detail schema pins `metadata.schemaVersion` to `version`. */
export function defineEvent<TDetailType extends string, TData extends z.ZodMiniType>(
  definition: EventContractDefinition<TDetailType, TData>,
): EventContract<TDetailType, TData> {
  if (!/^[A-Z][A-Za-z]+$/.test(definition.detailType)) {
    throw new Error(`detail type must be PascalCase, got '${definition.detailType}'`);
  }
  const detailSchema = z.strictObject({
    // A new object over metadataSchema's shape is what z.extend builds, but z.extend brings
    // zod's schema-cloning helpers into every function bundle (1.3 KB minified) for this one line.
    metadata: z.object({ ...metadataSchema.shape, schemaVersion: z.literal(definition.version) }),
    data: definition.data,
  });
  return {
    detailType: definition.detailType,
    source: definition.source,
    version: definition.version,
    producer: definition.producer,
    consumers: definition.consumers,
    settlement: definition.settlement ?? false,
    dataSchema: definition.data,
    detailSchema,
  };
}
