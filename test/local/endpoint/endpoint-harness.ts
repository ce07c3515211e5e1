import { ScaledClock } from '../../../lib/local/clock';
import {
  startLocalEndpoint,
  type AwsJsonRequest,
  type LocalEndpoint,
  type LocalEndpointProps,
} from '../../../lib/local/endpoint';
import { LocalEventBridge } from '../../../lib/local/eventbridge';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';

/** The endpoint with SQS, EventBridge and a recording stand-in for DynamoDB. */
export interface EndpointHarness {
  readonly url: string;
  readonly endpoint: LocalEndpoint;
  readonly trace: TraceRecorder;
  readonly sqs: LocalSqs;
  readonly bridge: LocalEventBridge;
  /** Requests the DynamoDB stand-in received. */
  readonly dynamoRequests: AwsJsonRequest[];
  /** POSTs a raw body with the given target and headers. */
  call(
    target: string | undefined,
    body: string | Buffer,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/** @param timeScale AWS seconds per wall second (a 20 s long poll lasts 200 ms at 100) */
export async function startEndpointHarness(
  props: LocalEndpointProps = {},
  { timeScale = 100 }: { readonly timeScale?: number } = {},
): Promise<EndpointHarness> {
  const clock = new ScaledClock({ timeScale });
  const trace = new TraceRecorder(clock);
  const sqs = new LocalSqs({ clock, trace });
  const bridge = new LocalEventBridge({ clock, trace, sqs });
  const dynamoRequests: AwsJsonRequest[] = [];
  const endpoint = await startLocalEndpoint({
    port: 0,
    ...props,
    sqs,
    eventBridge: bridge,
    dynamoDb: {
      handle: (request) => {
        dynamoRequests.push(request);
        return Promise.resolve({ statusCode: 200, body: '{"TableNames":[]}' });
      },
    },
  });
  const url = endpoint.url;
  return {
    url,
    endpoint,
    trace,
    sqs,
    bridge,
    dynamoRequests,
    async call(target, body, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          ...(target ? { 'x-amz-target': target } : {}),
          ...headers,
        },
        body,
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
    },
    async stop() {
      bridge.close();
      sqs.close();
      await endpoint.stop();
    },
  };
}
