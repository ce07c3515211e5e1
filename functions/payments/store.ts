import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writtenUnlessConditionFailed } from '../shared/dynamodb-conditions';
import { ItemKind, type PutOnceResult, listRecordsByOrderId } from '../shared/item-kind';
import { seederOfLevels } from '../shared/level-seeder';
import { ServiceStore } from '../shared/service-store';
import type { Charge, ChargeStatus, Customer } from './domain';

/**
 * The payments table (partition key `pk`, sort key `sk`):
 * - customers: `CUSTOMER#<customerId>` / `CUSTOMER`, with the credit limit the simulated
 *   provider checks;
 * - charges: `CHARGE#<orderId>` / `CHARGE`, one per order, ever (conditional put).
 */
const CUSTOMER = new ItemKind('CUSTOMER');
const CHARGE = new ItemKind<Charge>('CHARGE');

/** The payments service's table; the charge record keyed by order id is the no-double-charge guard. */
export class PaymentsStore extends ServiceStore {
  getCharge(orderId: string): Promise<Charge | undefined> {
    return CHARGE.get(this.client, this.tableName, orderId);
  }

  async getCustomer(customerId: string): Promise<Customer | undefined> {
    const record = await CUSTOMER.get(this.client, this.tableName, customerId);
    return record ? { customerId: String(record.customerId), creditLimit: Number(record.creditLimit) } : undefined;
  }

  /** Records the order's charge, unless the order already has one: then nothing is written and the answer carries it. */
  recordCharge(charge: Charge): Promise<PutOnceResult<Charge>> {
    return CHARGE.putOnce(this.client, this.tableName, charge.orderId, {
      orderId: charge.orderId,
      customerId: charge.customerId,
      status: charge.status,
      amount: charge.amount,
      currency: charge.currency,
      lines: charge.lines.map((line) => ({ ...line })),
      ...(charge.paymentId ? { paymentId: charge.paymentId } : {}),
      ...(charge.declineReason ? { declineReason: charge.declineReason } : {}),
      ...(charge.orderHash ? { orderHash: charge.orderHash } : {}),
      chargedBy: { ...charge.chargedBy },
    });
  }

  /**
   * Marks a CHARGED charge REFUNDED, conditioned on it still being CHARGED: two deliveries of the
   * same OrderCancelled refund once. False when it is no longer CHARGED.
   */
  recordRefund(refunded: Charge): Promise<boolean> {
    if (!refunded.refundedBy) throw new TypeError(`charge '${refunded.orderId}' has no refundedBy`);
    return writtenUnlessConditionFailed(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: CHARGE.key(refunded.orderId),
          UpdateExpression: 'SET #status = :refunded, refundedBy = :refundedBy',
          ConditionExpression: '#status = :charged',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':refunded': 'REFUNDED' satisfies ChargeStatus,
            ':charged': 'CHARGED' satisfies ChargeStatus,
            ':refundedBy': { ...refunded.refundedBy },
          },
        }),
      ),
    );
  }
}

/** Writes each customer's credit limit (overwriting what was there). Used by `choreo seed` and the local cloud. */
export const seedCustomers = /* @__PURE__ */ seederOfLevels(CUSTOMER, {
  id: 'customerId',
  level: 'creditLimit',
  levelName: 'credit limit',
});

/** Every charge record (CHARGED, DECLINED, REFUNDED or VOIDED), sorted by order id: what the no-double-charge check counts. */
export function listCharges(client: DynamoDBDocumentClient, tableName: string): Promise<Charge[]> {
  return listRecordsByOrderId(CHARGE, client, tableName);
}
