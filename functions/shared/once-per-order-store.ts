import type { ItemKind, PutOnceResult } from './item-kind';
import { ServiceStore } from './service-store';

/**
 * A store of one record per order, written once: the conditional put keyed by the order id is
 * what makes the service's effect (a shipment scheduled, a customer told) happen once however
 * often its event is delivered. A service names the kind of item its records are.
 *
 * @example
 * export class ShippingStore extends OncePerOrderStore<Shipment> {
 *   protected readonly records = SHIPMENT;
 * }
 */
export abstract class OncePerOrderStore<T extends { readonly orderId: string }> extends ServiceStore {
  protected abstract readonly records: ItemKind<T>;

  get(orderId: string): Promise<T | undefined> {
    return this.records.get(this.client, this.tableName, orderId);
  }

  /** Records the order's record, unless the order already has one: then nothing is written and the answer carries it. */
  recordOnce(record: T): Promise<PutOnceResult<T>> {
    return this.records.putOnce(this.client, this.tableName, record.orderId, { ...record });
  }
}
