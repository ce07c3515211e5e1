import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildOrderPlaced } from '../../functions/shared/event-builder';
import { EventPublisher } from '../../functions/shared/publisher';
import { listOrders } from '../../functions/orders/store';
import { busName, serviceResourceNames } from '../../lib/contracts';
import { readSagaSnapshot } from '../../lib/saga/read-saga-snapshot';
import { allInvariantsHold, checkSagaInvariants } from '../../lib/saga/saga-invariants';
import { STOREFRONT_CREDENTIALS } from '../../lib/saga/saga-run';
import { generateOrders } from '../../lib/seed/order-generator';
import { SEED_STOCK } from '../../lib/seed/seed-data';
import { PROJECT_ROOT, TEST_ASSEMBLY_DIRECTORY } from '../support/test-assembly';

// Issue 12: "An end-to-end test kills the local cloud (SIGKILL) in the middle of a 200-order saga
// with --data, restarts it, and every order reaches a terminal state with all invariants holding."

const VARIANT = 'choreography';
const ORDERS = 200;
// At 20 the queues' 120 s visibility timeout is 6 wall seconds: longer than a cold start after the
// restart on a loaded machine, so messages are not redelivered into the DLQs merely for waiting.
const TIME_SCALE = 20;

describe('a local cloud killed with SIGKILL in the middle of a saga (--data)', () => {
  let dataDirectory: string;
  let child: ChildProcess | undefined;
  beforeAll(() => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'kill-restart-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('loses no accepted order after a restart on the same --data: every order terminal, stock conserved, every invariant holding', async () => {
    // GIVEN the app running on a local cloud in a child process, its state under --data
    const port = await freePort();
    child = await startLocalCloudProcess(port, dataDirectory);
    const clients = clientsFor(port);
    const orders = generateOrders({ count: ORDERS, seed: 12 });
    const orderIds = orders.map((order) => order.data.orderId);
    try {
      // WHEN 200 orders are accepted and the process is killed while the saga runs
      const publisher = new EventPublisher({ client: clients.eventBridge, eventBusName: busName(VARIANT) });
      const events = orders.map((order) => buildOrderPlaced(order.data));
      for (let index = 0; index < events.length; index += 10) {
        await publisher.publish(events.slice(index, index + 10));
      }
      const terminalAtKill = await waitFor(async () => {
        const terminal = await terminalOrders(clients.documentClient);
        return terminal >= ORDERS / 10 ? terminal : undefined;
      }, 60_000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child?.once('exit', resolve));
      expect(terminalAtKill).toBeLessThan(ORDERS);

      // AND it is started again on the same directory
      child = await startLocalCloudProcess(port, dataDirectory);

      // THEN every order reaches a terminal state and the invariants hold
      await waitFor(async () => {
        const [terminal, inFlight] = await Promise.all([
          terminalOrders(clients.documentClient),
          messagesInConsumerQueues(clients.sqs),
        ]);
        return terminal === ORDERS && inFlight.consumer === 0 ? true : undefined;
      }, 120_000);
      const queues = await messagesInConsumerQueues(clients.sqs);
      const snapshot = await readSagaSnapshot({
        documentClient: clients.documentClient,
        variant: VARIANT,
        initialStock: SEED_STOCK,
        publishedOrderIds: orderIds,
        expectedPoisonMessages: 0,
        deadLetters: [],
        messagesInFlight: queues.consumer,
      });
      const invariants = checkSagaInvariants(snapshot);
      expect(invariants.filter((invariant) => !invariant.holds)).toEqual([]);
      expect(allInvariantsHold(invariants)).toBe(true);
      expect(queues.deadLetterQueues).toEqual([]);

      // AND a SIGTERM then drains and stops it with exit code 0, saying what it drained
      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(outputOf(child)).toMatch(/SIGTERM: draining[\s\S]*drained in \d+ ms: [\s\S]*stopped; state saved under/);
    } finally {
      clients.destroy();
    }
  }, 240_000);
});

/** `choreo local` on the test assembly, resolved once it has said it is ready. */
async function startLocalCloudProcess(port: number, dataDirectory: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      join(PROJECT_ROOT, 'bin', 'choreo.js'),
      'local',
      '--cdk-out',
      TEST_ASSEMBLY_DIRECTORY,
      '--port',
      String(port),
      '--time-scale',
      String(TIME_SCALE),
      '--data',
      dataDirectory,
      '--logs',
      'none',
    ],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  outputs.set(child, output);
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.join('').includes('Ctrl-C stops it.')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', (code) =>
      reject(new Error(`choreo local exited (${String(code)}) before it was ready:\n${output.join('')}`)),
    );
  });
  return child;
}

const outputs = new WeakMap<ChildProcess, string[]>();

/** Everything a child process wrote to stdout and stderr so far. */
function outputOf(child: ChildProcess): string {
  return (outputs.get(child) ?? []).join('');
}

function clientsFor(port: number) {
  const config = { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: STOREFRONT_CREDENTIALS };
  const dynamoDb = new DynamoDBClient(config);
  const clients = {
    eventBridge: new EventBridgeClient(config),
    sqs: new SQSClient(config),
    documentClient: DynamoDBDocumentClient.from(dynamoDb, { marshallOptions: { removeUndefinedValues: true } }),
    destroy() {
      clients.eventBridge.destroy();
      clients.sqs.destroy();
      dynamoDb.destroy();
    },
  };
  return clients;
}

async function terminalOrders(documentClient: DynamoDBDocumentClient): Promise<number> {
  const orders = await listOrders(documentClient, serviceResourceNames(VARIANT, 'orders').table);
  return orders.filter((order) => order.status !== 'PENDING').length;
}

/**
 * Messages visible or in flight in the variant's consumer queues (delayed ones are deadline
 * timers set for later, not work left undone), and every message in its DLQs.
 */
async function messagesInConsumerQueues(
  sqs: SQSClient,
): Promise<{ consumer: number; deadLetter: number; deadLetterQueues: string[] }> {
  const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: busName(VARIANT) }));
  let consumer = 0;
  let deadLetter = 0;
  const deadLetterQueues: string[] = [];
  for (const url of QueueUrls) {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    let messages =
      Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
    if (Attributes.RedrivePolicy) consumer += messages;
    else {
      messages += Number(Attributes.ApproximateNumberOfMessagesDelayed);
      deadLetter += messages;
      if (messages > 0) deadLetterQueues.push(`${url.slice(url.lastIndexOf('/') + 1)}: ${messages}`);
    }
  }
  return { consumer, deadLetter, deadLetterQueues };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
