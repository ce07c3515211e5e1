import type { TableDescription, WireItem } from 'dynalite/db';
import type { DynaliteEngine, DynaliteOperation, ValidatedRequest } from './dynalite-engine';
import { DynamoDbApiError } from './dynamodb-errors';

/** AWS's limit on the items of one TransactWriteItems / TransactGetItems call. */
export const MAX_TRANSACTION_ITEMS = 100;

/** A transaction member or a request body: a JSON object. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `TransactItems`, checked for presence and length (1 to 100) like AWS. */
export function readTransactItems(body: JsonObject): unknown[] {
  const items = body.TransactItems;
  if (items === undefined || items === null) {
    throw constraintError('null', 'transactItems', 'Member must not be null');
  }
  if (!Array.isArray(items)) {
    throw DynamoDbApiError.serialization(`TransactItems must be a list, got '${JSON.stringify(items)}'`);
  }
  if (items.length < 1) {
    throw constraintError("'[]'", 'transactItems', 'Member must have length greater than or equal to 1');
  }
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw constraintError(
      `'[${items.length} items]'`,
      'transactItems',
      `Member must have length less than or equal to ${MAX_TRANSACTION_ITEMS}`,
    );
  }
  return items;
}

/** Validates `ReturnConsumedCapacity` like AWS; undefined when no capacity is to be reported. */
export function readReturnConsumedCapacity(value: unknown): 'TOTAL' | 'INDEXES' | undefined {
  if (value === undefined || value === null || value === 'NONE') return undefined;
  if (value === 'TOTAL' || value === 'INDEXES') return value;
  throw constraintError(
    `'${String(value)}'`,
    'returnConsumedCapacity',
    'Member must satisfy enum value set: [INDEXES, TOTAL, NONE]',
  );
}

/** A "1 validation error detected" ValidationException, worded like AWS's. */
export function constraintError(value: string, path: string, constraint: string): DynamoDbApiError {
  return DynamoDbApiError.validation(
    `1 validation error detected: Value ${value} at '${path}' failed to satisfy constraint: ${constraint}`,
  );
}

/** Copies the listed members of a transaction member that are present. */
export function pickMembers(source: JsonObject, names: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  for (const name of names) {
    if (source[name] !== undefined && source[name] !== null) picked[name] = source[name];
  }
  return picked;
}

/**
 * Validates a transaction member with dynalite's rules for the equivalent single-item operation,
 * so expressions are parsed (into `_condition`, `_updates`, `_projection`) exactly as for PutItem
 * and friends; the member paths in the messages are AWS's (`transactItems.2.member.put.item`).
 */
export function validateMember(
  engine: DynaliteEngine,
  operation: DynaliteOperation,
  member: JsonObject,
  path: string,
): ValidatedRequest {
  try {
    return engine.validate(operation, member);
  } catch (error) {
    const apiError = DynamoDbApiError.from(error);
    if (apiError.code !== 'ValidationException') throw apiError;
    throw DynamoDbApiError.validation(apiError.message.replaceAll(" at '", ` at '${path}.`));
  }
}

/** The key attributes of an item (what DeleteItem needs to undo a put). */
export function keyOf(table: TableDescription, item: WireItem): WireItem {
  const key: WireItem = {};
  for (const { AttributeName } of table.KeySchema) {
    const value = item[AttributeName];
    if (value) key[AttributeName] = value;
  }
  return key;
}

/** AWS refuses a transaction that touches one item twice. */
export function rejectDuplicateItems(lockKeys: readonly string[]): void {
  if (new Set(lockKeys).size !== lockKeys.length) {
    throw DynamoDbApiError.validation('Transaction request cannot include multiple operations on one item');
  }
}
