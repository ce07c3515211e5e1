import { IntrinsicFailure, INTRINSIC_FUNCTIONS } from '../intrinsics/intrinsic-functions';
import { looksLikeIntrinsic, parseIntrinsic, type IntrinsicArgument } from '../intrinsics/intrinsic-parser';
import { isJsonObject, type JsonValue } from '../json';
import { runtimeError, StatesError } from '../states-error';
import { bracketNotation, selectJsonPath, type PathSelection } from './jsonpath';
import type { QueryContext } from './query-context';

/** Escaped braces of a string literal, kept apart from `{}` placeholders until States.Format has split. */
const OPEN_BRACE = '\uE000';
const CLOSE_BRACE = '\uE001';

/**
 * Resolves a JSONPath reference of a JSONPath state: `$...` in the data, `$$...` in the context
 * object, `$states...` in the reserved variable, `$name...` in a workflow variable.
 */
export function resolveReference(path: string, query: QueryContext): PathSelection {
  if (path.startsWith('$$')) return selectJsonPath(`$${path.slice(2)}`, query.states.context);
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(path);
  if (variable) {
    const name = variable[1] ?? '';
    const rest = `$${path.slice(name.length + 1)}`;
    if (name === 'states') return selectJsonPath(rest, query.states as unknown as JsonValue);
    if (!query.variables.has(name)) return { found: false };
    return selectJsonPath(rest, query.variables.get(name) ?? null);
  }
  return selectJsonPath(path, query.data);
}

/**
 * A path field (InputPath, OutputPath, ItemsPath, SecondsPath, ...): the selected value.
 * @throws StatesError States.Runtime "Invalid path '...' : No results for path: $['...']"
 */
export function selectField(path: string, query: QueryContext): JsonValue {
  return selectOrFail(path, query, () => `Invalid path '${path}' : No results for path: ${bracketNotation(path)}`);
}

/**
 * A payload template (Parameters, ResultSelector, ItemSelector, Assign, Result of Pass is
 * literal): keys ending in `.$` take the value of their path or intrinsic function.
 */
export function evaluatePayloadTemplate(template: JsonValue, query: QueryContext): JsonValue {
  if (Array.isArray(template)) return template.map((item) => evaluatePayloadTemplate(item, query));
  if (!isJsonObject(template)) return template;
  const result: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      result[key.slice(0, -2)] = evaluateDynamicValue(key, value, query);
    } else {
      result[key] = evaluatePayloadTemplate(value, query);
    }
  }
  return result;
}

/** The value of one `key.$` member: an intrinsic function call or a path. */
export function evaluateDynamicValue(field: string, expression: string, query: QueryContext): JsonValue {
  if (looksLikeIntrinsic(expression)) return evaluateIntrinsic(field, expression, query);
  return selectOrFail(
    expression,
    query,
    () =>
      `The JsonPath argument for the field '${field}' could not be found in the input '${JSON.stringify(query.data)}'`,
  );
}

/**
 * The value `path` selects; States.Runtime when the path is malformed, or with the cause
 * `notFound` words (each field its own way) when it selects nothing.
 */
function selectOrFail(path: string, query: QueryContext, notFound: () => string): JsonValue {
  let selection: PathSelection;
  try {
    selection = resolveReference(path, query);
  } catch (error) {
    throw runtimeError(query.location, `Invalid path '${path}': ${(error as Error).message}`);
  }
  if (!selection.found) throw runtimeError(query.location, notFound());
  return selection.value;
}

/** Evaluates `States.X(...)`; failures are States.IntrinsicFailure (States.Runtime for paths). */
export function evaluateIntrinsic(field: string, expression: string, query: QueryContext): JsonValue {
  let call;
  try {
    call = parseIntrinsic(escapeBraces(expression));
  } catch (error) {
    throw intrinsicFailure(field, expression, (error as Error).message, query);
  }
  return evaluateArgument(call, field, expression, query, false);
}

function evaluateArgument(
  argument: IntrinsicArgument,
  field: string,
  expression: string,
  query: QueryContext,
  keepBraces: boolean,
): JsonValue {
  switch (argument.kind) {
    case 'literal':
      return typeof argument.value === 'string' && !keepBraces ? restoreBraces(argument.value) : argument.value;
    case 'path': {
      const selection = resolveReference(argument.path, query);
      if (!selection.found) {
        throw runtimeError(
          query.location,
          `The JsonPath argument for the field '${field}' could not be found in the input '${JSON.stringify(query.data)}'`,
        );
      }
      return selection.value;
    }
    case 'call': {
      const fn = INTRINSIC_FUNCTIONS[argument.name];
      if (!fn) throw intrinsicFailure(field, expression, `the function '${argument.name}' does not exist`, query);
      const isFormat = argument.name === 'States.Format';
      const args = argument.args.map((arg, index) =>
        evaluateArgument(arg, field, expression, query, isFormat && index === 0),
      );
      try {
        const value = fn(args, query.random);
        return isFormat && typeof value === 'string' ? restoreBraces(value) : value;
      } catch (error) {
        if (error instanceof IntrinsicFailure) throw intrinsicFailure(field, expression, error.message, query);
        throw error;
      }
    }
  }
}

function intrinsicFailure(field: string, expression: string, detail: string, query: QueryContext): StatesError {
  return new StatesError(
    'States.IntrinsicFailure',
    runtimeError(
      query.location,
      `The intrinsic function '${expression}' specified for the field '${field}' could not be evaluated: ${detail}`,
    ).cause,
  );
}

function escapeBraces(text: string): string {
  return text.replace(/\\\{/g, `\\${OPEN_BRACE}`).replace(/\\\}/g, `\\${CLOSE_BRACE}`);
}

function restoreBraces(text: string): string {
  return text.replace(new RegExp(OPEN_BRACE, 'g'), '{').replace(new RegExp(CLOSE_BRACE, 'g'), '}');
}
