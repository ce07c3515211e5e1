import { CLIENT_PRINCIPAL } from '../endpoint/caller-identity';
import type { RequestGuard } from '../endpoint/local-endpoint';
import type { TraceRecorder } from '../trace';
import { AccessDeniedError } from './access-denied-error';
import type { LocalIamEnforcer } from './local-iam-enforcer';
import { requiredPermissions } from './required-permissions';
import type { ArnResolver } from './resource-references';

/**
 * Local IAM enforcement at the endpoint: every call a function makes (known by its access key
 * id) is checked against the policies attached to its role in the template — action, resource
 * ARN and conditions such as `events:source` — and refused with `AccessDeniedException` naming
 * the missing permission, as the deployed function would be. Calls from outside the app
 * (`client`) stand for the account administrator and pass.
 */
export function iamRequestGuard(
  enforcer: LocalIamEnforcer,
  resolveArn: ArnResolver,
  trace?: TraceRecorder,
): RequestGuard {
  return (request) => {
    if (request.caller.principal === CLIENT_PRINCIPAL) return;
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      return; // the service answers SerializationException itself
    }
    for (const permission of requiredPermissions(request.target, body, resolveArn) ?? []) {
      const decision = enforcer.evaluate(request.caller, permission.action, permission.resource, permission.context);
      if (decision.decision !== 'allow') {
        trace?.record({
          kind: 'access.denied',
          caller: request.caller.principal,
          action: permission.action,
          resource: permission.resource,
        });
        throw new AccessDeniedError(
          decision.principalArn,
          permission.action,
          permission.resource,
          decision.decision,
          decision.reason,
        );
      }
    }
  };
}
