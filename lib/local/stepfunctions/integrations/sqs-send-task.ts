import type { JsonValue } from '../asl-interpreter';
import { serviceTaskError, type IntegrationTask, type ServiceIntegration } from './integration-task';
import { callServiceAsRole, parametersObject } from './service-call';
import { optimizedServiceErrors, sdkMetadata, type OptimizedService } from './service-errors';

const SQS: OptimizedService = {
  prefix: 'SQS',
  serviceName: 'AmazonSQS',
  catchAll: 'SQS.AmazonSQSException',
  accessDenied: { statusCode: 403, errorCode: 'AccessDenied' },
};

/**
 * `arn:aws:states:::sqs:sendMessage` (and `.waitForTaskToken`): Parameters `QueueUrl`,
 * `MessageBody` (an object is sent as its JSON text), and SendMessage's optional members. The
 * result is SendMessage's response with the SDK metadata, `{ MD5OfMessageBody, MessageId,
 * SdkHttpMetadata, SdkResponseMetadata }`; with `.waitForTaskToken` the Task waits for the
 * callback once the message is sent.
 */
export function sqsSendMessage({ scope, stateName, resource }: IntegrationTask): ServiceIntegration {
  return {
    call: async (parameters) => {
      const request = { ...parametersObject(stateName, resource, parameters) };
      if (request.MessageBody !== undefined && typeof request.MessageBody !== 'string') {
        request.MessageBody = JSON.stringify(request.MessageBody);
      }
      const response = await callServiceAsRole(
        scope,
        stateName,
        'AmazonSQS.SendMessage',
        request,
        optimizedServiceErrors(SQS),
      );
      return { ...response, ...sdkMetadata() } as JsonValue;
    },
    toTaskError: serviceTaskError(SQS.catchAll),
  };
}
