/**
 * Props or context that cannot describe a valid deployment. Synthesizing again with the same
 * input fails the same way, so it is never retryable: fix the value it quotes.
 */
export class InvalidInfraConfigError extends Error {
  override readonly name = 'InvalidInfraConfigError';
  readonly retryable = false;
}
