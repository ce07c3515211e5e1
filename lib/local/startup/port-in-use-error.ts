import { ClassifiedError } from '../../errors/classified-error';

/**
 * The endpoint's port is taken (another local cloud, LocalStack, any server). Said before any
 * synthesis, so nobody waits for a build that cannot run. Not retryable as it is: the port must
 * be freed, or another one chosen (`--port 0` lets the system pick a free one).
 */
export class PortInUseError extends ClassifiedError {
  readonly kind = 'conflict';
  constructor(readonly port: number) {
    super(
      `port ${port} on 127.0.0.1 is already in use (another local cloud or LocalStack?): stop that process, ` +
        `choose another port with --port <n>, or use --port 0 to let the system pick a free one`,
    );
    this.name = 'PortInUseError';
  }
}
