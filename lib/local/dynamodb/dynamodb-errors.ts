import type { DynaliteError, WireItem } from 'dynalite/db';
import { ClassifiedError, type ErrorKind } from '../../errors/classified-error';
import { kindOfAwsError } from '../endpoint/aws-service-error';

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810';
const CORAL_SERVICE = 'com.amazon.coral.service';
const CORAL_VALIDATE = 'com.amazon.coral.validate';

/** One entry of `TransactionCanceledException.CancellationReasons`, as AWS sends it. */
export interface CancellationReason {
  readonly Code: 'None' | 'ConditionalCheckFailed' | 'ValidationError' | 'TransactionConflict';
  readonly Message?: string;
  readonly Item?: WireItem;
}

/**
 * An error the DynamoDB API answers with: `type` is the wire `__type`
 * (`com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException`), `members` any extra body
 * members (`Item`, `CancellationReasons`). The SDK turns it into its typed exception.
 */
export class DynamoDbApiError extends ClassifiedError {
  override readonly name = 'DynamoDbApiError';
  readonly kind: ErrorKind;
  /** AWS omits the message of some errors (UnknownOperationException). */
  private readonly hasMessage: boolean;

  constructor(
    readonly type: string,
    message: string | undefined,
    readonly statusCode = 400,
    readonly members: Readonly<Record<string, unknown>> = {},
    /** Some AWS exceptions spell the member `Message` (TransactionCanceledException). */
    private readonly messageMember: 'message' | 'Message' = 'message',
  ) {
    super(message ?? type);
    this.hasMessage = message !== undefined;
    this.kind = kindOfAwsError(this.code, statusCode);
  }

  /** The exception name without its namespace (`ValidationException`). */
  get code(): string {
    return this.type.slice(this.type.indexOf('#') + 1);
  }

  /** The JSON body AWS would send. */
  toBody(): Record<string, unknown> {
    return {
      __type: this.type,
      ...(this.hasMessage ? { [this.messageMember]: this.message } : {}),
      ...this.members,
    };
  }

  static validation(message: string): DynamoDbApiError {
    return new DynamoDbApiError(`${CORAL_VALIDATE}#ValidationException`, message);
  }

  static serialization(message?: string): DynamoDbApiError {
    return new DynamoDbApiError(`${CORAL_SERVICE}#SerializationException`, message);
  }

  static unknownOperation(): DynamoDbApiError {
    return new DynamoDbApiError(`${CORAL_SERVICE}#UnknownOperationException`, undefined);
  }

  static resourceNotFound(message = 'Requested resource not found'): DynamoDbApiError {
    return new DynamoDbApiError(`${DYNAMODB}#ResourceNotFoundException`, message);
  }

  static conditionalCheckFailed(item?: WireItem): DynamoDbApiError {
    return new DynamoDbApiError(
      `${DYNAMODB}#ConditionalCheckFailedException`,
      'The conditional request failed',
      400,
      item ? { Item: item } : {},
    );
  }

  /** AWS's cancellation: one reason per transaction item, in request order. */
  static transactionCanceled(reasons: readonly CancellationReason[]): DynamoDbApiError {
    const codes = reasons.map((reason) => reason.Code).join(', ');
    return new DynamoDbApiError(
      `${DYNAMODB}#TransactionCanceledException`,
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
      400,
      { CancellationReasons: reasons },
      'Message',
    );
  }

  static idempotentParameterMismatch(): DynamoDbApiError {
    return new DynamoDbApiError(
      `${DYNAMODB}#IdempotentParameterMismatchException`,
      'The request uses the same client token as a previous, but non-identical request.',
    );
  }

  static transactionInProgress(): DynamoDbApiError {
    return new DynamoDbApiError(
      `${DYNAMODB}#TransactionInProgressException`,
      'The transaction with the given request token is already in progress.',
    );
  }

  static internal(message: string): DynamoDbApiError {
    return new DynamoDbApiError(`${DYNAMODB}#InternalServerError`, message, 500);
  }

  /** Converts dynalite's `{ statusCode, body }` errors; anything else is an internal error. */
  static from(error: unknown): DynamoDbApiError {
    if (error instanceof DynamoDbApiError) return error;
    const dynaliteError = error as DynaliteError | undefined;
    if (dynaliteError?.statusCode && dynaliteError.body?.__type) {
      const { __type, message, Message, ...members } = dynaliteError.body as DynaliteError['body'] &
        Record<string, unknown>;
      return new DynamoDbApiError(
        __type,
        message ?? Message,
        dynaliteError.statusCode,
        members,
        Message !== undefined && message === undefined ? 'Message' : 'message',
      );
    }
    return DynamoDbApiError.internal(error instanceof Error ? error.message : String(error));
  }
}

/** The local DynamoDB could not open its store (a data directory in use by another process). */
export class LocalDynamoDbStartError extends ClassifiedError {
  override readonly name = 'LocalDynamoDbStartError';
  readonly kind = 'conflict';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A table spec (from a template) that cannot be created. */
export class InvalidTableSpecError extends ClassifiedError {
  override readonly name = 'InvalidTableSpecError';
  readonly kind = 'validation';
}

/**
 * A table kept in the data directory has another key schema or other indexes than the spec now
 * asks for; the local cloud does not migrate data, so the caller must clear the directory.
 */
export class TableSchemaMismatchError extends ClassifiedError {
  override readonly name = 'TableSchemaMismatchError';
  readonly kind = 'conflict';
}
