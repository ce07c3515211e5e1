import type { DynaliteEngine } from './dynalite-engine';
import { DynamoDbApiError } from './dynamodb-errors';

/** A table's TTL setting as UpdateTimeToLive takes it. */
export interface TimeToLiveSpecification {
  readonly Enabled: boolean;
  readonly AttributeName: string;
}

const key = (tableName: string) => `ttl~${tableName}`;

/**
 * UpdateTimeToLive / DescribeTimeToLive, which dynalite lacks (it answers DISABLED to every
 * describe). The setting is recorded per table, beside the tables, so it survives a restart with a
 * data directory. Items are not expired: AWS deletes expired items lazily (typically within a
 * few days), so code must never rely on the deletion, and handlers filter on the attribute anyway.
 */
export class TimeToLiveSettings {
  constructor(private readonly engine: DynaliteEngine) {}

  async update(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const tableName = requireTableName(body.TableName);
    const specification = parseSpecification(body.TimeToLiveSpecification);
    await this.engine.table(tableName, false);
    const current = await this.engine.readMetadata<TimeToLiveSpecification>(key(tableName));
    if (specification.Enabled && current?.Enabled) {
      throw DynamoDbApiError.validation('TimeToLive is already enabled');
    }
    if (!specification.Enabled && !current?.Enabled) {
      throw DynamoDbApiError.validation('TimeToLive is already disabled');
    }
    await this.set(tableName, specification);
    return { TimeToLiveSpecification: specification };
  }

  async describe(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const tableName = requireTableName(body.TableName);
    await this.engine.table(tableName, false);
    const current = await this.engine.readMetadata<TimeToLiveSpecification>(key(tableName));
    return {
      TimeToLiveDescription: current?.Enabled
        ? { TimeToLiveStatus: 'ENABLED', AttributeName: current.AttributeName }
        : { TimeToLiveStatus: 'DISABLED' },
    };
  }

  /** Records a setting without the already-enabled checks (tables created from a template). */
  set(tableName: string, specification: TimeToLiveSpecification): Promise<void> {
    return specification.Enabled
      ? this.engine.writeMetadata(key(tableName), specification)
      : this.engine.deleteMetadata(key(tableName));
  }

  /** Drops the setting of a deleted table. */
  forget(tableName: string): Promise<void> {
    return this.engine.deleteMetadata(key(tableName));
  }
}

function requireTableName(value: unknown): string {
  if (typeof value !== 'string' || !/^[a-zA-Z0-9_.-]{3,255}$/.test(value)) {
    throw DynamoDbApiError.validation(
      `1 validation error detected: Value '${String(value)}' at 'tableName' failed to satisfy constraint: ` +
        'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+',
    );
  }
  return value;
}

function parseSpecification(value: unknown): TimeToLiveSpecification {
  const specification = value as Partial<TimeToLiveSpecification> | undefined;
  if (typeof specification !== 'object' || specification === null) {
    throw DynamoDbApiError.validation(
      "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null",
    );
  }
  if (typeof specification.Enabled !== 'boolean') {
    throw DynamoDbApiError.validation(
      "1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null",
    );
  }
  const name = specification.AttributeName;
  if (typeof name !== 'string' || name.length < 1 || name.length > 255) {
    throw DynamoDbApiError.validation(
      `1 validation error detected: Value '${String(name)}' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: ` +
        'Member must have length between 1 and 255',
    );
  }
  return { Enabled: specification.Enabled, AttributeName: name };
}
