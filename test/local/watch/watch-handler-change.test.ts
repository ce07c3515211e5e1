import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalCloud } from '../../../lib/local/local-cloud';
import { LOCAL_DUMMY_CREDENTIALS } from '../../../lib/local/startup';
import { DevLoop } from '../../../lib/local/watch';
import { FIXTURE_APPS_DIRECTORY, synthesizeFixtureApp } from '../../support/fixture-app';
import { PROJECT_ROOT } from '../../support/test-assembly';

/**
 * A copy of the queue-function-table app (a queue consumed by a function that writes a table),
 * kept under test-results so that its synthesis is cached between runs: its sources are copied
 * afresh each run, so an unchanged fixture reuses the assembly.
 */
const APP_DIRECTORY = join(PROJECT_ROOT, 'test-results', 'watch-app');
/**
 * Where the test's stand-in syntheses go: beside the app, not in it, where they would count as
 * app sources and change its input hash (so the next run would synthesize again).
 */
const SYNTHESES_DIRECTORY = join(PROJECT_ROOT, 'test-results', 'watch-app-syntheses');
const HANDLER = join(APP_DIRECTORY, 'writer.handler.ts');

/** The edited handler: it also takes plain-text bodies, and marks what it writes as v2. */
const HANDLER_V2 = `import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

const dynamo = new DynamoDBClient({});

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  for (const record of event.Records) {
    let note: { id: string; text: string };
    try {
      note = JSON.parse(record.body) as { id: string; text: string };
    } catch {
      note = { id: record.body, text: record.body };
    }
    await dynamo.send(
      new PutItemCommand({
        TableName: process.env.TABLE_NAME,
        Item: { id: { S: note.id }, text: { S: note.text }, version: { S: 'v2' } },
      }),
    );
  }
  return { batchItemFailures: [] };
}
`;

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, withinMs = 20_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('choreo local --watch: a handler edited while the app runs', () => {
  let cloud: LocalCloud;
  let loop: DevLoop;
  const reports: string[] = [];
  /** What the next "synthesis" changes in the template (the test stands in for `cdk synth`). */
  let nextTemplateChange: (resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>) => void;
  let syntheses = 0;

  beforeAll(async () => {
    mkdirSync(APP_DIRECTORY, { recursive: true });
    for (const file of ['app.ts', 'writer.handler.ts']) {
      cpSync(join(FIXTURE_APPS_DIRECTORY, 'queue-function-table', file), join(APP_DIRECTORY, file));
    }
    const { assemblyDirectory } = await synthesizeFixtureApp(APP_DIRECTORY, join(APP_DIRECTORY, 'cdk.out'));
    // 30x: a message the function fails is visible again after 1 s (the queue's 30 s visibility timeout).
    cloud = await LocalCloud.start({ assemblyDirectory, port: 0, timeScale: 30 });
    let synthesized = assemblyDirectory;
    loop = DevLoop.start({
      cloud,
      projectDirectory: APP_DIRECTORY,
      // A synthesis of the edited stack code: the assembly copied, its template changed as the test says.
      synthesize: async () => {
        synthesized = join(SYNTHESES_DIRECTORY, `synthesized-${++syntheses}`);
        rmSync(synthesized, { recursive: true, force: true });
        cpSync(assemblyDirectory, synthesized, { recursive: true });
        const templateFile = join(synthesized, 'QueueFunctionTable.template.json');
        const template = JSON.parse(readFileSync(templateFile, 'utf8')) as {
          Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
        };
        nextTemplateChange(template.Resources);
        writeFileSync(templateFile, JSON.stringify(template));
        return { assemblyDirectory: synthesized };
      },
      restart: (port) => LocalCloud.start({ assemblyDirectory: synthesized, port, timeScale: 30 }),
      report: (line) => reports.push(line),
    });
  }, 180_000);

  afterAll(async () => {
    await loop?.close();
    await cloud?.stop();
  });

  it('runs the next message on the new code and keeps the message already in the queue', async () => {
    const config = { endpoint: cloud.endpointUrl, region: 'us-east-1', credentials: LOCAL_DUMMY_CREDENTIALS };
    const sqs = new SQSClient(config);
    const dynamo = new DynamoDBClient(config);
    const queueUrl = cloud.model.queues[0]?.url ?? '';
    const tableName = cloud.model.tables[0]?.name ?? '';
    const item = async (id: string) =>
      (await dynamo.send(new GetItemCommand({ TableName: tableName, Key: { id: { S: id } } }))).Item;
    const functionName = cloud.lambda.functionNames()[0] ?? '';
    try {
      // GIVEN a message handled by the original code, and one the original code fails (not JSON)
      // and so leaves in the queue, redelivered after each visibility timeout.
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"id":"before","text":"hello"}' }));
      const before = await eventually(() => item('before'));
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'plain text' }));
      await eventually(() =>
        cloud.trace.events('invocation.ended').find((ended) => (ended.failedItems?.length ?? 0) > 0),
      );

      // WHEN the handler is edited on disk
      writeFileSync(HANDLER, HANDLER_V2);
      const rebuilt = await eventually(() => reports.find((line) => line.startsWith('rebuilt ')));

      // THEN a new message runs the new code, the message left in the queue is handled by it
      // too (not lost), and the table keeps what the old code wrote.
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"id":"after","text":"world"}' }));
      const after = await eventually(() => item('after'));
      const kept = await eventually(() => item('plain text'));

      expect(rebuilt).toMatch(new RegExp(`^rebuilt ${functionName} in \\d+ ms; next invocation runs the new code$`));
      expect(before).toEqual({ id: { S: 'before' }, text: { S: 'hello' } });
      expect(after).toEqual({ id: { S: 'after' }, text: { S: 'world' }, version: { S: 'v2' } });
      expect(kept).toEqual({ id: { S: 'plain text' }, text: { S: 'plain text' }, version: { S: 'v2' } });
      expect(await item('before')).toEqual(before);
      // The asset the synthesis wrote is left as it was: the cached assembly still matches its sources.
      expect(readFileSync(join(cloud.model.functions[0]?.assetDirectory ?? '', 'index.js'), 'utf8')).not.toContain(
        'v2',
      );
    } finally {
      sqs.destroy();
      dynamo.destroy();
    }
  });

  it('keeps running the previous code when the edited handler does not build, and says why', async () => {
    const sqs = new SQSClient({
      endpoint: cloud.endpointUrl,
      region: 'us-east-1',
      credentials: LOCAL_DUMMY_CREDENTIALS,
    });
    const dynamo = new DynamoDBClient({
      endpoint: cloud.endpointUrl,
      region: 'us-east-1',
      credentials: LOCAL_DUMMY_CREDENTIALS,
    });
    try {
      // WHEN the handler is saved with a syntax error
      writeFileSync(HANDLER, `${HANDLER_V2}\nexport const broken = ;\n`);
      const failed = await eventually(() => reports.find((line) => line.startsWith('rebuilding ')));

      // THEN esbuild's error is reported and the next message still runs the last code that built
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: cloud.model.queues[0]?.url ?? '',
          MessageBody: '{"id":"still","text":"v2"}',
        }),
      );
      const item = await eventually(
        async () =>
          (
            await dynamo.send(
              new GetItemCommand({ TableName: cloud.model.tables[0]?.name ?? '', Key: { id: { S: 'still' } } }),
            )
          ).Item,
      );
      expect(failed).toMatch(/failed; it keeps running its previous code:\n.*Unexpected ";"/s);
      expect(item?.version).toEqual({ S: 'v2' });
    } finally {
      sqs.destroy();
      dynamo.destroy();
    }
  });

  it('updates a function in place when the stack code changed only its configuration, and restarts when it added a queue', async () => {
    const functionName = cloud.lambda.functionNames()[0] ?? '';
    const functionOf = (resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>) =>
      Object.values(resources).find((resource) => resource.Type === 'AWS::Lambda::Function');

    // WHEN the stack code is saved with the function's memory raised
    nextTemplateChange = (resources) => {
      const writer = functionOf(resources);
      if (writer?.Properties) writer.Properties.MemorySize = 256;
    };
    appendFileSync(join(APP_DIRECTORY, 'app.ts'), '\n// memory raised\n');
    const inPlace = await eventually(() => reports.find((line) => line.includes('only functions changed')));

    // THEN the same cloud runs the function with the new memory size
    expect(inPlace).toContain(`${functionName} run their new code and configuration from the next invocation`);
    expect(loop.cloud).toBe(cloud);
    expect(cloud.lambda.functionConfig(functionName)?.memorySizeMb).toBe(256);

    // WHEN the stack code is saved with a new queue
    nextTemplateChange = (resources) => {
      const writer = functionOf(resources);
      if (writer?.Properties) writer.Properties.MemorySize = 256;
      resources.Extra = { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'watch-extra' } };
    };
    appendFileSync(join(APP_DIRECTORY, 'app.ts'), '\n// queue added\n');
    const restarted = await eventually(() => reports.find((line) => line.startsWith('local cloud restarted at')));

    // THEN the cloud restarts in this process on the same port, having said what a restart loses
    const port = new URL(cloud.endpointUrl).port;
    expect(reports.some((line) => line.includes(`the local cloud RESTARTS in this process on port ${port}`))).toBe(
      true,
    );
    expect(restarted).toContain(cloud.endpointUrl);
    expect(loop.cloud).not.toBe(cloud);
    expect(loop.cloud?.model.queues.map((queue) => queue.name)).toContain('watch-extra');
  });
});
