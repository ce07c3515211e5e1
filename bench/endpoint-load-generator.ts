import { Agent, request } from 'node:http';
import { signJsonRequest, type JsonRequestSigning, type SignedJsonRequest } from './sigv4-json-request';

/**
 * The load generator of the endpoint load benchmark, run as its own process (`tsx
 * bench/endpoint-load-generator.ts '<json scenario>'`) so that generating load costs the server
 * nothing but the CPU the machine shares. `connections` loops send requests back to back over
 * a keep-alive agent for `seconds`; prints one JSON line: requests/s, latency percentiles, and
 * the count of answers that were not 2xx.
 *
 * Not autocannon: moto_server (werkzeug) answers every request with `Connection: close`, and
 * autocannon 8 then writes the next request on the closing socket and stalls (10 requests in
 * 2 s, one per connection; with `reconnectRate: 1` it counts none), while node:http's agent
 * opens a new socket as any SDK client does.
 */

export type LoadScenario =
  | {
      readonly kind: 'put-events';
      readonly url: string;
      readonly region: string;
      readonly busName: string;
      readonly source: string;
      readonly detailType: string;
      readonly seconds: number;
      readonly connections: number;
    }
  | {
      readonly kind: 'sqs-send-receive-delete';
      readonly url: string;
      readonly region: string;
      readonly queueUrl: string;
      readonly seconds: number;
      readonly connections: number;
    };

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
}

const CREDENTIALS = { accessKeyId: 'bench-load', secretAccessKey: 'bench-load-secret' } as const;
/** Distinct PutEvents bodies the loops cycle through (signed once, before the clock starts). */
const DISTINCT_EVENTS = 16;

interface Answer {
  readonly status: number;
  readonly body: string;
}

async function main(): Promise<void> {
  const scenario = JSON.parse(process.argv[2] ?? '') as LoadScenario;
  const url = new URL(scenario.url);
  const agent = new Agent({ keepAlive: true, maxSockets: scenario.connections });
  const signing = (service: string, target: string, contentType: string): JsonRequestSigning => ({
    host: url.host,
    region: scenario.region,
    service,
    target,
    contentType,
    ...CREDENTIALS,
  });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const send = (signed: SignedJsonRequest): Promise<Answer | undefined> => {
    const started = performance.now();
    return new Promise((resolve) => {
      const outgoing = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: signed.method,
          path: signed.path,
          headers: signed.headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            latencies.push(performance.now() - started);
            const status = response.statusCode ?? 0;
            if (status < 200 || status > 299) non2xx++;
            resolve({ status, body: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      outgoing.on('error', () => {
        errors++;
        resolve(undefined);
      });
      outgoing.end(signed.body);
    });
  };
  const step =
    scenario.kind === 'put-events' ? putEventsStep(scenario, signing, send) : sqsRoundTrip(scenario, signing, send);
  const started = performance.now();
  const deadline = started + scenario.seconds * 1000;
  await Promise.all(
    Array.from({ length: scenario.connections }, async (_, loop) => {
      for (let index = loop; performance.now() < deadline; index += scenario.connections) await step(index);
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0;
  const output: LoadResult = {
    requestsPerSecond: latencies.length / elapsedSeconds,
    latencyP50Ms: at(50),
    latencyP99Ms: at(99),
    requests: latencies.length,
    non2xx,
    errors,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

type Send = (signed: SignedJsonRequest) => Promise<Answer | undefined>;
type Signing = (service: string, target: string, contentType: string) => JsonRequestSigning;

/** One PutEvents of one entry per step, cycling through DISTINCT_EVENTS signed bodies. */
function putEventsStep(
  scenario: Extract<LoadScenario, { kind: 'put-events' }>,
  signing: Signing,
  send: Send,
): (index: number) => Promise<unknown> {
  const putEvents = signing('events', 'AWSEvents.PutEvents', 'application/x-amz-json-1.1');
  const requests = Array.from({ length: DISTINCT_EVENTS }, (_, index) =>
    signJsonRequest(
      putEvents,
      JSON.stringify({
        Entries: [
          {
            EventBusName: scenario.busName,
            Source: scenario.source,
            DetailType: scenario.detailType,
            Detail: JSON.stringify({
              metadata: { eventId: `bench-${index}` },
              data: { orderId: `order-${index}`, total: 42.5, lines: [{ sku: 'SKU-1', quantity: 2 }] },
            }),
          },
        ],
      }),
    ),
  );
  return (index) => send(requests[index % DISTINCT_EVENTS] as SignedJsonRequest);
}

/** SendMessage, ReceiveMessage, and DeleteMessage of whatever the receive returned, per step. */
function sqsRoundTrip(
  scenario: Extract<LoadScenario, { kind: 'sqs-send-receive-delete' }>,
  signing: Signing,
  send: Send,
): (index: number) => Promise<unknown> {
  const contentType = 'application/x-amz-json-1.0';
  const sendMessage = signJsonRequest(
    signing('sqs', 'AmazonSQS.SendMessage', contentType),
    JSON.stringify({ QueueUrl: scenario.queueUrl, MessageBody: '{"orderId":"order-1","total":42.5}' }),
  );
  const receiveMessage = signJsonRequest(
    signing('sqs', 'AmazonSQS.ReceiveMessage', contentType),
    JSON.stringify({ QueueUrl: scenario.queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 0 }),
  );
  const deleteSigning = signing('sqs', 'AmazonSQS.DeleteMessage', contentType);
  return async () => {
    await send(sendMessage);
    const received = await send(receiveMessage);
    const handle =
      received?.status === 200
        ? (JSON.parse(received.body) as { Messages?: { ReceiptHandle?: string }[] }).Messages?.[0]?.ReceiptHandle
        : undefined;
    // Another loop may have taken the message: then there is nothing to delete this time.
    if (handle)
      await send(
        signJsonRequest(deleteSigning, JSON.stringify({ QueueUrl: scenario.queueUrl, ReceiptHandle: handle })),
      );
  };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
