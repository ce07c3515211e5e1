import type { JsonValue, TaskStateHandler } from '../asl-interpreter';
import { TaskFailedError } from '../task-errors';
import type { TaskScope } from '../task-scope';
import type { IntegrationPattern } from './integration-registry';
import { integrationTaskHandler, serviceTaskError, type IntegrationCall } from './integration-task';
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
  const send: IntegrationCall = async (parameters) => {
    const request = { ...parametersObject(stateName, resource, parameters) };
    if (request.MessageBody !== undefined && typeof request.MessageBody !== 'string') {
      request.MessageBody = JSON.stringify(request.MessageBody);
    }
    const response = await callServiceAsRole(scope, stateName, 'AmazonSQS.SendMessage', request, SQS_ERRORS);
    return { ...response, ...sdkMetadata() } as JsonValue;
  };
  return integrationTaskHandler(scope, stateName, resource, pattern, send, serviceTaskError('SQS.AmazonSQSException'));
}
