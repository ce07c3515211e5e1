import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putRecords, type ItemKind } from './item-kind';

/** How one kind of level item names its fields: stock is `sku` / `available`, a customer `customerId` / `creditLimit`. */
export interface LevelFields<I extends string, L extends string> {
  /** The field holding the id the item is keyed by. */
  readonly id: I;
  /** The field holding the level, a whole number of at least 0. */
  readonly level: L;
  /** What the level is called in an error message. */
  readonly levelName: string;
}

/** The items a seeder writes: an id and a level, under the kind's field names. */
export type LevelItems<I extends string, L extends string> = readonly (Readonly<Record<I, string>> &
  Readonly<Record<L, number>>)[];

/**
 * The seeding function of one kind of item that holds a level (a SKU's stock, a customer's credit
 * limit): it writes every item, overwriting what was there, once every level is known to be a
 * whole number of at least 0; nothing is written otherwise. Used by `choreo seed` and the local
 * cloud, which start a table from known levels.
 */
export function seederOfLevels<I extends string, L extends string>(kind: ItemKind, fields: LevelFields<I, L>) {
  return async (client: DynamoDBDocumentClient, tableName: string, items: LevelItems<I, L>): Promise<void> => {
    const levels = items.map((item): { readonly id: string; readonly level: number } => ({
      id: item[fields.id],
      level: item[fields.level],
    }));
    for (const { id, level } of levels) {
      if (!Number.isInteger(level) || level < 0) {
        throw new RangeError(`${fields.levelName} of '${id}' must be a whole number of at least 0, got '${level}'`);
      }
    }
    await putRecords(
      kind,
      client,
      tableName,
      levels.map(({ id, level }) => ({ id, record: { [fields.id]: id, [fields.level]: level } })),
    );
  };
}
