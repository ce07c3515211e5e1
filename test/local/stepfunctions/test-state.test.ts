import { SfnHarness } from './sfn-harness';
import { serveHarnessForAllTests, testState } from './sfn-server';

const ROLE = 'arn:aws:iam::000000000000:role/sfn-role';

// Source: AWS Step Functions API reference, TestState (status SUCCEEDED | FAILED | RETRIABLE |
// CAUGHT_ERROR, output/nextState/error/cause, inspectionData at DEBUG and TRACE), and the developer
// guide "Using TestState API to test a state".
describe('TestState through the AWS SDK', () => {
  const { served } = serveHarnessForAllTests(() => new SfnHarness({ validateDefinitions: false }));

  const test = (definition: unknown, input: unknown, extra: Record<string, unknown> = {}) =>
    testState(served.client, ROLE, definition, input, extra);

  it('runs a JSONPath Pass state and answers its output and next state', async () => {
    const answer = await test(
      { Type: 'Pass', Parameters: { 'total.$': '$.amount' }, ResultPath: '$.computed', Next: 'Charge' },
      { amount: 42 },
    );
    expect(answer).toMatchObject({ status: 'SUCCEEDED', nextState: 'Charge' });
    expect(JSON.parse(answer.output ?? 'null')).toEqual({ amount: 42, computed: { total: 42 } });
    expect(answer.inspectionData).toBeUndefined();
  });

  it('shows the data after each processing step at DEBUG', async () => {
    const answer = await test(
      { Type: 'Pass', InputPath: '$.order', Parameters: { 'id.$': '$.id' }, End: true },
      { order: { id: 'o-1', lines: 2 } },
      { inspectionLevel: 'DEBUG' },
    );
    expect(answer.status).toBe('SUCCEEDED');
    expect(JSON.parse(answer.inspectionData?.afterInputPath ?? 'null')).toEqual({ id: 'o-1', lines: 2 });
    expect(JSON.parse(answer.inspectionData?.afterParameters ?? 'null')).toEqual({ id: 'o-1' });
  });

  // localstack test_test_state_scenarios (AWS-validated): test_base_inspection_level_debug
  // [IO_PASS_STATE], [BASE_RESULT_PASS_STATE] and [BASE_FAIL_STATE].
  it('reports the inspection data AWS reports for a Pass with Parameters, a Pass with a Result and a Fail', async () => {
    const input = { initialData: { fieldFromInput: 'value from input' }, unrelatedData: { n: 1 } };
    const parameters = await test(
      {
        Type: 'Pass',
        InputPath: '$.initialData',
        Parameters: { staticValue: 'some value', 'inputValue.$': '$.fieldFromInput' },
        ResultPath: '$.modifiedData',
        End: true,
      },
      input,
      { inspectionLevel: 'DEBUG' },
    );
    const result = await test(
      { Type: 'Pass', Result: { resultKey: 'result value' }, End: true },
      { Value: 'HelloWorld' },
      { inspectionLevel: 'DEBUG' },
    );
    const fail = await test(
      { Type: 'Fail', Error: 'SomeFailure', Cause: 'c' },
      { Value: 'HelloWorld' },
      { inspectionLevel: 'DEBUG' },
    );

    const decoded = (data: Record<string, unknown> | undefined) =>
      Object.fromEntries(Object.entries(data ?? {}).map(([key, value]) => [key, JSON.parse(String(value)) as unknown]));
    const selected = { staticValue: 'some value', inputValue: 'value from input' };
    expect(decoded(parameters.inspectionData as Record<string, unknown>)).toEqual({
      input,
      afterInputPath: input.initialData,
      afterParameters: selected,
      afterResultSelector: selected,
      afterResultPath: { ...input, modifiedData: selected },
    });
    expect(decoded(result.inspectionData as Record<string, unknown>)).toEqual({
      input: { Value: 'HelloWorld' },
      result: { resultKey: 'result value' },
      afterResultSelector: { resultKey: 'result value' },
      afterResultPath: { resultKey: 'result value' },
    });
    expect(decoded(fail.inspectionData as Record<string, unknown>)).toEqual({
      input: { Value: 'HelloWorld' },
      afterInputPath: { Value: 'HelloWorld' },
    });
  });

  it('evaluates a JSONata state with the variables it is given', async () => {
    const answer = await test(
      { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.price * $rate %}', End: true },
      { price: 10 },
      { variables: JSON.stringify({ rate: 3 }) },
    );
    expect(answer).toMatchObject({ status: 'SUCCEEDED', output: '30' });
  });

  it('answers the branch a Choice state takes', async () => {
    const answer = await test(
      {
        Type: 'Choice',
        Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Review' }],
        Default: 'Approve',
      },
      { total: 250 },
    );
    expect(answer).toMatchObject({ status: 'SUCCEEDED', nextState: 'Review' });
  });

  it('answers FAILED with the error and cause of a Fail state', async () => {
    const answer = await test({ Type: 'Fail', Error: 'Order.Rejected', Cause: 'over the limit' }, {});
    expect(answer).toMatchObject({ status: 'FAILED', error: 'Order.Rejected', cause: 'over the limit' });
  });

  it('refuses an inspection level AWS does not have with a ValidationException', async () => {
    await expect(test({ Type: 'Pass', End: true }, {}, { inspectionLevel: 'VERBOSE' })).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});
