/**
 * What the service integrations of Task states reach besides Lambda and EventBridge (which come
 * through `TaskIntegrations`): the local endpoint's own operations, called in process, and the
 * IAM decision for the state machine's role. The local cloud wires both; tests may leave them out.
 */

/** One call of a JSON protocol operation of the local endpoint (`AmazonSQS.SendMessage`, ...). */
export interface ServiceCall {
  /** The `X-Amz-Target` value. */
  readonly target: string;
  /** The request body as JSON text. */
  readonly body: string;
  /** The state machine's execution role: who calls, for IAM and the trace. */
  readonly roleArn: string;
  readonly executionArn: string;
}

/** The operation's answer as the endpoint writes it (errors as `{"__type", "message"}`). */
export interface ServiceAnswer {
  readonly statusCode: number;
  readonly body: string;
}

/** Runs an operation of the local endpoint in process. */
export type CallService = (call: ServiceCall) => Promise<ServiceAnswer>;

/** What a Task asks IAM about: an endpoint operation, or an action on a resource (Lambda). */
export type RoleRequest =
  { readonly target: string; readonly body: unknown } | { readonly action: string; readonly resource: string };

/** A refusal: the message AWS's AccessDeniedException carries. */
export interface AccessDenial {
  readonly message: string;
}

/** Decides whether the state machine's role may do what a Task asks. */
export type AuthorizeRole = (roleArn: string, request: RoleRequest) => AccessDenial | undefined;

/** The optional services of the integrations. */
export interface TaskServices {
  /** @default - the sqs, dynamodb and aws-sdk integrations fail with States.Runtime */
  readonly callService?: CallService;
  /** @default - every call allowed */
  readonly authorize?: AuthorizeRole;
}
