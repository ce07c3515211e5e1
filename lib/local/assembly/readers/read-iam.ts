import type { AttachedPolicyModel, RoleModel } from '../app-model';
import { toPolicyDocument, toRecord, type ResourceProperties } from '../resource-properties';

/** An identity policy waiting to be attached to the roles it names. */
export interface PolicyAttachment {
  readonly policy: AttachedPolicyModel;
  /** Names of the roles it is attached to (`Roles`, which holds role `Ref`s = names). */
  readonly roleNames: readonly string[];
  /** The ARN, for managed policies a role lists in `ManagedPolicyArns`. */
  readonly arn?: string;
}

/** `AWS::IAM::Role` with its inline policies; `attachPolicies` adds the others later. */
export function readRole(props: ResourceProperties): RoleModel {
  const name = props.physicalName;
  const path = props.string('Path') ?? '/';
  const assumeRolePolicy = toPolicyDocument(props.value('AssumeRolePolicyDocument'));
  const permissionsBoundary = props.string('PermissionsBoundary');
  const inline = (Array.isArray(props.value('Policies')) ? (props.value('Policies') as unknown[]) : []).map(
    (policy): AttachedPolicyModel => {
      const record = toRecord(policy) ?? {};
      return {
        name: String(record.PolicyName),
        document: toPolicyDocument(record.PolicyDocument) ?? { Statement: [] },
        source: 'inline',
      };
    },
  );
  return {
    ...props.origin,
    name,
    arn: String(props.scope.getAtt(props.logicalId, 'Arn')),
    path,
    ...(assumeRolePolicy ? { assumeRolePolicy } : {}),
    managedPolicyArns: props.stringList('ManagedPolicyArns'),
    policies: inline,
    ...(permissionsBoundary ? { permissionsBoundary } : {}),
  };
}

/** `AWS::IAM::Policy` (attached to `Roles`) or `AWS::IAM::ManagedPolicy`. */
export function readPolicyAttachment(props: ResourceProperties, managed: boolean): PolicyAttachment {
  const name = managed ? props.physicalName : (props.string('PolicyName') ?? props.logicalId);
  return {
    policy: {
      name,
      document: toPolicyDocument(props.value('PolicyDocument')) ?? { Statement: [] },
      source: props.logicalId,
    },
    roleNames: props.stringList('Roles'),
    ...(managed ? { arn: String(props.scope.ref(props.logicalId)) } : {}),
  };
}

/**
 * Attaches each policy to the roles it names (across stacks: a grant may live in another stack
 * than the role), and managed policies of the app to the roles that list their ARN.
 */
export function attachPolicies(roles: readonly RoleModel[], attachments: readonly PolicyAttachment[]): RoleModel[] {
  return roles.map((role) => {
    const attached = attachments.filter(
      (attachment) =>
        attachment.roleNames.includes(role.name) ||
        (attachment.arn !== undefined && role.managedPolicyArns.includes(attachment.arn)),
    );
    const appManaged = new Set(attached.map((attachment) => attachment.arn).filter((arn) => arn !== undefined));
    return {
      ...role,
      managedPolicyArns: role.managedPolicyArns.filter((arn) => !appManaged.has(arn)),
      policies: [...role.policies, ...attached.map((attachment) => attachment.policy)],
    };
  });
}
