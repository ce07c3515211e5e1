import { ClassifiedError } from '../errors/classified-error';

/**
 * Props or context that cannot describe a valid deployment. Synthesizing again with the same
 * input fails the same way, so it is never retryable: fix the value it quotes.
 */
export class InvalidInfraConfigError extends ClassifiedError {
  override readonly name = 'InvalidInfraConfigError';
  readonly kind = 'validation';
}
