import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ItemKind } from './item-kind';

/** The ledger's items in the service table: `DEADLETTER#<key>` / `DEADLETTER`. */
const DEAD_LETTER = new ItemKind('DEADLETTER');

/**
 * Which messages the service has dead-lettered, in its own table, so that a message delivered
 * twice (SQS is at-least-once) or a conflict republished is dead-lettered once: the first
 * delivery claims the key with a conditional put, the others find it claimed.
 */
export class DeadLetterLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Claims `key`; false when an earlier delivery already did. */
  claim(
    key: string,
    record: { readonly messageId: string; readonly reason: string; readonly at: string },
  ): Promise<boolean> {
    return DEAD_LETTER.putOnce(this.client, this.tableName, key, { key, ...record });
  }

  /** Gives a claim back, when the message could not be sent after all (so a redelivery sends it). */
  async release(key: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: DEAD_LETTER.key(key) }));
  }
}
