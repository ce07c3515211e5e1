import { createHash, randomUUID } from 'node:crypto';
import { HASH_ALGORITHMS, hashAlgorithmOf } from '../hash-algorithm';
import { isJsonObject, jsonEquals, type JsonValue } from '../json';

/**
 * The intrinsic functions of Amazon States Language, as the Step Functions developer guide
 * ("Intrinsic functions") defines them. Each takes evaluated arguments and returns a value,
 * or throws an `IntrinsicFailure` with what was wrong.
 */
export class IntrinsicFailure extends Error {}

type IntrinsicFunction = (args: readonly JsonValue[], random: () => number) => JsonValue;

const ARRAY_RANGE_LIMIT = 1000;
const BASE64_LIMIT = 10_000;
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

export const INTRINSIC_FUNCTIONS: Readonly<Record<string, IntrinsicFunction>> = {
  'States.Format': (args) => {
    const [template, ...values] = args;
    if (typeof template !== 'string') throw new IntrinsicFailure('the first argument must be a string template');
    const pieces = splitTemplate(template);
    if (pieces.length - 1 !== values.length) {
      throw new IntrinsicFailure(
        `the template has ${pieces.length - 1} placeholders but ${values.length} arguments were given`,
      );
    }
    return pieces.reduce((text, piece, index) => {
      if (index === 0) return piece;
      const value = values[index - 1];
      if (typeof value === 'object' && value !== null) {
        throw new IntrinsicFailure('the arguments must be strings, numbers, booleans or null');
      }
      return text + String(value) + piece;
    }, '');
  },
  'States.StringToJson': (args) => {
    const [text] = exactly(args, 1);
    if (typeof text !== 'string') throw new IntrinsicFailure('the argument must be a string');
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      throw new IntrinsicFailure(`'${text}' is not valid JSON`);
    }
  },
  'States.JsonToString': (args) => JSON.stringify(exactly(args, 1)[0]),
  'States.Array': (args) => [...args],
  'States.ArrayPartition': (args) => {
    const [array, size] = exactly(args, 2);
    const list = arrayArgument(array);
    const chunk = integerArgument(size, 'chunk size');
    if (chunk <= 0) throw new IntrinsicFailure('the chunk size must be greater than 0');
    const chunks: JsonValue[] = [];
    for (let start = 0; start < list.length; start += chunk) chunks.push(list.slice(start, start + chunk));
    return chunks;
  },
  'States.ArrayContains': (args) => {
    const [array, value] = exactly(args, 2);
    return arrayArgument(array).some((item) => jsonEquals(item, value));
  },
  'States.ArrayRange': (args) => {
    const [first, last, step] = exactly(args, 3).map((arg, index) =>
      integerArgument(arg, ['start', 'end', 'step'][index] ?? 'argument'),
    ) as [number, number, number];
    if (step === 0) throw new IntrinsicFailure('the step must not be 0');
    const values: number[] = [];
    for (let value = first; step > 0 ? value <= last : value >= last; value += step) {
      values.push(value);
      if (values.length > ARRAY_RANGE_LIMIT) {
        throw new IntrinsicFailure(`the array cannot have more than ${ARRAY_RANGE_LIMIT} items`);
      }
    }
    return values;
  },
  'States.ArrayGetItem': (args) => {
    const [array, index] = exactly(args, 2);
    const list = arrayArgument(array);
    const position = integerArgument(index, 'index');
    if (position < 0 || position >= list.length) {
      throw new IntrinsicFailure(`the index ${position} is out of bounds for an array of ${list.length} items`);
    }
    return list[position] as JsonValue;
  },
  'States.ArrayLength': (args) => arrayArgument(exactly(args, 1)[0]).length,
  'States.ArrayUnique': (args) => {
    const unique: JsonValue[] = [];
    for (const item of arrayArgument(exactly(args, 1)[0])) {
      if (!unique.some((kept) => jsonEquals(kept, item))) unique.push(item);
    }
    return unique;
  },
  'States.Base64Encode': (args) => {
    const [text] = exactly(args, 1);
    if (typeof text !== 'string') throw new IntrinsicFailure('the argument must be a string');
    if (text.length > BASE64_LIMIT) throw new IntrinsicFailure(`the input cannot exceed ${BASE64_LIMIT} characters`);
    return Buffer.from(text, 'utf8').toString('base64');
  },
  'States.Base64Decode': (args) => {
    const [text] = exactly(args, 1);
    if (typeof text !== 'string') throw new IntrinsicFailure('the argument must be a string');
    if (text.length > BASE64_LIMIT) throw new IntrinsicFailure(`the input cannot exceed ${BASE64_LIMIT} characters`);
    return Buffer.from(text, 'base64').toString('utf8');
  },
  'States.Hash': (args) => {
    const [data, algorithm] = exactly(args, 2);
    const name = hashAlgorithmOf(algorithm);
    if (name === undefined) {
      throw new IntrinsicFailure(
        `the hashing algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}, got '${String(algorithm)}'`,
      );
    }
    if (data === null) throw new IntrinsicFailure('the data to hash must not be null');
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return createHash(name).update(text, 'utf8').digest('hex');
  },
  'States.JsonMerge': (args) => {
    const [left, right, deep] = exactly(args, 3);
    if (!isJsonObject(left) || !isJsonObject(right)) throw new IntrinsicFailure('the arguments must be JSON objects');
    if (deep !== false)
      throw new IntrinsicFailure('only shallow merges are supported: the third argument must be false');
    return { ...left, ...right };
  },
  'States.MathRandom': (args, random) => {
    if (args.length !== 2 && args.length !== 3)
      throw new IntrinsicFailure(`expected 2 or 3 arguments, got ${args.length}`);
    const start = integerArgument(args[0], 'start');
    const end = integerArgument(args[1], 'end');
    if (args.length === 3) integerArgument(args[2], 'seed');
    return start + Math.floor(random() * (end - start));
  },
  'States.MathAdd': (args) => {
    const [a, b] = exactly(args, 2).map((value) => {
      if (typeof value !== 'number') throw new IntrinsicFailure('the arguments must be numbers');
      // "If you specify a non-integer value for one or both the arguments, Step Functions will
      // round it off to the nearest integer" (developer guide, States.MathAdd).
      const rounded = Math.round(value);
      if (rounded < INT_MIN || rounded > INT_MAX) {
        throw new IntrinsicFailure(`the arguments must be between ${INT_MIN} and ${INT_MAX}`);
      }
      return rounded;
    }) as [number, number];
    return a + b;
  },
  'States.StringSplit': (args) => {
    const [text, delimiters] = exactly(args, 2);
    if (typeof text !== 'string' || typeof delimiters !== 'string') {
      throw new IntrinsicFailure('the arguments must be strings');
    }
    // Each character of the second argument is a delimiter; empty pieces are dropped.
    const pieces: string[] = [];
    let current = '';
    for (const char of text) {
      if (delimiters.includes(char)) {
        if (current !== '') pieces.push(current);
        current = '';
      } else {
        current += char;
      }
    }
    if (current !== '') pieces.push(current);
    return pieces;
  },
  'States.UUID': (args) => {
    exactly(args, 0);
    return randomUUID();
  },
};

/** Splits a Format template at its `{}` placeholders (escaped braces were unescaped by the parser). */
function splitTemplate(template: string): string[] {
  return template.split('{}');
}

function exactly(args: readonly JsonValue[], count: number): JsonValue[] {
  if (args.length !== count) {
    throw new IntrinsicFailure(`expected ${count} argument${count === 1 ? '' : 's'}, got ${args.length}`);
  }
  return [...args];
}

function arrayArgument(value: JsonValue | undefined): JsonValue[] {
  if (!Array.isArray(value)) throw new IntrinsicFailure(`expected an array, got '${JSON.stringify(value)}'`);
  return value;
}

function integerArgument(value: JsonValue | undefined, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new IntrinsicFailure(`the ${what} must be an integer, got '${JSON.stringify(value)}'`);
  }
  return value;
}
