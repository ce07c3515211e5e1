import type { ParameterErrors } from './request-params';

/**
 * AWS's wording for one member that fails one constraint, shared by the services built on AWS's
 * common request validation (EventBridge, Step Functions, CloudWatch Logs, Scheduler, Pipes,
 * DynamoDB): `1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: ...`.
 * A `null` value is written bare (`Value null`), as AWS writes a missing member.
 */
export function validationMessage(member: string, value: string | null, constraint: string): string {
  const shown = value === null ? 'null' : `'${value}'`;
  return `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`;
}

/** How `validationParameterErrors` writes a member's name (EventBridge lower-cases its first letter). */
export type MemberNaming = (name: string) => string;

/**
 * The `ParameterErrors` of a JSON API that answers missing and mistyped members with the
 * validation message, as the service's own error (`toError`).
 */
export function validationParameterErrors(
  toError: (message: string) => Error,
  memberName: MemberNaming = (name) => name,
): ParameterErrors {
  return {
    missing: (name) => toError(validationMessage(memberName(name), null, 'Member must not be null')),
    invalid: (name, value, expected) =>
      toError(
        validationMessage(
          memberName(name),
          JSON.stringify(value)?.slice(0, 100) ?? String(value),
          `Member must be ${expected}`,
        ),
      ),
  };
}
