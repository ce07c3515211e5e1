import { parseArn } from '../arn';
import {
  InvalidExecutionInputError,
  InvalidExecutionNameError,
  InvalidStepFunctionsArnError,
} from './stepfunctions-errors';

/** The largest execution input AWS accepts: 256 KiB of UTF-8. */
export const MAX_EXECUTION_INPUT_BYTES = 256 * 1024;

/** Whitespace, brackets, wildcards and special characters AWS refuses in names. */
const INVALID_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

/** Control characters (U+0000-U+001F, U+007F-U+009F), also refused. */
function hasControlCharacter(name: string): boolean {
  return [...name].some((character) => {
    const code = character.codePointAt(0) ?? 0;
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });
}

/**
 * Checks an execution name as AWS does: 1 to 80 characters, none of the refused ones.
 * @throws InvalidExecutionNameError
 */
export function assertExecutionName(name: string): void {
  if (name.length < 1 || name.length > 80 || INVALID_NAME_CHARACTERS.test(name) || hasControlCharacter(name)) {
    throw new InvalidExecutionNameError(name);
  }
}

/**
 * Checks an execution input: JSON text of at most 256 KiB.
 * @throws InvalidExecutionInputError
 */
export function assertExecutionInput(input: string): void {
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes > MAX_EXECUTION_INPUT_BYTES) {
    throw new InvalidExecutionInputError(
      `Execution input is larger than the maximum of ${MAX_EXECUTION_INPUT_BYTES} bytes: '${bytes}'`,
    );
  }
  try {
    JSON.parse(input);
  } catch {
    throw new InvalidExecutionInputError(`Invalid State Machine Execution Input: '${input.slice(0, 100)}'`);
  }
}

/**
 * Checks that an ARN is a Step Functions ARN of the given resource kind (`stateMachine`, or
 * `execution` / `express` for executions).
 * @throws InvalidStepFunctionsArnError
 */
export function assertStatesArn(arn: string, kinds: readonly string[]): void {
  let valid = false;
  try {
    const parsed = parseArn(arn);
    const [kind, name] = parsed.resource.split(':');
    valid = parsed.service === 'states' && kinds.includes(kind ?? '') && !!name;
  } catch {
    valid = false;
  }
  if (!valid) throw new InvalidStepFunctionsArnError(arn);
}
