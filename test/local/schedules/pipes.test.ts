import {
  compilePipeInputTemplate,
  InvalidPipeTemplateError,
  type LocalPipes,
  type LocalPipesProps,
} from '../../../lib/local/pipes';
import type { LocalQueue, LocalSqs } from '../../../lib/local/sqs';
import { receiveBodies } from '../sqs/receive-within';
import { composeLocalPipes, pipeTemplate } from './local-pipes-harness';

const VARIABLES = {
  'pipe-arn': 'arn:aws:pipes:us-east-1:000000000000:pipe/orders',
  'pipe-name': 'orders',
  'source-arn': 'arn:aws:sqs:us-east-1:000000000000:in',
  'enrichment-arn': '',
  'target-arn': 'arn:aws:events:us-east-1:000000000000:event-bus/default',
  'event.ingestion-time': '2026-01-31T12:00:00Z',
};

describe('pipe input templates (EventBridge user guide: "Amazon EventBridge Pipes input transformation")', () => {
  const record = {
    messageId: 'm-1',
    body: '{"orderId":"o-1","total":42,"lines":[{"sku":"a"}]}',
    attributes: { SenderId: 'AIDA1' },
  };

  it('fills JSON paths into the body (implicit body parsing) and reserved variables', () => {
    const template = compilePipeInputTemplate(
      '{"order": <$.body.orderId>, "total": <$.body.total>, "sku": <$.body.lines[0].sku>, "pipe": "<aws.pipes.pipe-name>", "text": "order <$.body.orderId> from <$.attributes.SenderId>"}',
    );
    expect(JSON.parse(template.render(record, VARIABLES))).toEqual({
      order: 'o-1',
      total: 42,
      sku: 'a',
      pipe: 'orders',
      text: 'order o-1 from AIDA1',
    });
  });

  it('passes an object whole outside quotes and the whole event with <aws.pipes.event.json>', () => {
    const template = compilePipeInputTemplate('{"line": <$.body.lines[0]>, "event": <aws.pipes.event.json>}');
    const rendered = JSON.parse(template.render(record, VARIABLES));
    expect(rendered.line).toEqual({ sku: 'a' });
    expect(rendered.event.body.orderId).toBe('o-1');
  });

  it.each(['{"a": <$.body.x}', '{"a": <aws.pipes.nope>}', '{"a": <body.x>}', '{"a": <$..x>}'])(
    'refuses the malformed template %s',
    (text) => {
      expect(() => compilePipeInputTemplate(text)).toThrow(InvalidPipeTemplateError);
    },
  );
});

const ENRICHER = {
  Type: 'AWS::Lambda::Function',
  Properties: {
    FunctionName: 'enricher',
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
    Code: { ZipFile: 'exports.handler = async () => ({})' },
  },
};

interface PipeHarness {
  readonly sqs: LocalSqs;
  readonly pipes: LocalPipes;
  readonly input: LocalQueue;
  readonly output: LocalQueue;
  stop(): Promise<void>;
}

function startPipes(
  pipeProperties: Record<string, unknown>,
  lambda?: LocalPipesProps['services']['lambda'],
): PipeHarness {
  const { sqs, eventBridge, pipes, stop } = composeLocalPipes(
    pipeTemplate({ Name: 'orders', ...pipeProperties }, { Enricher: ENRICHER }),
    lambda ? { lambda } : {},
  );
  const output = sqs.getQueue('out');
  eventBridge.putRule({ name: 'all', eventPattern: { source: [{ prefix: '' }] } });
  eventBridge.putTargets('default', 'all', [{ Id: 'out', Arn: output.arn }]);
  pipes.start();
  return { sqs, pipes, input: sqs.getQueue('in'), output, stop };
}

describe('EventBridge Pipes with an SQS source (Pipes user guide: "Amazon SQS as a source", "Event filtering")', () => {
  let harness: PipeHarness | undefined;
  afterEach(() => harness?.stop());

  it('filters the records, transforms them and puts them on the bus as "Event from aws:sqs" of "Pipe <name>"', async () => {
    harness = startPipes({
      Target: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
      SourceParameters: {
        SqsQueueParameters: { BatchSize: 10 },
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { kind: ['order'] } }) }] },
      },
      TargetParameters: { InputTemplate: '{"orderId": <$.body.id>, "from": "<aws.pipes.pipe-name>"}' },
    });
    expect(harness.pipes.problems).toEqual([]);
    harness.input.send({ body: JSON.stringify({ kind: 'order', id: 'o-1' }), sender: 'test' });
    harness.input.send({ body: JSON.stringify({ kind: 'noise', id: 'n-1' }), sender: 'test' });
    const [event] = (await receiveBodies(harness.output, 1)).map((body) => JSON.parse(body));
    expect(event).toMatchObject({
      source: 'Pipe orders',
      'detail-type': 'Event from aws:sqs',
      detail: { orderId: 'o-1', from: 'orders' },
    });
    expect(await receiveBodies(harness.output, 1, 300)).toEqual([]);
    expect(harness.input.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('hands a Lambda enrichment the batch as SQS records shaped as Lambda gets them, and sends its answer to the target', async () => {
    const payloads: unknown[] = [];
    harness = startPipes(
      {
        Enrichment: 'arn:aws:lambda:us-east-1:000000000000:function:enricher',
        Target: 'arn:aws:sqs:us-east-1:000000000000:out',
        SourceParameters: { SqsQueueParameters: { BatchSize: 5, MaximumBatchingWindowInSeconds: 1 } },
      },
      {
        invoke: async (_name, payload) => {
          payloads.push(payload);
          return {
            outcome: 'success',
            result: (payload as { body: string }[]).map((record) => ({ enriched: JSON.parse(record.body) })),
          };
        },
      },
    );
    harness.input.send({ body: '{"n":1}', sender: 'test' });
    harness.input.send({ body: '{"n":2}', sender: 'test' });
    const bodies = (await receiveBodies(harness.output, 2)).map((body) => JSON.parse(body));
    expect(bodies).toEqual(expect.arrayContaining([{ enriched: { n: 1 } }, { enriched: { n: 2 } }]));
    const [record] = payloads[0] as Record<string, unknown>[];
    expect(Object.keys(record ?? {})).toEqual([
      'messageId',
      'receiptHandle',
      'body',
      'attributes',
      'messageAttributes',
      'md5OfBody',
      'eventSource',
      'eventSourceARN',
      'awsRegion',
    ]);
    expect(record).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: harness.input.arn, awsRegion: 'us-east-1' });
  });

  it('leaves in the queue only the records a Lambda target lists in batchItemFailures', async () => {
    let calls = 0;
    harness = startPipes(
      {
        Target: 'arn:aws:lambda:us-east-1:000000000000:function:enricher',
        SourceParameters: { SqsQueueParameters: { BatchSize: 10, MaximumBatchingWindowInSeconds: 1 } },
      },
      {
        invoke: async (_name, payload) => {
          calls++;
          const records = payload as { messageId: string; body: string }[];
          const poison = records.filter((record) => record.body === 'poison');
          return {
            outcome: 'success',
            result: { batchItemFailures: poison.map((record) => ({ itemIdentifier: record.messageId })) },
          };
        },
      },
    );
    harness.input.send({ body: 'fine', sender: 'test' });
    harness.input.send({ body: 'poison', sender: 'test' });
    const deadline = Date.now() + 3000;
    while (calls === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await harness.pipes.stop();
    const left = harness.input.peek().map((message) => message.body);
    expect(left).toEqual(['poison']);
  });

  it('does not run a pipe whose target does not exist or whose template is malformed, and says why', () => {
    harness = startPipes({ Target: 'arn:aws:sqs:us-east-1:000000000000:missing' });
    expect(harness.pipes.problems).toEqual([
      "pipe 'orders' is not run: target queue 'arn:aws:sqs:us-east-1:000000000000:missing' does not exist",
    ]);
    void harness.stop();
    harness = startPipes({
      Target: 'arn:aws:sqs:us-east-1:000000000000:out',
      TargetParameters: { InputTemplate: '{"a": <$.body.x}' },
    });
    expect(harness.pipes.problems[0]).toMatch(/pipe 'orders' is not run: target InputTemplate/);
    expect(harness.pipes.pipes).toEqual([]);
  });
});
