import { SFNClient, TestStateCommand, type TestStateCommandInput } from '@aws-sdk/client-sfn';
import type { AwsJsonService } from '../../../lib/local/endpoint';
import { serveAwsJson, TEST_CLIENT_CONFIG } from '../../support/serve-aws-json';
import { testScopedProxy } from '../../support/test-scoped-proxy';
import type { SfnHarness } from './sfn-harness';

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

/** A Step Functions harness and its API served over HTTP (see `serveHarnessForAllTests`). */
export interface ServedHarness {
  readonly harness: SfnHarness;
  readonly served: ServedStepFunctions;
}

/**
 * A harness made by `create`, served over HTTP for all the tests of the enclosing `describe` and
 * closed after them; `harness` and `served` forward to the running ones.
 *
 * @example const { harness, served } = serveHarnessForAllTests(() => new SfnHarness({ validateDefinitions: false }));
 */
export function serveHarnessForAllTests(create: () => SfnHarness): ServedHarness {
  let running: { harness: SfnHarness; served: ServedStepFunctions } | undefined;
  beforeAll(async () => {
    const harness = create();
    running = { harness, served: await serveStepFunctions(harness.stepFunctions) };
  });
  afterAll(async () => {
    await running?.harness.stepFunctions.close();
    await running?.served.close();
    running = undefined;
  });
  return {
    harness: testScopedProxy(() => running?.harness),
    served: testScopedProxy(() => running?.served),
  };
}

/** Calls TestState with the state's definition and its input written as JSON text, as the API takes them. */
export function testState(
  client: SFNClient,
  roleArn: string,
  definition: unknown,
  input: unknown,
  extra: Partial<TestStateCommandInput> = {},
) {
  return client.send(
    new TestStateCommand({ definition: JSON.stringify(definition), roleArn, input: JSON.stringify(input), ...extra }),
  );
}
