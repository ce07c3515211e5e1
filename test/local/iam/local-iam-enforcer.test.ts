import type { AppModel, PolicyDocument } from '../../../lib/local/assembly/app-model';
import { accessKeyIdForFunction, CLIENT_PRINCIPAL, type CallerIdentity } from '../../../lib/local/endpoint';
import { AccessDeniedError, LocalIamEnforcer, localArnResolver, requiredPermissions } from '../../../lib/local/iam';
import appModel from '../../fixtures/iam/app-model-iam.json';
import notificationsPolicy from '../../fixtures/iam/notifications-role-policy.json';
import paymentsPolicy from '../../fixtures/iam/payments-role-policy.json';

const DOCUMENTS: Readonly<Record<string, PolicyDocument>> = {
  'payments-role-policy.json': paymentsPolicy as PolicyDocument,
  'notifications-role-policy.json': notificationsPolicy as PolicyDocument,
};

/** The fixture's roles with each policy document file name replaced by the document. */
function model(): Pick<AppModel, 'accountId' | 'functions' | 'roles'> {
  const roles = appModel.roles.map((role) => ({
    ...role,
    policies: role.policies.map((policy) => ({ ...policy, document: DOCUMENTS[policy.document] })),
  }));
  return { ...appModel, roles } as unknown as Pick<AppModel, 'accountId' | 'functions' | 'roles'>;
}

const fn = (name: string): CallerIdentity => ({ accessKeyId: accessKeyIdForFunction(name), principal: name });
const BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/shop-choreography';
const PAYMENTS_ROLE = 'Choreography-Payments-ServiceRole3C697B45-AbCdEf123456';

describe('LocalIamEnforcer', () => {
  it('allows a function what its role grants', () => {
    const iam = new LocalIamEnforcer(model());

    expect(() =>
      iam.check(fn('shop-choreography-payments'), 'events:PutEvents', BUS, { 'events:source': 'shop.payments' }),
    ).not.toThrow();
  });

  it("denies a function without the PutEvents grant with AWS's message naming the missing permission", () => {
    const iam = new LocalIamEnforcer(model());

    let error: unknown;
    try {
      iam.check(fn('shop-choreography-notifications'), 'events:PutEvents', BUS, {
        'events:source': 'shop.notifications',
      });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as AccessDeniedError).message).toBe(
      'User: arn:aws:sts::000000000000:assumed-role/Choreography-Notifications-ServiceRole3C697B45-ZyXw98765432/shop-choreography-notifications ' +
        `is not authorized to perform: events:PutEvents on resource: ${BUS} because no identity-based policy allows the events:PutEvents action`,
    );
    expect((error as AccessDeniedError).retryable).toBe(false);
    expect((error as AccessDeniedError).denial).toBe('implicit-deny');
  });

  it("writes the denial as each service's AccessDenied error on the wire", () => {
    const iam = new LocalIamEnforcer(model());
    const denied = (action: string, resource: string): AccessDeniedError => {
      try {
        iam.check(fn('shop-choreography-notifications'), action, resource);
      } catch (error) {
        return error as AccessDeniedError;
      }
      throw new Error(`expected ${action} to be denied`);
    };

    const sqs = denied('sqs:SendMessage', 'arn:aws:sqs:us-east-1:000000000000:shop-choreography-orders').toResponse();
    const events = denied('events:PutEvents', BUS).toResponse();
    const dynamodb = denied(
      'dynamodb:DeleteItem',
      'arn:aws:dynamodb:us-east-1:000000000000:table/shop-choreography-orders',
    ).toResponse();

    expect(sqs.statusCode).toBe(403);
    expect(sqs.headers?.['x-amzn-query-error']).toBe('AccessDenied;Sender');
    expect(JSON.parse(events.body).__type).toBe('AccessDeniedException');
    expect(JSON.parse(dynamodb.body).__type).toBe('com.amazonaws.dynamodb.v20120810#AccessDeniedException');
  });

  it("denies publishing under another service's source, so a compromised service cannot forge facts", () => {
    const iam = new LocalIamEnforcer(model());

    const decision = iam.evaluate(fn('shop-choreography-payments'), 'events:PutEvents', BUS, {
      'events:source': 'shop.inventory',
    });

    expect(decision.decision).toBe('implicit-deny');
    expect(decision.principalArn).toBe(
      `arn:aws:sts::000000000000:assumed-role/${PAYMENTS_ROLE}/shop-choreography-payments`,
    );
    expect(decision.reason).toContain("'shop.inventory' does not match 'shop.payments'");
  });

  it('says "explicit deny" when a Deny statement refused the call', () => {
    const withDeny = model();
    const roles = withDeny.roles.map((role) =>
      role.name === PAYMENTS_ROLE
        ? {
            ...role,
            policies: [
              ...role.policies,
              {
                name: 'deny',
                source: 'inline',
                document: { Statement: [{ Effect: 'Deny' as const, Action: 'dynamodb:Scan', Resource: '*' }] },
              },
            ],
          }
        : role,
    );
    const iam = new LocalIamEnforcer({ ...withDeny, roles });

    expect(() =>
      iam.check(
        fn('shop-choreography-payments'),
        'dynamodb:Scan',
        'arn:aws:dynamodb:us-east-1:000000000000:table/shop-choreography-payments',
      ),
    ).toThrow(
      /is not authorized to perform: dynamodb:Scan on resource: .* with an explicit deny in an identity-based policy$/,
    );
  });

  it('allows callers that are not functions, who stand for the administrator', () => {
    const iam = new LocalIamEnforcer(model());

    const decision = iam.evaluate(
      { accessKeyId: 'choreo-cli', principal: CLIENT_PRINCIPAL },
      'dynamodb:DeleteTable',
      '*',
    );

    expect(decision.decision).toBe('allow');
  });

  it('denies functions it does not know, and functions whose role is not in the app', () => {
    const iam = new LocalIamEnforcer(model());

    expect(iam.evaluate(fn('ghost'), 'sqs:SendMessage', '*').reason).toBe(
      "no function named 'ghost' in the app, so no identity policy applies",
    );
    expect(() => iam.check(fn('orphan-function'), 'sqs:SendMessage', '*')).toThrow(
      'User: arn:aws:sts::000000000000:assumed-role/ImportedRole/orphan-function is not authorized',
    );
  });

  it('checks every entry of a PutEvents call under its own source', () => {
    const iam = new LocalIamEnforcer(model());
    const body = {
      Entries: [
        { Source: 'shop.payments', DetailType: 'PaymentCompleted', Detail: '{}', EventBusName: 'shop-choreography' },
        { Source: 'shop.orders', DetailType: 'OrderConfirmed', Detail: '{}', EventBusName: 'shop-choreography' },
      ],
    };

    const outcomes = (requiredPermissions('AWSEvents.PutEvents', body, localArnResolver('us-east-1')) ?? []).map(
      (permission) => {
        try {
          iam.checkPermission(fn('shop-choreography-payments'), permission);
          return `${permission.entryIndex}:allowed`;
        } catch {
          return `${permission.entryIndex}:denied`;
        }
      },
    );

    expect(outcomes).toEqual(['0:allowed', '1:denied']);
  });

  it('answers a question asked again as the first time, and never mixes up questions that differ only in their context', () => {
    const iam = new LocalIamEnforcer(model());
    const payments = fn('shop-choreography-payments');
    const ask = (source: string, detailType?: string) =>
      iam.evaluate(payments, 'events:PutEvents', BUS, {
        'events:source': source,
        ...(detailType ? { 'events:detail-type': detailType } : {}),
      }).decision;

    // Act: the same questions in turn, remembered decisions and fresh ones interleaved
    const answers = [
      ask('shop.payments'),
      ask('shop.inventory'),
      ask('shop.payments'),
      ask('shop.inventory'),
      ask('shop.payments', 'PaymentCompleted'),
      ask('shop.inventory', 'PaymentCompleted'),
    ];
    const reordered = iam.evaluate(payments, 'events:PutEvents', BUS, {
      'events:detail-type': 'PaymentCompleted',
      'events:source': 'shop.inventory',
    });

    // Assess
    expect(answers).toEqual(['allow', 'implicit-deny', 'allow', 'implicit-deny', 'allow', 'implicit-deny']);
    expect(reordered.decision).toBe('implicit-deny');
    expect(
      iam.evaluate(fn('shop-choreography-notifications'), 'events:PutEvents', BUS, {
        'events:source': 'shop.payments',
      }).decision,
    ).toBe('implicit-deny');
  });
});
