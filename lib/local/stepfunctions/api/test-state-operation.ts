import { randomUUID } from 'node:crypto';
import { formatArn } from '../../arn';
import type { RequestParams } from '../../endpoint/request-params';
import { testState, type InspectionLevel, type TestStateMock, type TestStateResult } from '../engine/test-state';
import { isJsonObject, type JsonObject, type JsonValue } from '../engine/json';
import { StepFunctionsApiError, StepFunctionsValidationError } from '../stepfunctions-errors';
import type { StepFunctionsOperation } from './stepfunctions-operation';

const INSPECTION_LEVELS: readonly InspectionLevel[] = ['INFO', 'DEBUG', 'TRACE'];

/** How long TestState may run, in AWS time. */
const TEST_STATE_LIMIT_MS = 5 * 60 * 1000;

/** The state types a mock may answer for (API reference, TestState `mock`). */
const MOCKABLE_TYPES = new Set(['Task', 'Map', 'Parallel']);

/**
 * TestState: runs one state on an input, as the API does (no retry: a matching retrier answers
 * RETRIABLE with its index and back-off; a matching catcher CAUGHT_ERROR with its index; Waits do
 * not wait), with the inspection data of DEBUG and TRACE. A Task state calls the local
 * integration of its resource once, with IAM decided for the given `roleArn`, unless `mock`
 * answers for it; a Map or Parallel state is tested only with a mock, which stands for its
 * iterations' or branches' results. The request checks follow AWS's answers recorded in public emulators'
 * AWS-validated snapshots (localstack tests/aws/services/stepfunctions/v2/test_state).
 */
export const TEST_STATE_OPERATIONS: Record<string, StepFunctionsOperation> = {
  TestState: async (params, { stepFunctions }) => {
    const { state, stateName } = stateUnderTest(params);
    const inspectionLevel = (params.optionalString('inspectionLevel') ?? 'INFO') as InspectionLevel;
    if (!INSPECTION_LEVELS.includes(inspectionLevel)) {
      throw new StepFunctionsValidationError(
        `1 validation error detected: Value '${inspectionLevel}' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]`,
      );
    }
    const revealSecrets = params.optionalBoolean('revealSecrets') ?? false;
    const variablesText = params.optionalString('variables');
    const variables = variablesText === undefined ? undefined : jsonMember(variablesText, 'variables');
    if (variables !== undefined && !isJsonObject(variables)) {
      throw new StepFunctionsValidationError("'variables' must be a JSON object");
    }
    const mock = mockOf(params, state, revealSecrets);
    const type = String(state.Type);
    if ((type === 'Map' || type === 'Parallel') && !mock) {
      throw new StepFunctionsApiError(
        'InvalidDefinition',
        'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
      );
    }
    if (mock && 'result' in mock) assertMockedResultShape(state, mock.result);
    const roleArn = params.optionalString('roleArn');
    if (type === 'Task' && roleArn === undefined) {
      throw new StepFunctionsValidationError('RoleArn must be specified when testing a Task state');
    }
    const resource = typeof state.Resource === 'string' ? state.Resource : '';
    if (type === 'Task' && !mock && /\.(waitForTaskToken|sync(:2)?)$/.test(resource)) {
      // API reference, TestState: these patterns are only tested with a mock (wording ours).
      throw new StepFunctionsValidationError(
        `TestState supports the .sync and .waitForTaskToken integration patterns only when a mock is specified: '${resource}'`,
      );
    }
    const retrierRetryCount = params.optionalObject('stateConfiguration')?.optionalInteger('retrierRetryCount');
    const executionName = randomUUID();
    const stateMachineArn = formatArn('states', stepFunctions.region, 'stateMachine:TestStateMachine');
    const executionArn = formatArn('states', stepFunctions.region, `express:TestStateMachine:${executionName}`);
    const attempts = new AbortController();
    let timer: { cancel(): void } | undefined;
    // API reference: "The TestState API can run for up to five minutes. If the execution of a
    // state exceeds this duration, it fails with the States.Timeout error."
    const timedOut = new Promise<TestStateResult>((resolve) => {
      timer = stepFunctions.clock.setTimer(TEST_STATE_LIMIT_MS, () =>
        resolve({ status: 'FAILED', error: 'States.Timeout' }),
      );
    });
    try {
      const run = testState({
        definition: state,
        ...(stateName !== undefined ? { stateName } : {}),
        input: jsonMember(params.optionalString('input') ?? '{}', 'input'),
        roleArn: roleArn ?? '',
        inspectionLevel,
        variables,
        clock: stepFunctions.clock,
        executionArn,
        stateMachineArn,
        ...(mock ? { mock } : {}),
        ...(retrierRetryCount !== undefined ? { retrierRetryCount } : {}),
        taskRunner: stepFunctions.standaloneTaskRunner(
          { executionArn, stateMachineArn, roleArn: roleArn ?? '' },
          attempts.signal,
        ),
      });
      return answerOf(await Promise.race([run, timedOut]), inspectionLevel);
    } finally {
      timer?.cancel();
      attempts.abort();
    }
  },
};

/** The one state to run: the definition's, or (a whole state machine) the one `stateName` names. */
function stateUnderTest(params: RequestParams): { state: JsonObject; stateName?: string } {
  const definition = jsonMember(params.string('definition'), 'definition');
  const stateName = params.optionalString('stateName');
  if (isJsonObject(definition) && isJsonObject(definition.States)) {
    const name = stateName ?? (typeof definition.StartAt === 'string' ? definition.StartAt : '');
    const state = definition.States[name];
    if (!isJsonObject(state) || typeof state.Type !== 'string') {
      throw new StepFunctionsValidationError(`State '${name}' is not found in the state machine definition`);
    }
    const language = definition.QueryLanguage;
    return {
      state:
        state.QueryLanguage === undefined && language !== undefined ? { ...state, QueryLanguage: language } : state,
      stateName: name,
    };
  }
  if (!isJsonObject(definition) || typeof definition.Type !== 'string') {
    throw new StepFunctionsValidationError(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The state definition must be an object with a Type'",
    );
  }
  return { state: definition, ...(stateName !== undefined ? { stateName } : {}) };
}

/** The request's `mock`, checked as AWS checks it. */
function mockOf(params: RequestParams, state: JsonObject, revealSecrets: boolean): TestStateMock | undefined {
  const mock = params.optionalObject('mock');
  if (!mock) return undefined;
  if (!MOCKABLE_TYPES.has(String(state.Type))) {
    throw new StepFunctionsValidationError(
      `State type '${String(state.Type)}' is not supported when a mock is specified`,
    );
  }
  const resultText = mock.optionalString('result');
  const errorOutput = mock.optionalObject('errorOutput');
  if ((resultText === undefined) === (errorOutput === undefined)) {
    throw new StepFunctionsValidationError(
      'A test mock should have only one of the following fields: [result, errorOutput].',
    );
  }
  if (revealSecrets) {
    throw new StepFunctionsValidationError('TestState does not support RevealSecrets when a mock is specified.');
  }
  if (resultText !== undefined) {
    try {
      return { result: JSON.parse(resultText) as JsonValue };
    } catch {
      throw new StepFunctionsValidationError('Mocked result must be valid JSON');
    }
  }
  return {
    errorOutput: {
      error: errorOutput?.optionalString('error') ?? '',
      cause: errorOutput?.optionalString('cause') ?? '',
    },
  };
}

/** A mocked Map's or Parallel's result has the shape their results have (AWS's messages). */
function assertMockedResultShape(state: JsonObject, result: JsonValue): void {
  if (state.Type === 'Map' && state.ResultWriter !== undefined) {
    if (!isJsonObject(result)) throw new StepFunctionsValidationError('Mocked result must be a JSON object.');
  } else if (state.Type === 'Map' || state.Type === 'Parallel') {
    if (!Array.isArray(result)) throw new StepFunctionsValidationError('Mocked result must be an array.');
    const branches = Array.isArray(state.Branches) ? state.Branches.length : 0;
    if (state.Type === 'Parallel' && result.length !== branches) {
      throw new StepFunctionsValidationError(
        'Mocked result must contain the same number of items as number of Parallel branches.',
      );
    }
  }
}

/** The wire answer: JSON values as JSON text, inspection data only above INFO. */
function answerOf(result: TestStateResult, inspectionLevel: InspectionLevel): object {
  const inspection = result.inspectionData;
  return {
    status: result.status,
    ...(result.output !== undefined ? { output: JSON.stringify(result.output) } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.cause !== undefined ? { cause: result.cause } : {}),
    ...(result.nextState !== undefined ? { nextState: result.nextState } : {}),
    ...(inspection && inspectionLevel !== 'INFO'
      ? {
          inspectionData: Object.fromEntries(
            Object.entries(inspection)
              .filter(([, value]) => value !== undefined)
              .map(([key, value]) => [key, key === 'errorDetails' ? value : JSON.stringify(value as JsonValue)]),
          ),
        }
      : {}),
  };
}

function jsonMember(text: string, member: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new StepFunctionsValidationError(`'${member}' is not valid JSON`);
  }
}
