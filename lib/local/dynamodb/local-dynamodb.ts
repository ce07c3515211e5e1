import { mkdir } from 'node:fs/promises';
import type { TableDescription } from 'dynalite/db';
import type { Clock } from '../clock';
import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../endpoint/aws-json';
import { awsJsonResponse } from './aws-json-response';
import { escapeProtoNames } from './proto-safe-names';
import { ClientRequestTokens } from './client-request-tokens';
import { DynaliteEngine } from './dynalite-engine';
import { DynamoDbApiError, LocalDynamoDbStartError, TableSchemaMismatchError } from './dynamodb-errors';
import { KeyedLock } from './keyed-lock';
import { LockedWrites } from './locked-writes';
import { createTableRequest, parseTableSpec, type TableSpec } from './table-spec';
import { TimeToLiveSettings } from './time-to-live';
import { TransactGetItems } from './transact-get-items';
import { TransactWriteItems } from './transact-write-items';
import type { BeforeImage, TransactionUndoLog } from './transaction-undo-log';
import { isJsonObject } from './transaction-requests';

/** The `X-Amz-Target` prefix of DynamoDB's current API version. */
export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810.';

export interface LocalDynamoDbOptions {
  /**
   * A LevelDB directory (created if missing) that keeps tables and items across restarts.
   * Only one process can open it at a time.
   * @default - in memory: everything is gone after `stop()`
   */
  readonly dataDirectory?: string;
  /**
   * The region in table ARNs.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * The account in table ARNs.
   * @default '000000000000'
   */
  readonly accountId?: string;
  /**
   * The clock that ages TransactWriteItems client request tokens (ten minutes of AWS time).
   * @default - the wall clock
   */
  readonly clock?: Clock;
  /**
   * Keeps TransactWriteItems all-or-nothing across a crash (`--data`); transactions it still
   * holds at start are rolled back (see `rollBackUnfinished`).
   * @default - none
   */
  readonly undoLog?: TransactionUndoLog;
}

/** What `ensureTables` did. */
export interface EnsureTablesResult {
  /** Tables created now. */
  readonly created: readonly string[];
  /** Tables that were already there (kept in the data directory) with the same keys and indexes. */
  readonly existing: readonly string[];
}

/**
 * The local cloud's DynamoDB: dynalite, embedded in process, behind the AWS JSON 1.0 protocol,
 * plus what dynalite lacks — TransactWriteItems and TransactGetItems (all or nothing, isolated
 * by item locks that single-item writes take too), UpdateTimeToLive / DescribeTimeToLive, and
 * `ReturnValuesOnConditionCheckFailure`. Tables are ACTIVE as soon as they are created.
 *
 * Not supported (answered with UnknownOperationException): PartiQL (ExecuteStatement, ...),
 * streams, backups, global tables, imports and exports. TTL is recorded but items never expire.
 *
 * @example
 * const dynamodb = await LocalDynamoDb.start({ dataDirectory: '.local-cloud/dynamodb' });
 * await dynamodb.ensureTables([tableSpecFromTemplate(resource.Properties, 'Orders').spec]);
 * endpoint.route('DynamoDB_20120810.', dynamodb);
 * // ...
 * await dynamodb.stop();
 */
export class LocalDynamoDb implements AwsJsonService {
  private readonly locks = new KeyedLock();
  private readonly writes: LockedWrites;
  private readonly transactWrite: TransactWriteItems;
  private readonly transactGet: TransactGetItems;
  private readonly timeToLive: TimeToLiveSettings;
  private stopping?: Promise<void>;

  private constructor(
    private readonly engine: DynaliteEngine,
    /** The region in table ARNs. */
    readonly region: string,
    /** The account in table ARNs. */
    readonly accountId: string,
    clock: Clock | undefined,
    undoLog: TransactionUndoLog | undefined,
  ) {
    this.writes = new LockedWrites(engine, this.locks);
    this.transactWrite = new TransactWriteItems(
      engine,
      this.locks,
      new ClientRequestTokens(clock ? () => clock.now() : Date.now),
      undoLog,
    );
    this.transactGet = new TransactGetItems(engine, this.locks);
    this.timeToLive = new TimeToLiveSettings(engine);
  }

  /**
   * Opens the store (in memory, or the data directory) and finishes what a crash interrupted:
   * tables left CREATING or UPDATING are ACTIVE, tables left DELETING are gone.
   * @throws LocalDynamoDbStartError when the data directory cannot be opened
   */
  static async start(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
    const region = options.region ?? 'us-east-1';
    const accountId = options.accountId ?? '000000000000';
    let engine: DynaliteEngine;
    try {
      if (options.dataDirectory) await mkdir(options.dataDirectory, { recursive: true });
      engine = await DynaliteEngine.open({ dataDirectory: options.dataDirectory, region, accountId });
    } catch (error) {
      const reason =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new LocalDynamoDbStartError(
        `cannot open the dynamodb data directory '${options.dataDirectory ?? '(memory)'}': ${reason}`,
        { cause: error },
      );
    }
    const dynamodb = new LocalDynamoDb(engine, region, accountId, options.clock, options.undoLog);
    await dynamodb.finishInterruptedTableChanges();
    return dynamodb;
  }

  /**
   * Puts back the before-images of transactions a crash interrupted (never answered, so never
   * acknowledged to anyone): each is then as if it had not run.
   */
  async rollBackUnfinished(transactions: readonly (readonly BeforeImage[])[]): Promise<void> {
    for (const images of transactions) {
      for (const { tableName, key, image } of [...images].reverse()) {
        await (image
          ? this.engine.call('PutItem', { TableName: tableName, Item: image })
          : this.engine.call('DeleteItem', { TableName: tableName, Key: key }));
      }
    }
  }

  /** Answers one `DynamoDB_20120810.*` call; never rejects (errors are AWS error responses). */
  async handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    try {
      if (!request.target.startsWith(DYNAMODB_TARGET_PREFIX)) throw DynamoDbApiError.unknownOperation();
      const operation = request.target.slice(DYNAMODB_TARGET_PREFIX.length);
      return awsJsonResponse(200, await this.dispatch(operation, parseBody(request.body)));
    } catch (error) {
      const apiError = DynamoDbApiError.from(error);
      return awsJsonResponse(apiError.statusCode, apiError.toBody());
    }
  }

  /**
   * Creates a table and waits until it is ACTIVE (at once: dynalite's creation delay is 0).
   * @throws DynamoDbApiError `ResourceInUseException` when it exists, or a ValidationException
   * @throws InvalidTableSpecError when the spec is not a table
   */
  async createTable(spec: TableSpec): Promise<TableDescription> {
    const request = createTableRequest(spec);
    const tableName = request.TableName as string;
    const table = await this.engine.createTable(request);
    if (spec.TimeToLiveSpecification) await this.recordTimeToLive(tableName, spec.TimeToLiveSpecification);
    return table;
  }

  /**
   * Creates the tables that do not exist yet; keeps those that do (from the data directory)
   * when their keys and indexes match the spec.
   * @throws TableSchemaMismatchError when a kept table has other keys or indexes
   */
  async ensureTables(specs: readonly TableSpec[]): Promise<EnsureTablesResult> {
    const created: string[] = [];
    const existing: string[] = [];
    for (const spec of specs) {
      const parsed = parseTableSpec(spec);
      const table = await this.engine.table(parsed.TableName, false).catch((error: unknown) => {
        if (DynamoDbApiError.from(error).code === 'ResourceNotFoundException') return undefined;
        throw error;
      });
      if (!table) {
        await this.createTable(spec);
        created.push(parsed.TableName);
        continue;
      }
      assertSameShape(table, spec);
      if (spec.TimeToLiveSpecification) await this.recordTimeToLive(parsed.TableName, spec.TimeToLiveSpecification);
      existing.push(parsed.TableName);
    }
    return { created, existing };
  }

  /** Closes the store after pending writes; with a data directory, everything is on disk after. */
  stop(): Promise<void> {
    this.stopping ??= this.engine.close();
    return this.stopping;
  }

  private async dispatch(operation: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    switch (operation) {
      case 'TransactWriteItems':
        return this.transactWrite.execute(body);
      case 'TransactGetItems':
        return this.transactGet.execute(body);
      case 'UpdateTimeToLive':
        return this.timeToLive.update(body);
      case 'DescribeTimeToLive':
        return this.timeToLive.describe(body);
      case 'PutItem':
      case 'UpdateItem':
      case 'DeleteItem':
        return this.writes.writeItem(operation, body);
      case 'BatchWriteItem':
        return this.writes.writeBatch(body);
      // AWS answers CREATING, UPDATING or DELETING and gets there within seconds; dynalite gets there
      // on a timer after answering. The answer waits for it (and says what AWS says), so the
      // caller's next request cannot see the table half-way: a PutItem right after CreateTable
      // would otherwise be refused with ResourceNotFoundException when it came within the timer.
      case 'CreateTable':
      case 'UpdateTable': {
        const answer = structuredClone(await this.engine.call(operation, body));
        await this.engine.waitUntilActive(String(body.TableName));
        return answer;
      }
      case 'DeleteTable': {
        const result = await this.engine.call('DeleteTable', body);
        const deleted = result.TableDescription as TableDescription | undefined;
        if (deleted) {
          await this.engine.waitUntilDeleted(deleted.TableName);
          await this.timeToLive.forget(deleted.TableName);
        }
        return result;
      }
      default:
        if (DynaliteEngine.isOperation(operation)) return this.engine.call(operation, body);
        throw DynamoDbApiError.unknownOperation();
    }
  }

  private async recordTimeToLive(
    tableName: string,
    specification: NonNullable<TableSpec['TimeToLiveSpecification']>,
  ): Promise<void> {
    const enabled = specification.Enabled === true || specification.Enabled === 'true';
    if (enabled && !specification.AttributeName) return;
    await this.timeToLive.set(tableName, { Enabled: enabled, AttributeName: specification.AttributeName ?? '' });
  }

  private async finishInterruptedTableChanges(): Promise<void> {
    for (const name of await this.engine.tableNames()) {
      const table = await this.engine.table(name, false);
      if (table.TableStatus === 'DELETING') {
        await this.engine.forgetTable(name);
        await this.timeToLive.forget(name);
        continue;
      }
      if (table.TableStatus !== 'CREATING' && table.TableStatus !== 'UPDATING') continue;
      const indexes = table.GlobalSecondaryIndexes ?? [];
      await this.engine.saveTable({
        ...table,
        TableStatus: 'ACTIVE',
        ...(indexes.length
          ? { GlobalSecondaryIndexes: indexes.map((index) => ({ ...index, IndexStatus: 'ACTIVE' })) }
          : {}),
      });
    }
  }
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) throw DynamoDbApiError.serialization();
  let parsed: unknown;
  try {
    parsed = JSON.parse(escapeProtoNames(body.toString('utf8')));
  } catch {
    throw DynamoDbApiError.serialization();
  }
  if (!isJsonObject(parsed)) throw DynamoDbApiError.serialization('Start of structure or map expected');
  return parsed;
}

/** A kept table must have the spec's key schema, key types and index names. */
function assertSameShape(table: TableDescription, spec: TableSpec): void {
  const describe = (
    keySchema: ReadonlyArray<{ AttributeName: string; KeyType: string }>,
    definitions: ReadonlyArray<{ AttributeName: string; AttributeType: string }>,
    indexes: ReadonlyArray<{ IndexName: string }>,
  ) => {
    const typeOf = (name: string) => definitions.find((definition) => definition.AttributeName === name)?.AttributeType;
    const keys = keySchema.map((key) => `${key.AttributeName}:${typeOf(key.AttributeName)}:${key.KeyType}`).join(',');
    const indexNames = indexes
      .map((index) => index.IndexName)
      .sort()
      .join(',');
    return `keys [${keys}] indexes [${indexNames}]`;
  };
  const stored = describe(table.KeySchema, table.AttributeDefinitions, [
    ...((table.GlobalSecondaryIndexes ?? []) as Array<{ IndexName: string }>),
    ...((table.LocalSecondaryIndexes ?? []) as Array<{ IndexName: string }>),
  ]);
  const wanted = describe(spec.KeySchema, spec.AttributeDefinitions, [
    ...(spec.GlobalSecondaryIndexes ?? []),
    ...(spec.LocalSecondaryIndexes ?? []),
  ]);
  if (stored !== wanted) {
    throw new TableSchemaMismatchError(
      `table '${table.TableName}' in the data directory has ${stored} but the spec asks for ${wanted}; ` +
        'delete the data directory to start over',
    );
  }
}
