import type { JsonValue, TaskStateHandler } from '../asl-interpreter';
import { TaskFailedError } from '../task-errors';
import type { TaskScope } from '../task-scope';
import { callServiceAsRole, parametersObject, type ServiceErrorStyle } from './service-call';
import { optimizedServiceError, sdkMetadata } from './service-errors';
import { integrationTaskHandler, serviceTaskError, type IntegrationCall } from './integration-task';

const DYNAMODB_ERRORS: ServiceErrorStyle = {
  accessDenied: (message) =>
    new TaskFailedError(
      'DynamoDB.AmazonDynamoDBException',
      `${message} (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; Proxy: null)`,
    ),
  failed: (answer) => optimizedServiceError('DynamoDB', 'AmazonDynamoDBv2', answer),
};

/**
 * `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem`: Parameters are the
 * operation's request as DynamoDB takes it (`TableName`, `Key`, `Item`, `ConditionExpression`,
 * ...), the result its response plus the SDK metadata. A failed condition fails the Task with
 * `DynamoDB.ConditionalCheckFailedException`.
 */
export function dynamoDbItemHandler(
  scope: TaskScope,
  stateName: string,
  resource: string,
  action: string,
): TaskStateHandler {
  const operation = `${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  const call: IntegrationCall = async (parameters) => {
    const request = parametersObject(stateName, resource, parameters);
    const response = await callServiceAsRole(
      scope,
      stateName,
      `DynamoDB_20120810.${operation}`,
      request,
      DYNAMODB_ERRORS,
    );
    return { ...response, ...sdkMetadata() } as JsonValue;
  };
  return integrationTaskHandler(
    scope,
    stateName,
    resource,
    'request-response',
    call,
    serviceTaskError('DynamoDB.AmazonDynamoDBException'),
  );
}
