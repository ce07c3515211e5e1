import * as dynaliteDb from 'dynalite/db';
import type { DynaliteStore, TableDescription, WireItem } from 'dynalite/db';
import { checkTypes, checkValidations } from 'dynalite/validations';
import batchGetItem from 'dynalite/actions/batchGetItem';
import batchWriteItem from 'dynalite/actions/batchWriteItem';
import createTable from 'dynalite/actions/createTable';
import deleteItem from 'dynalite/actions/deleteItem';
import deleteTable from 'dynalite/actions/deleteTable';
import describeTable from 'dynalite/actions/describeTable';
import describeTimeToLive from 'dynalite/actions/describeTimeToLive';
import getItem from 'dynalite/actions/getItem';
import listTables from 'dynalite/actions/listTables';
import listTagsOfResource from 'dynalite/actions/listTagsOfResource';
import putItem from 'dynalite/actions/putItem';
import query from 'dynalite/actions/query';
import scan from 'dynalite/actions/scan';
import tagResource from 'dynalite/actions/tagResource';
import untagResource from 'dynalite/actions/untagResource';
import updateItem from 'dynalite/actions/updateItem';
import updateTable from 'dynalite/actions/updateTable';
import * as batchGetItemRules from 'dynalite/validations/batchGetItem';
import * as batchWriteItemRules from 'dynalite/validations/batchWriteItem';
import * as createTableRules from 'dynalite/validations/createTable';
import * as deleteItemRules from 'dynalite/validations/deleteItem';
import * as deleteTableRules from 'dynalite/validations/deleteTable';
import * as describeTableRules from 'dynalite/validations/describeTable';
import * as describeTimeToLiveRules from 'dynalite/validations/describeTimeToLive';
import * as getItemRules from 'dynalite/validations/getItem';
import * as listTablesRules from 'dynalite/validations/listTables';
import * as listTagsOfResourceRules from 'dynalite/validations/listTagsOfResource';
import * as putItemRules from 'dynalite/validations/putItem';
import * as queryRules from 'dynalite/validations/query';
import * as scanRules from 'dynalite/validations/scan';
import * as tagResourceRules from 'dynalite/validations/tagResource';
import * as untagResourceRules from 'dynalite/validations/untagResource';
import * as updateItemRules from 'dynalite/validations/updateItem';
import * as updateTableRules from 'dynalite/validations/updateTable';
import { DynamoDbApiError } from './dynamodb-errors';
import { installExpressionParseCache } from './expression-parse-cache';

type DynaliteAction = typeof putItem;
interface DynaliteRules {
  readonly types: Record<string, unknown>;
  readonly custom: ((data: Record<string, unknown>, store: DynaliteStore) => string | undefined) | undefined;
}

/** The operations dynalite implements, by their API name. */
const OPERATIONS = {
  BatchGetItem: [batchGetItem, batchGetItemRules],
  BatchWriteItem: [batchWriteItem, batchWriteItemRules],
  CreateTable: [createTable, createTableRules],
  DeleteItem: [deleteItem, deleteItemRules],
  DeleteTable: [deleteTable, deleteTableRules],
  DescribeTable: [describeTable, describeTableRules],
  DescribeTimeToLive: [describeTimeToLive, describeTimeToLiveRules],
  GetItem: [getItem, getItemRules],
  ListTables: [listTables, listTablesRules],
  ListTagsOfResource: [listTagsOfResource, listTagsOfResourceRules],
  PutItem: [putItem, putItemRules],
  Query: [query, queryRules],
  Scan: [scan, scanRules],
  TagResource: [tagResource, tagResourceRules],
  UntagResource: [untagResource, untagResourceRules],
  UpdateItem: [updateItem, updateItemRules],
  UpdateTable: [updateTable, updateTableRules],
} as const satisfies Record<string, readonly [DynaliteAction, DynaliteRules]>;

/** An operation dynalite answers itself. */
export type DynaliteOperation = keyof typeof OPERATIONS;

/** A request after dynalite's validation: coerced members plus parsed `_condition`, `_updates`, ... */
export type ValidatedRequest = Record<string, unknown>;

export interface DynaliteEngineOptions {
  /** LevelDB directory; in memory when absent. */
  readonly dataDirectory?: string;
  readonly region: string;
  readonly accountId: string;
}

/** True for a `ResourceNotFoundException`; any other error is thrown again. */
function isMissingTable(error: unknown): true {
  if (error instanceof DynamoDbApiError && error.code === 'ResourceNotFoundException') return true;
  throw error;
}

/**
 * Reads every 2 ms until `done` holds of what was read, for at most ~1 s (dynalite's table
 * changes land on zero-delay timers); the last read, or undefined when `done` never held.
 */
async function untilTrue<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T | undefined> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return undefined;
}

/** Keys of the local cloud's own records in dynalite's LevelDB (outside dynalite's prefixes). */
const METADATA_PREFIX = 'local-cloud~';

/**
 * dynalite run in process: the same validations and actions its HTTP server runs, called
 * directly, with tables becoming ACTIVE at once. Errors come out as `DynamoDbApiError`.
 */
export class DynaliteEngine {
  private constructor(private readonly store: DynaliteStore) {}

  static isOperation(name: string): name is DynaliteOperation {
    return Object.hasOwn(OPERATIONS, name);
  }

  /** Opens (or creates) the store; rejects when the LevelDB directory cannot be opened. */
  static async open(options: DynaliteEngineOptions): Promise<DynaliteEngine> {
    installExpressionParseCache();
    const store = dynaliteDb.create({
      ...(options.dataDirectory ? { path: options.dataDirectory } : {}),
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    });
    // dynalite reads these from the environment once; table ARNs must name the local region.
    store.tableDb.awsRegion = options.region;
    store.tableDb.awsAccountId = options.accountId;
    await store.db.open();
    return new DynaliteEngine(store);
  }

  /** Runs dynalite's type checks and validations for `operation`; throws `DynamoDbApiError`. */
  validate(operation: DynaliteOperation, body: Record<string, unknown>): ValidatedRequest {
    const rules: DynaliteRules = OPERATIONS[operation][1];
    try {
      const data = checkTypes(body, rules.types);
      checkValidations(data, rules.types, rules.custom, this.store);
      return data;
    } catch (error) {
      throw DynamoDbApiError.from(error);
    }
  }

  /** Runs an already validated request. */
  run(operation: DynaliteOperation, data: ValidatedRequest): Promise<Record<string, unknown>> {
    const action: DynaliteAction = OPERATIONS[operation][0];
    return new Promise((resolve, reject) => {
      action(this.store, data, (error, result) => {
        if (error) reject(DynamoDbApiError.from(error));
        else resolve(result ?? {});
      });
    });
  }

  /** Validates and runs. */
  call(operation: DynaliteOperation, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.run(operation, this.validate(operation, body));
  }

  /**
   * CreateTable, then waits until the table is ACTIVE: dynalite flips it on a zero-delay timer
   * after CreateTable answers, and reads and writes before that are refused.
   */
  async createTable(request: Record<string, unknown>): Promise<TableDescription> {
    await this.call('CreateTable', request);
    return this.waitUntilActive(String(request.TableName));
  }

  /**
   * The table once it and its indexes are ACTIVE: dynalite stores CreateTable's and UpdateTable's
   * ACTIVE on a zero-delay timer after answering (the delays are 0 here), so until then the table
   * is CREATING or UPDATING, and reads and writes are refused.
   */
  async waitUntilActive(tableName: string): Promise<TableDescription> {
    const table = await untilTrue(
      () => this.table(tableName, false),
      (found) =>
        found.TableStatus === 'ACTIVE' &&
        (found.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE'),
    );
    if (table) return table;
    throw DynamoDbApiError.internal(`table '${tableName}' did not become active`);
  }

  /** Resolves once a deleted table is gone: dynalite removes it on a zero-delay timer after DeleteTable answers. */
  async waitUntilDeleted(tableName: string): Promise<void> {
    const gone = await untilTrue(
      () => this.table(tableName, false).then(() => false, isMissingTable),
      (missing) => missing,
    );
    if (!gone) throw DynamoDbApiError.internal(`table '${tableName}' was not deleted`);
  }

  /** The table's description; `ResourceNotFoundException` when it is missing or not ACTIVE yet. */
  table(tableName: string, requireActive = true): Promise<TableDescription> {
    return new Promise((resolve, reject) => {
      this.store.getTable(tableName, requireActive, (error, table) => {
        if (error || !table) reject(DynamoDbApiError.from(error ?? new Error(`table '${tableName}' vanished`)));
        else resolve(table);
      });
    });
  }

  /** The names of all tables. */
  async tableNames(): Promise<string[]> {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = await this.call('ListTables', start ? { ExclusiveStartTableName: start } : {});
      names.push(...(page.TableNames as string[]));
      start = page.LastEvaluatedTableName as string | undefined;
    } while (start);
    return names;
  }

  /**
   * Drops a table's description (used for a table a crash left DELETING: dynalite deletes the
   * items before answering DeleteTable, then the description on a timer).
   */
  forgetTable(tableName: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.store.tableDb.del(tableName, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Stores a table description as it is (used to repair tables left CREATING by a crash). */
  saveTable(table: TableDescription): Promise<void> {
    return new Promise((resolve, reject) => {
      this.store.tableDb.put(table.TableName, table, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Where dynalite keeps the item with this key (`key` may be a whole item). */
  itemKey(table: TableDescription, key: WireItem): string {
    return dynaliteDb.createKey(key, table);
  }

  /** The stored item, read directly (a consistent read), or undefined. */
  readItem(table: TableDescription, key: WireItem): Promise<WireItem | undefined> {
    const itemDb = this.store.getItemDb(table.TableName);
    return new Promise((resolve, reject) => {
      itemDb.get(this.itemKey(table, key), (error, item) => {
        if (error && error.name !== 'NotFoundError') reject(error);
        else resolve((item ?? undefined) as WireItem | undefined);
      });
    });
  }

  /** A local-cloud record kept beside the tables (survives restarts with a data directory). */
  async readMetadata<T>(key: string): Promise<T | undefined> {
    return (await this.store.db.get(METADATA_PREFIX + key)) as T | undefined;
  }

  writeMetadata(key: string, value: unknown): Promise<void> {
    return this.store.db.put(METADATA_PREFIX + key, value);
  }

  deleteMetadata(key: string): Promise<void> {
    return this.store.db.del(METADATA_PREFIX + key);
  }

  /** Waits for pending writes, then closes the LevelDB. */
  close(): Promise<void> {
    return this.store.lifecycleManager.gracefulClose();
  }
}
