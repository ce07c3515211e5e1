import { integrationOf, taskStatesOf, unrecognizedResourceMessage } from '../integrations/integration-registry';
import { definitionCheckCache } from '../definition-check-cache';
import { StepFunctionsApiError } from '../stepfunctions-errors';

/** One finding of ValidateStateMachineDefinition, in its wire shape. */
export interface DefinitionDiagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  /** `SCHEMA_VALIDATION_FAILED`, `MISSING_TRANSITION_TARGET`, `INVALID_JSON_DESCRIPTION`, ... */
  readonly code: string;
  readonly message: string;
  /** A JSON pointer into the definition (`/States/Charge/Resource`), when it points somewhere. */
  readonly location?: string;
}

export interface ValidateOptions {
  /** @default 'STANDARD' */
  readonly type?: 'STANDARD' | 'EXPRESS';
  /**
   * Also run the full ASL schema (asl-validator) when the structural checks pass. It compiles
   * its schemas on every call (most of a second), so results are cached per definition text,
   * across restarts too.
   * @default true
   */
  readonly schema?: boolean;
}

/** `InvalidDefinition`, worded as AWS words it: every error diagnostic, in order. */
export class InvalidStateMachineDefinitionError extends StepFunctionsApiError {
  constructor(readonly diagnostics: readonly DefinitionDiagnostic[]) {
    const detail = diagnostics
      .map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}${at(diagnostic.location)}`)
      .join(', ');
    super('InvalidDefinition', `Invalid State Machine Definition: '${detail}'`);
  }
}

type JsonObject = Record<string, unknown>;

const STATE_TYPES = new Set(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
const TERMINAL_TYPES = new Set(['Choice', 'Succeed', 'Fail']);
const schemaResults = definitionCheckCache<readonly DefinitionDiagnostic[]>('asl-schema', ['asl-validator']);

/**
 * The diagnostics AWS reports for a definition (empty: valid). Structural checks first, as AWS
 * words them: JSON, required fields, state types, transition targets (`Next`, `Default`,
 * `Choices`, `Catch`, `StartAt`), unreachable states, Task resources AWS does not recognize, and
 * Express machines using `.sync` or `.waitForTaskToken` (AWS refuses those). Then, when those
 * pass, the full ASL schema.
 */
export function validateDefinition(definitionText: string, options: ValidateOptions = {}): DefinitionDiagnostic[] {
  let definition: unknown;
  try {
    definition = JSON.parse(definitionText);
  } catch (error) {
    return [error_('INVALID_JSON_DESCRIPTION', (error as Error).message)];
  }
  if (!isObject(definition)) {
    return [error_('SCHEMA_VALIDATION_FAILED', 'Expected value of type: JSON object', '/')];
  }
  const diagnostics = [...machineDiagnostics(definition, ''), ...resourceDiagnostics(definition, options.type)];
  if (diagnostics.length > 0 || options.schema === false) return diagnostics;
  return [...schemaDiagnostics(definitionText)];
}

/**
 * Throws AWS's `InvalidDefinition` when the definition has errors.
 * @throws InvalidStateMachineDefinitionError
 */
export function assertValidDefinition(definitionText: string, options: ValidateOptions = {}): void {
  const errors = validateDefinition(definitionText, options).filter((diagnostic) => diagnostic.severity === 'ERROR');
  if (errors.length > 0) throw new InvalidStateMachineDefinitionError(errors);
}

/** Checks one machine (the root, a Parallel branch, a Map processor) and its nested machines. */
function machineDiagnostics(machine: JsonObject, location: string): DefinitionDiagnostic[] {
  const missing = ['StartAt', 'States'].filter((field) => machine[field] === undefined);
  if (missing.length > 0) {
    return [error_('SCHEMA_VALIDATION_FAILED', `These fields are required: [${missing.join(', ')}]`, location || '/')];
  }
  if (!isObject(machine.States)) {
    return [error_('SCHEMA_VALIDATION_FAILED', 'Expected value of type: JSON object', `${location}/States`)];
  }
  const states = machine.States;
  const names = new Set(Object.keys(states));
  const diagnostics: DefinitionDiagnostic[] = [];
  if (typeof machine.StartAt !== 'string' || !names.has(machine.StartAt)) {
    diagnostics.push(
      error_(
        'MISSING_TRANSITION_TARGET',
        `Missing 'StartAt' target: ${String(machine.StartAt)}`,
        `${location}/StartAt`,
      ),
    );
  }
  for (const [name, state] of Object.entries(states)) {
    const here = `${location}/States/${name}`;
    if (!isObject(state)) {
      diagnostics.push(error_('SCHEMA_VALIDATION_FAILED', 'Expected value of type: JSON object', here));
      continue;
    }
    if (state.Type === undefined) {
      diagnostics.push(error_('SCHEMA_VALIDATION_FAILED', 'These fields are required: [Type]', here));
      continue;
    }
    if (typeof state.Type !== 'string' || !STATE_TYPES.has(state.Type)) {
      diagnostics.push(
        error_('SCHEMA_VALIDATION_FAILED', `The value of the field 'Type' is not valid: ${String(state.Type)}`, here),
      );
      continue;
    }
    for (const [target, targetLocation] of transitionsOf(state, here)) {
      if (!names.has(target)) {
        const field = targetLocation.split('/').pop() ?? 'Next';
        diagnostics.push(error_('MISSING_TRANSITION_TARGET', `Missing '${field}' target: ${target}`, targetLocation));
      }
    }
    if (!TERMINAL_TYPES.has(state.Type) && state.Next === undefined && state.End !== true) {
      diagnostics.push(
        error_('SCHEMA_VALIDATION_FAILED', "This state must have exactly one of the fields 'Next' or 'End'", here),
      );
    }
    if (Array.isArray(state.Branches)) {
      state.Branches.forEach((branch, index) => {
        const branchLocation = `${here}/Branches/${index}`;
        diagnostics.push(
          ...(isObject(branch)
            ? machineDiagnostics(branch, branchLocation)
            : [error_('SCHEMA_VALIDATION_FAILED', 'Expected value of type: JSON object', branchLocation)]),
        );
      });
    }
    const processorField = state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
    const processor = state[processorField];
    if (state.Type === 'Map' && isObject(processor)) {
      diagnostics.push(...machineDiagnostics(processor, `${here}/${processorField}`));
    }
  }
  if (diagnostics.length === 0 && typeof machine.StartAt === 'string') {
    diagnostics.push(...unreachableDiagnostics(machine.StartAt, states as Record<string, JsonObject>, location));
  }
  return diagnostics;
}

/** Every state name a state can move to, with where it is written. */
function transitionsOf(state: JsonObject, here: string): [string, string][] {
  const targets: [string, string][] = [];
  if (typeof state.Next === 'string') targets.push([state.Next, `${here}/Next`]);
  if (typeof state.Default === 'string') targets.push([state.Default, `${here}/Default`]);
  if (Array.isArray(state.Choices)) {
    state.Choices.forEach((choice, index) => {
      if (isObject(choice) && typeof choice.Next === 'string') {
        targets.push([choice.Next, `${here}/Choices/${index}/Next`]);
      }
    });
  }
  if (Array.isArray(state.Catch)) {
    state.Catch.forEach((catcher, index) => {
      if (isObject(catcher) && typeof catcher.Next === 'string') {
        targets.push([catcher.Next, `${here}/Catch/${index}/Next`]);
      }
    });
  }
  return targets;
}

/** Every state reachable from `from` (itself included) through Next, Default, Choices and Catch. */
export function reachableStates(from: string, states: Readonly<Record<string, unknown>>): Set<string> {
  const reached = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    const state = states[name];
    if (isObject(state)) pending.push(...transitionsOf(state, '').map(([target]) => target));
  }
  return reached;
}

function unreachableDiagnostics(
  startAt: string,
  states: Record<string, JsonObject>,
  location: string,
): DefinitionDiagnostic[] {
  const reached = reachableStates(startAt, states);
  return Object.keys(states)
    .filter((name) => !reached.has(name))
    .map((name) => error_('UNREACHABLE_STATE', `State "${name}" is not reachable.`, `${location}/States/${name}`));
}

function resourceDiagnostics(definition: JsonObject, type: ValidateOptions['type']): DefinitionDiagnostic[] {
  return taskStatesOf(definition).flatMap(({ resource, location }) => {
    if (typeof resource !== 'string') {
      return [error_('SCHEMA_VALIDATION_FAILED', 'These fields are required: [Resource]', location)];
    }
    const integration = integrationOf(resource);
    if (!integration) {
      return [error_('SCHEMA_VALIDATION_FAILED', unrecognizedResourceMessage(resource), `${location}/Resource`)];
    }
    if (type === 'EXPRESS' && integration.pattern !== 'request-response') {
      return [
        error_(
          'SCHEMA_VALIDATION_FAILED',
          `Express state machine does not support '.${integration.pattern}' service integration`,
          `${location}/Resource`,
        ),
      ];
    }
    return [];
  });
}

/** The asl-validator schema checks, cached per definition text. */
function schemaDiagnostics(definitionText: string): readonly DefinitionDiagnostic[] {
  return schemaResults.answer(definitionText, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const validator = require('asl-validator') as (definition: unknown) => {
      isValid: boolean;
      errors: { 'Error code': string; Message: string; schemaError?: { instancePath?: string } }[];
    };
    // The validator writes QueryLanguage into the states it checks: give it its own copy.
    const result = validator(JSON.parse(definitionText));
    return result.errors.map((found) => {
      const location = found.schemaError?.instancePath;
      const message =
        location && found.Message.startsWith(location) ? found.Message.slice(location.length + 1) : found.Message;
      return error_(found['Error code'], message, location || undefined);
    });
  });
}

function error_(code: string, message: string, location?: string): DefinitionDiagnostic {
  return { severity: 'ERROR', code, message, ...(location !== undefined ? { location } : {}) };
}

function at(location: string | undefined): string {
  return location === undefined ? '' : ` at ${location}`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
