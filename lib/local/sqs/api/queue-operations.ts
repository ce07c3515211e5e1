import { QUEUE_ATTRIBUTE_NAMES } from '../queue-settings';
import { InvalidAttributeNameError } from '../sqs-errors';
import type { SqsOperation } from './sqs-operation';

/** CreateQueue, DeleteQueue, GetQueueUrl, ListQueues, Get/SetQueueAttributes, PurgeQueue, tags, permissions. */
export const QUEUE_OPERATIONS: Record<string, SqsOperation> = {
  CreateQueue: (params, { sqs }) => {
    const queue = sqs.createQueue(
      params.string('QueueName'),
      params.optionalStringMap('Attributes'),
      params.optionalStringMap('tags'),
    );
    return { QueueUrl: sqs.queueUrl(queue.name) };
  },

  DeleteQueue: (params, { sqs }) => {
    sqs.deleteQueue(params.string('QueueUrl'));
    return {};
  },

  GetQueueUrl: (params, { sqs }) => {
    const queue = sqs.getQueue(params.string('QueueName'));
    return { QueueUrl: sqs.queueUrl(queue.name) };
  },

  ListQueues: (params, { sqs }) => {
    const maxResults = params.optionalInteger('MaxResults') ?? 1000;
    const urls = sqs
      .listQueues(params.optionalString('QueueNamePrefix') ?? '')
      .slice(0, maxResults)
      .map((queue) => sqs.queueUrl(queue.name));
    return urls.length > 0 ? { QueueUrls: urls } : {};
  },

  GetQueueAttributes: (params, { sqs }) => {
    const queue = sqs.getQueue(params.string('QueueUrl'));
    const requested = params.optionalStringList('AttributeNames') ?? [];
    for (const name of requested) {
      if (name !== 'All' && !QUEUE_ATTRIBUTE_NAMES.includes(name)) {
        throw new InvalidAttributeNameError(name);
      }
    }
    const all = queue.attributes();
    const selected = requested.includes('All')
      ? all
      : Object.fromEntries(
          requested.filter((name) => all[name] !== undefined).map((name) => [name, all[name] as string]),
        );
    return Object.keys(selected).length > 0 ? { Attributes: selected } : {};
  },

  SetQueueAttributes: (params, { sqs }) => {
    const queue = sqs.getQueue(params.string('QueueUrl'));
    queue.setAttributes(params.optionalStringMap('Attributes') ?? {});
    return {};
  },

  PurgeQueue: (params, { sqs }) => {
    sqs.getQueue(params.string('QueueUrl')).purge();
    return {};
  },

  ListDeadLetterSourceQueues: (params, { sqs }) => {
    const queue = sqs.getQueue(params.string('QueueUrl'));
    return { queueUrls: sqs.deadLetterSourceQueues(queue).map((source) => sqs.queueUrl(source.name)) };
  },

  TagQueue: (params, { sqs }) => {
    const queue = sqs.getQueue(params.string('QueueUrl'));
    queue.tags = { ...queue.tags, ...params.optionalStringMap('Tags') };
    queue.tagsChanged();
    return {};
  },

  UntagQueue: (params, { sqs }) => {
    const queue = sqs.getQueue(params.string('QueueUrl'));
    for (const key of params.optionalStringList('TagKeys') ?? []) {
      delete queue.tags[key];
    }
    queue.tagsChanged();
    return {};
  },

  ListQueueTags: (params, { sqs }) => {
    const queue = sqs.getQueue(params.string('QueueUrl'));
    return Object.keys(queue.tags).length > 0 ? { Tags: queue.tags } : {};
  },

  // Queue policies are not enforced locally; the calls succeed so deploy-like scripts run.
  AddPermission: (params, { sqs }) => {
    sqs.getQueue(params.string('QueueUrl'));
    return {};
  },

  RemovePermission: (params, { sqs }) => {
    sqs.getQueue(params.string('QueueUrl'));
    return {};
  },
};
