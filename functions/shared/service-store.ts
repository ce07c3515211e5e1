import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The base of every service's store: the service's own table, reached through the document
 * client the service creates once per container (see `SagaService.store`).
 */
export abstract class ServiceStore {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}
}
