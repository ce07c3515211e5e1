import * as dynaliteDb from 'dynalite/db';
import type { TableDescription, WireItem } from 'dynalite/db';
import { readClientRequestToken, type ClientRequestTokens } from './client-request-tokens';
import type { DynaliteEngine, ValidatedRequest } from './dynalite-engine';
import { DynamoDbApiError, type CancellationReason } from './dynamodb-errors';
import type { KeyedLock } from './keyed-lock';
import type { TransactionUndoLog } from './transaction-undo-log';
import { itemLockKey, readReturnValuesOnConditionCheckFailure, type ItemWriteOperation } from './locked-writes';
import {
  constraintError,
  isJsonObject,
  keyOf,
  pickMembers,
  readReturnConsumedCapacity,
  readTransactItems,
  rejectDuplicateItems,
  validateMember,
} from './transaction-requests';

type MemberKind = 'ConditionCheck' | 'Put' | 'Update' | 'Delete';

const EXPRESSION_MEMBERS = ['ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'] as const;

/** How each member kind is validated and applied, and which of its members AWS accepts. */
const KINDS: Record<
  MemberKind,
  {
    validateAs: ItemWriteOperation;
    applyAs?: ItemWriteOperation;
    members: readonly string[];
    required: readonly string[];
  }
> = {
  // A condition check is validated like a conditional delete (a key and a condition) and never applied.
  ConditionCheck: {
    validateAs: 'DeleteItem',
    members: ['TableName', 'Key', ...EXPRESSION_MEMBERS],
    required: ['ConditionExpression'],
  },
  Put: {
    validateAs: 'PutItem',
    applyAs: 'PutItem',
    members: ['TableName', 'Item', ...EXPRESSION_MEMBERS],
    required: [],
  },
  Update: {
    validateAs: 'UpdateItem',
    applyAs: 'UpdateItem',
    members: ['TableName', 'Key', 'UpdateExpression', ...EXPRESSION_MEMBERS],
    required: ['UpdateExpression'],
  },
  Delete: {
    validateAs: 'DeleteItem',
    applyAs: 'DeleteItem',
    members: ['TableName', 'Key', ...EXPRESSION_MEMBERS],
    required: [],
  },
};
const KIND_NAMES = Object.keys(KINDS) as MemberKind[];

/** One validated member of the transaction. */
interface PlannedWrite {
  readonly kind: MemberKind;
  readonly data: ValidatedRequest;
  readonly table: TableDescription;
  /** The item's key attributes. */
  readonly key: WireItem;
  readonly lockKey: string;
  readonly returnOldOnFailure: boolean;
}

/**
 * TransactWriteItems in front of dynalite, which lacks it. All or nothing, and isolated:
 *
 * 1. every member is validated (dynalite's rules for the matching single-item call, parsed
 *    expressions included), the tables looked up, and a second operation on one item refused;
 * 2. the locks of all items are taken (the same locks PutItem, UpdateItem, DeleteItem and
 *    BatchWriteItem take, so no single write slips in between);
 * 3. every condition is evaluated against the current item with dynalite's own evaluator; any
 *    failure cancels the whole transaction with one reason per member, in order, as AWS does;
 * 4. the writes are applied in order; if one fails (an update expression that does not fit the
 *    item), those already applied are restored from the images read in step 3.
 *
 * Reads outside transactions (GetItem, Query, Scan) take no lock: like AWS's read-committed
 * reads they never see a half-applied transaction's other items as a unit, and can only see a
 * write that is then rolled back in the rare case of step 4 failing.
 */
export class TransactWriteItems {
  constructor(
    private readonly engine: DynaliteEngine,
    private readonly locks: KeyedLock,
    private readonly tokens: ClientRequestTokens,
    /** Makes the transaction all-or-nothing across a crash too (`--data`). @default - none */
    private readonly undoLog?: TransactionUndoLog,
  ) {}

  async execute(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const token = readClientRequestToken(body.ClientRequestToken);
    if (!token) return this.run(body);
    const replay = this.tokens.begin(token, body);
    if (replay) return replay;
    try {
      const response = await this.run(body);
      this.tokens.succeed(token, response);
      return response;
    } catch (error) {
      this.tokens.fail(token);
      throw error;
    }
  }

  private async run(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const capacityMode = readReturnConsumedCapacity(body.ReturnConsumedCapacity);
    const plans = await this.plan(readTransactItems(body));
    rejectDuplicateItems(plans.map((plan) => plan.lockKey));

    return this.locks.withLock(
      plans.map((plan) => plan.lockKey),
      async () => {
        const images: Array<WireItem | undefined> = [];
        for (const plan of plans) images.push(await this.engine.readItem(plan.table, plan.key));

        const reasons = plans.map((plan, index) => evaluateCondition(plan, images[index]));
        if (reasons.some((reason) => reason.Code !== 'None')) {
          throw DynamoDbApiError.transactionCanceled(reasons);
        }
        const undo = await this.undoLog?.begin(
          plans.map((plan, index) => ({
            tableName: plan.table.TableName,
            key: plan.key,
            ...(images[index] ? { image: images[index] } : {}),
          })),
        );
        try {
          await this.apply(plans, images);
        } finally {
          if (undo !== undefined) this.undoLog?.end(undo);
        }
        return capacityMode ? { ConsumedCapacity: consumedCapacity(capacityMode, plans, images) } : {};
      },
    );
  }

  private async plan(members: readonly unknown[]): Promise<PlannedWrite[]> {
    const plans: PlannedWrite[] = [];
    for (const [index, member] of members.entries()) {
      const memberPath = `transactItems.${index + 1}.member`;
      const kinds = isJsonObject(member) ? KIND_NAMES.filter((name) => isJsonObject(member[name])) : [];
      const kind = kinds[0];
      if (kinds.length !== 1 || !kind || !isJsonObject(member)) {
        throw DynamoDbApiError.validation('TransactItems can only contain one of Check, Put, Update or Delete');
      }
      const rules = KINDS[kind];
      const source = member[kind] as Record<string, unknown>;
      const path = `${memberPath}.${kind.charAt(0).toLowerCase()}${kind.slice(1)}`;
      for (const required of rules.required) {
        if (typeof source[required] !== 'string') {
          throw constraintError(
            'null',
            `${path}.${required.charAt(0).toLowerCase()}${required.slice(1)}`,
            'Member must not be null',
          );
        }
      }
      const returnOldOnFailure = readReturnValuesOnConditionCheckFailure(
        source.ReturnValuesOnConditionCheckFailure,
        `${path}.returnValuesOnConditionCheckFailure`,
      );
      const data = validateMember(this.engine, rules.validateAs, pickMembers(source, rules.members), path);
      const table = await this.engine.table(data.TableName as string);
      const keySource = (kind === 'Put' ? data.Item : data.Key) as WireItem;
      const invalid =
        (kind === 'Put' ? dynaliteDb.validateItem(keySource, table) : dynaliteDb.validateKey(keySource, table)) ??
        (kind === 'Update' ? dynaliteDb.validateUpdates(undefined, data._updates, table) : undefined);
      if (invalid) throw DynamoDbApiError.from(invalid);
      plans.push({
        kind,
        data,
        table,
        key: keyOf(table, keySource),
        lockKey: itemLockKey(this.engine, table, keySource),
        returnOldOnFailure,
      });
    }
    return plans;
  }

  /** Applies the writes in order; on a failure restores what was applied and cancels. */
  private async apply(plans: readonly PlannedWrite[], images: ReadonlyArray<WireItem | undefined>): Promise<void> {
    for (const [index, plan] of plans.entries()) {
      const operation = KINDS[plan.kind].applyAs;
      if (!operation) continue;
      try {
        // The condition held under the lock already; the write itself is unconditional.
        const { _condition: _checked, ...write } = plan.data;
        await this.engine.run(operation, write);
      } catch (error) {
        await this.rollBack(plans.slice(0, index), images);
        const apiError = DynamoDbApiError.from(error);
        if (apiError.code !== 'ValidationException') throw apiError;
        throw DynamoDbApiError.transactionCanceled(
          plans.map((_, other) =>
            other === index ? { Code: 'ValidationError', Message: apiError.message } : { Code: 'None' },
          ),
        );
      }
    }
  }

  private async rollBack(applied: readonly PlannedWrite[], images: ReadonlyArray<WireItem | undefined>): Promise<void> {
    for (let index = applied.length - 1; index >= 0; index--) {
      const plan = applied[index];
      if (!plan || !KINDS[plan.kind].applyAs) continue;
      const image = images[index];
      const tableName = plan.table.TableName;
      await (image
        ? this.engine.call('PutItem', { TableName: tableName, Item: image })
        : this.engine.call('DeleteItem', { TableName: tableName, Key: plan.key }));
    }
  }
}

function evaluateCondition(plan: PlannedWrite, image: WireItem | undefined): CancellationReason {
  if (!dynaliteDb.checkConditional(plan.data, image)) return { Code: 'None' };
  return {
    Code: 'ConditionalCheckFailed',
    Message: 'The conditional request failed',
    ...(plan.returnOldOnFailure && image ? { Item: image } : {}),
  };
}

/** Transactional writes cost two write units per KB of each item, summed per table. */
function consumedCapacity(
  mode: 'TOTAL' | 'INDEXES',
  plans: readonly PlannedWrite[],
  images: ReadonlyArray<WireItem | undefined>,
): Record<string, unknown>[] {
  const units = new Map<string, number>();
  plans.forEach((plan, index) => {
    const image = images[index];
    const bytes = Math.max(
      image ? dynaliteDb.itemSize(image) : 0,
      plan.kind === 'Put' ? dynaliteDb.itemSize(plan.data.Item as WireItem) : 0,
    );
    const tableName = plan.table.TableName;
    units.set(tableName, (units.get(tableName) ?? 0) + 2 * Math.max(1, Math.ceil(bytes / 1024)));
  });
  return [...units].map(([TableName, CapacityUnits]) => ({
    TableName,
    CapacityUnits,
    WriteCapacityUnits: CapacityUnits,
    ...(mode === 'INDEXES' ? { Table: { CapacityUnits, WriteCapacityUnits: CapacityUnits } } : {}),
  }));
}
