import { ClassifiedError, classifiedErrorClass, isRetryable } from '../../../lib/errors/classified-error';
import { ConcurrentUpdateError } from '../../../functions/shared/store-errors';
import { UnknownDetailTypeError } from '../../../functions/shared/message-errors';
import { PublishError } from '../../../functions/shared/publish-errors';
import { ConfigurationError } from '../../../functions/shared/runtime-config';

describe('isRetryable', () => {
  it('retries a transient error and a deployment that lacks a variable', () => {
    expect(isRetryable(new ConcurrentUpdateError('order#1', 3))).toBe(true);
    expect(isRetryable(new ConfigurationError(['TABLE_NAME']))).toBe(true);
  });

  it('does not retry an input that can never be valid', () => {
    expect(isRetryable(new UnknownDetailTypeError('OrderTeleported'))).toBe(false);
  });

  it('follows what AWS answered for a publish error', () => {
    expect(isRetryable(new PublishError([], 4))).toBe(true);
    expect(isRetryable(new PublishError([], 4, { retryable: false }))).toBe(false);
  });

  it('treats an error that is not classified, an sdk error included, as transient', () => {
    const sdkError = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(isRetryable(sdkError)).toBe(true);
    expect(isRetryable('a thrown string')).toBe(true);
  });

  it('exposes retryable on the error itself, derived from its kind', () => {
    class ExampleRefusal extends ClassifiedError {
      override readonly name = 'ExampleRefusal';
      readonly kind = 'refused';
    }
    expect(new ExampleRefusal('no')).toMatchObject({ name: 'ExampleRefusal', kind: 'refused', retryable: false });
  });
});

describe('classifiedErrorClass', () => {
  class ExampleThrottle extends classifiedErrorClass('ExampleThrottle', 'transient') {
    constructor(
      readonly key: string,
      cause?: unknown,
    ) {
      super(`'${key}' throttled`, { cause });
    }
  }

  it('gives the class its name and kind, and retryable from the kind', () => {
    const cause = new Error('Rate exceeded');
    const error = new ExampleThrottle('order#1', cause);
    expect(error).toMatchObject({ name: 'ExampleThrottle', kind: 'transient', retryable: true, key: 'order#1' });
    expect(error.message).toBe("'order#1' throttled");
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe("ExampleThrottle: 'order#1' throttled");
  });

  it('makes an error every check of the taxonomy recognises', () => {
    const error = new ExampleThrottle('order#1');
    expect(error).toBeInstanceOf(ExampleThrottle);
    expect(error).toBeInstanceOf(ClassifiedError);
    expect(error).toBeInstanceOf(Error);
    expect(isRetryable(error)).toBe(true);
  });

  it('keeps the name it is given whatever the class is called, as a minified bundle renames classes', () => {
    const Renamed = class extends classifiedErrorClass('MissingRecordError', 'transient') {};
    expect(new Renamed('record missing').name).toBe('MissingRecordError');
  });
});
