export { judgeBatchResponse, type BatchVerdict } from './batch-response';
export {
  defaultMaxConcurrentBatches,
  EventSourceMappings,
  type EventSourceMappingsOptions,
} from './event-source-mappings';
export type { PollableQueue, PolledMessage, PolledMessageAttribute, PollOptions } from './pollable-queue';
export { toSqsEventRecord, type SqsEventRecord, type SqsRecordMessageAttribute } from './sqs-event-record';
export {
  EventSourceMappingDisabledError,
  SqsPoller,
  type FunctionInvoker,
  type SqsMappingSettings,
  type SqsPollerProps,
  type SqsPollerStats,
} from './sqs-poller';
