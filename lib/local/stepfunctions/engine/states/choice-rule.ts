import { convertedComparison } from '../../../converted-comparison';
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import { resolveReference } from '../query/jsonpath-query';
import type { QueryContext } from '../query/query-context';
import { runtimeError } from '../states-error';

/**
 * A JSONPath Choice Rule (developer guide, "Choice Rules"): `And`, `Or`, `Not`, or a
 * `Variable` compared by one operator. A comparison of a value of another type is false; a
 * `Variable` (or `...Path` operand) that selects nothing is a States.Runtime error, except for
 * `IsPresent`.
 */
export function evaluateChoiceRule(rule: JsonObject, query: QueryContext): boolean {
  if (Array.isArray(rule.And)) return rule.And.filter(isJsonObject).every((inner) => evaluateChoiceRule(inner, query));
  if (Array.isArray(rule.Or)) return rule.Or.filter(isJsonObject).some((inner) => evaluateChoiceRule(inner, query));
  if (isJsonObject(rule.Not)) return !evaluateChoiceRule(rule.Not, query);
  const variablePath = typeof rule.Variable === 'string' ? rule.Variable : '$';
  const selection = resolveReference(variablePath, query);
  if (typeof rule.IsPresent === 'boolean') return selection.found === rule.IsPresent;
  if (!selection.found) {
    throw runtimeError(
      query.location,
      `Invalid path '${variablePath}': The choice state's condition path references an invalid value.`,
    );
  }
  const value = selection.value;
  for (const [operator, operand] of Object.entries(rule)) {
    if (operator === 'Variable' || operator === 'Next' || operator === 'Assign' || operator === 'Comment') continue;
    if (operator === 'Output') continue;
    const comparison = COMPARISONS[operator.replace(/Path$/, '')];
    if (!comparison) continue;
    const expected = operator.endsWith('Path') ? pathOperand(operand, query) : operand;
    return comparison(value, expected);
  }
  return false;
}

function pathOperand(operand: JsonValue, query: QueryContext): JsonValue {
  const path = String(operand);
  const selection = resolveReference(path, query);
  if (!selection.found) {
    throw runtimeError(
      query.location,
      `Invalid path '${path}': The choice state's condition path references an invalid value.`,
    );
  }
  return selection.value;
}

type Comparison = (value: JsonValue, operand: JsonValue) => boolean;

const strings =
  (test: (a: string, b: string) => boolean): Comparison =>
  (value, operand) =>
    typeof value === 'string' && typeof operand === 'string' && test(value, operand);

const numbers =
  (test: (a: number, b: number) => boolean): Comparison =>
  (value, operand) =>
    typeof value === 'number' && typeof operand === 'number' && test(value, operand);

const timestamps = convertedComparison(timestampOf);

/** The type tests take a boolean: `IsString: false` holds when the value is not a string. */
const isType =
  (test: (value: JsonValue) => boolean): Comparison =>
  (value, operand) =>
    test(value) === (operand === true);

const COMPARISONS: Record<string, Comparison> = {
  StringEquals: strings((a, b) => a === b),
  StringLessThan: strings((a, b) => a < b),
  StringGreaterThan: strings((a, b) => a > b),
  StringLessThanEquals: strings((a, b) => a <= b),
  StringGreaterThanEquals: strings((a, b) => a >= b),
  StringMatches: strings((a, pattern) => wildcardPattern(pattern).test(a)),
  NumericEquals: numbers((a, b) => a === b),
  NumericLessThan: numbers((a, b) => a < b),
  NumericGreaterThan: numbers((a, b) => a > b),
  NumericLessThanEquals: numbers((a, b) => a <= b),
  NumericGreaterThanEquals: numbers((a, b) => a >= b),
  BooleanEquals: (value, operand) => typeof value === 'boolean' && typeof operand === 'boolean' && value === operand,
  TimestampEquals: timestamps((a, b) => a === b),
  TimestampLessThan: timestamps((a, b) => a < b),
  TimestampGreaterThan: timestamps((a, b) => a > b),
  TimestampLessThanEquals: timestamps((a, b) => a <= b),
  TimestampGreaterThanEquals: timestamps((a, b) => a >= b),
  IsNull: isType((value) => value === null),
  IsNumeric: isType((value) => typeof value === 'number'),
  IsString: isType((value) => typeof value === 'string'),
  IsBoolean: isType((value) => typeof value === 'boolean'),
  IsTimestamp: isType((value) => timestampOf(value) !== undefined),
};

/** RFC 3339 timestamps with a `T`, seconds, and a zone (`Z` or an offset), as AWS accepts them. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function timestampOf(value: JsonValue | undefined): number | undefined {
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash. */
function wildcardPattern(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += escapeRegExp(pattern.charAt(index));
    } else if (char === '*') {
      source += '[\\s\\S]*';
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
