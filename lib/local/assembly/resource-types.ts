import { v5 as uuidv5 } from 'uuid';
import {
  archiveArn,
  eventBusArn,
  formatArn,
  functionArn,
  LOCAL_ACCOUNT_ID,
  queueArn,
  resourceNameOf,
  ruleArn,
  stateMachineArn,
} from '../arn';
import { deterministicId } from './physical-names';

/** What the identity rules of a type may ask about the resource they name. */
export interface ResourceIdentity {
  readonly stackName: string;
  readonly logicalId: string;
  readonly region: string;
  /** The local endpoint, e.g. `http://127.0.0.1:4566` (queue URLs point at it). */
  readonly endpointUrl: string;
  /** The physical name: the template's name property, or a generated one. */
  readonly name: string;
  /** A property of the resource, resolved; `undefined` when absent. */
  property(name: string): unknown;
}

type IdentityValue = (identity: ResourceIdentity) => unknown;

/**
 * How CloudFormation names a resource type and what `Ref` and `Fn::GetAtt` return for it
 * (from the "Return values" section of each resource's CloudFormation reference page).
 */
export interface ResourceTypeRules {
  /** The property that holds an explicit physical name. @default - the type has no name */
  readonly nameProperty?: string;
  /** Length limit of generated names. @default 64 */
  readonly maxNameLength?: number;
  /** Added to generated names (`.fifo`). */
  readonly nameSuffix?: (identity: Omit<ResourceIdentity, 'name'>) => string;
  readonly lowerCaseName?: boolean;
  readonly ref: IdentityValue;
  readonly attributes: Readonly<Record<string, IdentityValue>>;
}

const NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'; // the RFC 4122 URL namespace

/** A UUID stable across runs for a resource (event source mappings, subscriptions). */
export function resourceUuid(stackName: string, logicalId: string): string {
  return uuidv5(`local-cloud:${stackName}/${logicalId}`, NAMESPACE);
}

/** A bus named by name or by ARN (templates use both) → its name. */
export function busNameOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    return 'default';
  }
  return value.startsWith('arn:') ? resourceNameOf(value) : value;
}

const isFifo = (identity: Pick<ResourceIdentity, 'property'>) => {
  const fifo = identity.property('FifoQueue') ?? identity.property('FifoTopic');
  return fifo === true || fifo === 'true';
};

const ruleBusName = (identity: ResourceIdentity) => busNameOf(identity.property('EventBusName'));
const ruleArnOf = (identity: ResourceIdentity) => ruleArn(identity.region, ruleBusName(identity), identity.name);
const logGroupArn = (identity: ResourceIdentity) => formatArn('logs', identity.region, `log-group:${identity.name}:*`);
const tableArn = (identity: ResourceIdentity) => formatArn('dynamodb', identity.region, `table/${identity.name}`);
// A stream label is a timestamp; a fixed one keeps ARNs stable across runs.
const tableStreamArn = (identity: ResourceIdentity) =>
  identity.property('StreamSpecification') === undefined
    ? undefined
    : `${tableArn(identity)}/stream/1970-01-01T00:00:00.000`;
const iamPath = (identity: ResourceIdentity) => {
  const path = identity.property('Path');
  return typeof path === 'string' && path !== '' ? path : '/';
};
const topicArn = (identity: ResourceIdentity) => formatArn('sns', identity.region, identity.name);
const name = (identity: ResourceIdentity) => identity.name;
const physicalId = (identity: ResourceIdentity) => `${identity.stackName}-${identity.logicalId}`;

const TABLE_RULES: ResourceTypeRules = {
  nameProperty: 'TableName',
  maxNameLength: 255,
  ref: name,
  attributes: {
    Arn: tableArn,
    StreamArn: tableStreamArn,
    TableId: (identity) => resourceUuid(identity.stackName, identity.logicalId),
  },
};

/** The identity rules of every type the reader names; other types get `GENERIC_RULES`. */
export const RESOURCE_TYPE_RULES: Readonly<Record<string, ResourceTypeRules>> = {
  'AWS::Events::EventBus': {
    nameProperty: 'Name',
    maxNameLength: 256,
    ref: name,
    attributes: { Arn: (identity) => eventBusArn(identity.region, identity.name), Name: name },
  },
  'AWS::Events::Rule': {
    nameProperty: 'Name',
    ref: (identity) =>
      ruleBusName(identity) === 'default' ? identity.name : `${ruleBusName(identity)}|${identity.name}`,
    attributes: { Arn: ruleArnOf },
  },
  'AWS::Events::Archive': {
    nameProperty: 'ArchiveName',
    maxNameLength: 48,
    ref: name,
    attributes: { Arn: (identity) => archiveArn(identity.region, identity.name) },
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    maxNameLength: 80,
    nameSuffix: (identity) => (isFifo(identity) ? '.fifo' : ''),
    ref: (identity) => queueUrl(identity),
    attributes: {
      Arn: (identity) => queueArn(identity.region, identity.name),
      QueueName: name,
      QueueUrl: (identity) => queueUrl(identity),
    },
  },
  'AWS::SQS::QueuePolicy': { ref: physicalId, attributes: { Id: physicalId } },
  'AWS::Lambda::Function': {
    nameProperty: 'FunctionName',
    ref: name,
    attributes: {
      Arn: (identity) => functionArn(identity.region, identity.name),
      'SnapStartResponse.ApplyOn': () => 'None',
    },
  },
  'AWS::Lambda::EventSourceMapping': {
    ref: (identity) => resourceUuid(identity.stackName, identity.logicalId),
    attributes: {
      Id: (identity) => resourceUuid(identity.stackName, identity.logicalId),
      EventSourceMappingArn: (identity) =>
        formatArn(
          'lambda',
          identity.region,
          `event-source-mapping:${resourceUuid(identity.stackName, identity.logicalId)}`,
        ),
    },
  },
  'AWS::Lambda::Permission': { ref: physicalId, attributes: {} },
  'AWS::DynamoDB::Table': TABLE_RULES,
  'AWS::DynamoDB::GlobalTable': TABLE_RULES,
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    ref: name,
    attributes: {
      Arn: (identity) => formatArn('iam', '', `role${iamPath(identity)}${identity.name}`),
      RoleId: (identity) => `AROA${deterministicId(`${identity.stackName}/${identity.logicalId}`, 17)}`,
    },
  },
  'AWS::IAM::Policy': { ref: physicalId, attributes: { Id: physicalId } },
  'AWS::IAM::ManagedPolicy': {
    nameProperty: 'ManagedPolicyName',
    maxNameLength: 128,
    ref: (identity) => formatArn('iam', '', `policy${iamPath(identity)}${identity.name}`),
    attributes: { PolicyArn: (identity) => formatArn('iam', '', `policy${iamPath(identity)}${identity.name}`) },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    maxNameLength: 512,
    ref: name,
    attributes: { Arn: logGroupArn },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    maxNameLength: 256,
    nameSuffix: (identity) => (isFifo(identity) ? '.fifo' : ''),
    ref: topicArn,
    attributes: { TopicArn: topicArn, TopicName: name },
  },
  'AWS::SNS::Subscription': {
    ref: (identity) =>
      `${String(identity.property('TopicArn'))}:${resourceUuid(identity.stackName, identity.logicalId)}`,
    attributes: {},
  },
  'AWS::SNS::TopicPolicy': { ref: physicalId, attributes: { Id: physicalId } },
  'AWS::StepFunctions::StateMachine': {
    nameProperty: 'StateMachineName',
    maxNameLength: 80,
    ref: (identity) => stateMachineArn(identity.region, identity.name),
    attributes: {
      Arn: (identity) => stateMachineArn(identity.region, identity.name),
      Name: name,
      StateMachineRevisionId: (identity) => stateMachineArn(identity.region, identity.name),
    },
  },
  'AWS::CloudWatch::Alarm': {
    nameProperty: 'AlarmName',
    maxNameLength: 255,
    ref: name,
    attributes: { Arn: (identity) => formatArn('cloudwatch', identity.region, `alarm:${identity.name}`) },
  },
  'AWS::CloudWatch::CompositeAlarm': {
    nameProperty: 'AlarmName',
    maxNameLength: 255,
    ref: name,
    attributes: { Arn: (identity) => formatArn('cloudwatch', identity.region, `alarm:${identity.name}`) },
  },
  'AWS::CloudWatch::Dashboard': { nameProperty: 'DashboardName', maxNameLength: 255, ref: name, attributes: {} },
  'AWS::KMS::Key': {
    ref: (identity) => resourceUuid(identity.stackName, identity.logicalId),
    attributes: {
      Arn: (identity) =>
        formatArn('kms', identity.region, `key/${resourceUuid(identity.stackName, identity.logicalId)}`),
      KeyId: (identity) => resourceUuid(identity.stackName, identity.logicalId),
    },
  },
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    maxNameLength: 63,
    lowerCaseName: true,
    ref: name,
    attributes: {
      Arn: (identity) => `arn:aws:s3:::${identity.name}`,
      DomainName: (identity) => `${identity.name}.s3.amazonaws.com`,
      RegionalDomainName: (identity) => `${identity.name}.s3.${identity.region}.amazonaws.com`,
    },
  },
  'AWS::SSM::Parameter': { nameProperty: 'Name', maxNameLength: 2048, ref: name, attributes: { Type: () => 'String' } },
  'AWS::Scheduler::Schedule': {
    nameProperty: 'Name',
    ref: name,
    attributes: {
      Arn: (identity) =>
        formatArn('scheduler', identity.region, `schedule/${scheduleGroupOf(identity)}/${identity.name}`),
    },
  },
  'AWS::Scheduler::ScheduleGroup': {
    nameProperty: 'Name',
    ref: name,
    attributes: {
      Arn: (identity) => formatArn('scheduler', identity.region, `schedule-group/${identity.name}`),
      CreationDate: () => '1970-01-01T00:00:00Z',
      LastModificationDate: () => '1970-01-01T00:00:00Z',
      State: () => 'ACTIVE',
    },
  },
  'AWS::Pipes::Pipe': {
    nameProperty: 'Name',
    ref: name,
    attributes: {
      Arn: (identity) => formatArn('pipes', identity.region, `pipe/${identity.name}`),
      CurrentState: () => 'RUNNING',
      StateReason: () => '',
    },
  },
};

/** A schedule's group, `default` when the template names none (a group may be given by ARN). */
function scheduleGroupOf(identity: ResourceIdentity): string {
  const group = identity.property('GroupName');
  return typeof group === 'string' && group !== '' ? (group.split('/').pop() ?? group) : 'default';
}

/** Types with no rules above: `Ref` is a physical id, no attribute resolves. */
export const GENERIC_RULES: ResourceTypeRules = { ref: physicalId, attributes: {} };

/** `<endpoint>/000000000000/<name>`: the SDK sends SQS calls to the host of the queue URL. */
function queueUrl(identity: ResourceIdentity): string {
  return `${identity.endpointUrl.replace(/\/+$/, '')}/${LOCAL_ACCOUNT_ID}/${identity.name}`;
}
