import type { PolicyDocument } from '../../../lib/local/assembly/app-model';
import { evaluateAccess } from '../../../lib/local/iam';
import guardrails from '../../fixtures/iam/guardrail-policies.json';
import notificationsPolicy from '../../fixtures/iam/notifications-role-policy.json';
import paymentsPolicy from '../../fixtures/iam/payments-role-policy.json';

const payments = [paymentsPolicy as PolicyDocument];
const BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/shop-choreography';
const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-choreography-payments';

/** Whether the payments role may put events with `source` on `bus`. */
function paymentsPutEventsUnder(source: string, bus = BUS) {
  return evaluateAccess(payments, { action: 'events:PutEvents', resource: bus, context: { 'events:source': source } });
}

describe('evaluateAccess', () => {
  it("allows PutEvents under the service's own source and names the statement that allowed it", () => {
    const result = paymentsPutEventsUnder('shop.payments');

    expect(result.decision).toBe('allow');
    expect(result.matchedStatement?.Sid).toBe('PutEventsUnderOwnSourceOnly');
    expect(result.policyIndex).toBe(0);
  });

  it("denies PutEvents under another service's source, saying the condition failed", () => {
    const result = paymentsPutEventsUnder('shop.orders');

    expect(result.decision).toBe('implicit-deny');
    expect(result.matchedStatement).toBeUndefined();
    expect(result.reason).toContain("statement 'PutEventsUnderOwnSourceOnly'");
    expect(result.reason).toContain("'shop.orders' does not match 'shop.payments'");
  });

  it('denies PutEvents without a source in the context', () => {
    const result = evaluateAccess(payments, { action: 'events:PutEvents', resource: BUS });

    expect(result.decision).toBe('implicit-deny');
    expect(result.reason).toContain('the key is absent');
  });

  it('denies PutEvents on another bus even under the own source', () => {
    const result = paymentsPutEventsUnder('shop.payments', 'arn:aws:events:us-east-1:000000000000:event-bus/default');

    expect(result.decision).toBe('implicit-deny');
  });

  it('denies a function without the PutEvents grant, naming the missing action', () => {
    const result = evaluateAccess([notificationsPolicy as PolicyDocument], {
      action: 'events:PutEvents',
      resource: BUS,
      context: { 'events:source': 'shop.notifications' },
    });

    expect(result).toEqual({ decision: 'implicit-deny', reason: 'no statement allows events:PutEvents' });
  });

  it('matches actions case-insensitively in service prefix and name', () => {
    const result = evaluateAccess(payments, { action: 'DynamoDB:putitem', resource: TABLE });

    expect(result.decision).toBe('allow');
  });

  it('confines a grant to its own table and queue', () => {
    const otherTable = evaluateAccess(payments, {
      action: 'dynamodb:PutItem',
      resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-choreography-orders',
    });
    const otherDlq = evaluateAccess(payments, {
      action: 'sqs:SendMessage',
      resource: 'arn:aws:sqs:us-east-1:000000000000:shop-choreography-orders-dlq',
    });
    const ownDlq = evaluateAccess(payments, {
      action: 'sqs:SendMessage',
      resource: 'arn:aws:sqs:us-east-1:000000000000:shop-choreography-payments-dlq',
    });

    expect([otherTable.decision, otherDlq.decision, ownDlq.decision]).toEqual([
      'implicit-deny',
      'implicit-deny',
      'allow',
    ]);
  });

  it("does not let a table grant reach the table's indexes", () => {
    const result = evaluateAccess(payments, { action: 'dynamodb:Query', resource: `${TABLE}/index/byCustomer` });

    expect(result.decision).toBe('implicit-deny');
    expect(result.reason).toContain(`Resource does not include '${TABLE}/index/byCustomer'`);
  });

  it('expands action wildcards * and ?', () => {
    const policy: PolicyDocument = {
      Statement: [{ Effect: 'Allow', Action: ['sqs:Send*', 'dynamodb:?etItem'], Resource: '*' }],
    };

    const decisions = [
      'sqs:SendMessage',
      'sqs:SendMessageBatch',
      'dynamodb:GetItem',
      'dynamodb:SetItem',
      'dynamodb:GetItems',
      'sqs:ReceiveMessage',
    ].map((action) => evaluateAccess([policy], { action, resource: 'arn:aws:sqs:us-east-1:000000000000:q' }).decision);

    expect(decisions).toEqual(['allow', 'allow', 'allow', 'allow', 'implicit-deny', 'implicit-deny']);
  });

  it('matches resource wildcards within their ARN part, and across parts when they end one', () => {
    const policy = (resource: string): PolicyDocument[] => [
      { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: resource }] },
    ];
    const queue = 'arn:aws:sqs:us-east-1:000000000000:shop-choreography-payments-dlq';
    const allowed = (resource: string) =>
      evaluateAccess(policy(resource), { action: 'sqs:SendMessage', resource: queue }).decision === 'allow';

    expect(allowed('arn:aws:sqs:*:000000000000:shop-*-dlq')).toBe(true);
    expect(allowed('arn:aws:sqs:us-east-?:000000000000:*')).toBe(true);
    expect(allowed('arn:aws:*')).toBe(true);
    expect(allowed('arn:aws:s?s:us-east-1:000000000000:*')).toBe(true);
    expect(allowed('arn:aws:sqs:us-*1:000000000000:*')).toBe(true);
    expect(allowed('arn:aws:sqs:us-east-1:000000000000:shop-*-target-dlq')).toBe(false);
    expect(allowed('arn:aws:sqs:us-west-2:000000000000:*')).toBe(false);
    expect(allowed('ARN:AWS:SQS:us-east-1:000000000000:*')).toBe(false);
  });

  it('lets an explicit deny win over any allow, and reports it', () => {
    const policies = [guardrails.broadAllow as PolicyDocument, guardrails.denyOutsideRegion as PolicyDocument];

    const deleteTable = evaluateAccess(policies, { action: 'dynamodb:DeleteTable', resource: TABLE });
    const putItem = evaluateAccess(policies, { action: 'dynamodb:PutItem', resource: TABLE });

    expect(deleteTable.decision).toBe('explicit-deny');
    expect(deleteTable.matchedStatement?.Sid).toBe('DenyTableDeletion');
    expect(deleteTable.policyIndex).toBe(1);
    expect(putItem.decision).toBe('allow');
    expect(putItem.matchedStatement?.Sid).toBe('EverythingInTheAccount');
  });

  it('applies NotAction to every action it does not list', () => {
    const policies = [guardrails.broadAllow as PolicyDocument, guardrails.denyOutsideRegion as PolicyDocument];
    const stateMachine = 'arn:aws:states:us-east-1:000000000000:stateMachine:saga';

    const startExecution = evaluateAccess(policies, { action: 'states:StartExecution', resource: stateMachine });
    const putTrace = evaluateAccess(policies, {
      action: 'xray:PutTraceSegments',
      resource: 'arn:aws:xray:us-east-1:000000000000:trace',
    });

    expect(startExecution.decision).toBe('explicit-deny');
    expect(startExecution.matchedStatement?.Sid).toBe('DenyEverythingButTheSagaServices');
    expect(putTrace.decision).toBe('allow');
  });

  it('applies NotResource to every resource it does not list', () => {
    const policy: PolicyDocument = {
      Statement: [
        { Effect: 'Allow', Action: 'sqs:SendMessage', NotResource: 'arn:aws:sqs:us-east-1:000000000000:*-dlq' },
      ],
    };

    const queue = evaluateAccess([policy], {
      action: 'sqs:SendMessage',
      resource: 'arn:aws:sqs:us-east-1:000000000000:orders',
    });
    const dlq = evaluateAccess([policy], {
      action: 'sqs:SendMessage',
      resource: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq',
    });

    expect([queue.decision, dlq.decision]).toEqual(['allow', 'implicit-deny']);
  });

  it('never lets an unresolved value widen a grant', () => {
    const unresolvedResource: PolicyDocument = {
      Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '<unresolved:Fn::GetAtt Queue.Arn>' }],
    };
    const unresolvedNotResource: PolicyDocument = {
      Statement: [{ Effect: 'Allow', Action: 'sqs:*', NotResource: ['<unresolved:Ref Dlq>'] }],
    };
    const objectResource = {
      Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: { Ref: 'Queue' } }],
    } as unknown as PolicyDocument;
    const policyVariable: PolicyDocument = {
      Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: 'arn:aws:sqs:us-east-1:000000000000:${aws:username}' }],
    };
    const request = { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:000000000000:orders' };

    const decisions = [unresolvedResource, unresolvedNotResource, objectResource, policyVariable].map(
      (policy) => evaluateAccess([policy], request).decision,
    );

    expect(decisions).toEqual(['implicit-deny', 'implicit-deny', 'implicit-deny', 'implicit-deny']);
  });

  it('still matches the resolved resources of a list that also holds an unresolved one', () => {
    const result = evaluateAccess(payments, { action: 'dynamodb:GetItem', resource: TABLE });

    expect(result.decision).toBe('allow');
  });

  it('ignores a statement with neither Action nor NotAction', () => {
    const policy = { Statement: [{ Effect: 'Allow', Resource: '*' }] } as PolicyDocument;

    expect(evaluateAccess([policy], { action: 'sqs:SendMessage', resource: '*' }).decision).toBe('implicit-deny');
  });

  it('denies everything when there are no policies', () => {
    expect(evaluateAccess([], { action: 'sqs:SendMessage', resource: '*' })).toEqual({
      decision: 'implicit-deny',
      reason: 'no statement allows sqs:SendMessage',
    });
  });
});
