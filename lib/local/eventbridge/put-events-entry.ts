import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT_ID } from '../arn';
import { exceedsJsonDepth } from '../endpoint/json-body';
import { formatEventTime, type EventEnvelope } from './event-envelope';

/** The deepest nesting of a Detail that PutEvents processes (PutEvents API reference). */
export const MAX_DETAIL_DEPTH = 1000;

/** One entry of a PutEvents call, as the API takes it. */
export interface PutEventsEntry {
  readonly Source?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: unknown;
  readonly EventBusName?: unknown;
  readonly Resources?: unknown;
  /** Epoch seconds (as the SDKs send it), or an ISO 8601 string. */
  readonly Time?: unknown;
  readonly TraceHeader?: unknown;
}

/** The per-entry failure PutEvents reports (the call itself succeeds). */
export interface PutEventsEntryFailure {
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
}

/** The most a PutEvents call may carry, in bytes, counted as AWS counts entry sizes. */
export const MAX_PUT_EVENTS_BYTES = 256 * 1024;

/** At most 10 entries per PutEvents. */
export const MAX_PUT_EVENTS_ENTRIES = 10;

/**
 * An entry's size as AWS computes it for the 256 KB limit: UTF-8 bytes of Source, DetailType,
 * Detail and each resource, plus 14 bytes for Time when given.
 */
export function putEventsEntrySize(entry: PutEventsEntry): number {
  let size = 0;
  for (const field of [entry.Source, entry.DetailType, entry.Detail]) {
    if (typeof field === 'string') size += Buffer.byteLength(field);
  }
  if (Array.isArray(entry.Resources)) {
    for (const resource of entry.Resources) if (typeof resource === 'string') size += Buffer.byteLength(resource);
  }
  if (entry.Time !== undefined && entry.Time !== null) size += 14;
  return size;
}

function invalid(parameter: string, reason: string): PutEventsEntryFailure {
  return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${reason}` };
}

/**
 * Checks one PutEvents entry the way AWS does and builds its envelope, or says why AWS would
 * refuse it (`InvalidArgument`, `MalformedDetail`, `NotAuthorizedForSourceException`).
 */
export function envelopeOfEntry(
  entry: PutEventsEntry,
  region: string,
  nowMs: number,
): EventEnvelope | PutEventsEntryFailure {
  if (typeof entry.Source !== 'string' || entry.Source === '') {
    return invalid('Source', 'Source is a required argument.');
  }
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') {
    return invalid('DetailType', 'DetailType is a required argument.');
  }
  if (typeof entry.Detail !== 'string' || entry.Detail === '') {
    return invalid('Detail', 'Detail is a required argument.');
  }
  if (entry.Source.startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  // "PutEvents will only process nested JSON up to 1000 levels deep" (PutEvents API reference):
  // deeper details are refused here, before anything (matching, archive, replay) walks them.
  if (exceedsJsonDepth(entry.Detail, MAX_DETAIL_DEPTH)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || resources.some((resource) => typeof resource !== 'string')) {
    return invalid('Resources', 'Resources must be a list of strings.');
  }
  const time = eventTime(entry.Time, nowMs);
  if (time === undefined) {
    return invalid('Time', `'${String(entry.Time)}' is not a timestamp.`);
  }
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: LOCAL_ACCOUNT_ID,
    time: formatEventTime(time),
    region,
    resources: resources as string[],
    detail: detail as Record<string, unknown>,
  };
}

function eventTime(time: unknown, nowMs: number): number | undefined {
  if (time === undefined || time === null) return nowMs;
  if (typeof time === 'number' && Number.isFinite(time)) return time * 1000;
  if (typeof time === 'string') {
    const parsed = Date.parse(time);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** Whether `envelopeOfEntry` refused the entry. */
export function isEntryFailure(result: EventEnvelope | PutEventsEntryFailure): result is PutEventsEntryFailure {
  return 'ErrorCode' in result;
}
