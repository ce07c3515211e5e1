import { AwsServiceError } from '../endpoint/aws-service-error';

/**
 * An error of the SQS API. On the wire (JSON 1.0, query compatible) it is
 * `{"__type": "com.amazonaws.sqs#<Shape>", "message": ...}` plus `x-amzn-query-error:
 * <query code>;Sender`, from which the SDKs take the error code — the same as real SQS.
 * None is retryable: the same request fails the same way.
 */
export class SqsError extends AwsServiceError {
  constructor(shape: string, queryCode: string, message: string, statusCode = 400) {
    super(shape, message, { statusCode, queryErrorCode: queryCode, typePrefix: 'com.amazonaws.sqs#' });
  }
}

/** The queue URL, name or ARN names no queue. */
export class QueueDoesNotExistError extends SqsError {
  constructor() {
    super('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
  }
}

/** CreateQueue of an existing name with different attributes. */
export class QueueNameExistsError extends SqsError {
  constructor(attribute: string) {
    super(
      'QueueNameExists',
      'QueueAlreadyExists',
      `A queue already exists with the same name and a different value for attribute ${attribute}`,
    );
  }
}

/** A parameter has a value SQS does not accept. */
export class InvalidParameterValueError extends SqsError {
  constructor(message: string) {
    super('InvalidParameterValue', 'InvalidParameterValue', message);
  }
}

/** A required parameter is missing. */
export class MissingParameterError extends SqsError {
  constructor(parameter: string) {
    super('MissingParameter', 'MissingParameter', `The request must contain the parameter ${parameter}.`);
  }
}

/** GetQueueAttributes/CreateQueue with an attribute name SQS does not know. */
export class InvalidAttributeNameError extends SqsError {
  constructor(name: string) {
    super('InvalidAttributeName', 'InvalidAttributeName', `unknown attribute '${name}'`);
  }
}

/** A queue attribute with a value out of range or malformed. */
export class InvalidAttributeValueError extends SqsError {
  constructor(name: string, value: string, reason: string) {
    super(
      'InvalidAttributeValue',
      'InvalidAttributeValue',
      `invalid value for the parameter ${name}: '${value}' (${reason})`,
    );
  }
}

/** The receipt handle was never issued by this queue. */
export class ReceiptHandleIsInvalidError extends SqsError {
  constructor(receiptHandle: string) {
    super(
      'ReceiptHandleIsInvalid',
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
      404,
    );
  }
}

/** ChangeMessageVisibility of a message that is not in flight. */
export class MessageNotInflightError extends SqsError {
  constructor() {
    super(
      'MessageNotInflight',
      'AWS.SimpleQueueService.MessageNotInflight',
      "The message referred to isn't in flight.",
    );
  }
}

/** A second PurgeQueue within 60 s: 403, as the SQS API's error shape declares. */
export class PurgeQueueInProgressError extends SqsError {
  constructor(queueName: string) {
    super(
      'PurgeQueueInProgress',
      'AWS.SimpleQueueService.PurgeQueueInProgress',
      `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`,
      403,
    );
  }
}

/** A batch without entries. */
export class EmptyBatchRequestError extends SqsError {
  constructor() {
    super(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'there should be at least one entry in the request',
    );
  }
}

/** A batch of more than 10 entries. */
export class TooManyEntriesInBatchRequestError extends SqsError {
  constructor(count: number) {
    super(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${count}.`,
    );
  }
}

/** Two entries of a batch share an id. */
export class BatchEntryIdsNotDistinctError extends SqsError {
  constructor(id: string) {
    super('BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
  }
}

/** A batch entry id that is empty, too long or has characters other than letters, digits, - and _. */
export class InvalidBatchEntryIdError extends SqsError {
  constructor() {
    super(
      'InvalidBatchEntryId',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    );
  }
}

/** The messages of a batch together exceed the maximum message size. */
export class BatchRequestTooLongError extends SqsError {
  constructor(size: number, limit: number) {
    super(
      'BatchRequestTooLong',
      'AWS.SimpleQueueService.BatchRequestTooLong',
      `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`,
    );
  }
}

/** StartMessageMoveTask from a queue that is not a DLQ, or a task already running. */
export class UnsupportedOperationError extends SqsError {
  constructor(message: string) {
    super('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', message);
  }
}

/** A move task handle, or a resource of a move task, that does not exist. */
export class SqsResourceNotFoundError extends SqsError {
  constructor(message: string) {
    super('ResourceNotFoundException', 'ResourceNotFoundException', message, 404);
  }
}

/** A message body with characters outside the set SQS allows. */
export class InvalidMessageContentsError extends SqsError {
  constructor() {
    super(
      'InvalidMessageContents',
      'InvalidMessageContents',
      'invalid binary character in the message body; the allowed characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
}
