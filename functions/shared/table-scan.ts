import { paginateScan, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Every item of one kind (its `entity` attribute) in a service table, all pages read. For the
 * CLI, the local cloud and the invariant checker, which read whole tables after a run; handlers
 * never scan.
 */
export async function scanEntity(
  client: DynamoDBDocumentClient,
  tableName: string,
  entity: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const pages = paginateScan(
    { client },
    {
      TableName: tableName,
      FilterExpression: 'entity = :entity',
      ExpressionAttributeValues: { ':entity': entity },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

/** An item without its key and kind attributes: the record it stores. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, entity: _entity, ...record } = item;
  return record;
}
