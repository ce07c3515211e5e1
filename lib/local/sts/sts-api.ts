import { randomUUID } from 'node:crypto';
import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../endpoint/aws-json';
import { UnknownOperationError } from '../endpoint/aws-service-error';
import { parseCallerIdentity } from '../endpoint/caller-identity';
import type { RawRoute } from '../endpoint/local-endpoint';
import { escapeXml, queryErrorResponse } from '../endpoint/query-protocol';
import { isQueryProtocol, queryActionOf, signedServiceOf } from '../endpoint/request-origin';
import type { StsCallerIdentity } from './caller-identity-of';

/** The `X-Amz-Target` prefix of STS's JSON 1.0 protocol (SDKs that speak JSON to STS). */
export const STS_TARGET_PREFIX = 'AWSSecurityTokenServiceV20110615.';

const STS_VERSION = '2011-06-15';

/** Who the caller of a request is, as STS reports it. */
export type IdentityOf = (caller: AwsJsonRequest['caller']) => StsCallerIdentity;

/**
 * STS over the query protocol, as the aws CLI v1 and most SDKs call it: a form-encoded POST
 * `Action=GetCallerIdentity&Version=2011-06-15`, answered in XML. Other STS actions answer
 * `InvalidAction` naming the action as not emulated. Calls for other services pass through.
 *
 * @example endpoint.registerRoute(stsQueryRoute((caller) => callerIdentityOf(caller, account, roleOf)));
 */
export function stsQueryRoute(identityOf: IdentityOf): RawRoute {
  return (request, body) => {
    if (!isQueryProtocol(request)) return Promise.resolve(undefined);
    const form = new URLSearchParams(body.toString('utf8'));
    const service = signedServiceOf(request.headers);
    if (service !== 'sts' && !(service === undefined && form.get('Version') === STS_VERSION)) {
      return Promise.resolve(undefined);
    }
    const requestId = randomUUID();
    const action = queryActionOf(request, body) ?? '';
    if (action !== 'GetCallerIdentity') {
      return Promise.resolve(
        queryErrorResponse(
          'InvalidAction',
          `sts ${action || '(no Action)'} is not emulated by the local cloud`,
          requestId,
        ),
      );
    }
    const identity = identityOf(parseCallerIdentity(request.headers));
    return Promise.resolve({
      statusCode: 200,
      headers: { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId },
      body:
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/${STS_VERSION}/">` +
        `<GetCallerIdentityResult><Arn>${escapeXml(identity.Arn)}</Arn><UserId>${escapeXml(identity.UserId)}</UserId>` +
        `<Account>${identity.Account}</Account></GetCallerIdentityResult>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    });
  };
}

/** STS over JSON 1.0 (`X-Amz-Target: AWSSecurityTokenServiceV20110615.GetCallerIdentity`). */
export class StsJsonApi implements AwsJsonService {
  constructor(private readonly identityOf: IdentityOf) {}

  handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    if (request.target !== `${STS_TARGET_PREFIX}GetCallerIdentity`) {
      return Promise.resolve(new UnknownOperationError(request.target, 'sts').toResponse());
    }
    return Promise.resolve({ statusCode: 200, body: JSON.stringify(this.identityOf(request.caller)) });
  }
}
