import { localArnResolver, requiredPermissions } from '../../../lib/local/iam';

const resolve = localArnResolver('eu-west-1');
const ARN = 'arn:aws:dynamodb:eu-west-1:000000000000:table';

describe('requiredPermissions', () => {
  it('needs sqs:SendMessage on the queue ARN of the queue URL, for single and batch sends', () => {
    const url = 'http://127.0.0.1:4566/000000000000/shop-choreography-payments-dlq';
    const expected = [
      {
        action: 'sqs:SendMessage',
        resource: 'arn:aws:sqs:eu-west-1:000000000000:shop-choreography-payments-dlq',
        context: {},
      },
    ];

    expect(requiredPermissions('AmazonSQS.SendMessage', { QueueUrl: url, MessageBody: 'x' }, resolve)).toEqual(
      expected,
    );
    expect(requiredPermissions('AmazonSQS.SendMessageBatch', { QueueUrl: url, Entries: [] }, resolve)).toEqual(
      expected,
    );
  });

  it('needs the single actions for batch deletes and visibility changes', () => {
    const body = { QueueUrl: 'http://127.0.0.1:4566/000000000000/orders' };

    expect(requiredPermissions('AmazonSQS.DeleteMessageBatch', body, resolve)?.[0]?.action).toBe('sqs:DeleteMessage');
    expect(requiredPermissions('AmazonSQS.ChangeMessageVisibilityBatch', body, resolve)?.[0]?.action).toBe(
      'sqs:ChangeMessageVisibility',
    );
  });

  it("needs events:PutEvents per entry, on the entry's bus, with its source and detail type", () => {
    const body = {
      Entries: [
        { Source: 'shop.orders', DetailType: 'OrderConfirmed', EventBusName: 'shop-choreography' },
        {
          Source: 'shop.storefront',
          DetailType: 'OrderPlaced',
          EventBusName: 'arn:aws:events:eu-west-1:000000000000:event-bus/shop-orchestration',
        },
        { Source: 'shop.orders', DetailType: 'OrderCancelled' },
      ],
    };

    expect(requiredPermissions('AWSEvents.PutEvents', body, resolve)).toEqual([
      {
        action: 'events:PutEvents',
        resource: 'arn:aws:events:eu-west-1:000000000000:event-bus/shop-choreography',
        context: { 'events:source': 'shop.orders', 'events:detail-type': 'OrderConfirmed' },
        entryIndex: 0,
      },
      {
        action: 'events:PutEvents',
        resource: 'arn:aws:events:eu-west-1:000000000000:event-bus/shop-orchestration',
        context: { 'events:source': 'shop.storefront', 'events:detail-type': 'OrderPlaced' },
        entryIndex: 1,
      },
      {
        action: 'events:PutEvents',
        resource: 'arn:aws:events:eu-west-1:000000000000:event-bus/default',
        context: { 'events:source': 'shop.orders', 'events:detail-type': 'OrderCancelled' },
        entryIndex: 2,
      },
    ]);
  });

  it('needs dynamodb:<operation> on the table, and on the index for index queries', () => {
    expect(requiredPermissions('DynamoDB_20120810.PutItem', { TableName: 'orders', Item: {} }, resolve)).toEqual([
      { action: 'dynamodb:PutItem', resource: `${ARN}/orders`, context: {} },
    ]);
    expect(
      requiredPermissions('DynamoDB_20120810.Query', { TableName: 'orders', IndexName: 'byStatus' }, resolve),
    ).toEqual([{ action: 'dynamodb:Query', resource: `${ARN}/orders/index/byStatus`, context: {} }]);
  });

  it("needs the action of each item of a transaction, on that item's table", () => {
    const body = {
      TransactItems: [
        { Put: { TableName: 'payments', Item: {} } },
        { Update: { TableName: 'payments', Key: {} } },
        { ConditionCheck: { TableName: 'orders', Key: {} } },
        { Delete: { TableName: 'orders', Key: {} } },
      ],
    };

    expect(
      requiredPermissions('DynamoDB_20120810.TransactWriteItems', body, resolve)?.map(
        (p) => `${p.action} ${p.resource}`,
      ),
    ).toEqual([
      `dynamodb:PutItem ${ARN}/payments`,
      `dynamodb:UpdateItem ${ARN}/payments`,
      `dynamodb:ConditionCheckItem ${ARN}/orders`,
      `dynamodb:DeleteItem ${ARN}/orders`,
    ]);
    expect(
      requiredPermissions(
        'DynamoDB_20120810.TransactGetItems',
        { TransactItems: [{ Get: { TableName: 'orders' } }] },
        resolve,
      )?.[0]?.action,
    ).toBe('dynamodb:GetItem');
  });

  it('needs the batch action on every table of a batch', () => {
    const body = { RequestItems: { orders: [], payments: [] } };

    expect(requiredPermissions('DynamoDB_20120810.BatchWriteItem', body, resolve)?.map((p) => p.resource)).toEqual([
      `${ARN}/orders`,
      `${ARN}/payments`,
    ]);
  });

  it('needs states:StartExecution on the state machine', () => {
    const stateMachineArn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:shop-orchestration-saga';

    expect(requiredPermissions('AWSStepFunctions.StartExecution', { stateMachineArn, input: '{}' }, resolve)).toEqual([
      { action: 'states:StartExecution', resource: stateMachineArn, context: {} },
    ]);
  });

  // API reference, TestState revealSecrets: "you must make sure that the IAM user that calls the
  // TestState API has permission for the states:RevealSecrets action".
  it('needs states:RevealSecrets besides states:TestState only when TestState reveals secrets', () => {
    expect(
      requiredPermissions('AWSStepFunctions.TestState', { definition: '{}' }, resolve)?.map((p) => p.action),
    ).toEqual(['states:TestState']);
    expect(
      requiredPermissions('AWSStepFunctions.TestState', { definition: '{}', revealSecrets: true }, resolve)?.map(
        (p) => p.action,
      ),
    ).toEqual(['states:TestState', 'states:RevealSecrets']);
  });

  it("needs a rule's ARN on its bus for rule operations", () => {
    expect(
      requiredPermissions(
        'AWSEvents.PutTargets',
        { Rule: 'audit', EventBusName: 'shop-choreography', Targets: [] },
        resolve,
      )?.[0]?.resource,
    ).toBe('arn:aws:events:eu-west-1:000000000000:rule/shop-choreography/audit');
  });

  it('answers no checks when the body lacks the resource, and undefined for unknown operations', () => {
    expect(requiredPermissions('AmazonSQS.SendMessage', {}, resolve)).toEqual([]);
    expect(requiredPermissions('AmazonSQS.FlyToTheMoon', {}, resolve)).toBeUndefined();
    expect(requiredPermissions('Unknown_2020.GetThing', {}, resolve)).toBeUndefined();
    expect(requiredPermissions('toString.call', {}, resolve)).toBeUndefined();
    expect(requiredPermissions('AmazonSQS.constructor', {}, resolve)).toBeUndefined();
  });
});
