import { AwsServiceError, type AwsServiceErrorOptions } from '../endpoint/aws-service-error';

/** How each service writes `AccessDenied` on the wire, by the IAM service prefix of the action. */
const WIRE_SHAPES: Readonly<Record<string, AwsServiceErrorOptions>> = {
  // SQS (JSON, query compatible): the SDKs take the code from x-amzn-query-error.
  sqs: { statusCode: 403, queryErrorCode: 'AccessDenied', typePrefix: 'com.amazonaws.sqs#' },
  dynamodb: { statusCode: 400, typePrefix: 'com.amazonaws.dynamodb.v20120810#' },
  events: { statusCode: 400 },
  states: { statusCode: 400 },
};

/** Whether an explicit Deny or the absence of any Allow refused the call. */
export type DenialKind = 'explicit-deny' | 'implicit-deny';

/**
 * A call the caller's identity policies do not allow, as AWS reports it:
 * `User: arn:aws:sts::000000000000:assumed-role/<role>/<function> is not authorized to perform:
 * events:PutEvents on resource: <arn> because no identity-based policy allows the
 * events:PutEvents action` (or `... with an explicit deny in an identity-based policy`).
 * The message keeps AWS's wording (and capital) so that code and people who match on it locally
 * see what they will see in AWS. Not retryable: the same call is refused the same way.
 */
export class AccessDeniedError extends AwsServiceError {
  constructor(
    readonly principalArn: string,
    readonly action: string,
    readonly resource: string,
    readonly denial: DenialKind,
    /** The evaluator's explanation (which statement came nearest), for logs and the trace. */
    readonly detail: string,
  ) {
    super(
      'AccessDeniedException',
      accessDeniedMessage(principalArn, action, resource, denial),
      WIRE_SHAPES[action.split(':')[0]?.toLowerCase() ?? ''] ?? { statusCode: 400 },
    );
  }
}

/** AWS's access-denied sentence for identity-based policies. */
export function accessDeniedMessage(
  principalArn: string,
  action: string,
  resource: string,
  denial: DenialKind,
): string {
  const because =
    denial === 'explicit-deny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${because}`;
}
