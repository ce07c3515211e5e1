import { AwsServiceError } from '../endpoint/aws-service-error';
import type { LocalSqs } from '../sqs/local-sqs';
import { QueueDoesNotExistError } from '../sqs/sqs-errors';
import { TargetInvocationError, type TargetInvocation, type TargetInvoker } from './target-invoker';

/** Who EventBridge is when it sends to a queue (the trace's sender and the SenderId attribute). */
export const EVENTS_SENDER = 'events';

/** Delivers rule targets that are SQS queues, in process. */
export class SqsTargetInvoker implements TargetInvoker {
  readonly service = 'sqs';

  constructor(private readonly sqs: LocalSqs) {}

  invoke(invocation: TargetInvocation): Promise<void> {
    const queue = this.sqs.findQueue(invocation.targetArn);
    if (!queue) {
      return Promise.reject(
        new TargetInvocationError(
          'NO_RESOURCE',
          `${new QueueDoesNotExistError().message} (${invocation.targetArn})`,
          false,
        ),
      );
    }
    try {
      queue.send({
        body: invocation.input,
        sender: EVENTS_SENDER,
        senderId: 'AIDAIEVENTBRIDGELOCAL',
        messageGroupId: invocation.target.SqsParameters?.MessageGroupId,
        messageDeduplicationId: queue.settings.fifoQueue ? invocation.event.id : undefined,
      });
      return Promise.resolve();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = error instanceof AwsServiceError ? error.retryable : true;
      return Promise.reject(new TargetInvocationError('SDK_CLIENT_ERROR', message, retryable));
    }
  }
}
