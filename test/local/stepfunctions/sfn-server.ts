import { SFNClient } from '@aws-sdk/client-sfn';
import type { AwsJsonService } from '../../../lib/local/endpoint';
import { serveAwsJson, TEST_CLIENT_CONFIG } from '../../support/serve-aws-json';

/** An AwsJsonService served on 127.0.0.1, with a stock SFNClient pointed at it. */
export interface ServedStepFunctions {
  readonly client: SFNClient;
  /** `http://127.0.0.1:<port>` (for the aws CLI). */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Serves `service.handle` over HTTP on a free loopback port. */
export async function serveStepFunctions(service: AwsJsonService): Promise<ServedStepFunctions> {
  const served = await serveAwsJson(service);
  const client = new SFNClient({
    ...TEST_CLIENT_CONFIG,
    endpoint: served.endpoint,
    // StartSyncExecution targets the `sync-` host prefix, which an IP address cannot take.
    disableHostPrefix: true,
  });
  return {
    client,
    endpoint: served.endpoint,
    close: async () => {
      client.destroy();
      await served.close();
    },
  };
}
