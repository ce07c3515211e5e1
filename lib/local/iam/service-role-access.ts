import type { AppModel, RoleModel } from '../assembly/app-model';
import { AccessDeniedError } from './access-denied-error';
import { evaluateAccess } from './evaluate-access';

/**
 * IAM for the roles services assume on the app's behalf (an EventBridge Scheduler schedule's
 * target role, a pipe's role): the role must trust the service principal
 * (`scheduler.amazonaws.com`, `pipes.amazonaws.com`) and its identity policies must allow each
 * call the service makes for it. A role the app does not define has no policies: it is refused
 * (fail closed), as an unknown function is.
 *
 * @example
 * const access = new ServiceRoleAccess(model);
 * access.check(roleArn, 'scheduler.amazonaws.com', 'sqs:SendMessage', queueArn); // throws AccessDeniedError
 */
export class ServiceRoleAccess {
  private readonly roles: ReadonlyMap<string, RoleModel>;

  constructor(
    model: Pick<AppModel, 'roles' | 'accountId'>,
    private readonly enabled = true,
  ) {
    this.roles = new Map(model.roles.map((role) => [role.arn, role]));
  }

  /** Returns when `roleArn`, assumed by `servicePrincipal`, may do `action` on `resource`. @throws AccessDeniedError */
  check(roleArn: string, servicePrincipal: string, action: string, resource: string): void {
    if (!this.enabled) return;
    const role = this.roles.get(roleArn);
    const roleName = role?.name ?? roleArn.split('/').pop() ?? 'unknown';
    const principalArn = `arn:aws:sts::${roleArn.split(':')[4] ?? '000000000000'}:assumed-role/${roleName}/${servicePrincipal.split('.')[0] ?? 'service'}`;
    if (!role) {
      throw new AccessDeniedError(
        principalArn,
        action,
        resource,
        'implicit-deny',
        `role '${roleArn}' is not in the app`,
      );
    }
    if (role.assumeRolePolicy && !trusts(role, servicePrincipal)) {
      throw new AccessDeniedError(
        principalArn,
        'sts:AssumeRole',
        roleArn,
        'implicit-deny',
        `the trust policy of role '${role.name}' does not let ${servicePrincipal} assume it`,
      );
    }
    const decision = evaluateAccess(
      role.policies.map((policy) => policy.document),
      { action, resource },
    );
    if (decision.decision !== 'allow') {
      throw new AccessDeniedError(principalArn, action, resource, decision.decision, decision.reason);
    }
  }
}

function trusts(role: RoleModel, servicePrincipal: string): boolean {
  return (role.assumeRolePolicy?.Statement ?? []).some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const actions = [statement.Action ?? []].flat();
    if (!actions.some((action) => action === 'sts:AssumeRole' || action === 'sts:*' || action === '*')) return false;
    const principal = statement.Principal as { Service?: string | string[] } | string | undefined;
    if (principal === '*') return true;
    const services = [typeof principal === 'object' ? (principal.Service ?? []) : []].flat();
    return services.includes(servicePrincipal);
  });
}
