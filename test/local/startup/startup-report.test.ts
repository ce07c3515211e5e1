import { buildAppModel } from '../../../lib/local/assembly';
import {
  DeprecatedRuntimeError,
  integrationsNotRun,
  isCreationBlocked,
  refuseDeprecatedRuntimes,
  startupReport,
} from '../../../lib/local/startup';

const ENDPOINT = 'http://127.0.0.1:4566';

/** A foreign-style app: its own bus, rule → queue → function, a Python function, a state machine. */
const TEMPLATE = {
  Resources: {
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'billing-bus' } },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'invoices', VisibilityTimeout: 60 } },
    Rule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: 'invoice-created',
        EventBusName: { Ref: 'Bus' },
        EventPattern: { source: ['billing.invoices'], 'detail-type': ['InvoiceCreated'] },
        Targets: [{ Id: 'q', Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] } }],
      },
    },
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } },
    Handler: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'invoice-handler',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        MemorySize: 256,
        Timeout: 10,
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        Code: { ZipFile: 'exports.handler = async () => 1;' },
      },
    },
    Legacy: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'legacy-report',
        Runtime: 'python3.12',
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        Code: { ZipFile: 'def handler(e, c): pass' },
      },
    },
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
        FunctionName: { Ref: 'Handler' },
        BatchSize: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    },
    Flow: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineName: 'invoice-flow',
        RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
        DefinitionString: JSON.stringify({
          StartAt: 'Both',
          States: {
            Both: {
              Type: 'Parallel',
              End: true,
              Branches: [
                {
                  StartAt: 'Notify',
                  States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } },
                },
                {
                  StartAt: 'Run',
                  States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
                },
              ],
            },
          },
        }),
      },
    },
    Bucket: { Type: 'AWS::S3::Bucket' },
  },
  Outputs: {
    QueueUrl: { Value: { Ref: 'Queue' } },
    HandlerArn: { Value: { 'Fn::GetAtt': ['Handler', 'Arn'] } },
    Label: { Value: { 'Fn::Join': ['-', ['billing', { Ref: 'AWS::Region' }]] } },
  },
};

const model = buildAppModel([{ stackName: 'Billing', template: TEMPLATE }], {
  region: 'us-east-1',
  endpointUrl: ENDPOINT,
});

describe('startup report', () => {
  const report = startupReport({ model, endpointUrl: ENDPOINT, startup: { elapsedMs: 1234, assembly: 'reused' } });

  it('says where the cloud is, how long it took and that the assembly was reused', () => {
    expect(report.split('\n')[0]).toBe(
      `local cloud ready at ${ENDPOINT} (region us-east-1, account 000000000000) in 1.2 s (assembly reused: no source change)`,
    );
  });

  it('lists functions with runtime, memory and timeout, event sources, rules and state machines', () => {
    expect(report).toMatch(/invoice-handler\s+nodejs22\.x\s+256 MB\s+10 s/);
    expect(report).toMatch(/legacy-report\s+python3\.12\s+128 MB\s+3 s\s+not run/);
    expect(report).toContain('invoices → invoice-handler (batch 5, partial batch responses)');
    expect(report).toContain('billing-bus/invoice-created → invoices');
    expect(report).toContain('invoice-flow (STANDARD)');
  });

  it('prints the stack outputs as cdk deploy does, resolved against the local resources', () => {
    expect(report).toContain(`Billing.QueueUrl = ${ENDPOINT}/000000000000/invoices`);
    expect(report).toContain('Billing.HandlerArn = arn:aws:lambda:us-east-1:000000000000:function:invoice-handler');
    expect(report).toContain('Billing.Label = billing-us-east-1');
  });

  it('names what is not run: resource types, non-Node functions, Step Functions integrations', () => {
    expect(report).toContain('AWS::S3::Bucket (1)');
    expect(report).toContain('function legacy-report: runtime python3.12 (only Node.js runs locally)');
    expect(integrationsNotRun(model)).toEqual([
      {
        stateMachine: 'invoice-flow',
        stateName: 'Notify',
        resource: 'arn:aws:states:::sns:publish',
        reason: expect.any(String) as string,
      },
    ]);
  });

  it("builds the try-it commands from the app's own resources, with the dummy credentials", () => {
    expect(report).toContain('export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1');
    expect(report).toContain(
      `aws --endpoint-url ${ENDPOINT} events put-events --entries '[{"EventBusName":"billing-bus","Source":"billing.invoices","DetailType":"InvoiceCreated","Detail":"{}"}]'`,
    );
    expect(report).toContain(`sqs send-message --queue-url ${ENDPOINT}/000000000000/invoices`);
    expect(report).toContain('lambda invoke --function-name invoice-handler');
    expect(report).toContain("credentials: { accessKeyId: 'local', secretAccessKey: 'local' }");
  });

  it('knows nothing of any particular app: no saga hint unless one is passed in', () => {
    expect(report).not.toMatch(/choreo|OrderPlaced|shop-/);
    const withHints = startupReport({ model, endpointUrl: ENDPOINT, hints: [{ title: 'Try the app', lines: ['x'] }] });
    expect(withHints).toContain('Try the app:\n  x');
  });
});

describe('deprecated runtimes', () => {
  // AWS: "The runtime parameter of nodejs16.x is no longer supported for creating or updating AWS
  // Lambda functions." (InvalidParameterValueException at CreateFunction), dates from AWS's
  // deprecated runtimes table (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
  const withRuntime = (runtime: string) =>
    buildAppModel(
      [
        {
          stackName: 'Old',
          template: {
            Resources: {
              Fn: {
                Type: 'AWS::Lambda::Function',
                Properties: {
                  FunctionName: 'old-fn',
                  Runtime: runtime,
                  Handler: 'i.h',
                  Role: 'r',
                  Code: { ZipFile: '' },
                },
              },
            },
          },
        },
      ],
      { endpointUrl: ENDPOINT },
    ).functions;

  it('refuses nodejs16.x with the message AWS gives at CreateFunction', () => {
    expect(() => refuseDeprecatedRuntimes(withRuntime('nodejs16.x'), new Date('2026-12-01T00:00:00Z'))).toThrow(
      'Old/Fn (old-fn): The runtime parameter of nodejs16.x is no longer supported for creating or updating AWS Lambda functions.',
    );
    expect(() => refuseDeprecatedRuntimes(withRuntime('nodejs16.x'))).toThrow(DeprecatedRuntimeError);
  });

  it('accepts a runtime until the day AWS blocks its creation', () => {
    expect(isCreationBlocked('nodejs18.x', new Date('2026-02-02T23:59:59Z'))).toBe(false);
    expect(isCreationBlocked('nodejs18.x', new Date('2026-02-03T00:00:00Z'))).toBe(true);
    expect(() => refuseDeprecatedRuntimes(withRuntime('nodejs24.x'))).not.toThrow();
    expect(() => refuseDeprecatedRuntimes(withRuntime('python3.7'))).toThrow(/python3\.7 is no longer supported/);
  });
});
