/**
 * Which Task `Resource`s the local cloud runs, which AWS knows but the local cloud does not run,
 * and which AWS does not recognize at all. Pure: the startup report, CreateStateMachine's
 * validation and the Task runner all read this one table.
 */

/** How a Task waits for its service, from the suffix of the resource ARN. */
export type IntegrationPattern = 'request-response' | 'sync' | 'sync:2' | 'waitForTaskToken';

/** What runs a recognized resource locally. */
export type IntegrationKind =
  | 'lambda-invoke'
  | 'lambda-function'
  | 'events-put'
  | 'sqs-send'
  | 'states-start'
  | 'dynamodb-item'
  | 'aws-sdk'
  | 'activity';

/** A resource AWS recognizes, parsed. */
export interface Integration {
  /** `lambda`, `sqs`, `dynamodb`, `aws-sdk:sfn`, ... */
  readonly service: string;
  /** `invoke`, `sendMessage`, `startExecution`, ... (for a Lambda ARN: the function name). */
  readonly action: string;
  readonly pattern: IntegrationPattern;
  /** Set when the local cloud runs it. */
  readonly kind?: IntegrationKind;
  /** Why the local cloud does not run it (set exactly when `kind` is not). */
  readonly notRun?: string;
}

/** A Task state whose resource the local cloud will not run. */
export interface UnrunTaskResource {
  readonly stateName: string;
  readonly resource: string;
  readonly reason: string;
}

/** One line of the table of integrations the local cloud runs (docs, the startup report). */
export interface SupportedIntegration {
  readonly resource: string;
  readonly patterns: readonly IntegrationPattern[];
}

type OptimizedEntry = { readonly patterns: readonly IntegrationPattern[]; readonly kind?: IntegrationKind };

const RR: IntegrationPattern = 'request-response';
const SYNC: IntegrationPattern = 'sync';
const SYNC2: IntegrationPattern = 'sync:2';
const TOKEN: IntegrationPattern = 'waitForTaskToken';

/** The optimized integrations the local cloud runs, with the patterns AWS offers for each. */
const RUN: Readonly<Record<string, OptimizedEntry>> = {
  'lambda:invoke': { patterns: [RR, TOKEN], kind: 'lambda-invoke' },
  'events:putEvents': { patterns: [RR, TOKEN], kind: 'events-put' },
  'sqs:sendMessage': { patterns: [RR, TOKEN], kind: 'sqs-send' },
  'states:startExecution': { patterns: [RR, SYNC, SYNC2, TOKEN], kind: 'states-start' },
  'dynamodb:getItem': { patterns: [RR], kind: 'dynamodb-item' },
  'dynamodb:putItem': { patterns: [RR], kind: 'dynamodb-item' },
  'dynamodb:updateItem': { patterns: [RR], kind: 'dynamodb-item' },
  'dynamodb:deleteItem': { patterns: [RR], kind: 'dynamodb-item' },
};

/**
 * Optimized integrations AWS has and the local cloud does not run (their service is not
 * emulated), with their patterns: recognized (valid in a definition), listed as not run.
 */
const KNOWN_NOT_RUN: Readonly<Record<string, readonly IntegrationPattern[]>> = {
  'sns:publish': [RR, TOKEN],
  'ecs:runTask': [RR, SYNC, TOKEN],
  'batch:submitJob': [RR, SYNC],
  'glue:startJobRun': [RR, SYNC],
  'athena:startQueryExecution': [RR, SYNC],
  'codebuild:startBuild': [RR, SYNC],
  'eks:runJob': [RR, SYNC],
  'http:invoke': [RR],
  'apigateway:invoke': [RR, TOKEN],
  'bedrock:invokeModel': [RR],
  'emr-serverless:startJobRun': [RR, SYNC],
  'sagemaker:createTrainingJob': [RR, SYNC],
};

/** Names of emulated services for `not run` reasons. */
const SERVICE_TITLES: Readonly<Record<string, string>> = {
  sns: 'SNS',
  ecs: 'ECS',
  batch: 'AWS Batch',
  glue: 'Glue',
  athena: 'Athena',
  codebuild: 'CodeBuild',
  eks: 'EKS',
  http: 'HTTP Task (EventBridge connections)',
  apigateway: 'API Gateway',
  bedrock: 'Bedrock',
  'emr-serverless': 'EMR Serverless',
  sagemaker: 'SageMaker',
};

/**
 * `aws-sdk:<service>` names whose API the local endpoint serves, with the operations it serves
 * (`*`: every operation of its JSON API; the endpoint answers unknown ones itself).
 */
export const AWS_SDK_SERVICES: Readonly<Record<string, readonly string[] | '*'>> = {
  sqs: '*',
  dynamodb: '*',
  eventbridge: '*',
  sfn: '*',
  cloudwatchlogs: '*',
  lambda: ['invoke'],
};

const OPTIMIZED = /^arn:aws[\w-]*:states:::([a-z0-9-]+):([A-Za-z0-9]+)(?:\.(sync:2|sync|waitForTaskToken))?$/;
const AWS_SDK = /^arn:aws[\w-]*:states:::aws-sdk:([a-z0-9]+):([a-z][A-Za-z0-9]*)(?:\.(waitForTaskToken))?$/;
const LAMBDA_FUNCTION = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:([\w-]+)(?::[\w$-]+)?$/;
const ACTIVITY = /^arn:aws[\w-]*:states:[\w-]+:\d{12}:activity:([\w.-]+)$/;

/**
 * What a Task resource is: `undefined` when AWS would not recognize it (CreateStateMachine fails
 * with `SCHEMA_VALIDATION_FAILED`), else the integration, with `kind` when the local cloud runs it
 * and `notRun` when it does not.
 *
 * @example integrationOf('arn:aws:states:::sqs:sendMessage.waitForTaskToken') // { service: 'sqs', action: 'sendMessage', pattern: 'waitForTaskToken', kind: 'sqs-send' }
 */
export function integrationOf(resource: string): Integration | undefined {
  const lambdaFunction = LAMBDA_FUNCTION.exec(resource);
  if (lambdaFunction) {
    return { service: 'lambda', action: lambdaFunction[1] ?? '', pattern: RR, kind: 'lambda-function' };
  }
  const activity = ACTIVITY.exec(resource);
  if (activity) {
    return {
      service: 'states',
      action: activity[1] ?? '',
      pattern: RR,
      notRun: 'activities are not emulated (no GetActivityTask)',
    };
  }
  const sdk = AWS_SDK.exec(resource);
  if (sdk) {
    const [, service = '', action = '', suffix] = sdk;
    const pattern: IntegrationPattern = suffix === 'waitForTaskToken' ? TOKEN : RR;
    const served = AWS_SDK_SERVICES[service];
    const runs = served === '*' || (served !== undefined && served.includes(action));
    return runs
      ? { service: `aws-sdk:${service}`, action, pattern, kind: 'aws-sdk' }
      : {
          service: `aws-sdk:${service}`,
          action,
          pattern,
          notRun:
            served === undefined
              ? `the local cloud does not emulate the '${service}' API`
              : `the local cloud serves only ${served.join(', ')} of the '${service}' API`,
        };
  }
  const optimized = OPTIMIZED.exec(resource);
  if (!optimized) return undefined;
  const [, service = '', action = '', suffix] = optimized;
  const pattern: IntegrationPattern = suffix === undefined ? RR : (suffix as IntegrationPattern);
  const key = `${service}:${action}`;
  const run = RUN[key];
  if (run) return run.patterns.includes(pattern) ? { service, action, pattern, kind: run.kind } : undefined;
  const known = KNOWN_NOT_RUN[key];
  if (known?.includes(pattern)) {
    return { service, action, pattern, notRun: `${SERVICE_TITLES[service] ?? service} is not emulated` };
  }
  return undefined;
}

/**
 * AWS's words for a Task resource it does not recognize (a `SCHEMA_VALIDATION_FAILED`
 * diagnostic's message).
 */
export function unrecognizedResourceMessage(resource: string): string {
  return `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`;
}

/** Every Task state (nested Parallel branches and Map processors included), with its JSON pointer. */
export function taskStatesOf(
  definition: unknown,
): { readonly stateName: string; readonly resource: unknown; readonly location: string }[] {
  const found: { stateName: string; resource: unknown; location: string }[] = [];
  const visit = (machine: unknown, location: string): void => {
    const states = isObject(machine) && isObject(machine.States) ? machine.States : {};
    for (const [stateName, state] of Object.entries(states)) {
      if (!isObject(state)) continue;
      const here = `${location}/States/${stateName}`;
      if (state.Type === 'Task') found.push({ stateName, resource: state.Resource, location: here });
      if (Array.isArray(state.Branches)) {
        state.Branches.forEach((branch, index) => visit(branch, `${here}/Branches/${index}`));
      }
      if (isObject(state.ItemProcessor)) visit(state.ItemProcessor, `${here}/ItemProcessor`);
      if (isObject(state.Iterator)) visit(state.Iterator, `${here}/Iterator`);
    }
  };
  visit(definition, '');
  return found;
}

/**
 * The Task states of a definition whose resource the local cloud does not run: known to AWS but
 * not emulated (`sns:publish`), or not recognized at all. For the startup report.
 *
 * @param definition the definition as JSON text or parsed
 */
export function unrunTaskResources(definition: string | object): UnrunTaskResource[] {
  let parsed: unknown = definition;
  if (typeof definition === 'string') {
    try {
      parsed = JSON.parse(definition);
    } catch {
      return [];
    }
  }
  return taskStatesOf(parsed).flatMap(({ stateName, resource }) => {
    if (typeof resource !== 'string') return [];
    // JSONata resources are literal ARNs too; only the Arguments are expressions.
    const integration = integrationOf(resource);
    if (!integration) return [{ stateName, resource, reason: 'AWS does not recognize this resource' }];
    return integration.notRun ? [{ stateName, resource, reason: integration.notRun }] : [];
  });
}

/** The integrations the local cloud runs, with their patterns. */
export const SUPPORTED_INTEGRATIONS: readonly SupportedIntegration[] = [
  ...Object.entries(RUN).map(([key, entry]) => ({ resource: `arn:aws:states:::${key}`, patterns: entry.patterns })),
  { resource: 'arn:aws:lambda:<region>:<account>:function:<name>', patterns: [RR] },
  ...Object.entries(AWS_SDK_SERVICES).map(([service, actions]) => ({
    resource: `arn:aws:states:::aws-sdk:${service}:${actions === '*' ? '<action>' : actions.join('|')}`,
    patterns: [RR, TOKEN],
  })),
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
