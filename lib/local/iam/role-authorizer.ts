import { accessDeniedMessage } from './access-denied-error';
import type { LocalIamEnforcer } from './local-iam-enforcer';
import { requiredPermissions } from './required-permissions';
import type { ArnResolver } from './resource-references';

/** What a role asks to do: an endpoint operation (target and body), or one action on one resource. */
export type RoleRequest =
  { readonly target: string; readonly body: unknown } | { readonly action: string; readonly resource: string };

/**
 * IAM for roles that are not functions' — a state machine's execution role, whose Tasks call
 * other services: the same permissions the endpoint's guard requires of a function making the
 * call (`requiredPermissions`), decided on the role's identity policies. Answers the refusal's
 * message, AWS's access-denied sentence, or `undefined` when allowed.
 *
 * @example new LocalStepFunctions({ ..., services: { authorize: roleAuthorizer(enforcer, localArnResolver(region)) } })
 */
export function roleAuthorizer(
  enforcer: LocalIamEnforcer,
  resolveArn: ArnResolver,
): (roleArn: string, request: RoleRequest) => { readonly message: string } | undefined {
  return (roleArn, request) => {
    const permissions =
      'target' in request
        ? (requiredPermissions(request.target, request.body, resolveArn) ?? [])
        : [{ action: request.action, resource: request.resource, context: {} }];
    for (const permission of permissions) {
      const decision = enforcer.evaluateRole(roleArn, permission.action, permission.resource, permission.context);
      if (decision.decision !== 'allow') {
        return {
          message: accessDeniedMessage(
            decision.principalArn,
            permission.action,
            permission.resource,
            decision.decision,
          ),
        };
      }
    }
    return undefined;
  };
}
