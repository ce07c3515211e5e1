import type { MessageMoveTask } from '../message-move-task';
import type { SqsOperation } from './sqs-operation';

function taskToWire(task: MessageMoveTask): Record<string, unknown> {
  return {
    ...(task.status === 'RUNNING' ? { TaskHandle: task.taskHandle } : {}),
    Status: task.status,
    SourceArn: task.sourceArn,
    ...(task.destinationArn ? { DestinationArn: task.destinationArn } : {}),
    ...(task.maxNumberOfMessagesPerSecond ? { MaxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond } : {}),
    ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved,
    ApproximateNumberOfMessagesToMove: task.approximateNumberOfMessagesToMove,
    ...(task.failureReason ? { FailureReason: task.failureReason } : {}),
    StartedTimestamp: task.startedTimestamp,
  };
}

/** StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask (DLQ redrive). */
export const MOVE_TASK_OPERATIONS: Record<string, SqsOperation> = {
  StartMessageMoveTask: (params, { sqs }) => {
    const task = sqs.startMessageMoveTask({
      sourceArn: params.string('SourceArn'),
      destinationArn: params.optionalString('DestinationArn'),
      maxNumberOfMessagesPerSecond: params.optionalInteger('MaxNumberOfMessagesPerSecond'),
    });
    return { TaskHandle: task.taskHandle };
  },

  ListMessageMoveTasks: (params, { sqs }) => ({
    Results: sqs
      .listMessageMoveTasks(params.string('SourceArn'), params.optionalInteger('MaxResults') ?? 1)
      .map(taskToWire),
  }),

  CancelMessageMoveTask: (params, { sqs }) => ({
    ApproximateNumberOfMessagesMoved: sqs.cancelMessageMoveTask(params.string('TaskHandle'))
      .approximateNumberOfMessagesMoved,
  }),
};
