export { LocalDynamoDb, DYNAMODB_TARGET_PREFIX } from './local-dynamodb';
export type { LocalDynamoDbOptions, EnsureTablesResult } from './local-dynamodb';
export type { BeforeImage, TransactionUndoLog } from './transaction-undo-log';
export { tableSpecFromTemplate, parseTableSpec, createTableRequest, tableSpecSchema } from './table-spec';
export type { TableSpec, TemplateTableSpec } from './table-spec';
export {
  DynamoDbApiError,
  InvalidTableSpecError,
  LocalDynamoDbStartError,
  TableSchemaMismatchError,
} from './dynamodb-errors';
export type { CancellationReason } from './dynamodb-errors';
