import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../shared/dynamodb-conditions';
import { scanEntity, withoutKeys } from '../shared/table-scan';
import type { Charge, Customer } from './domain';

/**
 * The payments table (partition key `pk`, sort key `sk`):
 * - customers: `CUSTOMER#<customerId>` / `CUSTOMER`, with the credit limit the simulated
 *   provider checks;
 * - charges: `CHARGE#<orderId>` / `CHARGE`, one per order, ever (conditional put).
 */
const CUSTOMER = 'CUSTOMER';
const CHARGE = 'CHARGE';

const customerKey = (customerId: string) => ({ pk: `${CUSTOMER}#${customerId}`, sk: CUSTOMER });
const chargeKey = (orderId: string) => ({ pk: `${CHARGE}#${orderId}`, sk: CHARGE });

/** The payments service's table; the charge record keyed by order id is the no-double-charge guard. */
export class PaymentsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getCharge(orderId: string): Promise<Charge | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: chargeKey(orderId), ConsistentRead: true }),
    );
    return Item ? (withoutKeys(Item) as unknown as Charge) : undefined;
  }

  async getCustomer(customerId: string): Promise<Customer | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: customerKey(customerId), ConsistentRead: true }),
    );
    return Item ? { customerId: String(Item.customerId), creditLimit: Number(Item.creditLimit) } : undefined;
  }

  /** Records the order's charge; false (and nothing written) if the order already has one. */
  async recordCharge(charge: Charge): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...chargeKey(charge.orderId),
            entity: CHARGE,
            orderId: charge.orderId,
            customerId: charge.customerId,
            status: charge.status,
            amount: charge.amount,
            currency: charge.currency,
            lines: charge.lines.map((line) => ({ ...line })),
            ...(charge.paymentId ? { paymentId: charge.paymentId } : {}),
            ...(charge.declineReason ? { declineReason: charge.declineReason } : {}),
            chargedBy: { ...charge.chargedBy },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}

/** Writes each customer's credit limit (overwriting what was there). Used by `choreo seed` and the local cloud. */
export async function seedCustomers(
  client: DynamoDBDocumentClient,
  tableName: string,
  customers: readonly { readonly customerId: string; readonly creditLimit: number }[],
): Promise<void> {
  for (const customer of customers) {
    if (!Number.isInteger(customer.creditLimit) || customer.creditLimit < 0) {
      throw new RangeError(
        `credit limit of '${customer.customerId}' must be a whole number of at least 0, got '${customer.creditLimit}'`,
      );
    }
  }
  await Promise.all(
    customers.map((customer) =>
      client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...customerKey(customer.customerId),
            entity: CUSTOMER,
            customerId: customer.customerId,
            creditLimit: customer.creditLimit,
          },
        }),
      ),
    ),
  );
}

/** Every charge attempt (CHARGED or DECLINED), sorted by order id: what the no-double-charge check counts. */
export async function listCharges(client: DynamoDBDocumentClient, tableName: string): Promise<Charge[]> {
  const items = await scanEntity(client, tableName, CHARGE);
  return items.map((item) => withoutKeys(item) as unknown as Charge).sort((a, b) => a.orderId.localeCompare(b.orderId));
}
