import type { RequestParams } from '../../endpoint/request-params';
import { md5OfMessageAttributes, type MessageAttributes, type MessageAttributeValue } from '../message-attributes';
import { InvalidParameterValueError } from '../sqs-errors';

/** A message attribute as the JSON protocol carries it (binary values base64). */
export interface WireMessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** Reads `MessageAttributes` from a request into SQS's in-memory form. */
export function readMessageAttributes(params: RequestParams, name = 'MessageAttributes'): MessageAttributes {
  const map = params.optionalObjectMap(name) ?? {};
  // Keyed by the sender's names: no prototype, so `__proto__` is a name like any other.
  const attributes: Record<string, MessageAttributeValue> = Object.create(null) as Record<
    string,
    MessageAttributeValue
  >;
  for (const [attributeName, value] of Object.entries(map)) {
    const dataType = value.string('DataType');
    const stringValue = value.optionalString('StringValue');
    const binaryValue = value.optionalString('BinaryValue');
    if (value.raw.StringListValues !== undefined || value.raw.BinaryListValues !== undefined) {
      throw new InvalidParameterValueError(`message attribute list values are not supported: '${attributeName}'`);
    }
    attributes[attributeName] = {
      DataType: dataType,
      ...(stringValue !== undefined ? { StringValue: stringValue } : {}),
      ...(binaryValue !== undefined ? { BinaryValue: Buffer.from(binaryValue, 'base64') } : {}),
    };
  }
  return attributes;
}

/**
 * The attributes a ReceiveMessage asked for: `All`, `*` or `.*` for every one, `prefix.*` for
 * those whose names start with `prefix`, or exact names (AWS-validated snapshot
 * test_receive_message_message_attribute_names_filters: `Hel.*` selects `Hello` and `Help.Me`).
 */
export function selectMessageAttributes(
  attributes: MessageAttributes,
  requested: readonly string[],
): MessageAttributes {
  const selected: Record<string, MessageAttributeValue> = Object.create(null) as Record<string, MessageAttributeValue>;
  for (const [name, value] of Object.entries(attributes)) {
    const wanted = requested.some(
      (pattern) =>
        pattern === 'All' ||
        pattern === '*' ||
        pattern === '.*' ||
        pattern === name ||
        (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -2))),
    );
    if (wanted) selected[name] = value;
  }
  return selected;
}

/** Writes message attributes for a response, with the MD5 of exactly what is returned. */
export function writeMessageAttributes(attributes: MessageAttributes): {
  MessageAttributes?: Record<string, WireMessageAttributeValue>;
  MD5OfMessageAttributes?: string;
} {
  const names = Object.keys(attributes);
  if (names.length === 0) {
    return {};
  }
  const wire: Record<string, WireMessageAttributeValue> = Object.create(null) as Record<
    string,
    WireMessageAttributeValue
  >;
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    wire[name] = {
      DataType: value.DataType,
      ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { BinaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
    };
  }
  return { MessageAttributes: wire, MD5OfMessageAttributes: md5OfMessageAttributes(attributes) };
}
