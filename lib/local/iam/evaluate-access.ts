import type { PolicyDocument, PolicyStatement } from '../assembly/app-model';
import { evaluateConditionBlock, type RequestContext } from './condition-operators';
import { policyValues } from './policy-values';
import { compileActionPattern, compileArnPattern } from './wildcard-pattern';

/** One authorization question: may the principal do `action` on `resource` in this context? */
export interface AccessRequest {
  /** `service:Action`, e.g. `events:PutEvents`. */
  readonly action: string;
  /** The ARN of the resource, or `*` for actions without a resource type. */
  readonly resource: string;
  /** Condition keys of the request, e.g. `{ 'events:source': 'shop.orders' }`. @default {} */
  readonly context?: RequestContext;
}

/** The outcome of {@link evaluateAccess}, in IAM's three states. */
export type AccessDecisionKind = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface AccessDecision {
  readonly decision: AccessDecisionKind;
  /** The Deny statement that decided (explicit deny) or the first Allow statement that applied. */
  readonly matchedStatement?: PolicyStatement;
  /** Index of the policy in the list given to {@link evaluateAccess} that holds `matchedStatement`. */
  readonly policyIndex?: number;
  /** Why, in one sentence; for implicit denies, the nearest miss. */
  readonly reason: string;
}

/** Whether a statement applies to a request, and if not, which element ruled it out. */
interface StatementMatch {
  readonly applies: boolean;
  readonly reason: string;
  /** How far the statement got: 0 action, 1 resource, 2 condition, 3 applies. */
  readonly depth: number;
}

const actionMatches = (pattern: string, action: string): boolean => compileActionPattern(pattern).test(action);

function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  if (resource === '*') return false;
  return compileArnPattern(pattern, true).test(resource);
}

/**
 * Whether a statement's list element (`Action`/`NotAction`, `Resource`/`NotResource`) admits
 * the value. Unresolved entries of a positive list match nothing; an unresolved entry of a
 * `Not...` list rules the statement out, because the value might be the one it excludes.
 */
function listAdmits(
  positive: unknown,
  negative: unknown,
  value: string,
  matches: (pattern: string, value: string) => boolean,
  element: 'Action' | 'Resource',
): { admits: boolean; reason: string } {
  if (positive !== undefined) {
    const admits = policyValues(positive).some((pattern) => pattern !== undefined && matches(pattern, value));
    return { admits, reason: admits ? '' : `${element} does not include '${value}'` };
  }
  if (negative !== undefined) {
    const patterns = policyValues(negative);
    if (patterns.some((pattern) => pattern === undefined)) {
      return { admits: false, reason: `Not${element} has an unresolved value` };
    }
    const excluded = patterns.some((pattern) => pattern !== undefined && matches(pattern, value));
    return { admits: !excluded, reason: excluded ? `Not${element} excludes '${value}'` : '' };
  }
  return { admits: false, reason: `the statement has neither ${element} nor Not${element}` };
}

function matchStatement(statement: PolicyStatement, request: AccessRequest): StatementMatch {
  const action = listAdmits(statement.Action, statement.NotAction, request.action, actionMatches, 'Action');
  if (!action.admits) return { applies: false, reason: action.reason, depth: 0 };
  const resource = listAdmits(statement.Resource, statement.NotResource, request.resource, resourceMatches, 'Resource');
  if (!resource.admits) return { applies: false, reason: resource.reason, depth: 1 };
  const condition = evaluateConditionBlock(statement.Condition, request.context ?? {});
  if (!condition.holds)
    return { applies: false, reason: `the condition does not hold: ${condition.reason ?? ''}`, depth: 2 };
  return { applies: true, reason: '', depth: 3 };
}

function describe(statement: PolicyStatement, policyIndex: number, statementIndex: number): string {
  return statement.Sid
    ? `statement '${statement.Sid}'`
    : `statement ${statementIndex + 1} of policy ${policyIndex + 1}`;
}

/**
 * Evaluates identity-based policies the way IAM does for a principal in the same account:
 * an explicit Deny that applies wins; otherwise any Allow that applies allows; otherwise the
 * request is implicitly denied. A statement applies when its `Action` (or `NotAction`),
 * `Resource` (or `NotResource`) and every `Condition` match the request.
 *
 * Pure: no I/O, the same inputs give the same decision. Values the assembly reader could not
 * resolve (and policy variables) match nothing, so they never widen an Allow.
 *
 * @example
 * evaluateAccess([role.policies[0].document], {
 *   action: 'events:PutEvents',
 *   resource: 'arn:aws:events:us-east-1:000000000000:event-bus/shop-choreography',
 *   context: { 'events:source': 'shop.orders' },
 * }).decision // 'allow'
 */
export function evaluateAccess(policies: readonly PolicyDocument[], request: AccessRequest): AccessDecision {
  let allow: AccessDecision | undefined;
  let nearest: { match: StatementMatch; label: string } | undefined;
  for (const [policyIndex, policy] of policies.entries()) {
    for (const [statementIndex, statement] of (policy.Statement ?? []).entries()) {
      const match = matchStatement(statement, request);
      const label = describe(statement, policyIndex, statementIndex);
      if (match.applies && statement.Effect === 'Deny') {
        return {
          decision: 'explicit-deny',
          matchedStatement: statement,
          policyIndex,
          reason: `${label} explicitly denies ${request.action} on '${request.resource}'`,
        };
      }
      if (match.applies && statement.Effect === 'Allow') {
        allow ??= {
          decision: 'allow',
          matchedStatement: statement,
          policyIndex,
          reason: `${label} allows ${request.action} on '${request.resource}'`,
        };
      } else if (statement.Effect === 'Allow' && match.depth > 0 && (!nearest || match.depth > nearest.match.depth)) {
        nearest = { match, label };
      }
    }
  }
  if (allow) return allow;
  return {
    decision: 'implicit-deny',
    reason: nearest
      ? `no statement allows ${request.action} on '${request.resource}'; nearest: ${nearest.label}, where ${nearest.match.reason}`
      : `no statement allows ${request.action}`,
  };
}
