import { connect, type Socket } from 'node:net';
import { startEndpointHarness, type EndpointHarness } from './endpoint-harness';

const MAX_CONNECTIONS = 20;

function openSocket(url: string): Promise<Socket> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** A request whose headers promise a body that never comes: busy until the socket closes. */
async function openBusySocket(url: string): Promise<Socket> {
  const socket = await openSocket(url);
  socket.on('error', () => undefined);
  socket.write(
    'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n' +
      'Content-Type: application/x-amz-json-1.0\r\nContent-Length: 100\r\n\r\n',
  );
  return socket;
}

/** What the server writes on a fresh connection before closing it, if anything. */
function firstAnswer(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('close', () => resolve(text));
  });
}

describe('the endpoint under connection floods', () => {
  let harness: EndpointHarness;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    harness = await startEndpointHarness({ maxConnections: MAX_CONNECTIONS });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await harness.stop();
  });

  it('closes the stalest idle connection to serve a local function when the cap is reached', async () => {
    // GIVEN as many idle connections as the cap allows, opened by something that never speaks
    for (let index = 0; index < MAX_CONNECTIONS; index++) sockets.push(await openSocket(harness.url));

    // WHEN a local function calls
    const answer = await harness.call('AmazonSQS.ListQueues', '{}', {
      'content-type': 'application/x-amz-json-1.0',
      authorization: 'AWS4-HMAC-SHA256 Credential=LOCAL_orders-handler/20261203/us-east-1/sqs/aws4_request',
    });

    // THEN it is served, and an idle socket made room for it
    expect(answer.status).toBe(200);
    expect(harness.endpoint.connectionStats().evicted).toBeGreaterThanOrEqual(1);
  });

  it('answers 503 ServiceUnavailableException when every open connection is busy', async () => {
    // GIVEN every connection holding a request that is still being sent
    for (let index = 0; index < MAX_CONNECTIONS; index++) sockets.push(await openBusySocket(harness.url));
    await new Promise((resolve) => setTimeout(resolve, 100));

    // WHEN one more connection opens
    const extra = await openSocket(harness.url);
    sockets.push(extra);
    const text = await firstAnswer(extra);

    // THEN it is told why, and closed, instead of holding a descriptor
    expect(text).toMatch(/^HTTP\/1\.1 503 Service Unavailable/);
    expect(text).toContain('ServiceUnavailableException');
    expect(harness.endpoint.connectionStats()).toMatchObject({ open: MAX_CONNECTIONS, refused: 1 });
  });
});

describe('a client that leaves in the middle of a long poll', () => {
  let harness: EndpointHarness;
  beforeAll(async () => {
    // Time scale 1: the long poll below would last 20 s, far longer than the test.
    harness = await startEndpointHarness({}, { timeScale: 1 });
  });
  afterAll(() => harness.stop());

  it('ends its poll, so the next message goes to a caller still there', async () => {
    // GIVEN a queue, and a client that starts a 20 s long poll on it and then goes away
    const created = await harness.call('AmazonSQS.CreateQueue', JSON.stringify({ QueueName: 'left-behind' }));
    const QueueUrl = created.json.QueueUrl as string;
    const leaving = await openSocket(harness.url);
    leaving.on('error', () => undefined);
    const body = JSON.stringify({ QueueUrl, WaitTimeSeconds: 20, MaxNumberOfMessages: 1 });
    leaving.write(
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AmazonSQS.ReceiveMessage\r\n' +
        `Content-Type: application/x-amz-json-1.0\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    leaving.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));

    // WHEN a message arrives and a caller that stayed receives
    await harness.call('AmazonSQS.SendMessage', JSON.stringify({ QueueUrl, MessageBody: 'for whoever is there' }));
    const received = await harness.call('AmazonSQS.ReceiveMessage', JSON.stringify({ QueueUrl }));

    // THEN that caller gets it: the poll of the client gone did not take it into the void
    expect(received.json.Messages).toEqual([expect.objectContaining({ Body: 'for whoever is there' })]);
  });
});
