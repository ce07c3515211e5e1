import type { JsonValue } from '../asl-interpreter';
import { callServiceAsRole, parametersObject } from './service-call';
import { optimizedServiceErrors, sdkMetadata, type OptimizedService } from './service-errors';
import { serviceTaskError, type IntegrationTask, type ServiceIntegration } from './integration-task';

const DYNAMODB: OptimizedService = {
  prefix: 'DynamoDB',
  serviceName: 'AmazonDynamoDBv2',
  catchAll: 'DynamoDB.AmazonDynamoDBException',
  accessDenied: { statusCode: 400, errorCode: 'AccessDeniedException' },
};

/**
 * `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem`: Parameters are the
 * operation's request as DynamoDB takes it (`TableName`, `Key`, `Item`, `ConditionExpression`,
 * ...), the result its response plus the SDK metadata. A failed condition fails the Task with
 * `DynamoDB.ConditionalCheckFailedException`.
 */
export function dynamoDbItem({ scope, stateName, resource }: IntegrationTask, action: string): ServiceIntegration {
  const operation = `${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  return {
    call: async (parameters) => {
      const request = parametersObject(stateName, resource, parameters);
      const target = `DynamoDB_20120810.${operation}`;
      const response = await callServiceAsRole(scope, stateName, target, request, optimizedServiceErrors(DYNAMODB));
      return { ...response, ...sdkMetadata() } as JsonValue;
    },
    toTaskError: serviceTaskError(DYNAMODB.catchAll),
  };
}
