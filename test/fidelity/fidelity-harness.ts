import { LocalDynamoDb, DYNAMODB_TARGET_PREFIX } from '../../lib/local/dynamodb';
import { LocalEndpoint } from '../../lib/local/endpoint';
import { EVENTS_TARGET_PREFIX, EventsJsonApi, LocalEventBridge } from '../../lib/local/eventbridge';
import { LocalSqs, SQS_TARGET_PREFIX, SqsJsonApi } from '../../lib/local/sqs';
import { TraceRecorder } from '../../lib/local/trace';
import { ManualClock } from '../local/sqs/manual-clock';

/** The services a fidelity fixture file calls, by the name its steps use. */
export type FidelityService = 'sqs' | 'events' | 'dynamodb';

const TARGETS: Record<FidelityService, { prefix: string; contentType: string }> = {
  sqs: { prefix: SQS_TARGET_PREFIX, contentType: 'application/x-amz-json-1.0' },
  events: { prefix: EVENTS_TARGET_PREFIX, contentType: 'application/x-amz-json-1.1' },
  dynamodb: { prefix: DYNAMODB_TARGET_PREFIX, contentType: 'application/x-amz-json-1.0' },
};

/** What one wire call answered. */
export interface WireAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/**
 * SQS, EventBridge and DynamoDB behind the real endpoint on a free loopback port, on a manual
 * clock (AWS time moves only when a case says so), called over HTTP exactly as an SDK would.
 */
export class FidelityHarness {
  private constructor(
    readonly clock: ManualClock,
    readonly bridge: LocalEventBridge,
    private readonly sqs: LocalSqs,
    private readonly dynamodb: LocalDynamoDb,
    private readonly endpoint: LocalEndpoint,
    readonly url: string,
  ) {}

  static async start(): Promise<FidelityHarness> {
    const clock = new ManualClock();
    const trace = new TraceRecorder(clock);
    const sqs = new LocalSqs({ clock, trace });
    const bridge = new LocalEventBridge({ clock, trace, sqs });
    const dynamodb = await LocalDynamoDb.start({ clock });
    const endpoint = new LocalEndpoint({ port: 0 });
    endpoint.register(SQS_TARGET_PREFIX, new SqsJsonApi(sqs), '1.0');
    endpoint.register(EVENTS_TARGET_PREFIX, new EventsJsonApi(bridge), '1.1');
    endpoint.register(DYNAMODB_TARGET_PREFIX, dynamodb, '1.0');
    const url = await endpoint.start();
    sqs.setEndpointUrl(url);
    return new FidelityHarness(clock, bridge, sqs, dynamodb, endpoint, url);
  }

  /** POSTs one JSON protocol call, as the SDKs do. */
  async call(service: FidelityService, operation: string, input: unknown): Promise<WireAnswer> {
    const target = TARGETS[service];
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': target.contentType, 'x-amz-target': `${target.prefix}${operation}` },
      body: JSON.stringify(input),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : {} };
  }

  async stop(): Promise<void> {
    this.bridge.close();
    this.sqs.close();
    await this.endpoint.stop();
    await this.dynamodb.stop();
  }
}
