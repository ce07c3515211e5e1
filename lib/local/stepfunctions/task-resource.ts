/**
 * What a Task state's `Resource` asks for. The local cloud runs the Lambda and EventBridge
 * integrations the CDK's `LambdaInvoke` and `EventBridgePutEvents` emit, and Lambda function
 * ARNs given directly.
 */
export type TaskResource =
  /** `arn:aws:states:::lambda:invoke` (request-response): Parameters FunctionName + Payload. */
  | { readonly kind: 'lambda-invoke'; readonly resource: string }
  /** `arn:aws:lambda:<region>:<account>:function:<name>`: the effective input is the payload. */
  | { readonly kind: 'lambda-function'; readonly resource: string }
  /** `arn:aws:states:::events:putEvents` (request-response): Parameters Entries. */
  | { readonly kind: 'events-put'; readonly resource: string }
  /** Anything else (other services, `.sync`, `.waitForTaskToken`, activities). */
  | { readonly kind: 'unsupported'; readonly resource: string };

const INTEGRATION = /^arn:[\w-]+:states:::((?:aws-sdk:)?[\w-]+):([\w.:]+)$/;
const LAMBDA_FUNCTION = /^arn:[\w-]+:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;

/** Classifies a Task state's `Resource`. */
export function taskResourceOf(resource: string): TaskResource {
  const integration = INTEGRATION.exec(resource);
  if (integration) {
    const [, service, action] = integration;
    if (service === 'lambda' && action === 'invoke') return { kind: 'lambda-invoke', resource };
    if (service === 'events' && action === 'putEvents') return { kind: 'events-put', resource };
    return { kind: 'unsupported', resource };
  }
  if (LAMBDA_FUNCTION.test(resource)) return { kind: 'lambda-function', resource };
  return { kind: 'unsupported', resource };
}

/**
 * `resourceType` and `resource` of TaskScheduled / TaskSucceeded history events:
 * `arn:aws:states:::lambda:invoke` is `lambda` / `invoke`.
 */
export function historyResourceOf(resource: string): { readonly resourceType: string; readonly resource: string } {
  const integration = INTEGRATION.exec(resource);
  return integration
    ? { resourceType: integration[1] ?? '', resource: integration[2] ?? '' }
    : { resourceType: 'lambda', resource };
}
