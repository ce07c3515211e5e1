import { DEFAULT_LOCAL_REGION, LOCAL_ACCOUNT_ID } from '../arn';
import type {
  AlarmModel,
  AppModel,
  ArchiveModel,
  AssemblyWarning,
  EventBusModel,
  EventSourceMappingModel,
  FunctionModel,
  LambdaPermissionModel,
  LogGroupModel,
  PipeModel,
  QueueModel,
  QueuePolicyModel,
  RoleModel,
  RuleModel,
  ScheduleGroupModel,
  ScheduleModel,
  StackModel,
  StateMachineModel,
  TableModel,
  TopicModel,
  TopicSubscriptionModel,
} from './app-model';
import type { StackInput } from './cfn-template';
import { AssemblyResolver, type StackScope } from './intrinsic-resolver';
import { readArchive, readEventBus, readRule } from './readers/read-events';
import { readEventSourceMapping, readFunction, readLambdaPermission } from './readers/read-functions';
import { attachPolicies, readPolicyAttachment, readRole, type PolicyAttachment } from './readers/read-iam';
import { readAlarm, readLogGroup, readSubscription, readTopic } from './readers/read-observability';
import { readPipe } from './readers/read-pipes';
import { readQueue, readQueuePolicy } from './readers/read-queues';
import { readSchedule, readScheduleGroup } from './readers/read-scheduler';
import { readStateMachine } from './readers/read-state-machines';
import { readTable } from './readers/read-tables';
import { ResourceProperties } from './resource-properties';

/** The endpoint the local cloud listens on unless told otherwise. */
export const DEFAULT_ENDPOINT_URL = 'http://127.0.0.1:4566';

export interface BuildAppModelOptions {
  /** @default 'us-east-1' (DEFAULT_LOCAL_REGION) */
  readonly region?: string;
  /**
   * The local endpoint; queue URLs (`Ref` of a queue, and so the functions' environment) point at
   * it. Start the endpoint first when it listens on a random port, then build the model.
   * @default 'http://127.0.0.1:4566'
   */
  readonly endpointUrl?: string;
  /** Template parameter values by stack name. @default - every parameter takes its default */
  readonly parameters?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Recorded as `AppModel.assemblyDirectory`. @default - none */
  readonly assemblyDirectory?: string;
}

/** Types the reader knows it has nothing to run for, so they are not reported. */
const SILENTLY_SKIPPED = new Set(['AWS::CDK::Metadata']);

interface Collected {
  buses: EventBusModel[];
  rules: RuleModel[];
  archives: ArchiveModel[];
  queues: QueueModel[];
  queuePolicies: QueuePolicyModel[];
  functions: FunctionModel[];
  eventSourceMappings: EventSourceMappingModel[];
  lambdaPermissions: LambdaPermissionModel[];
  tables: TableModel[];
  stateMachines: StateMachineModel[];
  roles: RoleModel[];
  policyAttachments: PolicyAttachment[];
  logGroups: LogGroupModel[];
  topics: TopicModel[];
  subscriptions: { topicArn: string; subscription: TopicSubscriptionModel }[];
  alarms: AlarmModel[];
  schedules: ScheduleModel[];
  scheduleGroups: ScheduleGroupModel[];
  pipes: PipeModel[];
}

type Reader = (props: ResourceProperties, collected: Collected, type: string) => void;

/** What each supported resource type adds to the model. */
const READERS: Readonly<Record<string, Reader>> = {
  'AWS::Events::EventBus': (props, collected) => collected.buses.push(readEventBus(props)),
  'AWS::Events::Rule': (props, collected) => collected.rules.push(readRule(props)),
  'AWS::Events::Archive': (props, collected) => collected.archives.push(readArchive(props)),
  'AWS::SQS::Queue': (props, collected) => collected.queues.push(readQueue(props)),
  // Queue policies are read after the queues (they refer to queues by URL); see below.
  'AWS::SQS::QueuePolicy': () => undefined,
  'AWS::Lambda::Function': (props, collected) => collected.functions.push(readFunction(props)),
  'AWS::Lambda::EventSourceMapping': (props, collected) =>
    collected.eventSourceMappings.push(readEventSourceMapping(props)),
  'AWS::Lambda::Permission': (props, collected) => collected.lambdaPermissions.push(readLambdaPermission(props)),
  'AWS::DynamoDB::Table': (props, collected, type) => collected.tables.push(readTable(props, type)),
  'AWS::DynamoDB::GlobalTable': (props, collected, type) => collected.tables.push(readTable(props, type)),
  'AWS::StepFunctions::StateMachine': (props, collected) => collected.stateMachines.push(readStateMachine(props)),
  'AWS::IAM::Role': (props, collected) => collected.roles.push(readRole(props)),
  'AWS::IAM::Policy': (props, collected) => collected.policyAttachments.push(readPolicyAttachment(props, false)),
  'AWS::IAM::ManagedPolicy': (props, collected) => collected.policyAttachments.push(readPolicyAttachment(props, true)),
  'AWS::Logs::LogGroup': (props, collected) => collected.logGroups.push(readLogGroup(props)),
  'AWS::SNS::Topic': (props, collected) => collected.topics.push(readTopic(props)),
  'AWS::SNS::Subscription': (props, collected) => collected.subscriptions.push(readSubscription(props)),
  'AWS::CloudWatch::Alarm': (props, collected) => collected.alarms.push(readAlarm(props)),
  'AWS::Scheduler::Schedule': (props, collected) => collected.schedules.push(readSchedule(props)),
  'AWS::Scheduler::ScheduleGroup': (props, collected) => collected.scheduleGroups.push(readScheduleGroup(props)),
  'AWS::Pipes::Pipe': (props, collected) => collected.pipes.push(readPipe(props)),
};

/**
 * Builds the model of an app from its stacks' templates: a pure function of the templates and
 * the options (no file or network access), like a cdk-nag rule of the whole assembly. Never
 * throws on template content: unresolvable values and unsupported types become warnings.
 *
 * @example
 * const model = buildAppModel([{ stackName: 'Shop', template }], { endpointUrl: 'http://127.0.0.1:4566' });
 * model.queues[0].url; // 'http://127.0.0.1:4566/000000000000/orders'
 */
export function buildAppModel(stacks: readonly StackInput[], options: BuildAppModelOptions = {}): AppModel {
  const region = options.region ?? DEFAULT_LOCAL_REGION;
  const endpointUrl = options.endpointUrl ?? DEFAULT_ENDPOINT_URL;
  const warnings = new Map<string, AssemblyWarning>();
  const warn = (warning: AssemblyWarning) => {
    const key = `${warning.code}|${warning.stackName ?? ''}|${warning.logicalId ?? ''}|${warning.message}`;
    if (!warnings.has(key)) {
      warnings.set(key, warning);
    }
  };
  const ordered = orderStacks(stacks);
  const resolver = new AssemblyResolver(
    ordered,
    { accountId: LOCAL_ACCOUNT_ID, region, endpointUrl, parameters: options.parameters },
    warn,
  );
  const collected: Collected = {
    buses: [],
    rules: [],
    archives: [],
    queues: [],
    queuePolicies: [],
    functions: [],
    eventSourceMappings: [],
    lambdaPermissions: [],
    tables: [],
    stateMachines: [],
    roles: [],
    policyAttachments: [],
    logGroups: [],
    topics: [],
    subscriptions: [],
    alarms: [],
    schedules: [],
    scheduleGroups: [],
    pipes: [],
  };
  const unsupported = new Map<string, string[]>();

  for (const stack of ordered) {
    const scope = resolver.scope(stack.stackName);
    for (const [logicalId, resource] of scope.resources()) {
      const reader = READERS[resource.Type];
      if (reader) {
        reader(new ResourceProperties(scope, logicalId, warn), collected, resource.Type);
      } else if (!SILENTLY_SKIPPED.has(resource.Type)) {
        unsupported.set(resource.Type, [...(unsupported.get(resource.Type) ?? []), `${stack.stackName}/${logicalId}`]);
      }
    }
  }

  // Second pass: resources that point at others by value (queue URL, role name, topic ARN).
  const queueArnByUrl = new Map(collected.queues.map((queue) => [queue.url, queue.arn]));
  for (const stack of ordered) {
    const scope = resolver.scope(stack.stackName);
    for (const [logicalId, resource] of scope.resources()) {
      if (resource.Type === 'AWS::SQS::QueuePolicy') {
        collected.queuePolicies.push(
          readQueuePolicy(new ResourceProperties(scope, logicalId, warn), (url) => queueArnByUrl.get(url)),
        );
      }
    }
  }
  const topics = collected.topics.map((topic) => ({
    ...topic,
    subscriptions: [
      ...topic.subscriptions,
      ...collected.subscriptions.filter((entry) => entry.topicArn === topic.arn).map((entry) => entry.subscription),
    ],
  }));

  return {
    ...(options.assemblyDirectory ? { assemblyDirectory: options.assemblyDirectory } : {}),
    accountId: LOCAL_ACCOUNT_ID,
    region,
    endpointUrl,
    stacks: ordered.map((stack) => stackModel(stack, resolver.scope(stack.stackName), ordered)),
    buses: collected.buses,
    rules: collected.rules,
    archives: collected.archives,
    queues: collected.queues,
    queuePolicies: collected.queuePolicies,
    functions: collected.functions,
    eventSourceMappings: collected.eventSourceMappings,
    lambdaPermissions: collected.lambdaPermissions,
    tables: collected.tables,
    stateMachines: collected.stateMachines,
    roles: attachPolicies(collected.roles, collected.policyAttachments),
    logGroups: collected.logGroups,
    topics,
    alarms: collected.alarms,
    schedules: collected.schedules,
    scheduleGroups: collected.scheduleGroups,
    pipes: collected.pipes,
    unsupportedResourceTypes: [...unsupported].map(([type, resources]) => ({ type, resources })),
    warnings: [...warnings.values()],
  };
}

function stackModel(stack: StackInput, scope: StackScope, ordered: readonly StackInput[]): StackModel {
  const outputs: Record<string, unknown> = {};
  const exports: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(stack.template.Outputs ?? {})) {
    if (output.Condition !== undefined && !scope.condition(output.Condition)) {
      continue;
    }
    outputs[name] = scope.output(name);
    if (output.Export !== undefined) {
      exports[String(scope.resolve(output.Export.Name))] = outputs[name];
    }
  }
  return {
    stackName: stack.stackName,
    artifactId: stack.artifactId ?? stack.stackName,
    ...(stack.templateFile ? { templateFile: stack.templateFile } : {}),
    outputs,
    exports,
    dependencies: dependenciesOf(stack, ordered).map((dependency) => dependency.stackName),
  };
}

function dependenciesOf(stack: StackInput, all: readonly StackInput[]): StackInput[] {
  const wanted = new Set(stack.dependencies ?? []);
  return all.filter(
    (other) => other !== stack && (wanted.has(other.stackName) || wanted.has(other.artifactId ?? other.stackName)),
  );
}

/** Stacks after the stacks they depend on (input order otherwise; cycles keep input order). */
function orderStacks(stacks: readonly StackInput[]): StackInput[] {
  const ordered: StackInput[] = [];
  const visiting = new Set<StackInput>();
  const visit = (stack: StackInput) => {
    if (ordered.includes(stack) || visiting.has(stack)) {
      return;
    }
    visiting.add(stack);
    dependenciesOf(stack, stacks).forEach(visit);
    visiting.delete(stack);
    ordered.push(stack);
  };
  stacks.forEach(visit);
  return ordered;
}
