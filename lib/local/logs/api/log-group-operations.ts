import type { RequestParams } from '../../endpoint/request-params';
import { LogsInvalidParameterError } from '../logs-errors';
import { LOGS_PARAMETER_ERRORS, type LogsOperation } from './logs-operation';
import { page, pageLimit } from './pagination';

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
const RETENTION_DAYS = new Set([
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
]);

/** A log group named by `logGroupName` or `logGroupIdentifier` (its name or ARN). */
export function logGroupNameOf(params: RequestParams): string {
  const identifier = params.optionalString('logGroupIdentifier');
  if (identifier !== undefined) {
    const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
    return match?.[1] ?? identifier;
  }
  return params.string('logGroupName');
}

function retentionOf(params: RequestParams): number {
  const days = params.optionalInteger('retentionInDays');
  if (days === undefined) {
    throw LOGS_PARAMETER_ERRORS.missing('retentionInDays');
  }
  if (!RETENTION_DAYS.has(days)) {
    throw new LogsInvalidParameterError(
      `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${[...RETENTION_DAYS].join(', ')}]`,
    );
  }
  return days;
}

/** Log groups and streams. */
export const LOG_GROUP_OPERATIONS: Record<string, LogsOperation> = {
  CreateLogGroup: (params, store) => {
    store.createLogGroup(params.string('logGroupName'));
    return {};
  },

  DeleteLogGroup: (params, store) => {
    store.deleteLogGroup(params.string('logGroupName'));
    return {};
  },

  PutRetentionPolicy: (params, store) => {
    store.putRetentionPolicy(params.string('logGroupName'), retentionOf(params));
    return {};
  },

  DeleteRetentionPolicy: (params, store) => {
    store.putRetentionPolicy(params.string('logGroupName'), undefined);
    return {};
  },

  CreateLogStream: (params, store) => {
    store.createLogStream(params.string('logGroupName'), params.string('logStreamName'));
    return {};
  },

  DescribeLogGroups: (params, store) => {
    const prefix = params.optionalString('logGroupNamePrefix') ?? '';
    const pattern = params.optionalString('logGroupNamePattern');
    if (params.optionalString('logGroupNamePrefix') !== undefined && pattern !== undefined) {
      throw new LogsInvalidParameterError(
        'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
      );
    }
    const groups = store
      .logGroups()
      .filter((group) => group.logGroupName.startsWith(prefix))
      .filter((group) => pattern === undefined || group.logGroupName.toLowerCase().includes(pattern.toLowerCase()));
    const { items, nextToken } = page(groups, params.optionalString('nextToken'), pageLimit(params, 50, 50));
    return {
      logGroups: items.map((group) => ({
        logGroupName: group.logGroupName,
        creationTime: group.creationTime,
        ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
        metricFilterCount: 0,
        arn: store.arnOf(group.logGroupName),
        storedBytes: store.storedBytes(group.logGroupName),
        logGroupClass: 'STANDARD',
        logGroupArn: store.arnOf(group.logGroupName).replace(/:\*$/, ''),
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  },

  DescribeLogStreams: (params, store) => {
    const logGroupName = logGroupNameOf(params);
    const prefix = params.optionalString('logStreamNamePrefix');
    const orderBy = params.optionalString('orderBy') ?? 'LogStreamName';
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
      throw new LogsInvalidParameterError(
        `1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`,
      );
    }
    if (orderBy === 'LastEventTime' && prefix !== undefined) {
      throw new LogsInvalidParameterError('Cannot order by LastEventTime with a logStreamNamePrefix.');
    }
    const streams = store
      .logStreams(logGroupName)
      .filter((stream) => prefix === undefined || stream.logStreamName.startsWith(prefix))
      .sort((a, b) =>
        orderBy === 'LastEventTime'
          ? (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0)
          : a.logStreamName < b.logStreamName
            ? -1
            : a.logStreamName > b.logStreamName
              ? 1
              : 0,
      );
    if (params.optionalBoolean('descending')) streams.reverse();
    const { items, nextToken } = page(streams, params.optionalString('nextToken'), pageLimit(params, 50, 50));
    const groupArn = store.arnOf(logGroupName).replace(/:\*$/, '');
    return {
      logStreams: items.map((stream) => ({
        logStreamName: stream.logStreamName,
        creationTime: stream.creationTime,
        ...(stream.firstEventTimestamp !== undefined ? { firstEventTimestamp: stream.firstEventTimestamp } : {}),
        ...(stream.lastEventTimestamp !== undefined ? { lastEventTimestamp: stream.lastEventTimestamp } : {}),
        ...(stream.lastIngestionTime !== undefined ? { lastIngestionTime: stream.lastIngestionTime } : {}),
        arn: `${groupArn}:log-stream:${stream.logStreamName}`,
        storedBytes: 0,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  },
};
