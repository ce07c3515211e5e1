import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalEndpoint } from '../../../lib/local/endpoint';
import {
  EventsJsonApi,
  EVENTS_TARGET_PREFIX,
  LocalEventBridge,
  type TargetInvoker,
} from '../../../lib/local/eventbridge';
import { LocalSqs, SqsJsonApi, SQS_TARGET_PREFIX, type LocalQueue } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
// The saga's correlator: these fixtures are saga events, correlated to their order id.
import { SAGA_CORRELATOR } from '../../../lib/saga/saga-correlator';

/** The bus, SQS and the endpoint in front of them, with SDK clients. */
export interface BridgeHarness {
  readonly clock: ScaledClock;
  readonly trace: TraceRecorder;
  readonly sqs: LocalSqs;
  readonly bridge: LocalEventBridge;
  readonly url: string;
  readonly events: EventBridgeClient;
  readonly sqsClient: SQSClient;
  /** Receives whatever the queue holds now (after deliveries settle). */
  drain(
    queue: LocalQueue,
  ): Promise<{ body: string; attributes: Record<string, { DataType: string; StringValue?: string }> }[]>;
  stop(): Promise<void>;
}

export const SHOP_BUS = 'shop-choreography';

/** Starts one with the `shop-choreography` bus; retries back off from 1 AWS s (10 wall ms). */
export async function startBridgeHarness(invokers: TargetInvoker[] = []): Promise<BridgeHarness> {
  const clock = new ScaledClock({ timeScale: 100 });
  const trace = new TraceRecorder(clock, SAGA_CORRELATOR);
  const sqs = new LocalSqs({ clock, trace });
  const bridge = new LocalEventBridge({
    clock,
    trace,
    sqs,
    invokers,
    retryBackoff: { baseMs: 1000, random: () => 0.5 },
  });
  bridge.createEventBus(SHOP_BUS);
  const endpoint = new LocalEndpoint({ port: 0 });
  endpoint.register(SQS_TARGET_PREFIX, new SqsJsonApi(sqs), '1.0');
  endpoint.register(EVENTS_TARGET_PREFIX, new EventsJsonApi(bridge), '1.1');
  const url = await endpoint.start();
  sqs.setEndpointUrl(url);
  const clientConfig = {
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  const events = new EventBridgeClient(clientConfig);
  const sqsClient = new SQSClient(clientConfig);
  return {
    clock,
    trace,
    sqs,
    bridge,
    url,
    events,
    sqsClient,
    async drain(queue) {
      await bridge.whenIdle();
      const messages = await queue.receive({ maxNumberOfMessages: 10, waitTimeMs: 0, receiver: 'test' });
      return messages.map((message) => ({
        body: message.body,
        attributes: message.messageAttributes,
      }));
    },
    async stop() {
      events.destroy();
      sqsClient.destroy();
      bridge.close();
      sqs.close();
      await endpoint.stop();
    },
  };
}
