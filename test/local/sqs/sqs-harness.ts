import { SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '../../../lib/local/clock';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalEndpoint } from '../../../lib/local/endpoint';
import { LocalSqs, SqsJsonApi, SQS_TARGET_PREFIX, type QueueJournal } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
import { TEST_CLIENT_CONFIG } from '../../support/serve-aws-json';

/** A running local SQS behind the endpoint on a random port, and an SDK client for it. */
export interface SqsHarness<C extends Clock = Clock> {
  readonly clock: C;
  readonly trace: TraceRecorder;
  readonly sqs: LocalSqs;
  readonly endpoint: LocalEndpoint;
  readonly url: string;
  readonly client: SQSClient;
  stop(): Promise<void>;
}

/**
 * Starts one on the given clock (with `durability`, journaled as under --data): by default a scaled clock where a 1 s visibility timeout lasts
 * 10 wall ms; pass a `ManualClock` for assertions that must not race the machine's load.
 */
export async function startSqsHarness<C extends Clock = ScaledClock>(
  clock: C = new ScaledClock({ timeScale: 100 }) as unknown as C,
  durability: { readonly journal?: QueueJournal; readonly beforeAnswer?: () => Promise<void> | undefined } = {},
): Promise<SqsHarness<C>> {
  const trace = new TraceRecorder(clock);
  const sqs = new LocalSqs({ clock, trace, ...(durability.journal ? { journal: durability.journal } : {}) });
  const endpoint = new LocalEndpoint({
    port: 0,
    ...(durability.beforeAnswer ? { beforeAnswer: durability.beforeAnswer } : {}),
  });
  endpoint.register(SQS_TARGET_PREFIX, new SqsJsonApi(sqs), '1.0');
  const url = await endpoint.start();
  sqs.setEndpointUrl(url);
  const client = new SQSClient({ ...TEST_CLIENT_CONFIG, endpoint: url });
  return {
    clock,
    trace,
    sqs,
    endpoint,
    url,
    client,
    async stop() {
      client.destroy();
      sqs.close();
      await endpoint.stop();
    },
  };
}

/** Waits `awsMs` of AWS time on the harness clock. */
export function awsSleep(harness: SqsHarness, awsMs: number): Promise<void> {
  return harness.clock.sleep(awsMs);
}
