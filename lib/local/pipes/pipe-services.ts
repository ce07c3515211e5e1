import type { ServiceRoleAccess } from '../iam';

/** What a pipe calls: the local cloud's services (LambdaRuntime, LocalStepFunctions, LocalSqs, LocalEventBridge fit). */
export interface PipeServices {
  readonly lambda?: {
    invoke(
      functionName: string,
      payload: unknown,
      options: { readonly trigger: string },
    ): Promise<{
      readonly outcome: string;
      readonly result?: unknown;
      readonly error?: { readonly errorMessage?: string };
    }>;
  };
  readonly stepFunctions?: {
    startExecution(stateMachineArn: string, input: string, options: { readonly trigger: string }): unknown;
    startSyncExecution(
      stateMachineArn: string,
      input: string,
      options: { readonly trigger: string },
    ): Promise<{ readonly status: string; readonly output?: string; readonly error?: string; readonly cause?: string }>;
  };
  readonly sqs: {
    findQueue(arn: string):
      | {
          send(input: {
            body: string;
            sender: string;
            messageGroupId?: string;
            messageDeduplicationId?: string;
          }): unknown;
        }
      | undefined;
  };
  readonly eventBridge?: {
    putEvents(
      entries: readonly {
        Source: string;
        DetailType: string;
        Detail: string;
        EventBusName: string;
        Resources?: readonly string[];
      }[],
      caller: string,
    ): { readonly FailedEntryCount: number; readonly Entries: readonly object[] };
  };
  /** The pipe role's permissions. @default - not checked */
  readonly roleAccess?: ServiceRoleAccess;
}
