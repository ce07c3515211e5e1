import { createHash } from 'node:crypto';
import { InvalidParameterValueError } from './sqs-errors';

/** A message attribute as SQS holds it; binary values as bytes (base64 only on the wire). */
export interface MessageAttributeValue {
  /** `String`, `Number` or `Binary`, optionally with a custom label: `String.json`. */
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Uint8Array;
}

export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

/** At most this many message attributes per message (AWS quota). */
export const MAX_MESSAGE_ATTRIBUTES = 10;

const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The base type of a data type: `String.json` → `String`. */
export function baseDataType(dataType: string): string {
  return dataType.split('.')[0] ?? dataType;
}

/**
 * Checks message attributes the way SQS does (names, data types, non-empty values of the right
 * kind, at most 10); throws `InvalidParameterValueError` quoting the offending attribute.
 */
export function validateMessageAttributes(attributes: MessageAttributes): void {
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw new InvalidParameterValueError(
      `number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}]`,
    );
  }
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    const lower = name.toLowerCase();
    if (
      !NAME.test(name) ||
      name.includes('..') ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      lower.startsWith('aws.') ||
      lower.startsWith('amazon.')
    ) {
      throw new InvalidParameterValueError(`message attribute name '${name}' is invalid`);
    }
    const base = baseDataType(value.DataType ?? '');
    if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
      throw new InvalidParameterValueError(
        `the type of message (user) attribute '${name}' is invalid: '${String(value.DataType)}'`,
      );
    }
    if (base === 'Binary') {
      if (value.BinaryValue === undefined || value.BinaryValue.length === 0) {
        throw new InvalidParameterValueError(
          `message (user) attribute '${name}' must contain a non-empty value of type 'Binary'`,
        );
      }
    } else if (value.StringValue === undefined || value.StringValue === '') {
      throw new InvalidParameterValueError(
        `message (user) attribute '${name}' must contain a non-empty value of type '${base}'`,
      );
    } else if (base === 'Number' && !NUMBER.test(value.StringValue)) {
      throw new InvalidParameterValueError(
        `can't cast the value of message (user) attribute '${name}' to a number: '${value.StringValue}'`,
      );
    }
  }
}

/** How many bytes message attributes add to a message's size (names, types and values). */
export function messageAttributesSize(attributes: MessageAttributes): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size += value.BinaryValue ? value.BinaryValue.length : Buffer.byteLength(value.StringValue ?? '');
  }
  return size;
}

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

/**
 * `MD5OfMessageAttributes` exactly as SQS computes it: for each attribute, sorted by name, the
 * length-prefixed (4-byte big-endian) UTF-8 name and data type, one transport byte (1 string,
 * 2 binary) and the length-prefixed value; the hex MD5 of all of it. Undefined when there are
 * no attributes (SQS then leaves the field out).
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) {
    return undefined;
  }
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(value.DataType, 'utf8')));
    if (value.BinaryValue !== undefined) {
      hash.update(Buffer.of(BINARY_TRANSPORT));
      hash.update(lengthPrefixed(Buffer.from(value.BinaryValue)));
    } else {
      hash.update(Buffer.of(STRING_TRANSPORT));
      hash.update(lengthPrefixed(Buffer.from(value.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}

/** The hex MD5 of a message body, as `MD5OfMessageBody` / `MD5OfBody`. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}
