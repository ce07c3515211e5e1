import type { TargetInvocation } from '../../../lib/local/eventbridge/target-invoker';
import {
  FunctionError,
  functionNameOf,
  invokeFunctionWith,
  stateMachineTargetInvoker,
  type FunctionInvoker,
} from '../../../lib/local/stepfunctions';
import { fixtureText, SfnHarness } from './sfn-harness';

const context = {
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:order-saga:e1',
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:order-saga',
  stateName: 'ReserveStock',
  correlationId: 'order-0001',
  invocationType: 'RequestResponse' as const,
};

describe('integration adapters', () => {
  it.each([
    ['reserve-stock', 'reserve-stock'],
    ['arn:aws:lambda:us-east-1:000000000000:function:reserve-stock', 'reserve-stock'],
    ['arn:aws:lambda:us-east-1:000000000000:function:reserve-stock:live', 'reserve-stock'],
    ['000000000000:function:reserve-stock', 'reserve-stock'],
  ])('finds the function name in %s', (nameOrArn, expected) => {
    expect(functionNameOf(nameOrArn)).toBe(expected);
  });

  it('invokes the runtime with the execution as trigger and the order id, and returns the result', async () => {
    // Prepare
    const invoke = jest.fn<ReturnType<FunctionInvoker['invoke']>, Parameters<FunctionInvoker['invoke']>>(async () => ({
      outcome: 'success',
      result: { status: 'RESERVED' },
    }));
    const runtime: FunctionInvoker = { invoke };

    // Act
    const result = await invokeFunctionWith(runtime)(
      'arn:aws:lambda:us-east-1:000000000000:function:reserve-stock',
      { a: 1 },
      context,
    );

    // Assess
    expect(result).toEqual({ status: 'RESERVED' });
    expect(invoke).toHaveBeenCalledWith('reserve-stock', { a: 1 }, { trigger: `states:${context.executionArn}` });
  });

  it('turns a function timeout into a FunctionError with its errorType', async () => {
    // Prepare
    const runtime: FunctionInvoker = {
      invoke: async () => ({
        outcome: 'timeout',
        error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 3.00 seconds' },
      }),
    };

    // Act
    const invoked = invokeFunctionWith(runtime)('reserve-stock', {}, context);

    // Assess
    await expect(invoked).rejects.toBeInstanceOf(FunctionError);
    await expect(invoked).rejects.toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 3.00 seconds',
    });
  });

  it('starts an execution for an EventBridge rule target, and sends a missing state machine to the DLQ at once', async () => {
    // Prepare
    const harness = new SfnHarness({ functions: { 'reserve-stock': () => ({ status: 'OUT_OF_STOCK' }) } });
    const arn = harness.register('order-saga', 'order-saga.asl.json');
    const invoker = stateMachineTargetInvoker(harness.stepFunctions);
    const delivery = (targetArn: string) =>
      ({
        targetArn,
        input: fixtureText('order-placed-input.json'),
        rule: { name: 'order-placed', arn: 'arn:rule', eventBusName: 'shop' },
      }) as TargetInvocation;

    // Act
    await invoker.invoke(delivery(arn));
    await harness.stepFunctions.whenIdle();
    const missing = invoker.invoke(delivery('arn:aws:states:us-east-1:000000000000:stateMachine:missing'));

    // Assess
    expect(invoker.service).toBe('states');
    expect(harness.stepFunctions.listExecutions(arn)).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED', trigger: 'events:order-placed', correlationId: 'order-0001' }),
    ]);
    await expect(missing).rejects.toMatchObject({ code: 'NO_RESOURCE', retryable: false });
  });
});
