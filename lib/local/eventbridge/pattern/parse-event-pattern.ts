import { patternComparableKey } from './comparable-number';
import { InvalidEventPatternError } from './invalid-event-pattern-error';
import { parseCidr } from './ip-address';
import type { FieldPattern, NumericBound, PatternBranch, ValueMatcher } from './pattern-ast';
import { parseWildcard, wildcardComplexity, WILDCARD_COMPLEXITY_LIMIT } from './wildcard';

/**
 * Validation and parsing of EventBridge event patterns, following aws/event-ruler's
 * JsonRuleCompiler: the same checks, in the same order, with the same reasons, so a pattern AWS
 * refuses is refused here with AWS's message. `$or` is expanded into branches as event-ruler does.
 */

/** Field names event-ruler reserves inside `$or` (operators and future operators). */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

const NUMERIC_OPERATOR_NAMES: Record<string, string> = { '=': 'equals', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

type JsonObject = Record<string, unknown>;
type MutableBranch = Map<string, FieldPattern>;

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The text Jackson would report for a token, as AWS quotes it in some reasons. */
function tokenText(value: unknown): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (isObject(value)) return '{';
  return String(value);
}

/**
 * Parses an event pattern (JSON text or an already parsed value) into its branches, throwing
 * InvalidEventPatternError with AWS's reason when AWS would refuse it.
 */
export function parseEventPattern(pattern: unknown): { readonly source: unknown; readonly branches: PatternBranch[] } {
  let source = pattern;
  if (typeof pattern === 'string') {
    try {
      source = JSON.parse(pattern);
    } catch (error) {
      fail(`Filter is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isObject(source)) fail('Filter is not an object');
  const state = { branches: [] as MutableBranch[] };
  parseObject(source, [], state, false);
  const branches = state.branches.map((branch) => [...branch.values()]);
  checkWildcardComplexity(branches);
  return { source, branches };
}

function parseObject(
  object: JsonObject,
  path: readonly string[],
  state: { branches: MutableBranch[] },
  insideOr: boolean,
): void {
  const keys = Object.keys(object);
  if (keys.length === 0) fail('Empty objects are not allowed');
  for (const key of keys) {
    const value = object[key];
    if (key === '$or') {
      parseOr(value, path, state);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key))
      fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    // EventBridge joins field names with dots, so a dotted key names the nested path.
    const keyPath = [...path, ...key.split('.')];
    if (isObject(value)) parseObject(value, keyPath, state, insideOr);
    else if (Array.isArray(value)) writeField(state, keyPath, value);
    else fail(`"${key}" must be an object or an array`);
  }
}

function parseOr(value: unknown, path: readonly string[], state: { branches: MutableBranch[] }): void {
  const current = state.branches;
  state.branches = [];
  if (!Array.isArray(value)) fail('It must be an Array followed with $or.');
  for (const alternative of value) {
    if (!isObject(alternative)) fail('Only JSON object is allowed in array of $or relationship.');
    const forked = { branches: current.length === 0 ? [new Map()] : current.map((branch) => new Map(branch)) };
    parseObject(alternative, path, forked, true);
    state.branches.push(...forked.branches);
  }
  if (value.length < 2) fail('There must have at least 2 Objects in $or relationship.');
}

function writeField(state: { branches: MutableBranch[] }, path: readonly string[], values: readonly unknown[]): void {
  const matchers = values.map(parseMatchValue);
  if (matchers.length === 0) fail('Empty arrays are not allowed');
  if (state.branches.length === 0) state.branches.push(new Map());
  const field: FieldPattern = { path, matchers };
  // A later mention of the same path replaces the earlier one, as event-ruler does by default.
  for (const branch of state.branches) branch.set(JSON.stringify(path), field);
}

function parseMatchValue(value: unknown): ValueMatcher {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null || isNumber(value)) {
    return { kind: 'exact', value };
  }
  if (isObject(value)) return parseMatchExpression(value);
  return fail('Match value must be String, number, true, false, or null');
}

function parseMatchExpression(expression: JsonObject): ValueMatcher {
  const keys = Object.keys(expression);
  const name = keys[0];
  if (name === undefined) fail('Match expression name not found');
  const matcher = parseOperator(name, expression[name]);
  // AWS checks the operand before it counts the keys, and words the count its own way for the
  // two operators whose operand is a list.
  if (keys.length > 1) {
    fail(
      name === 'numeric' || name === 'anything-but'
        ? 'Too many elements in numeric expression'
        : 'Only one key allowed in match expression',
    );
  }
  return matcher;
}

/** The matcher of one operator (`prefix`, `numeric`, ...) and its operand. */
function parseOperator(name: string, operand: unknown): ValueMatcher {
  switch (name) {
    case 'exactly':
      return { kind: 'exact', value: stringOperand(operand, 'exact match pattern must be a string') };
    case 'prefix':
    case 'suffix':
      return parseAffix(name, operand);
    case 'equals-ignore-case':
      return {
        kind: 'equals-ignore-case',
        value: stringOperand(operand, 'equals-ignore-case match pattern must be a string'),
      };
    case 'wildcard': {
      const value = stringOperand(operand, 'wildcard match pattern must be a string');
      return { kind: 'wildcard', value, segments: parseWildcard(value) };
    }
    case 'numeric':
      if (!Array.isArray(operand)) fail('Value of numeric must be an array.');
      return parseNumeric(operand);
    case 'anything-but':
      return parseAnythingBut(operand);
    case 'exists':
      if (typeof operand !== 'boolean') fail('exists match pattern must be either true or false.');
      return { kind: 'exists', value: operand };
    case 'cidr':
      // "prefix" is AWS's own copy-paste in this message; kept so the text is the service's.
      return { kind: 'cidr', range: parseCidr(stringOperand(operand, 'prefix match pattern must be a string')) };
    default:
      return fail(`Unrecognized match type ${name}`);
  }
}

function stringOperand(operand: unknown, message: string): string {
  if (typeof operand !== 'string') fail(message);
  return operand;
}

function parseAffix(name: 'prefix' | 'suffix', operand: unknown): ValueMatcher {
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    const inner = keys[0];
    const label = name === 'prefix' ? 'Prefix' : 'Suffix';
    if (inner === undefined) fail(`${label} expression name not found`);
    if (inner !== 'equals-ignore-case') fail(`Unsupported ${name} pattern: ${inner}`);
    const value = operand[inner];
    if (typeof value !== 'string') fail('equals-ignore-case match pattern must be a string');
    if (keys.length > 1) fail('Only one key allowed in match expression');
    return { kind: name, value, ignoreCase: true };
  }
  if (typeof operand !== 'string') fail(`${name} match pattern must be a string`);
  return { kind: name, value: operand, ignoreCase: false };
}

function numericValue(operatorName: string, value: unknown): number {
  if (!isNumber(value)) fail(`Value of ${operatorName} must be numeric`);
  patternComparableKey(value);
  return value;
}

function parseNumeric(terms: readonly unknown[]): ValueMatcher {
  const [first, firstValue, second, secondValue] = terms;
  if (typeof first !== 'string') fail(`Invalid member in numeric match: ${tokenText(first)}`);
  const firstName = NUMERIC_OPERATOR_NAMES[first];
  if (firstName === undefined) fail(`Unrecognized numeric range operator: ${first}`);
  const bottom = numericValue(firstName, firstValue);
  if (first === '=' || first === '<' || first === '<=') {
    if (terms.length > 2) fail('Too many elements in numeric expression');
    if (first === '=')
      return { kind: 'numeric', lower: { value: bottom, open: false }, upper: { value: bottom, open: false } };
    return { kind: 'numeric', upper: { value: bottom, open: first === '<' } };
  }
  const lower: NumericBound = { value: bottom, open: first === '>' };
  if (terms.length === 2) return { kind: 'numeric', lower };
  if (typeof second !== 'string') fail(`Bad value in numeric range: ${tokenText(second)}`);
  if (second !== '<' && second !== '<=') fail(`Bad numeric range operator: ${second}`);
  const top = numericValue(second, secondValue);
  if (terms.length > 4) fail('Too many terms in numeric range expression');
  if (patternComparableKey(bottom) >= patternComparableKey(top)) fail('Bottom must be less than top');
  return { kind: 'numeric', lower, upper: { value: top, open: second === '<' } };
}

const ANYTHING_BUT_KINDS = {
  'equals-ignore-case': 'anything-but-ignore-case',
  prefix: 'anything-but-prefix',
  suffix: 'anything-but-suffix',
  wildcard: 'anything-but-wildcard',
} as const;

function parseAnythingBut(operand: unknown): ValueMatcher {
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    const inner = keys[0];
    if (inner === undefined) fail('Anything-But expression name not found');
    if (!(inner in ANYTHING_BUT_KINDS)) fail(`Unsupported anything-but pattern: ${inner}`);
    const kind = ANYTHING_BUT_KINDS[inner as keyof typeof ANYTHING_BUT_KINDS];
    const value = operand[inner];
    if (!Array.isArray(value) && typeof value !== 'string' && !isNumber(value)) {
      fail('Value of anything-but must be an array or single string/number value.');
    }
    const values = (Array.isArray(value) ? value : [value]).map((item) => {
      if (typeof item !== 'string') {
        if (kind === 'anything-but-ignore-case') {
          fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
        }
        fail(
          kind === 'anything-but-wildcard'
            ? 'wildcard match pattern must be a string'
            : 'prefix/suffix match pattern must be a string',
        );
      }
      if ((kind === 'anything-but-prefix' || kind === 'anything-but-suffix') && item === '')
        fail('Null prefix/suffix not allowed');
      return item;
    });
    // AWS accepts an empty list here and then can never evaluate it sensibly (it would invert
    // into "every event"); refusing it is the one deliberate divergence.
    if (values.length === 0) fail('Empty arrays are not allowed');
    if (keys.length > 1) fail('Too many elements in numeric expression');
    if (kind === 'anything-but-wildcard') return { kind, values, segments: values.map(parseWildcard) };
    return { kind, values };
  }
  if (Array.isArray(operand)) {
    let hasNumber = false;
    let hasString = false;
    for (const item of operand) {
      if (typeof item === 'string') hasString = true;
      else if (isNumber(item)) {
        patternComparableKey(item);
        hasNumber = true;
      } else fail('Inside anything but list, start|null|boolean is not supported.');
    }
    if (hasNumber === hasString) {
      fail('Inside anything but list, either all values are number or string, mixed type is not supported');
    }
    return hasNumber
      ? { kind: 'anything-but', values: operand as number[], numeric: true }
      : { kind: 'anything-but', values: operand as string[], numeric: false };
  }
  if (typeof operand === 'string') return { kind: 'anything-but', values: [operand], numeric: false };
  if (isNumber(operand)) {
    patternComparableKey(operand);
    return { kind: 'anything-but', values: [operand], numeric: true };
  }
  return fail('Value of anything-but must be an array or single string/number value.');
}

/** AWS sizes the automaton of each field's wildcards (across all branches) and refuses big ones. */
function checkWildcardComplexity(branches: readonly PatternBranch[]): void {
  const byPath = new Map<string, Set<string>>();
  for (const branch of branches) {
    for (const field of branch) {
      for (const matcher of field.matchers) {
        const operands =
          matcher.kind === 'wildcard'
            ? [matcher.value]
            : matcher.kind === 'anything-but-wildcard'
              ? matcher.values
              : [];
        if (operands.length === 0) continue;
        const key = JSON.stringify(field.path);
        const set = byPath.get(key) ?? new Set<string>();
        operands.forEach((operand) => set.add(operand));
        byPath.set(key, set);
      }
    }
  }
  for (const operands of byPath.values()) {
    if (wildcardComplexity([...operands]) > WILDCARD_COMPLEXITY_LIMIT) {
      fail(
        'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
      );
    }
  }
}
