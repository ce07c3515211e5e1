import { compileFilterPattern } from '../filter-pattern';
import type { LogEvent } from '../log-store';
import { LogsInvalidParameterError, LogsResourceNotFoundError } from '../logs-errors';
import { logGroupNameOf } from './log-group-operations';
import { LOGS_PARAMETER_ERRORS, type LogsOperation } from './logs-operation';
import { page, pageLimit } from './pagination';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** GetLogEvents and FilterLogEvents read at most this many events by default (the API's default). */
const DEFAULT_EVENT_LIMIT = 10_000;

function withinTimes(event: LogEvent, startTime: number | undefined, endTime: number | undefined): boolean {
  return (
    (startTime === undefined || event.timestamp >= startTime) && (endTime === undefined || event.timestamp <= endTime)
  );
}

function byTimestamp(a: LogEvent, b: LogEvent): number {
  return a.timestamp - b.timestamp;
}

/** Reading and writing log events. */
export const LOG_EVENT_OPERATIONS: Record<string, LogsOperation> = {
  /**
   * One stream's events. Tokens are `f/<index>` and `b/<index>`; at the end of the stream the
   * forward token comes back unchanged, which is how clients know to stop (API reference,
   * GetLogEvents: "If you have reached the end of the stream, it returns the same token you passed in").
   */
  GetLogEvents: (params, store) => {
    const logGroupName = logGroupNameOf(params);
    const logStreamName = params.string('logStreamName');
    if (!store.logStreams(logGroupName).some((stream) => stream.logStreamName === logStreamName)) {
      throw new LogsResourceNotFoundError('The specified log stream does not exist.');
    }
    const startTime = params.optionalInteger('startTime');
    const endTime = params.optionalInteger('endTime');
    const events = store
      .events(logGroupName, [logStreamName])
      .filter((event) => withinTimes(event, startTime, endTime))
      .sort(byTimestamp);
    const limit = pageLimit(params, DEFAULT_EVENT_LIMIT, DEFAULT_EVENT_LIMIT);
    const token = params.optionalString('nextToken');
    let direction: 'f' | 'b';
    let index: number;
    if (token !== undefined) {
      const match = /^([fb])\/(\d+)$/.exec(token);
      if (!match) throw new LogsInvalidParameterError('The specified nextToken is invalid.');
      direction = match[1] as 'f' | 'b';
      index = Math.min(Number(match[2]), events.length);
    } else if (params.optionalBoolean('startFromHead')) {
      direction = 'f';
      index = 0;
    } else {
      direction = 'b';
      index = events.length;
    }
    const start = direction === 'f' ? index : Math.max(0, index - limit);
    const end = direction === 'f' ? Math.min(events.length, index + limit) : index;
    return {
      events: events
        .slice(start, end)
        .map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
      nextForwardToken: `f/${end}`,
      nextBackwardToken: `b/${start}`,
    };
  },

  FilterLogEvents: (params, store) => {
    const logGroupName = logGroupNameOf(params);
    const streamNames = params.optionalStringList('logStreamNames');
    const streamPrefix = params.optionalString('logStreamNamePrefix');
    if (streamNames !== undefined && streamPrefix !== undefined) {
      throw new LogsInvalidParameterError('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    }
    const matches = compileFilterPattern(params.optionalString('filterPattern'));
    const startTime = params.optionalInteger('startTime');
    const endTime = params.optionalInteger('endTime');
    const streams = store
      .logStreams(logGroupName)
      .map((stream) => stream.logStreamName)
      .filter((name) => (streamNames ? streamNames.includes(name) : name.startsWith(streamPrefix ?? '')));
    const events = store
      .events(logGroupName, streams)
      .filter((event) => withinTimes(event, startTime, endTime) && matches(event.message))
      .sort(byTimestamp);
    const { items, nextToken } = page(
      events,
      params.optionalString('nextToken'),
      pageLimit(params, DEFAULT_EVENT_LIMIT, DEFAULT_EVENT_LIMIT),
    );
    return {
      events: items.map((event) => ({
        logStreamName: event.logStreamName,
        timestamp: event.timestamp,
        message: event.message,
        ingestionTime: event.ingestionTime,
        eventId: event.eventId,
      })),
      searchedLogStreams: streams.map((logStreamName) => ({ logStreamName, searchedCompletely: true })),
      ...(nextToken ? { nextToken } : {}),
    };
  },

  /**
   * Writes events to an existing stream. As the API reference says: events in one call must be
   * in chronological order (InvalidParameterException); events more than 2 hours in the future,
   * older than 14 days or older than the retention are rejected and reported in
   * `rejectedLogEventsInfo`, the others are stored.
   */
  PutLogEvents: (params, store) => {
    const logGroupName = params.string('logGroupName');
    const logStreamName = params.string('logStreamName');
    const events = params.objectList('logEvents', true).map((event, index) => {
      const timestamp = event.optionalInteger('timestamp');
      if (timestamp === undefined) throw LOGS_PARAMETER_ERRORS.missing(`logEvents.${index + 1}.member.timestamp`);
      return { timestamp, message: event.string('message') };
    });
    if (events.length === 0) {
      throw new LogsInvalidParameterError(
        "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    if (events.some((event, index) => index > 0 && event.timestamp < (events[index - 1]?.timestamp ?? 0))) {
      throw new LogsInvalidParameterError(
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
    }
    const group = store.logGroups().find((candidate) => candidate.logGroupName === logGroupName);
    store.logStreams(logGroupName); // ResourceNotFoundException for a missing group
    const now = store.now();
    let tooNewLogEventStartIndex: number | undefined;
    let tooOldLogEventEndIndex: number | undefined;
    let expiredLogEventEndIndex: number | undefined;
    const accepted = events.filter((event, index) => {
      if (event.timestamp > now + 2 * HOUR_MS) {
        tooNewLogEventStartIndex ??= index;
        return false;
      }
      if (event.timestamp < now - 14 * DAY_MS) {
        tooOldLogEventEndIndex = index;
        return false;
      }
      if (group?.retentionInDays !== undefined && event.timestamp < now - group.retentionInDays * DAY_MS) {
        expiredLogEventEndIndex = index;
        return false;
      }
      return true;
    });
    store.putLogEvents(logGroupName, logStreamName, accepted);
    const rejected = {
      ...(tooNewLogEventStartIndex !== undefined ? { tooNewLogEventStartIndex } : {}),
      ...(tooOldLogEventEndIndex !== undefined ? { tooOldLogEventEndIndex } : {}),
      ...(expiredLogEventEndIndex !== undefined ? { expiredLogEventEndIndex } : {}),
    };
    return {
      nextSequenceToken: String(now).padStart(56, '0'),
      ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
    };
  },
};
