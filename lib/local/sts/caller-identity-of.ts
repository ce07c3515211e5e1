import { createHash } from 'node:crypto';
import { parseArn } from '../arn';
import type { CallerIdentity } from '../endpoint/aws-json';
import { CLIENT_PRINCIPAL } from '../endpoint/caller-identity';

/** What STS GetCallerIdentity answers. */
export interface StsCallerIdentity {
  readonly UserId: string;
  readonly Account: string;
  readonly Arn: string;
}

/**
 * Who a caller is, as STS says it. A local function signs with its own key and runs as its
 * execution role, which STS reports as the assumed-role session Lambda opens: ARN
 * `arn:aws:sts::<account>:assumed-role/<role name>/<function name>` (the role's path dropped),
 * user id `<role id>:<function name>`. Any other caller is the account's root user.
 */
export function callerIdentityOf(
  caller: CallerIdentity,
  accountId: string,
  roleArnOfFunction: (functionName: string) => string | undefined,
): StsCallerIdentity {
  const roleArn = caller.principal === CLIENT_PRINCIPAL ? undefined : roleArnOfFunction(caller.principal);
  if (!roleArn) {
    return { UserId: accountId, Account: accountId, Arn: `arn:aws:iam::${accountId}:root` };
  }
  const roleName = parseArn(roleArn).resource.split('/').pop() ?? roleArn;
  return {
    UserId: `${roleIdOf(roleArn)}:${caller.principal}`,
    Account: accountId,
    Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${caller.principal}`,
  };
}

/** A stable role id in AWS's form (`AROA` and 17 upper-case characters), derived from the ARN. */
function roleIdOf(roleArn: string): string {
  return `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
}
