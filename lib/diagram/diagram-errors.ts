import { classifiedErrorClass } from '../errors/classified-error';

/**
 * Errors of `choreo diagram`. Each says whether trying again may help, like every error of this
 * project.
 */

/** A contract's `exampleData` does not pass its own schema. Not retryable: fix the contract. */
export class InvalidExampleError extends /* @__PURE__ */ classifiedErrorClass('InvalidExampleError', 'validation') {
  constructor(
    readonly detailType: string,
    readonly issues: string,
  ) {
    super(`the example of '${detailType}' does not match its contract: ${issues}`);
  }
}

/** The project has no readable cdk.json or app command. Not retryable. */
export class CdkAppNotFoundError extends /* @__PURE__ */ classifiedErrorClass('CdkAppNotFoundError', 'validation') {
  constructor(
    readonly projectDirectory: string,
    options?: { cause?: unknown },
  ) {
    super(`no cdk.json with an 'app' command in '${projectDirectory}'`, options);
  }
}
