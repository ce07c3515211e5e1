import { testState, type InspectionLevel } from '../engine/test-state';
import { isJsonObject, type JsonValue } from '../engine/json';
import { StepFunctionsValidationError } from '../stepfunctions-errors';
import type { StepFunctionsOperation } from './stepfunctions-operation';

const INSPECTION_LEVELS: readonly InspectionLevel[] = ['INFO', 'DEBUG', 'TRACE'];

/**
 * TestState: runs one state on an input, as the API does (no retry: a matching retrier answers
 * RETRIABLE; a matching catcher CAUGHT_ERROR; Waits do not wait), with the inspection data of
 * DEBUG and TRACE. Task states are not run here yet: they fail with States.Runtime.
 */
export const TEST_STATE_OPERATIONS: Record<string, StepFunctionsOperation> = {
  TestState: async (params, { stepFunctions }) => {
    const definition = jsonMember(params.string('definition'), 'definition');
    if (!isJsonObject(definition) || typeof definition.Type !== 'string') {
      throw new StepFunctionsValidationError(
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The state definition must be an object with a Type'",
      );
    }
    const inspectionLevel = (params.optionalString('inspectionLevel') ?? 'INFO') as InspectionLevel;
    if (!INSPECTION_LEVELS.includes(inspectionLevel)) {
      throw new StepFunctionsValidationError(
        `1 validation error detected: Value '${inspectionLevel}' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]`,
      );
    }
    const variablesText = params.optionalString('variables');
    const variables = variablesText === undefined ? undefined : jsonMember(variablesText, 'variables');
    if (variables !== undefined && !isJsonObject(variables)) {
      throw new StepFunctionsValidationError("'variables' must be a JSON object");
    }
    const result = await testState({
      definition,
      input: jsonMember(params.optionalString('input') ?? '{}', 'input'),
      roleArn: params.optionalString('roleArn') ?? '',
      inspectionLevel,
      variables: variables,
      clock: stepFunctions.clock,
    });
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
                .map(([key, value]) => [key, JSON.stringify(value as JsonValue)]),
            ),
          }
        : {}),
    };
  },
};

function jsonMember(text: string, member: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new StepFunctionsValidationError(`'${member}' is not valid JSON`);
  }
}
