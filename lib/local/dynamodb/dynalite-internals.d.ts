/**
 * Types for the parts of dynalite's internals the local DynamoDB calls directly (dynalite ships no
 * types). The local DynamoDB skips dynalite's HTTP server and calls its validations and actions in
 * process, so each request costs one HTTP hop (the local endpoint's) instead of two.
 */

declare module 'dynalite/db' {
  /** An attribute map in DynamoDB's wire format (`{ id: { S: 'x' } }`). */
  export type WireItem = Record<string, Record<string, unknown>>;

  /** A dynalite API error: `body` is what AWS would send, `statusCode` its HTTP status. */
  export interface DynaliteError extends Error {
    statusCode?: number;
    body?: { __type: string; message?: string; Message?: string };
  }

  export interface KeySchemaElement {
    AttributeName: string;
    KeyType: 'HASH' | 'RANGE';
  }

  /** The stored table description (what DescribeTable answers). */
  export interface TableDescription {
    TableName: string;
    TableStatus: string;
    KeySchema: KeySchemaElement[];
    AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
    GlobalSecondaryIndexes?: { IndexName: string; IndexStatus: string; [property: string]: unknown }[];
    [property: string]: unknown;
  }

  export interface SubDb {
    get(key: string, callback: (error: Error | null, value?: unknown) => void): void;
    put(key: string, value: unknown, callback: (error: Error | null) => void): void;
    del(key: string, callback: (error: Error | null) => void): void;
    createKeyStream(options?: object): NodeJS.ReadableStream;
  }

  export interface LevelDb {
    open(): Promise<void>;
    get(key: string): Promise<unknown>;
    put(key: string, value: unknown): Promise<void>;
    del(key: string): Promise<void>;
  }

  export interface LifecycleManager {
    gracefulClose(): Promise<void>;
  }

  export interface DynaliteStore {
    options: { maxItemSize: number; [option: string]: unknown };
    db: LevelDb;
    tableDb: SubDb & { awsRegion: string; awsAccountId: string };
    getItemDb(tableName: string): SubDb;
    getTable(name: string, callback: (error: DynaliteError | null, table?: TableDescription) => void): void;
    getTable(
      name: string,
      checkStatus: boolean,
      callback: (error: DynaliteError | null, table?: TableDescription) => void,
    ): void;
    lifecycleManager: LifecycleManager;
  }

  export interface StoreOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }

  export function create(options?: StoreOptions): DynaliteStore;
  export function createKey(item: WireItem, table: TableDescription): string;
  export function validateKey(key: WireItem, table: TableDescription): DynaliteError | undefined;
  export function validateItem(item: WireItem, table: TableDescription): DynaliteError | undefined;
  /** Null when the request's condition (expression or legacy `Expected`) holds for the item. */
  export function checkConditional(
    request: object,
    existingItem: WireItem | undefined,
  ): DynaliteError | null | undefined;
  /** Refuses updates of key attributes and index keys of the wrong type. */
  export function validateUpdates(
    attributeUpdates: unknown,
    expressionUpdates: unknown,
    table: TableDescription,
  ): DynaliteError | undefined;
  export function itemSize(item: WireItem): number;
  export function validationError(message: string): DynaliteError;
}

declare module 'dynalite/validations' {
  import type { DynaliteStore } from 'dynalite/db';

  export interface ActionValidation {
    types: Record<string, unknown>;
    custom?: (data: Record<string, unknown>, store: DynaliteStore) => string | undefined;
  }

  /** Coerces and filters `data` against `types` (drops unknown members); throws a DynaliteError. */
  export function checkTypes(data: Record<string, unknown>, types: Record<string, unknown>): Record<string, unknown>;
  /** Validates constraints and parses expressions into `_condition`, `_updates`, ...; throws. */
  export function checkValidations(
    data: Record<string, unknown>,
    types: Record<string, unknown>,
    custom: ActionValidation['custom'],
    store: DynaliteStore,
  ): void;
}

declare module 'dynalite/validations/*' {
  export const types: Record<string, unknown>;
  export const custom:
    ((data: Record<string, unknown>, store: import('dynalite/db').DynaliteStore) => string | undefined) | undefined;
}

declare module 'dynalite/actions/*' {
  type Callback = (error: import('dynalite/db').DynaliteError | null, result?: Record<string, unknown>) => void;
  const action: (store: import('dynalite/db').DynaliteStore, data: Record<string, unknown>, callback: Callback) => void;
  export = action;
}

/** dynalite's generated expression parsers (conditionParser, updateParser, projectionParser). */
declare module 'dynalite/db/*Parser' {
  const parser: { parse(input: string, options: { context: object }): unknown };
  export = parser;
}
