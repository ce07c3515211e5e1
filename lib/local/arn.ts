import { ClassifiedError } from '../errors/classified-error';

/**
 * ARNs of the local cloud. Everything lives in one fake account, `000000000000`, in one region
 * (configurable, `us-east-1` by default), in the `aws` partition.
 */

/** The account id of every local resource. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** The region the local cloud pretends to run in unless told otherwise. */
export const DEFAULT_LOCAL_REGION = 'us-east-1';

/** The parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon, e.g. `rule/shop-choreography/orders` or `orders-queue`. */
  readonly resource: string;
}

/** The string is not an ARN. Not retryable: the same string never becomes one. */
export class InvalidArnError extends ClassifiedError {
  readonly kind = 'validation';
  constructor(readonly arn: string) {
    super(`invalid arn '${arn}'`);
    this.name = 'InvalidArnError';
  }
}

/** Splits an ARN into its parts; throws `InvalidArnError` for anything else. */
export function parseArn(arn: string): Arn {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) {
    throw new InvalidArnError(arn);
  }
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** Formats an ARN in the local account and `aws` partition. */
export function formatArn(service: string, region: string, resource: string): string {
  return `arn:aws:${service}:${region}:${LOCAL_ACCOUNT_ID}:${resource}`;
}

/** `arn:aws:sqs:<region>:000000000000:<queue name>` */
export function queueArn(region: string, queueName: string): string {
  return formatArn('sqs', region, queueName);
}

/** `arn:aws:events:<region>:000000000000:event-bus/<bus name>` */
export function eventBusArn(region: string, busName: string): string {
  return formatArn('events', region, `event-bus/${busName}`);
}

/**
 * A rule's ARN. Rules on the default bus are `rule/<rule>`; on any other bus,
 * `rule/<bus>/<rule>` — as AWS names them.
 */
export function ruleArn(region: string, busName: string, ruleName: string): string {
  return formatArn('events', region, busName === 'default' ? `rule/${ruleName}` : `rule/${busName}/${ruleName}`);
}

/** `arn:aws:events:<region>:000000000000:archive/<archive name>` */
export function archiveArn(region: string, archiveName: string): string {
  return formatArn('events', region, `archive/${archiveName}`);
}

/** `arn:aws:lambda:<region>:000000000000:function:<function name>` */
export function functionArn(region: string, functionName: string): string {
  return formatArn('lambda', region, `function:${functionName}`);
}

/** `arn:aws:states:<region>:000000000000:stateMachine:<name>` */
export function stateMachineArn(region: string, stateMachineName: string): string {
  return formatArn('states', region, `stateMachine:${stateMachineName}`);
}

/**
 * The name of the resource an ARN points at: the queue name of an SQS ARN, the bus name of an
 * `event-bus/<name>` ARN, the function name of a Lambda ARN (without qualifier), the last path
 * segment otherwise.
 */
export function resourceNameOf(arn: string): string {
  const { service, resource } = parseArn(arn);
  if (service === 'lambda' || service === 'states') {
    // function:<name>[:<qualifier>] and stateMachine:<name>
    return resource.split(':')[1] ?? resource;
  }
  const segments = resource.split('/');
  return segments[segments.length - 1] ?? resource;
}
