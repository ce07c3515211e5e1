import type { RequestContext } from './condition-operators';
import type { ArnResolver, ResourceReference } from './resource-references';

/** One IAM check a call needs: the action, the resource ARN, and the request's condition keys. */
export interface RequiredPermission {
  /** `sqs:SendMessage`, `events:PutEvents`, `dynamodb:PutItem`. */
  readonly action: string;
  /** The resource ARN, or `*` for actions IAM authorizes without a resource type. */
  readonly resource: string;
  readonly context: RequestContext;
  /**
   * For `PutEvents`: the index of the entry this check is for. AWS authorizes each entry under
   * its own `events:source`, so a caller may fail only that entry.
   */
  readonly entryIndex?: number;
}

type Body = Readonly<Record<string, unknown>>;
type OperationPermissions = (body: Body, resolve: ArnResolver) => RequiredPermission[];

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const record = (value: unknown): Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : {};
const list = (value: unknown): Body[] => (Array.isArray(value) ? value.map(record) : []);
const one = (action: string, resource: string, context: RequestContext = {}): RequiredPermission[] => [
  { action, resource, context },
];

/**
 * An operation on the one resource `member` names: the action on that resource's ARN, and no
 * check when the member is absent (the service itself answers that).
 */
const onMember =
  (action: string, member: string, reference: (name: string) => ResourceReference): OperationPermissions =>
  (body, resolve) => {
    const name = str(body[member]);
    return name ? one(action, resolve(reference(name))) : [];
  };

/** An SQS operation on the queue named by `QueueUrl`; batch operations need the single action. */
const onQueue = (action: string, member = 'QueueUrl'): OperationPermissions =>
  onMember(action, member, (queue) => ({ kind: 'queue', queue }));

/**
 * SendTask* on the state machine whose task waits on `taskToken` (what `grantTaskResponse`
 * grants); a token nobody waits on needs no check: the service answers it (TaskDoesNotExist, ...).
 */
const onTaskToken =
  (action: string): OperationPermissions =>
  (body, resolve) => {
    const token = str(body.taskToken);
    const stateMachine = token === undefined ? '' : resolve({ kind: 'task-token', token });
    return stateMachine === '' ? [] : one(action, stateMachine);
  };

const anyResource =
  (action: string): OperationPermissions =>
  () =>
    one(action, '*');

/** `AmazonSQS.<operation>`: the queue's ARN, from its URL. */
const SQS: Readonly<Record<string, OperationPermissions>> = {
  SendMessage: onQueue('sqs:SendMessage'),
  SendMessageBatch: onQueue('sqs:SendMessage'),
  ReceiveMessage: onQueue('sqs:ReceiveMessage'),
  DeleteMessage: onQueue('sqs:DeleteMessage'),
  DeleteMessageBatch: onQueue('sqs:DeleteMessage'),
  ChangeMessageVisibility: onQueue('sqs:ChangeMessageVisibility'),
  ChangeMessageVisibilityBatch: onQueue('sqs:ChangeMessageVisibility'),
  GetQueueAttributes: onQueue('sqs:GetQueueAttributes'),
  SetQueueAttributes: onQueue('sqs:SetQueueAttributes'),
  GetQueueUrl: onQueue('sqs:GetQueueUrl', 'QueueName'),
  CreateQueue: onQueue('sqs:CreateQueue', 'QueueName'),
  DeleteQueue: onQueue('sqs:DeleteQueue'),
  PurgeQueue: onQueue('sqs:PurgeQueue'),
  ListDeadLetterSourceQueues: onQueue('sqs:ListDeadLetterSourceQueues'),
  ListQueueTags: onQueue('sqs:ListQueueTags'),
  TagQueue: onQueue('sqs:TagQueue'),
  UntagQueue: onQueue('sqs:UntagQueue'),
  AddPermission: onQueue('sqs:AddPermission'),
  RemovePermission: onQueue('sqs:RemovePermission'),
  ListQueues: anyResource('sqs:ListQueues'),
  // A redrive also needs receive/delete on the DLQ and send on the destination; AWS checks
  // those as the task runs. Locally only the start is checked.
  StartMessageMoveTask: onQueue('sqs:StartMessageMoveTask', 'SourceArn'),
  ListMessageMoveTasks: onQueue('sqs:ListMessageMoveTasks', 'SourceArn'),
  // The task handle is opaque; without the source queue only a `*` grant can allow it.
  CancelMessageMoveTask: anyResource('sqs:CancelMessageMoveTask'),
};

const onBus =
  (action: string, member: string): OperationPermissions =>
  (body, resolve) =>
    one(action, resolve({ kind: 'event-bus', bus: str(body[member]) ?? 'default' }));

const onRule =
  (action: string): OperationPermissions =>
  (body, resolve) => {
    const rule = str(body.Name) ?? str(body.Rule);
    return rule ? one(action, resolve({ kind: 'rule', rule, bus: str(body.EventBusName) ?? 'default' })) : [];
  };

const onArchive = (action: string): OperationPermissions =>
  onMember(action, 'ArchiveName', (archive) => ({ kind: 'archive', archive }));

const onReplay = (action: string): OperationPermissions =>
  onMember(action, 'ReplayName', (replay) => ({ kind: 'replay', replay }));

/** `AWSEvents.<operation>`. */
const EVENTS: Readonly<Record<string, OperationPermissions>> = {
  // Each entry is authorized on its own bus under its own source and detail type.
  PutEvents: (body, resolve) =>
    list(body.Entries).map((entry, entryIndex) => {
      const context: Record<string, string> = {};
      const source = str(entry.Source);
      const detailType = str(entry.DetailType);
      if (source !== undefined) context['events:source'] = source;
      if (detailType !== undefined) context['events:detail-type'] = detailType;
      return {
        action: 'events:PutEvents',
        resource: resolve({ kind: 'event-bus', bus: str(entry.EventBusName) ?? 'default' }),
        context,
        entryIndex,
      };
    }),
  PutRule: onRule('events:PutRule'),
  DeleteRule: onRule('events:DeleteRule'),
  DescribeRule: onRule('events:DescribeRule'),
  EnableRule: onRule('events:EnableRule'),
  DisableRule: onRule('events:DisableRule'),
  PutTargets: onRule('events:PutTargets'),
  RemoveTargets: onRule('events:RemoveTargets'),
  ListTargetsByRule: onRule('events:ListTargetsByRule'),
  CreateEventBus: onBus('events:CreateEventBus', 'Name'),
  DeleteEventBus: onBus('events:DeleteEventBus', 'Name'),
  DescribeEventBus: onBus('events:DescribeEventBus', 'Name'),
  ListRules: onBus('events:ListRules', 'EventBusName'),
  CreateArchive: onArchive('events:CreateArchive'),
  DeleteArchive: onArchive('events:DeleteArchive'),
  DescribeArchive: onArchive('events:DescribeArchive'),
  UpdateArchive: onArchive('events:UpdateArchive'),
  StartReplay: onReplay('events:StartReplay'),
  DescribeReplay: onReplay('events:DescribeReplay'),
  CancelReplay: onReplay('events:CancelReplay'),
  ListEventBuses: anyResource('events:ListEventBuses'),
  ListArchives: anyResource('events:ListArchives'),
  ListReplays: anyResource('events:ListReplays'),
  ListRuleNamesByTarget: anyResource('events:ListRuleNamesByTarget'),
  TestEventPattern: anyResource('events:TestEventPattern'),
};

/** A DynamoDB operation on `TableName`; with an `IndexName`, on the index's ARN. */
const onTable =
  (action: string): OperationPermissions =>
  (body, resolve) => {
    const table = str(body.TableName);
    if (!table) return [];
    const index = str(body.IndexName);
    const tableArn = resolve({ kind: 'table', table });
    return one(action, index ? `${tableArn}/index/${index}` : tableArn);
  };

/** One permission per table of a batch's `RequestItems`. */
const perBatchTable =
  (action: string): OperationPermissions =>
  (body, resolve) =>
    Object.keys(record(body.RequestItems)).map((table) => ({
      action,
      resource: resolve({ kind: 'table', table }),
      context: {},
    }));

/** TransactWriteItems/TransactGetItems are authorized as the action of each item. */
const TRANSACT_ITEM_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

const perTransactItem: OperationPermissions = (body, resolve) =>
  list(body.TransactItems).flatMap((item) =>
    Object.entries(item).flatMap(([kind, operation]) => {
      const action = TRANSACT_ITEM_ACTIONS[kind];
      const table = str(record(operation).TableName);
      return action && table ? [{ action, resource: resolve({ kind: 'table', table }), context: {} }] : [];
    }),
  );

/** `DynamoDB_20120810.<operation>`. */
const DYNAMODB: Readonly<Record<string, OperationPermissions>> = {
  ...Object.fromEntries(
    [
      'GetItem',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
      'Query',
      'Scan',
      'DescribeTable',
      'CreateTable',
      'DeleteTable',
      'UpdateTable',
      'DescribeTimeToLive',
      'UpdateTimeToLive',
    ].map((operation) => [operation, onTable(`dynamodb:${operation}`)]),
  ),
  BatchGetItem: perBatchTable('dynamodb:BatchGetItem'),
  BatchWriteItem: perBatchTable('dynamodb:BatchWriteItem'),
  TransactWriteItems: perTransactItem,
  TransactGetItems: perTransactItem,
  ListTables: anyResource('dynamodb:ListTables'),
  DescribeEndpoints: () => [],
};

const onStateMachine = (action: string, member = 'stateMachineArn'): OperationPermissions =>
  onMember(action, member, (stateMachine) => ({ kind: 'state-machine', stateMachine }));

const onExecution =
  (action: string): OperationPermissions =>
  (body) => {
    const execution = str(body.executionArn);
    return execution ? one(action, execution) : [];
  };

/** `AWSStepFunctions.<operation>`. */
const STATES: Readonly<Record<string, OperationPermissions>> = {
  StartExecution: onStateMachine('states:StartExecution'),
  StartSyncExecution: onStateMachine('states:StartSyncExecution'),
  DescribeStateMachine: onStateMachine('states:DescribeStateMachine'),
  UpdateStateMachine: onStateMachine('states:UpdateStateMachine'),
  DeleteStateMachine: onStateMachine('states:DeleteStateMachine'),
  ListExecutions: onStateMachine('states:ListExecutions'),
  CreateStateMachine: onStateMachine('states:CreateStateMachine', 'name'),
  DescribeExecution: onExecution('states:DescribeExecution'),
  StopExecution: onExecution('states:StopExecution'),
  GetExecutionHistory: onExecution('states:GetExecutionHistory'),
  DescribeStateMachineForExecution: onExecution('states:DescribeStateMachineForExecution'),
  ListStateMachines: anyResource('states:ListStateMachines'),
  PublishStateMachineVersion: onStateMachine('states:PublishStateMachineVersion'),
  ListStateMachineVersions: onStateMachine('states:ListStateMachineVersions'),
  DeleteStateMachineVersion: onStateMachine('states:DeleteStateMachineVersion', 'stateMachineVersionArn'),
  // The alias's ARN: its machine (the routed versions') and its name.
  CreateStateMachineAlias: (body) => {
    const version = str(record(list(body.routingConfiguration)[0]).stateMachineVersionArn);
    const name = str(body.name);
    return version && name
      ? one('states:CreateStateMachineAlias', `${version.slice(0, version.lastIndexOf(':'))}:${name}`)
      : [];
  },
  DescribeStateMachineAlias: onStateMachine('states:DescribeStateMachineAlias', 'stateMachineAliasArn'),
  UpdateStateMachineAlias: onStateMachine('states:UpdateStateMachineAlias', 'stateMachineAliasArn'),
  DeleteStateMachineAlias: onStateMachine('states:DeleteStateMachineAlias', 'stateMachineAliasArn'),
  ListStateMachineAliases: onStateMachine('states:ListStateMachineAliases'),
  TagResource: onStateMachine('states:TagResource', 'resourceArn'),
  UntagResource: onStateMachine('states:UntagResource', 'resourceArn'),
  ListTagsForResource: onStateMachine('states:ListTagsForResource', 'resourceArn'),
  ValidateStateMachineDefinition: anyResource('states:ValidateStateMachineDefinition'),
  // API reference, TestState revealSecrets: the caller needs states:RevealSecrets as well.
  TestState: (body) => [
    ...one('states:TestState', '*'),
    ...(body.revealSecrets === true ? one('states:RevealSecrets', '*') : []),
  ],
  SendTaskSuccess: onTaskToken('states:SendTaskSuccess'),
  SendTaskFailure: onTaskToken('states:SendTaskFailure'),
  SendTaskHeartbeat: onTaskToken('states:SendTaskHeartbeat'),
};

/** The operation tables by `X-Amz-Target` prefix. */
const SERVICES: Readonly<Record<string, Readonly<Record<string, OperationPermissions>>>> = {
  AmazonSQS: SQS,
  AWSEvents: EVENTS,
  DynamoDB_20120810: DYNAMODB,
  AWSStepFunctions: STATES,
};

/**
 * The IAM checks a JSON protocol call needs, from its `X-Amz-Target` and parsed body, as AWS
 * authorizes it: `AmazonSQS.SendMessage` → `sqs:SendMessage` on the queue ARN (batches need the
 * single action); `AWSEvents.PutEvents` → `events:PutEvents` on each entry's bus with
 * `events:source` and `events:detail-type` of that entry, one check per entry;
 * DynamoDB → `dynamodb:<Op>` on the table ARN (`/index/<name>` for index queries), per table for
 * batches and per item for transactions; `AWSStepFunctions.StartExecution` →
 * `states:StartExecution` on the state machine.
 *
 * Answers `undefined` for an operation it does not know (the caller decides whether to let it
 * through), and `[]` when the body lacks the member that names the resource (the service will
 * reject the call as invalid anyway).
 *
 * @example
 * requiredPermissions('AmazonSQS.SendMessage', { QueueUrl: url, MessageBody: 'x' }, localArnResolver('us-east-1'))
 * // [{ action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:000000000000:orders', context: {} }]
 */
export function requiredPermissions(
  target: string,
  parsedBody: unknown,
  resolveArn: ArnResolver,
): RequiredPermission[] | undefined {
  const dot = target.indexOf('.');
  const service = target.slice(0, dot);
  const operation = target.slice(dot + 1);
  // Own properties only: a target such as `toString.call` must not reach Object.prototype.
  const operations = dot > 0 && Object.hasOwn(SERVICES, service) ? SERVICES[service] : undefined;
  const permissions = operations && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
  return permissions?.(record(parsedBody), resolveArn);
}
