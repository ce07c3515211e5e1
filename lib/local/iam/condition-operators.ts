import { convertedComparison } from '../converted-comparison';
import { policyValues, type PolicyValue } from './policy-values';
import { compileArnPattern, compileWildcard } from './wildcard-pattern';

/** Values of the request context, by condition key (`events:source`, `aws:SourceArn`). */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

/** Whether one `Condition` block holds, and if not, which test failed. */
export interface ConditionOutcome {
  readonly holds: boolean;
  /** Why the block does not hold (`StringEquals events:source: 'shop.orders' is not 'shop.payments'`). */
  readonly reason?: string;
}

/** Compares one request value with one policy value; `undefined` policy values never match. */
type Comparison = (requestValue: string, policyValue: string) => boolean;

interface BaseOperator {
  readonly compare: Comparison;
  /**
   * A negated operator (`StringNotEquals`, `ArnNotLike`) holds when the request value matches
   * none of the policy values, and holds when the key is absent.
   */
  readonly negated: boolean;
}

function toFiniteNumber(value: string): number | undefined {
  // Number('') is 0: an empty value is no number at all.
  const number = value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function toEpochMillis(value: string): number | undefined {
  // IAM accepts ISO 8601 dates and epoch seconds.
  const time = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}

/** `<family>Equals`, `<family>NotEquals`, `<family>LessThan`, ...: the six operators of an ordered type. */
function orderedOperators(family: 'Numeric' | 'Date', convert: (value: string) => number | undefined) {
  const compared = convertedComparison(convert);
  const equals = compared((a, b) => a === b);
  return {
    [`${family}Equals`]: { compare: equals, negated: false },
    [`${family}NotEquals`]: { compare: equals, negated: true },
    [`${family}LessThan`]: { compare: compared((a, b) => a < b), negated: false },
    [`${family}LessThanEquals`]: { compare: compared((a, b) => a <= b), negated: false },
    [`${family}GreaterThan`]: { compare: compared((a, b) => a > b), negated: false },
    [`${family}GreaterThanEquals`]: { compare: compared((a, b) => a >= b), negated: false },
  } satisfies Record<string, BaseOperator>;
}

const arnMatches: Comparison = (requestValue, policyValue) => compileArnPattern(policyValue, false).test(requestValue);
const stringEquals: Comparison = (requestValue, policyValue) => requestValue === policyValue;
const stringEqualsIgnoreCase: Comparison = (requestValue, policyValue) =>
  requestValue.toLowerCase() === policyValue.toLowerCase();
const stringLike: Comparison = (requestValue, policyValue) => compileWildcard(policyValue).test(requestValue);

/** The operators by lower-case name (operator names are case-insensitive in IAM). */
const OPERATORS: ReadonlyMap<string, BaseOperator> = new Map(
  Object.entries({
    StringEquals: { compare: stringEquals, negated: false },
    StringNotEquals: { compare: stringEquals, negated: true },
    StringEqualsIgnoreCase: { compare: stringEqualsIgnoreCase, negated: false },
    StringNotEqualsIgnoreCase: { compare: stringEqualsIgnoreCase, negated: true },
    StringLike: { compare: stringLike, negated: false },
    StringNotLike: { compare: stringLike, negated: true },
    ArnEquals: { compare: arnMatches, negated: false },
    ArnLike: { compare: arnMatches, negated: false },
    ArnNotEquals: { compare: arnMatches, negated: true },
    ArnNotLike: { compare: arnMatches, negated: true },
    Bool: { compare: stringEqualsIgnoreCase, negated: false },
    ...orderedOperators('Numeric', toFiniteNumber),
    ...orderedOperators('Date', toEpochMillis),
  }).map(([name, operator]) => [name.toLowerCase(), operator]),
);

interface ParsedOperator {
  readonly setOperator?: 'foranyvalue' | 'forallvalues';
  readonly base: string;
  readonly ifExists: boolean;
}

function parseOperator(name: string): ParsedOperator {
  let rest = name.toLowerCase();
  let setOperator: ParsedOperator['setOperator'];
  const prefix = /^(foranyvalue|forallvalues):/.exec(rest);
  if (prefix) {
    setOperator = prefix[1] as ParsedOperator['setOperator'];
    rest = rest.slice(prefix[0].length);
  }
  const ifExists = rest.endsWith('ifexists');
  return { setOperator, base: ifExists ? rest.slice(0, -'ifexists'.length) : rest, ifExists };
}

/** The request's values of a key, looked up case-insensitively (IAM keys are). */
function contextValues(context: RequestContext, key: string): readonly string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(context)) {
    if (name.toLowerCase() === wanted) return typeof value === 'string' ? [value] : value;
  }
  return undefined;
}

function quote(values: readonly PolicyValue[]): string {
  return values.map((value) => (value === undefined ? '<unresolved>' : `'${value}'`)).join(', ');
}

/**
 * Evaluates a statement's `Condition` block against the request context: every operator and
 * every key in it must hold (AND); the values listed for one key are alternatives (OR), and for
 * a negated operator the request value must be none of them.
 *
 * Semantics follow the IAM reference: a missing key fails a positive operator and satisfies a
 * negated one; `...IfExists` holds when the key is missing; `ForAllValues:` holds for a missing
 * or empty key and when every request value matches; `ForAnyValue:` needs one matching value;
 * `Null` tests presence. A plain operator applied to a key with several values does not hold
 * (AWS requires a set operator for multivalued keys). An unresolved policy value matches
 * nothing; under a negated operator it makes the block fail, because the evaluator cannot show
 * that the request value differs from it. Unknown operators never hold.
 */
export function evaluateConditionBlock(condition: unknown, context: RequestContext): ConditionOutcome {
  if (condition === undefined) return { holds: true };
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    return { holds: false, reason: 'the condition block is not an object' };
  }
  for (const [operatorName, keys] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      return { holds: false, reason: `condition operator '${operatorName}' has no keys` };
    }
    for (const [key, rawValues] of Object.entries(keys as Record<string, unknown>)) {
      const outcome = evaluateOne(operatorName, key, policyValues(rawValues), contextValues(context, key));
      if (!outcome.holds) return outcome;
    }
  }
  return { holds: true };
}

function evaluateOne(
  operatorName: string,
  key: string,
  values: readonly PolicyValue[],
  requestValues: readonly string[] | undefined,
): ConditionOutcome {
  const parsed = parseOperator(operatorName);
  const fail = (why: string): ConditionOutcome => ({ holds: false, reason: `${operatorName} ${key}: ${why}` });
  const present = requestValues !== undefined;

  if (parsed.base === 'null') {
    const expectsAbsent = values.map((value) => value?.toLowerCase());
    return expectsAbsent.includes(present ? 'false' : 'true')
      ? { holds: true }
      : fail(present ? 'the key is present' : 'the key is absent');
  }
  const operator = OPERATORS.get(parsed.base);
  if (!operator) return fail('unsupported condition operator');
  if (operator.negated && values.some((value) => value === undefined)) {
    return fail(`a value is unresolved (${quote(values)})`);
  }
  const resolved = values.filter((value): value is string => value !== undefined);
  /** One request value against the policy values: any matches (positive) or none does (negated). */
  const satisfies = (requestValue: string): boolean => {
    const matched = resolved.some((value) => operator.compare(requestValue, value));
    return operator.negated ? !matched : matched;
  };

  if (parsed.setOperator === 'forallvalues') {
    if (!present || requestValues.length === 0) return { holds: true };
    const offending = requestValues.find((value) => !satisfies(value));
    return offending === undefined ? { holds: true } : fail(`'${offending}' does not match ${quote(values)}`);
  }
  if (parsed.setOperator === 'foranyvalue') {
    if (!present || requestValues.length === 0) return fail('the key is absent');
    return requestValues.some(satisfies)
      ? { holds: true }
      : fail(`no value of ${quote(requestValues)} matches ${quote(values)}`);
  }
  if (!present) {
    return parsed.ifExists || operator.negated ? { holds: true } : fail('the key is absent');
  }
  const [single, ...others] = requestValues;
  if (single === undefined || others.length > 0) {
    return fail(`the key has ${requestValues.length} values; a multivalued key needs ForAnyValue: or ForAllValues:`);
  }
  return satisfies(single) ? { holds: true } : fail(`'${single}' does not match ${quote(values)}`);
}
