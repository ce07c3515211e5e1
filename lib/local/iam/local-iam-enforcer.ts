import type { AppModel, PolicyDocument } from '../assembly/app-model';
import type { CallerIdentity } from '../endpoint/aws-json';
import { CLIENT_PRINCIPAL } from '../endpoint/caller-identity';
import { AccessDeniedError } from './access-denied-error';
import type { RequestContext } from './condition-operators';
import { evaluateAccess, type AccessDecision } from './evaluate-access';
import type { RequiredPermission } from './required-permissions';

/** The identity of one function as IAM sees it when the function calls AWS. */
export interface FunctionIdentity {
  /** `arn:aws:sts::<account>:assumed-role/<role name>/<function name>`. */
  readonly principalArn: string;
  readonly roleName?: string;
  /** Every identity policy document of the function's role. */
  readonly policies: readonly PolicyDocument[];
}

/** A decision of the enforcer: the evaluator's answer and who asked. */
export interface EnforcerDecision extends AccessDecision {
  readonly principalArn: string;
}

/**
 * Local IAM enforcement: each function may call only what its role's identity policies (from
 * the synthesized templates) allow, so a missing grant fails locally with AWS's AccessDenied
 * instead of first in the cloud. Callers that are not functions (`client`: tests, the CLI)
 * stand for the account's administrator and are always allowed.
 *
 * A function the model does not know, or whose role is not in the app, has no policies: all its
 * calls are denied (fail closed). AWS-managed policies (`managedPolicyArns`) are not known
 * locally and grant nothing here.
 *
 * @example
 * const iam = new LocalIamEnforcer(model);
 * for (const permission of requiredPermissions(target, body, resolveArn) ?? []) iam.checkPermission(caller, permission);
 */
export class LocalIamEnforcer {
  private readonly identities = new Map<string, FunctionIdentity>();
  /**
   * Decisions by principal, action, resource and context. A decision depends on nothing else (the
   * policies are read once, from the assembly), and a function makes the same few calls over and
   * over: every call of every function used to walk its role's statements and ARN patterns again.
   */
  private readonly decisions = new Map<string, EnforcerDecision>();
  private readonly roles: Pick<AppModel, 'roles'>['roles'];
  private readonly accountId: string;

  constructor(model: Pick<AppModel, 'accountId' | 'functions' | 'roles'>) {
    this.accountId = model.accountId;
    this.roles = model.roles;
    for (const fn of model.functions) {
      const role = model.roles.find((candidate) => candidate.arn === fn.roleArn);
      const roleName = role?.name ?? roleNameOfArn(fn.roleArn);
      this.identities.set(fn.name, {
        principalArn: `arn:aws:sts::${model.accountId}:assumed-role/${roleName}/${fn.name}`,
        roleName: role?.name,
        policies: role?.policies.map((policy) => policy.document) ?? [],
      });
    }
  }

  /** The identity of a function, or `undefined` for callers that are not functions of the app. */
  identityOf(functionName: string): FunctionIdentity | undefined {
    return this.identities.get(functionName);
  }

  /**
   * The decision for one call, without throwing. `client` callers are allowed; unknown functions
   * are implicitly denied.
   */
  evaluate(caller: CallerIdentity, action: string, resource: string, context: RequestContext = {}): EnforcerDecision {
    if (caller.principal === CLIENT_PRINCIPAL) {
      return {
        decision: 'allow',
        reason: 'callers that are not functions act as the account administrator',
        principalArn: `arn:aws:iam::${this.accountId}:root`,
      };
    }
    const key = decisionKey(caller.principal, action, resource, context);
    const known = this.decisions.get(key);
    if (known) return known;
    const decision = this.evaluateFunction(caller.principal, action, resource, context);
    // A bound keeps calls with ever-new resources (one queue per test, say) from growing it without end.
    if (this.decisions.size >= MAX_REMEMBERED_DECISIONS) this.decisions.clear();
    this.decisions.set(key, decision);
    return decision;
  }

  private evaluateFunction(
    principal: string,
    action: string,
    resource: string,
    context: RequestContext,
  ): EnforcerDecision {
    const identity = this.identities.get(principal);
    if (!identity) {
      return {
        decision: 'implicit-deny',
        reason: `no function named '${principal}' in the app, so no identity policy applies`,
        principalArn: `arn:aws:sts::${this.accountId}:assumed-role/unknown/${principal}`,
      };
    }
    const decision = evaluateAccess(identity.policies, {
      action,
      resource,
      context: { 'aws:PrincipalArn': identity.principalArn, 'aws:PrincipalAccount': this.accountId, ...context },
    });
    return { ...decision, principalArn: identity.principalArn };
  }

  /**
   * The decision for a call made as a role that is not a function's: a state machine's execution
   * role (its Tasks' service integrations). A role the app does not define has no policies, so
   * everything is implicitly denied (fail closed), as for unknown functions.
   *
   * @param sessionName the assumed-role session in the principal ARN (AWS uses a random one)
   */
  evaluateRole(
    roleArn: string,
    action: string,
    resource: string,
    context: RequestContext = {},
    sessionName = 'local',
  ): EnforcerDecision {
    const role = this.roles.find((candidate) => candidate.arn === roleArn);
    const principalArn = `arn:aws:sts::${this.accountId}:assumed-role/${role?.name ?? roleNameOfArn(roleArn)}/${sessionName}`;
    if (!role) {
      return {
        decision: 'implicit-deny',
        reason: `no role '${roleArn}' in the app, so no identity policy applies`,
        principalArn,
      };
    }
    const decision = evaluateAccess(
      role.policies.map((policy) => policy.document),
      {
        action,
        resource,
        context: { 'aws:PrincipalArn': principalArn, 'aws:PrincipalAccount': this.accountId, ...context },
      },
    );
    return { ...decision, principalArn };
  }

  /** Returns when the call is allowed; throws {@link AccessDeniedError} otherwise. */
  check(caller: CallerIdentity, action: string, resource: string, context: RequestContext = {}): void {
    const decision = this.evaluate(caller, action, resource, context);
    if (decision.decision !== 'allow') {
      throw new AccessDeniedError(decision.principalArn, action, resource, decision.decision, decision.reason);
    }
  }

  /** {@link check} for one entry of {@link requiredPermissions}' answer. */
  checkPermission(caller: CallerIdentity, permission: RequiredPermission): void {
    this.check(caller, permission.action, permission.resource, permission.context);
  }
}

const MAX_REMEMBERED_DECISIONS = 10_000;

/** One string per distinct question; the context's keys in a fixed order, so equal contexts meet. */
function decisionKey(principal: string, action: string, resource: string, context: RequestContext): string {
  const keys = Object.keys(context).sort();
  return JSON.stringify([principal, action, resource, keys.map((key) => [key, context[key]])]);
}

/** `arn:aws:iam::000000000000:role/path/Name` → `Name` (a role outside the app). */
function roleNameOfArn(roleArn: string): string {
  const resource = roleArn.split(':').slice(5).join(':');
  return resource.startsWith('role/') ? (resource.split('/').pop() ?? 'unknown') : 'unknown';
}
