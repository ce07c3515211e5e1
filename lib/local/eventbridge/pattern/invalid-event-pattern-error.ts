import { ClassifiedError } from '../../../errors/classified-error';

/** The prefix AWS puts before every reason it gives for refusing an event pattern. */
export const INVALID_PATTERN_PREFIX = 'Event pattern is not valid. Reason: ';

/**
 * Thrown for a pattern AWS would reject. The message is AWS's, e.g.
 * `Event pattern is not valid. Reason: Empty arrays are not allowed`, so that a local PutRule or
 * TestEventPattern can answer with the same text as the service.
 */
export class InvalidEventPatternError extends ClassifiedError {
  /** The error code AWS answers with (PutRule, TestEventPattern). */
  readonly code = 'InvalidEventPatternException';
  /** A bad pattern stays bad: retrying cannot help. */
  readonly kind = 'validation';
  /** AWS's reason alone, without the `Event pattern is not valid. Reason: ` prefix. */
  readonly reason: string;

  constructor(reason: string) {
    super(INVALID_PATTERN_PREFIX + reason);
    this.name = 'InvalidEventPatternError';
    this.reason = reason;
  }
}
