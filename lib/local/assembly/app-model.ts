/**
 * The typed model of a synthesized CDK app, as the local cloud runs it: every resource the
 * local services need, with every intrinsic function resolved to the value it would have in the
 * local account (`000000000000`) and region. Built by `readCloudAssembly` (from a cdk.out
 * directory) or `buildAppModel` (from templates in memory).
 *
 * Names follow the AWS API members in camelCase (`visibilityTimeoutSeconds`, `batchSize`); where
 * a service helper creates a resource from CloudFormation-shaped input, the resolved
 * `properties` are kept too.
 */

/** Where a resource was declared. */
export interface ResourceOrigin {
  /** The CloudFormation stack name (`Choreography-Orders`). */
  readonly stackName: string;
  /** The logical id in that stack's template. */
  readonly logicalId: string;
}

/** An IAM policy document, statements always as an array. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly PolicyStatement[];
}

/** One IAM statement as written in the template, resolved. Values stay in IAM's own shapes. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A custom event bus (the `default` bus is not in the template; the bus engine adds it). */
export interface EventBusModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
}

/** How EventBridge shapes what it sends to a target. At most one of the three is set. */
export interface RuleTargetModel {
  readonly id: string;
  readonly arn: string;
  readonly roleArn?: string;
  /** A constant JSON text sent instead of the event. */
  readonly input?: string;
  /** A JSONPath into the event; the selected part is sent. */
  readonly inputPath?: string;
  readonly inputTransformer?: {
    readonly inputPathsMap?: Readonly<Record<string, string>>;
    readonly inputTemplate: string;
  };
  readonly retryPolicy?: {
    /** @default 185 (AWS's default when the target has no policy) */
    readonly maximumRetryAttempts?: number;
    /** @default 86400 */
    readonly maximumEventAgeInSeconds?: number;
  };
  /** The SQS queue that receives events the target could not take. */
  readonly deadLetterArn?: string;
  /** `SqsParameters.MessageGroupId`, for FIFO queue targets. */
  readonly messageGroupId?: string;
}

export interface RuleModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  /** The bus name (never an ARN); `default` when the template names none. */
  readonly eventBusName: string;
  readonly eventBusArn: string;
  /** The pattern as an object (a template may give it as a JSON string; it is parsed). */
  readonly eventPattern?: unknown;
  readonly scheduleExpression?: string;
  readonly state: 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  readonly description?: string;
  readonly roleArn?: string;
  readonly targets: readonly RuleTargetModel[];
}

export interface ArchiveModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  /** The bus whose events it records. */
  readonly sourceArn: string;
  readonly eventPattern?: unknown;
  /** Days an event is kept; 0 or undefined = forever. */
  readonly retentionDays?: number;
  readonly description?: string;
}

export interface RedrivePolicyModel {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

export interface QueueModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  /** `<endpoint>/000000000000/<name>`: what `Ref` gives and what the SDK calls. */
  readonly url: string;
  readonly fifo: boolean;
  /** @default 30 */
  readonly visibilityTimeoutSeconds: number;
  /** @default 345600 (4 days) */
  readonly messageRetentionPeriodSeconds: number;
  /** @default 0 */
  readonly delaySeconds: number;
  /** @default 1048576 (1 MiB, SQS's default and maximum since 2025) */
  readonly maximumMessageSize: number;
  /** @default 0 */
  readonly receiveMessageWaitTimeSeconds: number;
  readonly redrivePolicy?: RedrivePolicyModel;
  readonly redriveAllowPolicy?: unknown;
  readonly contentBasedDeduplication: boolean;
  readonly sqsManagedSseEnabled?: boolean;
  readonly kmsMasterKeyId?: string;
  /**
   * The same settings as `CreateQueue` attributes (`VisibilityTimeout: '60'`, `RedrivePolicy`
   * as JSON text), for the SQS service to create the queue from.
   */
  readonly attributes: Readonly<Record<string, string>>;
}

/** `AWS::SQS::QueuePolicy`: the queues' resource policy (who may send: EventBridge rules). */
export interface QueuePolicyModel extends ResourceOrigin {
  readonly queueUrls: readonly string[];
  readonly queueArns: readonly string[];
  readonly document: PolicyDocument;
}

/** Where a function's code is. */
export type FunctionCode =
  | { readonly kind: 'directory'; readonly directory: string }
  | { readonly kind: 'inline'; readonly source: string }
  | { readonly kind: 'missing'; readonly reason: string };

export interface FunctionModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  /** `file.export`, e.g. `index.handler`. */
  readonly handler: string;
  /** e.g. `nodejs24.x`; the local cloud runs every Node.js runtime on the host's Node. */
  readonly runtime: string;
  readonly architectures: readonly string[];
  /** @default 128 */
  readonly memorySizeMb: number;
  /** @default 3 */
  readonly timeoutSeconds: number;
  readonly reservedConcurrency?: number;
  /** The template's variables, resolved (queue URLs point at the local endpoint). */
  readonly environment: Readonly<Record<string, string>>;
  readonly roleArn: string;
  readonly code: FunctionCode;
  /** The asset directory when the code is one (a shortcut for `code.directory`). */
  readonly assetDirectory?: string;
  /** `LoggingConfig.LogGroup`, else `/aws/lambda/<name>`. */
  readonly logGroupName: string;
  /** `LoggingConfig.LogFormat`. @default 'Text' */
  readonly logFormat: string;
  readonly tracingMode?: string;
  /** Async invocation DLQ (`DeadLetterConfig.TargetArn`). */
  readonly deadLetterArn?: string;
  readonly layers: readonly string[];
}

export interface EventSourceMappingModel extends ResourceOrigin {
  /** The mapping's UUID (its `Ref`), deterministic per stack and logical id. */
  readonly uuid: string;
  readonly arn: string;
  readonly eventSourceArn: string;
  readonly functionName: string;
  readonly functionArn: string;
  /** @default 10 (SQS) */
  readonly batchSize: number;
  /** @default 0 */
  readonly maximumBatchingWindowInSeconds: number;
  readonly functionResponseTypes: readonly string[];
  /** `FunctionResponseTypes` contains `ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
  /** `ScalingConfig.MaximumConcurrency` (2..1000), when set. */
  readonly maximumConcurrency?: number;
  /** @default true */
  readonly enabled: boolean;
  /** `FilterCriteria.Filters[].Pattern`, parsed. */
  readonly filterPatterns: readonly unknown[];
}

/** A Lambda resource policy statement (`AWS::Lambda::Permission`). */
export interface LambdaPermissionModel extends ResourceOrigin {
  readonly functionName: string;
  readonly action: string;
  readonly principal: string;
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
}

export interface KeySchemaElement {
  readonly attributeName: string;
  readonly keyType: 'HASH' | 'RANGE';
}

export interface SecondaryIndexModel {
  readonly indexName: string;
  readonly keySchema: readonly KeySchemaElement[];
  readonly projectionType: string;
  readonly nonKeyAttributes?: readonly string[];
}

export interface TableModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  /** Set when the table has a stream (`StreamSpecification`). */
  readonly streamArn?: string;
  readonly streamViewType?: string;
  readonly keySchema: readonly KeySchemaElement[];
  readonly attributeDefinitions: readonly { readonly attributeName: string; readonly attributeType: string }[];
  readonly globalSecondaryIndexes: readonly SecondaryIndexModel[];
  readonly localSecondaryIndexes: readonly SecondaryIndexModel[];
  readonly billingMode: string;
  readonly timeToLive?: { readonly attributeName: string; readonly enabled: boolean };
  /**
   * The template's `Properties`, resolved, with `TableName` set to the physical name: the
   * shape `tableSpecFromTemplate` of the local DynamoDB takes. For an `AWS::DynamoDB::GlobalTable`
   * (CDK `TableV2`) they are mapped onto the `AWS::DynamoDB::Table` shape.
   */
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface StateMachineModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  /** The Amazon States Language text, every intrinsic and `DefinitionSubstitutions` applied. */
  readonly definition: string;
  /** @default 'STANDARD' */
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
  readonly loggingConfiguration?: unknown;
  readonly tracingEnabled: boolean;
}

/** An identity policy attached to a role, and where it came from. */
export interface AttachedPolicyModel {
  readonly name: string;
  readonly document: PolicyDocument;
  /** `inline` (the role's `Policies`) or the logical id of the `AWS::IAM::Policy`/`ManagedPolicy`. */
  readonly source: string;
}

export interface RoleModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  readonly path: string;
  readonly assumeRolePolicy?: PolicyDocument;
  /** ARNs of managed policies not defined in the app (AWS-managed, like AWSLambdaBasicExecutionRole). */
  readonly managedPolicyArns: readonly string[];
  /** Every policy document the app attaches: inline, `AWS::IAM::Policy`, app-defined managed policies. */
  readonly policies: readonly AttachedPolicyModel[];
  readonly permissionsBoundary?: string;
}

export interface LogGroupModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  readonly retentionInDays?: number;
}

export interface TopicSubscriptionModel {
  readonly protocol: string;
  readonly endpoint: string;
  /** The `AWS::SNS::Subscription` logical id, absent for inline `Subscription` entries. */
  readonly logicalId?: string;
}

export interface TopicModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
  readonly kmsMasterKeyId?: string;
  readonly subscriptions: readonly TopicSubscriptionModel[];
}

export interface AlarmModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  readonly metricName?: string;
  readonly namespace?: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic?: string;
  readonly extendedStatistic?: string;
  readonly periodSeconds?: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly threshold?: number;
  readonly comparisonOperator: string;
  readonly treatMissingData?: string;
  /** Metric math (`Metrics`), resolved, when the alarm uses it instead of a single metric. */
  readonly metrics?: unknown;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
}

export interface StackModel {
  readonly stackName: string;
  /** The artifact id in manifest.json (usually the stack name; differs inside stages). */
  readonly artifactId: string;
  readonly templateFile?: string;
  /** Output values by output name, resolved. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Exported values by export name (what `Fn::ImportValue` of another stack reads). */
  readonly exports: Readonly<Record<string, unknown>>;
  /** Stacks this one depends on (manifest dependencies), in the model's stack order. */
  readonly dependencies: readonly string[];
}

/**
 * `AWS::Scheduler::Schedule`: the template's properties, resolved, which are the shapes of the
 * Scheduler API's CreateSchedule (`Target`, `FlexibleTimeWindow`, `StartDate` as ISO text).
 */
export interface ScheduleModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  /** @default 'default' */
  readonly groupName: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** `AWS::Scheduler::ScheduleGroup`. */
export interface ScheduleGroupModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
}

/**
 * `AWS::Pipes::Pipe`: the template's properties, resolved (`Source`, `SourceParameters`,
 * `Enrichment`, `EnrichmentParameters`, `Target`, `TargetParameters`, `RoleArn`, `DesiredState`).
 */
export interface PipeModel extends ResourceOrigin {
  readonly name: string;
  readonly arn: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A resource type the local cloud does not run; listed once per type. */
export interface UnsupportedResourceType {
  readonly type: string;
  /** `StackName/LogicalId` of every resource of the type. */
  readonly resources: readonly string[];
}

/** Something the reader could not do fully; never fatal. */
export interface AssemblyWarning {
  readonly code: 'unresolved-reference' | 'missing-asset' | 'unsupported-property' | 'invalid-property';
  readonly message: string;
  readonly stackName?: string;
  readonly logicalId?: string;
}

export interface AppModel {
  /** Absolute path of the cloud assembly directory (cdk.out), when read from disk. */
  readonly assemblyDirectory?: string;
  readonly accountId: string;
  readonly region: string;
  /** The endpoint queue URLs point at (`http://127.0.0.1:4566`). */
  readonly endpointUrl: string;
  /** In dependency order: a stack comes after the stacks it imports from. */
  readonly stacks: readonly StackModel[];
  readonly buses: readonly EventBusModel[];
  readonly rules: readonly RuleModel[];
  readonly archives: readonly ArchiveModel[];
  readonly queues: readonly QueueModel[];
  readonly queuePolicies: readonly QueuePolicyModel[];
  readonly functions: readonly FunctionModel[];
  readonly eventSourceMappings: readonly EventSourceMappingModel[];
  readonly lambdaPermissions: readonly LambdaPermissionModel[];
  readonly tables: readonly TableModel[];
  readonly stateMachines: readonly StateMachineModel[];
  readonly roles: readonly RoleModel[];
  readonly logGroups: readonly LogGroupModel[];
  readonly topics: readonly TopicModel[];
  readonly alarms: readonly AlarmModel[];
  readonly schedules: readonly ScheduleModel[];
  readonly scheduleGroups: readonly ScheduleGroupModel[];
  readonly pipes: readonly PipeModel[];
  readonly unsupportedResourceTypes: readonly UnsupportedResourceType[];
  readonly warnings: readonly AssemblyWarning[];
}
