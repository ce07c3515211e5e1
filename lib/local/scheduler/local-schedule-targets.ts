import type { LocalEventBridge } from '../eventbridge/local-event-bridge';
import { requiredPermissions, type ArnResolver, type ServiceRoleAccess } from '../iam';
import type { LocalSqs } from '../sqs/local-sqs';
import { ScheduleTargetError, type ScheduleInvocation, type ScheduleTargets } from './schedule-targets';

/** The local services a schedule's targets reach (each optional: a missing one fails its targets). */
export interface LocalScheduleTargetServices {
  readonly sqs: LocalSqs;
  readonly eventBridge?: Pick<LocalEventBridge, 'putEvents'>;
  readonly lambda?: {
    hasFunction(functionName: string): boolean;
    invoke(functionName: string, payload: unknown, options: { readonly trigger: string }): Promise<unknown>;
  };
  readonly stepFunctions?: {
    startExecution(stateMachineArn: string, input: string, options: { readonly trigger: string }): unknown;
  };
  /** The endpoint universal targets are called on (`http://127.0.0.1:<port>`). */
  readonly endpointUrl?: string;
  /** The target role's permissions. @default - not checked */
  readonly roleAccess?: ServiceRoleAccess;
  readonly resolveArn?: ArnResolver;
}

/** The JSON protocol `X-Amz-Target` prefix of the SDK service names universal targets use. */
const UNIVERSAL_SERVICES: Readonly<Record<string, string>> = {
  sqs: 'AmazonSQS.',
  eventbridge: 'AWSEvents.',
  dynamodb: 'DynamoDB_20120810.',
  sfn: 'AWSStepFunctions.',
};

const SCHEDULER_PRINCIPAL = 'scheduler.amazonaws.com';
const SCHEDULER_SENDER = 'scheduler';

/**
 * Scheduler's targets over the local cloud: SQS SendMessage, Lambda asynchronous Invoke, Step
 * Functions StartExecution, EventBridge PutEvents (`EventBridgeParameters` as Source and
 * DetailType, the schedule's ARN as the event's resource) and universal targets as JSON
 * protocol calls to the local endpoint. Each invocation is first checked against the target
 * role's policies (`roleAccess`): a refusal is AccessDenied, not retried.
 */
export function localScheduleTargets(services: LocalScheduleTargetServices): ScheduleTargets {
  return {
    servesUniversal: (service) => Object.hasOwn(UNIVERSAL_SERVICES, service),

    async invoke(invocation: ScheduleInvocation): Promise<void> {
      const { target, input } = invocation;
      switch (target.kind) {
        case 'sqs': {
          checkRole(services, invocation, 'sqs:SendMessage', target.arn);
          const queue = services.sqs.findQueue(target.arn);
          if (!queue)
            throw new ScheduleTargetError(
              'AWS.SimpleQueueService.NonExistentQueue',
              `queue '${target.arn}' does not exist`,
              false,
            );
          try {
            queue.send({
              body: input,
              sender: SCHEDULER_SENDER,
              ...(invocation.messageGroupId ? { messageGroupId: invocation.messageGroupId } : {}),
            });
          } catch (error) {
            throw new ScheduleTargetError(
              (error as { code?: string }).code ?? 'InvalidParameterValue',
              (error as Error).message,
              false,
            );
          }
          return;
        }
        case 'lambda': {
          checkRole(services, invocation, 'lambda:InvokeFunction', target.arn);
          if (!services.lambda?.hasFunction(target.functionName)) {
            throw new ScheduleTargetError('ResourceNotFoundException', `Function not found: ${target.arn}`, false);
          }
          // Scheduler invokes functions asynchronously: accepted is delivered.
          void services.lambda
            .invoke(target.functionName, parseJson(input), { trigger: `scheduler:${invocation.scheduleName}` })
            .catch(() => undefined);
          return;
        }
        case 'states': {
          checkRole(services, invocation, 'states:StartExecution', target.arn);
          if (!services.stepFunctions)
            throw new ScheduleTargetError(
              'StateMachineDoesNotExist',
              `State Machine Does Not Exist: '${target.arn}'`,
              false,
            );
          try {
            services.stepFunctions.startExecution(target.arn, input, {
              trigger: `scheduler:${invocation.scheduleName}`,
            });
          } catch (error) {
            throw new ScheduleTargetError(
              (error as { code?: string }).code ?? 'StatesError',
              (error as Error).message,
              false,
            );
          }
          return;
        }
        case 'events': {
          checkRole(services, invocation, 'events:PutEvents', target.arn);
          const result = services.eventBridge?.putEvents(
            [
              {
                Source: invocation.eventBridge?.Source ?? '',
                DetailType: invocation.eventBridge?.DetailType ?? '',
                Detail: input,
                EventBusName: target.arn,
                Resources: [invocation.scheduleArn],
              },
            ],
            SCHEDULER_SENDER,
          );
          const failure = result?.Entries[0];
          if (!result || (failure && 'ErrorCode' in failure)) {
            const code = failure && 'ErrorCode' in failure ? failure.ErrorCode : 'ResourceNotFoundException';
            const message =
              failure && 'ErrorMessage' in failure ? failure.ErrorMessage : `event bus '${target.arn}' does not exist`;
            throw new ScheduleTargetError(code, message, code === 'ThrottlingException' || code === 'InternalFailure');
          }
          return;
        }
        case 'universal':
          return callUniversal(services, invocation, UNIVERSAL_SERVICES[target.service] ?? '', target.action);
      }
    },

    async sendToDeadLetterQueue(queueArn, body, attributes) {
      const queue = services.sqs.findQueue(queueArn);
      if (!queue) return;
      queue.send({
        body,
        sender: SCHEDULER_SENDER,
        messageAttributes: Object.fromEntries(
          Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
        ),
      });
    },
  };
}

function checkRole(
  services: LocalScheduleTargetServices,
  invocation: ScheduleInvocation,
  action: string,
  resource: string,
): void {
  try {
    services.roleAccess?.check(invocation.roleArn, SCHEDULER_PRINCIPAL, action, resource);
  } catch (error) {
    throw new ScheduleTargetError('AccessDeniedException', (error as Error).message, false);
  }
}

/** A universal target: the input is the API request, sent to the local endpoint as the target role. */
async function callUniversal(
  services: LocalScheduleTargetServices,
  invocation: ScheduleInvocation,
  prefix: string,
  action: string,
): Promise<void> {
  const operation = `${action[0]?.toUpperCase() ?? ''}${action.slice(1)}`;
  const body = parseJson(invocation.input);
  if (services.resolveArn) {
    for (const permission of requiredPermissions(`${prefix}${operation}`, body, services.resolveArn) ?? []) {
      checkRole(services, invocation, permission.action, permission.resource);
    }
  }
  if (!services.endpointUrl)
    throw new ScheduleTargetError('InternalFailure', 'no local endpoint for universal targets', true);
  const response = await fetch(services.endpointUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `${prefix}${operation}` },
    body: invocation.input,
  });
  if (response.ok) return;
  const error = (await response.json().catch(() => ({}))) as { __type?: string; message?: string; Message?: string };
  const code = (error.__type ?? 'InternalFailure').split('#').pop() ?? 'InternalFailure';
  throw new ScheduleTargetError(
    code,
    error.message ?? error.Message ?? `HTTP ${response.status}`,
    response.status >= 500 || response.status === 429,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
