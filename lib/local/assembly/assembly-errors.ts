import { ClassifiedError } from '../../errors/classified-error';

/**
 * The directory is not a readable cloud assembly (no manifest.json, unreadable template).
 * Not retryable: synthesize the app again.
 */
export class InvalidCloudAssemblyError extends ClassifiedError {
  readonly kind = 'validation';
  constructor(
    readonly directory: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot read the cloud assembly in '${directory}'`, options);
    this.name = 'InvalidCloudAssemblyError';
  }
}

/** `cdk synth` failed; `output` holds the end of what it printed. Not retryable. */
export class SynthesisError extends ClassifiedError {
  readonly kind = 'validation';
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`'${command}' failed with exit code ${String(exitCode)}: ${output.trim().split('\n').slice(-5).join(' / ')}`);
    this.name = 'SynthesisError';
  }
}
