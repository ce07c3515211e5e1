import type { JsonValue, TaskStateHandler } from '../asl-interpreter';
import { isTaskError, messageOf, runTaskAttempt } from '../run-task-attempt';
import { TaskFailedError } from '../task-errors';
import type { TaskScope } from '../task-scope';
import { awaitCallback, claimTaskToken } from './callback-pattern';
import type { IntegrationPattern } from './integration-registry';
import { callServiceAsRole, parametersObject, type ServiceErrorStyle } from './service-call';
import { optimizedServiceError, sdkMetadata } from './service-errors';

/** SQS's errors as the optimized integration reports them (Java SDK v1 names). */
const SQS_ERRORS: ServiceErrorStyle = {
  accessDenied: (message) =>
    new TaskFailedError(
      'SQS.AmazonSQSException',
      `${message} (Service: AmazonSQS; Status Code: 403; Error Code: AccessDenied; Proxy: null)`,
    ),
  failed: (answer) => optimizedServiceError('SQS', 'AmazonSQS', answer),
};

/**
 * `arn:aws:states:::sqs:sendMessage` (and `.waitForTaskToken`): Parameters `QueueUrl`,
 * `MessageBody` (an object is sent as its JSON text), and SendMessage's optional members. The
 * result is SendMessage's response with the SDK metadata, `{ MD5OfMessageBody, MessageId,
 * SdkHttpMetadata, SdkResponseMetadata }`; with `.waitForTaskToken` the Task waits for the
 * callback once the message is sent.
 */
export function sqsSendMessageHandler(
  scope: TaskScope,
  stateName: string,
  resource: string,
  pattern: IntegrationPattern,
): TaskStateHandler {
  return (parameters) =>
    runTaskAttempt(
      scope,
      stateName,
      resource,
      parameters,
      'integration',
      async (attempt) => {
        const token = pattern === 'waitForTaskToken' ? claimTaskToken(scope, stateName, parameters) : undefined;
        const send = async (): Promise<JsonValue> => {
          const request = { ...parametersObject(stateName, resource, parameters) };
          if (request.MessageBody !== undefined && typeof request.MessageBody !== 'string') {
            request.MessageBody = JSON.stringify(request.MessageBody);
          }
          const response = await callServiceAsRole(scope, stateName, 'AmazonSQS.SendMessage', request, SQS_ERRORS);
          return { ...response, ...sdkMetadata() } as JsonValue;
        };
        return token === undefined ? send() : awaitCallback(scope, stateName, resource, token, attempt, send);
      },
      serviceTaskError('SQS.AmazonSQSException'),
    );
}

/** Anything that is not already a Task error fails the Task with the service's catch-all name. */
export function serviceTaskError(name: string): (error: unknown) => Error {
  return (error) => (isTaskError(error) ? error : new TaskFailedError(name, messageOf(error)));
}
