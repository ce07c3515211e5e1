import type { AwsJsonResponse } from '../endpoint/aws-json';
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
  /**
   * Answers a JSON protocol call as the endpoint would (`LocalEndpoint.dispatch` fits): how
   * universal targets reach every operation the endpoint serves. The target role is checked here.
   * @default - universal targets of JSON APIs fail (InternalFailure, retried)
   */
  readonly callService?: (target: string, body: string) => Promise<AwsJsonResponse>;
  /** The target role's permissions. @default - not checked */
  readonly roleAccess?: ServiceRoleAccess;
  readonly resolveArn?: ArnResolver;
}

/**
 * The endpoint's JSON protocol `X-Amz-Target` prefix of each universal target service, by the
 * SDK service name the target ARN uses (as in Step Functions' `aws-sdk:` integrations).
 */
const UNIVERSAL_JSON_SERVICES: Readonly<Record<string, string>> = {
  sqs: 'AmazonSQS.',
  eventbridge: 'AWSEvents.',
  dynamodb: 'DynamoDB_20120810.',
  sfn: 'AWSStepFunctions.',
  cloudwatchlogs: 'Logs_20140328.',
  sts: 'AWSSecurityTokenServiceV20110615.',
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
    servesUniversal: (service, action) =>
      Object.hasOwn(UNIVERSAL_JSON_SERVICES, service) || (service === 'lambda' && action === 'invoke'),

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
          failingWithItsCode('InvalidParameterValue', () =>
            queue.send({
              body: input,
              sender: SCHEDULER_SENDER,
              ...(invocation.messageGroupId ? { messageGroupId: invocation.messageGroupId } : {}),
            }),
          );
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
          const stepFunctions = services.stepFunctions;
          failingWithItsCode('StatesError', () =>
            stepFunctions.startExecution(target.arn, input, { trigger: `scheduler:${invocation.scheduleName}` }),
          );
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
          if (target.service === 'lambda' && target.action === 'invoke') return invokeFunction(services, invocation);
          return callUniversal(services, invocation, target.service, target.action);
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

/**
 * Makes the call to a local service; what it throws fails the invocation, not retried (the same
 * input fails the same way), with the service's error code or `fallbackCode`.
 */
function failingWithItsCode(fallbackCode: string, call: () => unknown): void {
  try {
    call();
  } catch (error) {
    throw new ScheduleTargetError((error as { code?: string }).code ?? fallbackCode, (error as Error).message, false);
  }
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

/**
 * A universal target of a JSON API: the input is the API request, answered by the endpoint's own
 * dispatch after the target role is checked. An error answer fails the invocation (retried when
 * AWS would retry it: 5xx and throttling); a service the local cloud does not emulate fails at
 * once, so the schedule's dead-letter queue gets it.
 */
async function callUniversal(
  services: LocalScheduleTargetServices,
  invocation: ScheduleInvocation,
  service: string,
  action: string,
): Promise<void> {
  const prefix = UNIVERSAL_JSON_SERVICES[service];
  if (prefix === undefined) {
    throw new ScheduleTargetError(
      'UnknownOperationException',
      `the local cloud does not emulate the '${service}' API (universal target aws-sdk:${service}:${action})`,
      false,
    );
  }
  const operation = `${action[0]?.toUpperCase() ?? ''}${action.slice(1)}`;
  if (services.resolveArn) {
    const body = parseJson(invocation.input);
    for (const permission of requiredPermissions(`${prefix}${operation}`, body, services.resolveArn) ?? []) {
      checkRole(services, invocation, permission.action, permission.resource);
    }
  }
  if (!services.callService) {
    throw new ScheduleTargetError('InternalFailure', 'no local endpoint for universal targets', true);
  }
  const response = await services.callService(`${prefix}${operation}`, invocation.input);
  if (response.statusCode < 300) return;
  let error: { __type?: string; message?: string; Message?: string } = {};
  try {
    error = JSON.parse(response.body) as typeof error;
  } catch {
    // Not JSON: the status says enough.
  }
  const code = (error.__type ?? 'InternalFailure').split('#').pop() ?? 'InternalFailure';
  throw new ScheduleTargetError(
    code,
    error.message ?? error.Message ?? `HTTP ${response.statusCode}`,
    response.statusCode >= 500 || response.statusCode === 429,
  );
}

/**
 * `aws-sdk:lambda:invoke`: the input is Lambda's Invoke request (`FunctionName` as a name or an
 * ARN, `Payload`, `InvocationType`). Like the Invoke API, a function that throws is still a
 * delivered invocation; a function that does not exist is not.
 */
async function invokeFunction(services: LocalScheduleTargetServices, invocation: ScheduleInvocation): Promise<void> {
  const request = parseJson(invocation.input) as {
    FunctionName?: unknown;
    Payload?: unknown;
    InvocationType?: unknown;
  };
  const given = typeof request?.FunctionName === 'string' ? request.FunctionName : '';
  const functionName = given.startsWith('arn:') ? (given.split(':')[6] ?? '') : given;
  const region = invocation.scheduleArn.split(':')[3] ?? 'us-east-1';
  const account = invocation.roleArn.split(':')[4] ?? '000000000000';
  const functionArn = given.startsWith('arn:') ? given : `arn:aws:lambda:${region}:${account}:function:${functionName}`;
  checkRole(services, invocation, 'lambda:InvokeFunction', functionArn);
  if (!services.lambda?.hasFunction(functionName)) {
    throw new ScheduleTargetError('ResourceNotFoundException', `Function not found: ${functionArn}`, false);
  }
  const payload = typeof request.Payload === 'string' ? parseJson(request.Payload) : (request.Payload ?? {});
  const invoked = services.lambda
    .invoke(functionName, payload, { trigger: `scheduler:${invocation.scheduleName}` })
    .catch(() => undefined);
  if (request.InvocationType !== 'Event') await invoked;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
