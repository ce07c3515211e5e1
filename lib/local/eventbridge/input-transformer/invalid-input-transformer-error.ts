import { ClassifiedError } from '../../../errors/classified-error';

/**
 * A target's InputPath or InputTransformer that AWS would refuse (PutTargets answers
 * `ValidationException`), or that selects nothing from the event it is applied to.
 */
export class InvalidInputTransformerError extends ClassifiedError {
  /** The error code AWS answers PutTargets with for a bad transformer. */
  readonly code = 'ValidationException';
  /** The same configuration fails the same way every time. */
  readonly kind = 'validation';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputTransformerError';
  }
}
