import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { hashAlgorithmOf } from '../hash-algorithm';
import { isJsonObject, type JsonValue } from '../json';
import { queryEvaluationError, StatesError } from '../states-error';
import type { QueryContext } from './query-context';

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** Whether a string is a JSONata expression (`{% ... %}`). */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value);
}

/**
 * Evaluates a field of a JSONata state: any string `{% expr %}` in it (the whole field, an
 * object member, an array element) is replaced by the expression's value; everything else is
 * literal. `field` names the field for AWS's causes (`Arguments/Input/pushLocation`).
 */
export async function evaluateJsonataTemplate(
  template: JsonValue,
  field: string,
  query: QueryContext,
): Promise<JsonValue> {
  if (typeof template === 'string') {
    return isJsonataExpression(template) ? evaluateJsonata(template, field, query) : template;
  }
  if (Array.isArray(template)) {
    const items: JsonValue[] = [];
    for (const [index, item] of template.entries()) {
      items.push(await evaluateJsonataTemplate(item, `${field}/${index}`, query));
    }
    return items;
  }
  if (isJsonObject(template)) {
    const result: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(template)) {
      result[key] = await evaluateJsonataTemplate(value, `${field}/${key}`, query);
    }
    return result;
  }
  return template;
}

/**
 * Evaluates one `{% expr %}` with `$states` and the workflow variables bound, plus the
 * functions Step Functions adds (`$partition`, `$range`, `$hash`, `$random`, `$uuid`,
 * `$parse`); `$eval` is not available (developer guide, "Transforming data with JSONata").
 * @throws StatesError States.QueryEvaluationError
 */
export async function evaluateJsonata(text: string, field: string, query: QueryContext): Promise<JsonValue> {
  const expression = (EXPRESSION.exec(text)?.[1] ?? '').trim();
  let compiled: jsonata.Expression;
  try {
    compiled = compile(expression);
  } catch (error) {
    throw queryEvaluationError(
      query.location,
      `The JSONata expression '${expression}' specified for the field '${field}' is not valid: ${messageOf(error)}`,
    );
  }
  let value: unknown;
  try {
    value = await compiled.evaluate(query.states.input, bindingsOf(query));
  } catch (error) {
    if (error instanceof StatesError) throw error;
    throw queryEvaluationError(
      query.location,
      `The JSONata expression '${expression}' specified for the field '${field}' threw an error during evaluation. ${messageOf(error)}`,
    );
  }
  if (value === undefined) {
    throw queryEvaluationError(
      query.location,
      `The JSONata expression '${expression}' specified for the field '${field}' returned nothing (undefined).`,
    );
  }
  if (typeof value === 'function' || (typeof value === 'number' && !Number.isFinite(value))) {
    throw queryEvaluationError(
      query.location,
      `The JSONata expression '${expression}' specified for the field '${field}' returned an unsupported result type.`,
    );
  }
  // Sequences and other JSONata-internal shapes become plain JSON.
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

const compiled = new Map<string, jsonata.Expression>();

function compile(expression: string): jsonata.Expression {
  const cached = compiled.get(expression);
  if (cached) return cached;
  const fresh = jsonata(expression);
  compiled.set(expression, fresh);
  return fresh;
}

function bindingsOf(query: QueryContext): Record<string, unknown> {
  return {
    ...query.variables.all(),
    states: {
      input: query.states.input,
      context: query.states.context,
      ...(query.states.result !== undefined ? { result: query.states.result } : {}),
      ...(query.states.errorOutput !== undefined ? { errorOutput: query.states.errorOutput } : {}),
    },
    partition: (array: unknown, size: unknown) => {
      if (!Array.isArray(array)) throw new Error('$partition: the first argument must be an array');
      if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
        throw new Error('$partition: the chunk size must be a positive integer');
      }
      const chunks: unknown[][] = [];
      for (let start = 0; start < array.length; start += size) chunks.push(array.slice(start, start + size));
      return chunks;
    },
    range: (start: unknown, end: unknown, step: unknown) => {
      if (![start, end, step].every((value) => typeof value === 'number' && Number.isInteger(value))) {
        throw new Error('$range: the arguments must be integers');
      }
      const [first, last, by] = [start, end, step] as [number, number, number];
      if (by === 0) throw new Error('$range: the step must not be 0');
      const values: number[] = [];
      for (let value = first; by > 0 ? value <= last : value >= last; value += by) {
        values.push(value);
        if (values.length > 1000) throw new Error('$range: the array cannot have more than 1000 items');
      }
      return values;
    },
    hash: (data: unknown, algorithm: unknown) => {
      const name = hashAlgorithmOf(algorithm);
      if (name === undefined) throw new Error(`$hash: unsupported algorithm '${String(algorithm)}'`);
      if (typeof data !== 'string') throw new Error('$hash: the data must be a string');
      return createHash(name).update(data, 'utf8').digest('hex');
    },
    random: () => query.random(),
    uuid: () => randomUUID(),
    parse: (text: unknown) => {
      if (typeof text !== 'string') throw new Error('$parse: the argument must be a string');
      return JSON.parse(text) as unknown;
    },
    eval: () => {
      throw new Error('$eval is not supported by Step Functions; use $parse');
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
