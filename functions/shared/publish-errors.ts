import type * as z from 'zod/mini';
import { ClassifiedError, classifiedErrorClass, type ErrorKind } from '../../lib/errors/classified-error';

/**
 * Errors the {@link EventPublisher} throws. Each says whether trying again can help, so a handler
 * knows whether to report a batch item failure (SQS redelivers) or to dead-letter the message.
 */

/** One line per zod issue, `path: message`, so a whole validation failure fits one log line. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** A detail does not match its contract (or its detail type is unknown). Sending it again cannot help. */
export class EventValidationError extends /* @__PURE__ */ classifiedErrorClass('EventValidationError', 'validation') {
  constructor(
    /** Position of the offending event in the batch given to `publish`. */
    readonly index: number,
    readonly detailType: string,
    /** The zod issues, already joined into one line. */
    readonly reason: string,
  ) {
    super(`event ${index} ('${detailType}') does not match its contract: ${reason}`);
  }
}

/** One entry is over EventBridge's 256 KB entry limit on its own, so no chunking can send it. */
export class EventTooLargeError extends /* @__PURE__ */ classifiedErrorClass('EventTooLargeError', 'validation') {
  constructor(
    readonly index: number,
    readonly detailType: string,
    readonly eventId: string,
    /** The entry size as EventBridge computes it, in bytes. */
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `event ${index} ('${detailType}', eventId '${eventId}') is ${sizeBytes} bytes, over the ${limitBytes}-byte PutEvents entry limit`,
    );
  }
}

/** An entry EventBridge did not accept, as the last attempt left it. */
export interface FailedEntry {
  readonly detailType: string;
  readonly eventId: string;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/**
 * Some entries were still not accepted after the last attempt (or the PutEvents request itself
 * failed, see `cause`). Retrying the whole batch is safe: event ids are deterministic, so the
 * entries that did get through are recognised as duplicates by their consumers.
 */
export class PublishError extends ClassifiedError {
  override readonly name = 'PublishError';
  /**
   * Transient unless every failure is one EventBridge will repeat however often it is asked
   * (access denied, not authorised for the source, malformed detail): those are bugs or
   * misconfiguration, and retrying them only delays the dead letter.
   */
  readonly kind: ErrorKind;

  constructor(
    readonly failed: readonly FailedEntry[],
    /** How many PutEvents attempts were made for the failed entries. */
    readonly attempts: number,
    options: { readonly retryable?: boolean; readonly cause?: unknown } = {},
  ) {
    const listed = failed
      .map((entry) => `'${entry.detailType}' ${entry.eventId}: ${entry.errorCode} (${entry.errorMessage})`)
      .join('; ');
    super(`${failed.length} event(s) not published after ${attempts} attempt(s): ${listed}`, { cause: options.cause });
    this.kind = (options.retryable ?? true) ? 'transient' : 'refused';
  }
}
