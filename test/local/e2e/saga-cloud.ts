import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SERVICE_NAMES, serviceResourceNames, type ServiceName } from '../../../lib/contracts';
import { LocalCloud } from '../../../lib/local/local-cloud';
import { STOREFRONT_CREDENTIALS } from '../../../lib/saga/saga-run';
import { seedTables } from '../../../lib/seed/seed-tables';
import { startSagaTestCloud } from '../../support/saga-test-cloud';
import { testScopedProxy } from '../../support/test-scoped-proxy';

/** The variant every end-to-end test of this folder drives. */
export const VARIANT = 'choreography';

/** Stock SDK clients against the local endpoint, signing as the storefront (a `client` caller). */
export interface SagaClients {
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly dynamoDb: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
}

/** A booted, seeded and warmed local cloud running the real synthesized app, and clients for it. */
export interface SagaCloud {
  readonly cloud: LocalCloud;
  readonly clients: SagaClients;
  /** Destroys the clients and stops the cloud. */
  stop(): Promise<void>;
  /**
   * Resolves once the saga has nothing left to do now: no invocation running, no message visible
   * or in flight in a consumer queue, no execution running. Unlike `cloud.whenQuiet`, delayed
   * messages do not count: the orders service's saga deadlines (15 minutes ahead) arrive later
   * and change nothing for an order that has finished.
   */
  quiet(timeoutMs?: number): Promise<void>;
}

export interface SagaCloudOptions {
  /**
   * AWS milliseconds per wall millisecond. At 100 the queues' 120 s visibility timeout is 1.2 s
   * of wall time, so five receives of a failing message take about six seconds.
   * @default 100
   */
  readonly timeScale?: number;
  /** @default - LocalCloud's own (5000 ms when timeScale > 1) */
  readonly minTimeoutWallMs?: number;
  /**
   * Execution environments to start per service's function before the tests run, for tests that
   * need more than one at a time (each costs a cold start of seconds on a loaded machine).
   * @default 1 for every service
   */
  readonly warmEnvironments?: Readonly<Partial<Record<ServiceName, number>>>;
}

/**
 * Boots the local cloud from the assembly `test/global-setup.ts` synthesized (real bundles),
 * seeds stock and customers, and warms every choreographed function.
 *
 * Warming is what keeps the tests honest on a loaded two-core machine: a cold start there takes
 * seconds of wall time, longer than the scaled visibility timeout, so the first message each
 * function receives would reappear (and be delivered again) while its handler is still loading.
 * Each warm-up invocation gets an empty SQS event, which the handlers answer with no failures.
 */
export async function startSagaCloud(options: SagaCloudOptions = {}): Promise<SagaCloud> {
  const cloud = await startSagaTestCloud({
    timeScale: options.timeScale ?? 100,
    ...(options.minTimeoutWallMs !== undefined ? { minTimeoutWallMs: options.minTimeoutWallMs } : {}),
  });
  const config = { endpoint: cloud.endpointUrl, region: cloud.model.region, credentials: STOREFRONT_CREDENTIALS };
  const dynamoDb = new DynamoDBClient(config);
  const clients: SagaClients = {
    eventBridge: new EventBridgeClient(config),
    sqs: new SQSClient(config),
    dynamoDb,
    documentClient: DynamoDBDocumentClient.from(dynamoDb, { marshallOptions: { removeUndefinedValues: true } }),
  };
  const stop = async () => {
    clients.eventBridge.destroy();
    clients.sqs.destroy();
    clients.dynamoDb.destroy();
    await cloud.stop();
  };
  try {
    await seedTables({ documentClient: clients.documentClient, variant: VARIANT });
    await warmFunctions(cloud, options.warmEnvironments ?? {});
    return {
      cloud,
      clients,
      stop,
      quiet: (timeoutMs = 60_000) => cloud.whenQuiet({ timeoutMs, ignoreDelayedMessages: true }),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function warmFunctions(
  cloud: LocalCloud,
  environments: Readonly<Partial<Record<ServiceName, number>>>,
): Promise<void> {
  const results = await Promise.all(
    SERVICE_NAMES.flatMap((service) =>
      Array.from({ length: environments[service] ?? 1 }, () =>
        cloud.lambda.invoke(serviceResourceNames(VARIANT, service).functionName, { Records: [] }),
      ),
    ),
  );
  const failed = results.filter((result) => result.outcome !== 'success');
  if (failed.length > 0) {
    throw new Error(
      `warming the functions failed: ${failed.map((result) => result.error?.errorMessage ?? result.outcome).join('; ')}`,
    );
  }
}

/**
 * One saga cloud (see `startSagaCloud`) for all the tests of the enclosing `describe`: booted before them, stopped
 * after them, used through the returned object.
 *
 * @example const saga = sagaCloudForAllTests({ timeScale: 40 });
 */
export function sagaCloudForAllTests(options: SagaCloudOptions = {}): SagaCloud {
  let saga: SagaCloud | undefined;
  beforeAll(async () => {
    saga = await startSagaCloud(options);
  }, 120_000);
  afterAll(() => saga?.stop());
  return testScopedProxy(() => saga);
}
