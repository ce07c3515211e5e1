import { connect, type Socket } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  ListArchivesCommand,
  PutEventsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { MAX_DETAIL_DEPTH } from '../../../lib/local/eventbridge/put-events-entry';
import type { LocalCloud } from '../../../lib/local/local-cloud';
import { startTimelineServer, type TimelineServer } from '../../../lib/ui';
import { startFixtureAppCloud } from '../../support/fixture-app';
import { TEST_CLIENT_CONFIG } from '../../support/serve-aws-json';
import { sendRaw } from './raw-request';
import { submitForeignJob } from '../startup/foreign-queue-app-job';

/**
 * The hostile corpus of issue 12 ("A local cloud that does not fall over, forget, or let a web page
 * in"), rerun in one place against one started local cloud running a small app that is not the
 * saga (a bus, a rule to a queue, a worker function writing to a results queue). Scaled down to
 * seconds: 8,000 events of 1 KB past an archive bound of 4 MB, instead of 8,016 of 240 KB (1.9 GB)
 * past the default 64 MB. What kill -9 does to an accepted order is `npm run test:durability`
 * (test/durability): SIGKILL in the middle of a 200-order saga under --data.
 */
const TRACE_CAPACITY = 2_000;
const MAX_CONNECTIONS = 48;
const FLOOD_EVENTS = 8_000;
const FLOOD_DETAIL = JSON.stringify({ padding: 'x'.repeat(1024) });
/** The in-memory archive's bound, scaled down with the events (64 MB by default). */
const ARCHIVE_MEMORY_BYTES = 4 * 1024 * 1024;
const ACCOUNT = '000000000000';
const OTHER_ACCOUNT = '111122223333';
const JSON_1_1 = { 'content-type': 'application/x-amz-json-1.1' };

/** `{"a":{"a":...{"leaf":true}...}}`, `depth` objects deep. */
function nestedDetail(depth: number): string {
  return `${'{"a":'.repeat(depth - 1)}{"leaf":true}${'}'.repeat(depth - 1)}`;
}

function openSocket(url: string): Promise<Socket> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('the hostile corpus of issue 12, rerun against a started local cloud', () => {
  let cloud: LocalCloud;
  let ui: TimelineServer;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  let dynamoDb: DynamoDBClient;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    cloud = await startFixtureAppCloud('foreign-queue-app', {
      traceCapacity: TRACE_CAPACITY,
      maxConnections: MAX_CONNECTIONS,
      archiveMemoryBytes: ARCHIVE_MEMORY_BYTES,
    });
    ui = await startTimelineServer({ cloud, port: 0 });
    const config = { ...TEST_CLIENT_CONFIG, endpoint: cloud.endpointUrl };
    events = new EventBridgeClient(config);
    sqs = new SQSClient(config);
    dynamoDb = new DynamoDBClient(config);
    await events.send(
      new CreateArchiveCommand({
        ArchiveName: 'everything',
        EventSourceArn: cloud.eventBridge.getEventBus('default').arn,
      }),
    );
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    events?.destroy();
    sqs?.destroy();
    dynamoDb?.destroy();
    await ui?.close();
    await cloud?.stop();
  });

  it('takes 8,000 PutEvents without growing past its bounds: the trace ring and the in-memory archive drop their oldest and count them', async () => {
    // GIVEN 8 MB of events, twice the archive's bound, in calls of 10 entries (PutEvents' limit)
    const putTen = () =>
      events.send(
        new PutEventsCommand({
          Entries: Array.from({ length: 10 }, () => ({
            Source: 'hostile.flood',
            DetailType: 'Flood',
            Detail: FLOOD_DETAIL,
          })),
        }),
      );
    // eight callers at a time, as a busy client would
    for (let call = 0; call < FLOOD_EVENTS / 10; call += 8) {
      const results = await Promise.all(Array.from({ length: 8 }, putTen));
      expect(results.map((result) => result.FailedEntryCount)).toEqual(Array(8).fill(0));
    }
    await cloud.eventBridge.whenIdle();

    // THEN the trace keeps its capacity and counts what it dropped, and the archive stays in its bound
    expect(cloud.trace.size).toBeLessThanOrEqual(TRACE_CAPACITY);
    expect(cloud.trace.dropped).toBeGreaterThan(0);
    const archive = cloud.eventBridge.findArchive('everything');
    expect(archive?.sizeBytes).toBeLessThanOrEqual(ARCHIVE_MEMORY_BYTES);
    expect(archive?.droppedCount).toBeGreaterThan(0);
    // and DescribeArchive still answers (EventBridge API reference: DescribeArchive)
    const described = await events.send(new DescribeArchiveCommand({ ArchiveName: 'everything' }));
    expect(described.EventCount).toBe(archive?.eventCount);
  }, 60_000);

  it('streams the timeline page after a large trace in bounded batches, and survives a page closed mid-stream', async () => {
    // GIVEN a trace at its capacity (the flood above, or this one)
    for (let index = 0; cloud.trace.size < TRACE_CAPACITY && index < 300; index++) {
      await events.send(
        new PutEventsCommand({ Entries: [{ Source: 'hostile.trace', DetailType: 'T', Detail: '{}' }] }),
      );
    }

    // WHEN a page opens the event stream and goes away in the middle of it
    const abort = new AbortController();
    const response = await fetch(`${ui.url}events`, { signal: abort.signal });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: trace')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    abort.abort();

    // THEN no message is bigger than a batch of the bounded trace, and the server answers on
    const largest = Math.max(...text.split('\n\n').map((message) => Buffer.byteLength(message)));
    expect(largest).toBeLessThan(4 * 1024 * 1024);
    const stats = await fetch(`${ui.url}api/stats`);
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { traceRecordsDropped: number }).traceRecordsDropped).toBe(cloud.trace.dropped);
  });

  // PutEvents API reference: "PutEvents will only process nested JSON up to 1000 levels deep".
  it('refuses a Detail 40,000 levels deep with MalformedDetail, and DescribeArchive, ListArchives and replay still work', async () => {
    const deep = await events.send(
      new PutEventsCommand({ Entries: [{ Source: 'hostile.deep', DetailType: 'Deep', Detail: nestedDetail(40_000) }] }),
    );
    expect(deep.Entries?.[0]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    const accepted = await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'hostile.deep', DetailType: 'Deep', Detail: nestedDetail(MAX_DETAIL_DEPTH) }],
      }),
    );
    expect(accepted.FailedEntryCount).toBe(0);
    await cloud.eventBridge.whenIdle();

    const described = await events.send(new DescribeArchiveCommand({ ArchiveName: 'everything' }));
    const listed = await events.send(new ListArchivesCommand({}));
    expect(listed.Archives?.map((archive) => archive.ArchiveName)).toContain('everything');
    await events.send(
      new StartReplayCommand({
        ReplayName: 'after-the-deep-event',
        EventSourceArn: described.ArchiveArn,
        EventStartTime: new Date(cloud.clock.now() - 60_000),
        EventEndTime: new Date(cloud.clock.now() + 60_000),
        Destination: { Arn: cloud.eventBridge.getEventBus('default').arn },
      }),
    );
    const replay = await events.send(new DescribeReplayCommand({ ReplayName: 'after-the-deep-event' }));
    expect(replay.State).toBe('COMPLETED');
  });

  it('refuses a request whose Host is a rebinding name with a 403 AccessDeniedException, on the endpoint and the UI server', async () => {
    const endpointAnswer = await sendRaw(
      cloud.endpointUrl,
      {
        method: 'POST',
        headers: { ...JSON_1_1, 'x-amz-target': 'DynamoDB_20120810.ListTables', host: 'rebind.attacker.example' },
        json: {},
      },
      { endpoint: cloud.endpointUrl, accountId: ACCOUNT },
    );
    expect(endpointAnswer.status).toBe(403);
    expect(endpointAnswer.json).toMatchObject({ __type: 'AccessDeniedException' });
    const uiAnswer = await sendRaw(
      ui.url,
      { method: 'GET', headers: { host: 'rebind.attacker.example:4567' } },
      { endpoint: ui.url, accountId: ACCOUNT },
    );
    expect(uiAnswer.status).toBe(403);
  });

  // PutEventsResultEntry reference: an entry for a bus no resource policy lets this caller use
  // fails with AccessDeniedException; nothing reaches the local bus of the same name.
  it.each([
    ['another account', `arn:aws:events:us-east-1:${OTHER_ACCOUNT}:event-bus/foreign-jobs-bus`],
    ['another region', `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/foreign-jobs-bus`],
    ['another partition', `arn:aws-cn:events:us-east-1:${ACCOUNT}:event-bus/foreign-jobs-bus`],
  ])('refuses PutEvents to a bus ARN of %s', async (_which, busArn) => {
    const since = cloud.trace.events().at(-1)?.seq ?? 0;
    const result = await events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: busArn, Source: 'foreign.jobs', DetailType: 'JobSubmitted', Detail: '{}' }],
      }),
    );
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.ErrorCode).toBe('AccessDeniedException');
    expect(cloud.trace.events().filter((event) => event.seq > since && event.kind === 'event.put')).toEqual([]);
  });

  it('stores and returns attributes named __proto__ in SQS and DynamoDB like any other name', async () => {
    // Raw calls whose JSON is parsed, not an SDK: an SDK builds objects with `__proto__` keys by
    // assignment, which sets a prototype instead of an attribute.
    const call = async (target: string, contentType: string, json: string) =>
      sendRaw(
        cloud.endpointUrl,
        { method: 'POST', headers: { 'content-type': contentType, 'x-amz-target': target }, text: json },
        { endpoint: cloud.endpointUrl, accountId: ACCOUNT },
      );
    const attribute = (answer: { json?: Record<string, unknown> }, path: string[]) =>
      path.reduce<unknown>(
        (value, key) => (value === undefined ? undefined : Object.getOwnPropertyDescriptor(value, key)?.value),
        answer.json,
      );

    // SQS developer guide: a message attribute name may hold letters, digits, '_', '-' and '.'.
    const queueUrl = `${cloud.endpointUrl}/${ACCOUNT}/foreign-job-results`;
    const sent = await call(
      'AmazonSQS.SendMessage',
      'application/x-amz-json-1.0',
      `{"QueueUrl":"${queueUrl}","MessageBody":"proto","MessageAttributes":{"__proto__":{"DataType":"String","StringValue":"kept"}}}`,
    );
    expect(sent.status).toBe(200);
    const received = await call(
      'AmazonSQS.ReceiveMessage',
      'application/x-amz-json-1.0',
      `{"QueueUrl":"${queueUrl}","MessageAttributeNames":["All"],"MaxNumberOfMessages":10}`,
    );
    const messages = attribute(received, ['Messages']) as Record<string, unknown>[];
    const message = messages.find((candidate) => candidate.Body === 'proto');
    expect(Object.getOwnPropertyDescriptor(message?.MessageAttributes ?? {}, '__proto__')?.value).toMatchObject({
      StringValue: 'kept',
    });

    // DynamoDB developer guide: attribute names are any UTF-8 string of 1 to 64 KB.
    await dynamoDb.send(
      new CreateTableCommand({
        TableName: 'hostile-proto',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const put = await call(
      'DynamoDB_20120810.PutItem',
      'application/x-amz-json-1.0',
      '{"TableName":"hostile-proto","Item":{"pk":{"S":"k"},"__proto__":{"S":"kept"}}}',
    );
    expect(put.status).toBe(200);
    const got = await call(
      'DynamoDB_20120810.GetItem',
      'application/x-amz-json-1.0',
      '{"TableName":"hostile-proto","Key":{"pk":{"S":"k"}}}',
    );
    expect(attribute(got, ['Item', '__proto__'])).toEqual({ S: 'kept' });
  });

  it("caps connections: idle ones make room for the functions' own calls, and only an all-busy endpoint answers 503", async () => {
    // GIVEN as many idle connections as the cap, from something that never speaks
    for (let index = 0; index < MAX_CONNECTIONS; index++) {
      const socket = await openSocket(cloud.endpointUrl);
      socket.on('error', () => undefined);
      sockets.push(socket);
    }

    // WHEN a job goes through the app: rule → queue → worker function → SendMessage to results
    // (from clients that retry as the SDK does by default: a closed idle socket is retried)
    const jobId = 'job-through-a-flood';
    const config = {
      endpoint: cloud.endpointUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    const retryingEvents = new EventBridgeClient(config);
    const retryingSqs = new SQSClient(config);
    await submitForeignJob(retryingEvents, jobId);
    const results = `${cloud.endpointUrl}/${ACCOUNT}/foreign-job-results`;
    let report: string | undefined;
    for (let attempt = 0; attempt < 10 && report === undefined; attempt++) {
      const received = await retryingSqs.send(new ReceiveMessageCommand({ QueueUrl: results, WaitTimeSeconds: 2 }));
      report = received.Messages?.map((message) => message.Body ?? '').find((body) => body.includes(jobId));
    }

    // THEN the function's call was served (idle sockets were closed for it, not the function refused)
    expect(report).toBeDefined();
    expect(cloud.endpoint.connectionStats().evicted).toBeGreaterThan(0);

    // and when every open connection is busy sending a request, a new one is told so with a 503
    // (opened until one is: a socket whose request has not been read yet is still idle, and closed for room)
    for (const socket of sockets.splice(0)) socket.destroy();
    retryingSqs.destroy();
    retryingEvents.destroy();
    let refusal: string | undefined;
    for (let attempt = 0; attempt < 4 * MAX_CONNECTIONS && refusal === undefined; attempt++) {
      const socket = await openSocket(cloud.endpointUrl);
      socket.on('error', () => undefined);
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.startsWith('HTTP/1.1 503')) refusal = text;
      });
      socket.write(
        'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n' +
          'Content-Type: application/x-amz-json-1.0\r\nContent-Length: 100\r\n\r\n',
      );
      sockets.push(socket);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refusal).toMatch(/^HTTP\/1\.1 503 Service Unavailable/);
    expect(refusal).toContain('ServiceUnavailableException');
    expect(cloud.endpoint.connectionStats().refused).toBeGreaterThan(0);
  }, 120_000);
});
