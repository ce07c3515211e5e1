import { runtimeNoLongerSupportedMessage } from './lambda-runtimes';
import { ClassifiedError } from '../../errors/classified-error';

/** A function of the app that AWS would refuse to create because of its runtime. */
export interface RefusedFunction {
  readonly functionName: string;
  /** `Stack/LogicalId`. */
  readonly resource: string;
  readonly runtime: string;
}

/**
 * The app declares functions on runtimes AWS no longer lets anyone create or update: a deploy
 * would fail with `InvalidParameterValueException`, so the local cloud refuses to start too
 * (unless told to allow them). Not retryable: change the runtime.
 */
export class DeprecatedRuntimeError extends ClassifiedError {
  readonly kind = 'validation';
  readonly code = 'InvalidParameterValueException';
  constructor(readonly refused: readonly RefusedFunction[]) {
    const lines = refused.map(
      (entry) => `  ${entry.resource} (${entry.functionName}): ${runtimeNoLongerSupportedMessage(entry.runtime)}`,
    );
    super(
      [
        `${refused.length} function(s) use a runtime AWS no longer accepts (InvalidParameterValueException):`,
        ...lines,
        'Use a supported runtime, or start with --allow-deprecated-runtimes to run them anyway.',
      ].join('\n'),
    );
    this.name = 'DeprecatedRuntimeError';
  }
}
