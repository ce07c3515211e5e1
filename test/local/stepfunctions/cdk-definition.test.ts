import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { FunctionError } from '../../../lib/local/stepfunctions';
import { SfnHarness, stateMachineArn } from './sfn-harness';

/** Construct ids of the functions (logical ids drop hyphens), and back. */
const FUNCTION_IDS: Record<string, string> = {
  'reserve-stock': 'ReserveStockFunction',
  'release-stock': 'ReleaseStockFunction',
};

/** Synthesizes a small saga with the CDK's own task constructs; returns its definition, resolved. */
function synthesizeSagaDefinition(): string {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Saga', {
    env: { account: '000000000000', region: 'us-east-1' },
  });
  const fn = (name: string) =>
    new lambda.Function(stack, FUNCTION_IDS[name] ?? name, {
      functionName: name,
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
  const bus = new events.EventBus(stack, 'Bus', { eventBusName: 'shop-orchestration' });
  const reserve = new tasks.LambdaInvoke(stack, 'ReserveStock', {
    lambdaFunction: fn('reserve-stock'),
    payloadResponseOnly: true,
    resultPath: '$.reservation',
  });
  reserve.addRetry({ errors: ['TransientError'], interval: Duration.seconds(1), maxAttempts: 2 });
  const release = new tasks.LambdaInvoke(stack, 'ReleaseStock', {
    lambdaFunction: fn('release-stock'),
    outputPath: '$.Payload',
  });
  const confirm = new tasks.EventBridgePutEvents(stack, 'ConfirmOrder', {
    entries: [
      {
        eventBus: bus,
        source: 'shop.orders',
        detailType: 'OrderConfirmed',
        detail: sfn.TaskInput.fromObject({ 'orderId.$': '$.orderId' }),
      },
    ],
  });
  reserve.addCatch(release.next(new sfn.Fail(stack, 'Cancelled', { error: 'OrderCancelled' })), {
    resultPath: '$.error',
  });
  const definitionBody = sfn.DefinitionBody.fromChainable(reserve.next(confirm));
  new sfn.StateMachine(stack, 'StateMachine', { stateMachineName: 'saga', definitionBody });
  const [machine] = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'));
  return resolveJoin((machine as { Properties: { DefinitionString: unknown } }).Properties.DefinitionString);
}

/** Resolves the Fn::Join the CDK emits (partition and function/bus ARNs), as the assembly reader would. */
function resolveJoin(value: unknown): string {
  const [, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const { Ref, 'Fn::GetAtt': getAtt } = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      if (Ref === 'AWS::Partition') return 'aws';
      const logicalId = getAtt?.[0] ?? '';
      return logicalId.startsWith('Bus')
        ? 'arn:aws:events:us-east-1:000000000000:event-bus/shop-orchestration'
        : `arn:aws:lambda:us-east-1:000000000000:function:${Object.keys(FUNCTION_IDS).find((name) => logicalId.startsWith(FUNCTION_IDS[name] ?? '')) ?? logicalId}`;
    })
    .join('');
}

describe('a definition synthesized by the CDK', () => {
  const definition = synthesizeSagaDefinition();

  function harnessWith(reserve: (payload: unknown, call: number) => unknown): SfnHarness {
    const harness = new SfnHarness({
      functions: { 'reserve-stock': reserve, 'release-stock': () => ({ released: true }) },
    });
    harness.stepFunctions.registerStateMachine({
      arn: stateMachineArn('saga'),
      name: 'saga',
      definition,
      roleArn: 'arn:aws:iam::000000000000:role/saga',
    });
    return harness;
  }

  it('runs LambdaInvoke (payloadResponseOnly) and EventBridgePutEvents to success', async () => {
    // Prepare
    const harness = harnessWith(() => ({ status: 'RESERVED' }));

    // Act
    const ended = await harness.stepFunctions.startExecution(stateMachineArn('saga'), '{"orderId":"order-1"}').done;

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(harness.invokedNames()).toEqual(['reserve-stock']);
    expect(harness.published[0]?.entries[0]).toMatchObject({
      DetailType: 'OrderConfirmed',
      Detail: '{"orderId":"order-1"}',
    });
    expect(JSON.parse(ended.output ?? '')).toEqual({ Entries: [{ EventId: 'event-1-0' }], FailedEntryCount: 0 });
  });

  it('retries the added retrier, then catches into the compensation and fails with the Fail state', async () => {
    // Prepare
    const harness = harnessWith(() => {
      throw new FunctionError('TransientError', 'still throttled');
    });

    // Act
    const ended = await harness.stepFunctions.startExecution(stateMachineArn('saga'), '{"orderId":"order-2"}').done;

    // Assess
    expect(harness.invokedNames()).toEqual(['reserve-stock', 'reserve-stock', 'reserve-stock', 'release-stock']);
    expect(ended).toMatchObject({ status: 'FAILED', error: 'OrderCancelled' });
    expect(harness.published).toHaveLength(0);
  });
});
