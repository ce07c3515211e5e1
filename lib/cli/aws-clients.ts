import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsTarget } from './aws-options';

/**
 * Credentials the CLI signs with when it talks to a local endpoint and no credentials are
 * configured: the local cloud needs a signature to know who calls, not a real account.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'choreo-cli', secretAccessKey: 'local' } as const;

/** The SDK client configuration for a target, shared by every client the CLI builds. */
export interface AwsClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly profile?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export function awsClientConfig(target: AwsTarget, env: Readonly<Record<string, string | undefined>>): AwsClientConfig {
  const credentialsConfigured = Boolean(target.profile ?? env.AWS_PROFILE ?? env.AWS_ACCESS_KEY_ID);
  return {
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.profile && !target.local ? { profile: target.profile } : {}),
    // --local always signs with the dummy pair: a configured profile (SSO, MFA) must not be asked for.
    ...((target.endpoint && !credentialsConfigured) || target.local ? { credentials: LOCAL_CREDENTIALS } : {}),
  };
}

/** The SDK clients of one CLI run, built on first use. */
export interface AwsClients {
  readonly eventBridge: EventBridgeClient;
  readonly documentClient: DynamoDBDocumentClient;
}

/** Builds the CLI's SDK clients for a target; each is created only when a command first uses it. */
export function createAwsClients(target: AwsTarget, env: Readonly<Record<string, string | undefined>>): AwsClients {
  const config = awsClientConfig(target, env);
  let eventBridge: EventBridgeClient | undefined;
  let documentClient: DynamoDBDocumentClient | undefined;
  return {
    get eventBridge() {
      eventBridge ??= new EventBridgeClient({ ...config });
      return eventBridge;
    },
    get documentClient() {
      documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({ ...config }), {
        marshallOptions: { removeUndefinedValues: true },
      });
      return documentClient;
    },
  };
}
