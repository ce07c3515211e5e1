import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ItemKind } from './item-kind';
import { ServiceStore } from './service-store';

/** The ledger's items in the service table: `DEADLETTER#<key>` / `DEADLETTER`. */
const DEAD_LETTER = new ItemKind<{ readonly state: LedgerState }>('DEADLETTER');

/** What the ledger says of a key. */
export type LedgerState = 'new' | 'claimed' | 'sent';

/**
 * Which messages the service has dead-lettered, in its own table, so that a message delivered
 * twice (SQS is at-least-once) or a conflict republished is dead-lettered once: the first
 * delivery claims the key with a conditional put, sends, then marks it sent; a later delivery
 * that finds it sent sends nothing, and one that finds it only claimed (a concurrent delivery,
 * e.g. a batch that came back while its first invocation still ran) waits a moment for it to be
 * marked sent. A claim never marked sent (the invocation died between claim and send) is sent
 * again: a dead letter may then be duplicated, but never lost.
 */
export class DeadLetterLedger extends ServiceStore {
  /** Claims `key`: `new` when this call claimed it, else what an earlier delivery left. */
  async claim(
    key: string,
    record: { readonly messageId: string; readonly reason: string; readonly at: string },
  ): Promise<LedgerState> {
    const claim = await DEAD_LETTER.putOnce(this.client, this.tableName, key, { key, ...record, state: 'claimed' });
    if (claim.written) return 'new';
    return claim.existing.state === 'sent' ? 'sent' : 'claimed';
  }

  /**
   * Waits for a claim made by another delivery to be marked sent, checking every `pollMs`:
   * true once it is, false when `waitMs` passed without (that delivery died, so this one sends).
   */
  async waitUntilSent(key: string, waitMs: number, pollMs = 100): Promise<boolean> {
    for (let waited = 0; waited < waitMs; waited += pollMs) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      if ((await this.stateOf(key)) === 'sent') return true;
    }
    return false;
  }

  /** Marks `key` sent: later deliveries send nothing. */
  async markSent(key: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: DEAD_LETTER.key(key),
        UpdateExpression: 'SET #state = :sent',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent' },
      }),
    );
  }

  private async stateOf(key: string): Promise<LedgerState | undefined> {
    return (await DEAD_LETTER.get(this.client, this.tableName, key))?.state;
  }
}
