import {
  ConflictException,
  CreatePipeCommand,
  DeletePipeCommand,
  DescribePipeCommand,
  ListPipesCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  PipesClient,
  StartPipeCommand,
  StopPipeCommand,
  TagResourceCommand,
  UpdatePipeCommand,
  ValidationException,
  type CreatePipeCommandInput,
} from '@aws-sdk/client-pipes';
import { buildAppModel } from '../../../lib/local/assembly';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalEndpoint } from '../../../lib/local/endpoint';
import { LocalPipes, pipesRestApi } from '../../../lib/local/pipes';
import { LocalSqs, type LocalQueue } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
import { freshForEachTest } from '../../support/fresh-for-each-test';
import { TEST_CLIENT_CONFIG } from '../../support/serve-aws-json';
import { receiveBodies } from '../sqs/receive-within';

const ACCOUNT = '000000000000';
const IN = `arn:aws:sqs:us-east-1:${ACCOUNT}:in`;
const OUT = `arn:aws:sqs:us-east-1:${ACCOUNT}:out`;
const PIPE_ROLE = `arn:aws:iam::${ACCOUNT}:role/pipe-role`;
const OUT_ONLY_ROLE = `arn:aws:iam::${ACCOUNT}:role/out-only`;

function role(name: string, resource: string) {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: name,
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'pipes.amazonaws.com' } }],
      },
      Policies: [
        {
          PolicyName: 'pipe',
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: resource }] },
        },
      ],
    },
  };
}

interface Harness {
  readonly client: PipesClient;
  readonly url: string;
  readonly input: LocalQueue;
  readonly output: LocalQueue;
  stop(): Promise<void>;
}

/** SQS, Pipes and the endpoint, with two queues and two roles; no pipe yet. */
async function startHarness(): Promise<Harness> {
  const clock = new ScaledClock({ timeScale: 100 });
  const trace = new TraceRecorder(clock);
  const sqs = new LocalSqs({ clock, trace });
  const model = buildAppModel([
    {
      stackName: 'PipesApi',
      template: {
        Resources: {
          In: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'in', VisibilityTimeout: 30 } },
          Out: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'out' } },
          PipeRole: role('pipe-role', '*'),
          OutOnly: role('out-only', OUT),
        },
      },
    },
  ]);
  const endpoint = new LocalEndpoint({ port: 0 });
  const pipes = new LocalPipes({
    model,
    clock,
    region: 'us-east-1',
    trace,
    services: { sqs },
    queueByArn: (arn) => sqs.findQueue(arn),
    // The source's 30 s visibility is 300 wall ms here: a batch must not reappear while it is processed.
    visibilityHeartbeatSeconds: (arn) => sqs.findQueue(arn)?.settings.visibilityTimeout,
    resources: {
      queueExists: (arn) => sqs.findQueue(arn) !== undefined,
      functionExists: () => false,
      stateMachineExists: () => false,
      busExists: () => false,
    },
  });
  endpoint.registerRoute(pipesRestApi(pipes));
  const url = await endpoint.start();
  sqs.setEndpointUrl(url);
  for (const queue of model.queues) sqs.createQueue(queue.name, queue.attributes);
  pipes.start();
  const client = new PipesClient({ ...TEST_CLIENT_CONFIG, endpoint: url });
  return {
    client,
    url,
    input: sqs.getQueue('in'),
    output: sqs.getQueue('out'),
    async stop() {
      client.destroy();
      await pipes.stop();
      await endpoint.stop();
      sqs.close();
    },
  };
}

const pipe = (overrides: Partial<CreatePipeCommandInput> = {}): CreatePipeCommandInput => ({
  Name: 'orders',
  RoleArn: PIPE_ROLE,
  Source: IN,
  Target: OUT,
  TargetParameters: { InputTemplate: '{"order": <$.body.id>, "pipe": "<aws.pipes.pipe-name>"}' },
  ...overrides,
});

async function errorOf(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('the call succeeded');
}

describe('the Pipes API on the local endpoint (EventBridge Pipes API reference, through @aws-sdk/client-pipes)', () => {
  const harness = freshForEachTest(startHarness);

  it('runs a pipe made with CreatePipe like a template pipe, and describes and lists it', async () => {
    const created = await harness.client.send(new CreatePipeCommand(pipe()));
    expect(created).toMatchObject({
      Arn: `arn:aws:pipes:us-east-1:${ACCOUNT}:pipe/orders`,
      Name: 'orders',
      DesiredState: 'RUNNING',
      CurrentState: 'CREATING',
    });
    expect(created.CreationTime).toBeInstanceOf(Date);

    harness.input.send({ body: JSON.stringify({ id: 'o-1' }), sender: 'test' });
    expect((await receiveBodies(harness.output, 1)).map((body) => JSON.parse(body))).toEqual([
      { order: 'o-1', pipe: 'orders' },
    ]);

    const described = await harness.client.send(new DescribePipeCommand({ Name: 'orders' }));
    expect(described).toMatchObject({ CurrentState: 'RUNNING', Source: IN, Target: OUT, RoleArn: PIPE_ROLE });
    expect(described.TargetParameters?.InputTemplate).toContain('<$.body.id>');
    const listed = await harness.client.send(new ListPipesCommand({ NamePrefix: 'ord' }));
    expect(listed.Pipes?.map((summary) => [summary.Name, summary.CurrentState, summary.Source])).toEqual([
      ['orders', 'RUNNING', IN],
    ]);
  });

  it('stops and starts a pipe: a stopped pipe leaves the records in its source', async () => {
    await harness.client.send(new CreatePipeCommand(pipe()));
    expect(await harness.client.send(new StopPipeCommand({ Name: 'orders' }))).toMatchObject({
      DesiredState: 'STOPPED',
      CurrentState: 'STOPPING',
    });
    harness.input.send({ body: JSON.stringify({ id: 'o-2' }), sender: 'test' });
    expect(await receiveBodies(harness.output, 1, 300)).toEqual([]);
    expect((await harness.client.send(new DescribePipeCommand({ Name: 'orders' }))).CurrentState).toBe('STOPPED');

    await harness.client.send(new StartPipeCommand({ Name: 'orders' }));
    expect((await receiveBodies(harness.output, 1)).map((body) => JSON.parse(body))).toEqual([
      { order: 'o-2', pipe: 'orders' },
    ]);
  });

  it('applies UpdatePipe to the records that follow, and DeletePipe makes the pipe unknown', async () => {
    await harness.client.send(new CreatePipeCommand(pipe()));
    const updated = await harness.client.send(
      new UpdatePipeCommand({
        Name: 'orders',
        RoleArn: PIPE_ROLE,
        Target: OUT,
        TargetParameters: { InputTemplate: '{"updated": <$.body.id>}' },
      }),
    );
    expect(updated.CurrentState).toBe('UPDATING');
    harness.input.send({ body: JSON.stringify({ id: 'o-3' }), sender: 'test' });
    expect((await receiveBodies(harness.output, 1)).map((body) => JSON.parse(body))).toEqual([{ updated: 'o-3' }]);

    expect(await harness.client.send(new DeletePipeCommand({ Name: 'orders' }))).toMatchObject({
      DesiredState: 'DELETED',
      CurrentState: 'DELETING',
    });
    const missing = await errorOf(harness.client.send(new DescribePipeCommand({ Name: 'orders' })));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing.message).toBe('Pipe orders does not exist.');
  });

  it('refuses a second pipe of the same name with ConflictException', async () => {
    await harness.client.send(new CreatePipeCommand(pipe()));
    const conflict = await errorOf(harness.client.send(new CreatePipeCommand(pipe())));
    expect(conflict).toBeInstanceOf(ConflictException);
    expect(conflict.$metadata).toMatchObject({ httpStatusCode: 409 });
    expect(conflict).toMatchObject({ resourceId: 'orders', resourceType: 'pipe' });
  });

  // AWS checks the model's constraints first ("1 validation error detected"), then what the
  // pipe names; each is a 400 ValidationException whose fieldList names the member.
  it.each([
    ['a name outside [.-_A-Za-z0-9]', pipe({ Name: 'bad name' }), 'name', /failed to satisfy constraint/],
    ['a source that is not an ARN', pipe({ Source: 'in' }), 'source', /regular expression pattern/],
    ['a role that is not a role ARN', pipe({ RoleArn: 'arn:aws:iam::000000000000:user/me' }), 'roleArn', /pattern/],
    [
      'a source the local cloud does not run (Kinesis)',
      pipe({ Source: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks' }),
      'source',
      /not an SQS queue/,
    ],
    ['a source queue that does not exist', pipe({ Source: `${IN}-missing` }), 'source', /does not exist/],
    ['a target queue that does not exist', pipe({ Target: `${OUT}-missing` }), 'target', /does not exist/],
    [
      'a target AWS has no integration for',
      pipe({ Target: 'arn:aws:iam::000000000000:role/pipe-role' }),
      'target',
      /not one the local cloud runs/,
    ],
    [
      'an input template with an unclosed placeholder',
      pipe({ TargetParameters: { InputTemplate: '{"order": <$.body.id}' } }),
      'targetParameters.inputTemplate',
      /without a closing '>'/,
    ],
    [
      'a filter pattern that is not JSON',
      pipe({ SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"body": ' }] } } }),
      'sourceParameters.filterCriteria',
      /filter pattern/,
    ],
    [
      'a filter pattern with a non-array leaf',
      pipe({ SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"body": "x"}' }] } } }),
      'sourceParameters.filterCriteria',
      /filter pattern/,
    ],
    [
      'a batch size above 10000',
      pipe({ SourceParameters: { SqsQueueParameters: { BatchSize: 10_001 } } }),
      'sourceParameters.sqsQueueParameters.batchSize',
      /less than or equal to 10000/,
    ],
    [
      'a batching window above 300 seconds',
      pipe({ SourceParameters: { SqsQueueParameters: { MaximumBatchingWindowInSeconds: 301 } } }),
      'sourceParameters.sqsQueueParameters.maximumBatchingWindowInSeconds',
      /less than or equal to 300/,
    ],
  ])('refuses %s with ValidationException naming the member', async (_case, input, field, message) => {
    const error = await errorOf(harness.client.send(new CreatePipeCommand(input)));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
    expect(error.message).toMatch(message);
    expect(error.fieldList).toEqual([expect.objectContaining({ name: field })]);
    const listed = await harness.client.send(new ListPipesCommand({}));
    expect(listed.Pipes).toEqual([]);
  });

  it('leaves a pipe whose role may not read its source CREATE_FAILED, with the reason (not run)', async () => {
    await harness.client.send(new CreatePipeCommand(pipe({ RoleArn: OUT_ONLY_ROLE })));
    const described = await harness.client.send(new DescribePipeCommand({ Name: 'orders' }));
    expect(described.CurrentState).toBe('CREATE_FAILED');
    expect(described.StateReason).toMatch(/sqs:ReceiveMessage/);
    harness.input.send({ body: JSON.stringify({ id: 'o-4' }), sender: 'test' });
    expect(await receiveBodies(harness.output, 1, 300)).toEqual([]);
  });

  it('keeps the tags given at CreatePipe and TagResource', async () => {
    const { Arn } = await harness.client.send(new CreatePipeCommand(pipe({ Tags: { team: 'orders' } })));
    await harness.client.send(new TagResourceCommand({ resourceArn: Arn, tags: { stage: 'dev' } }));
    expect(await harness.client.send(new ListTagsForResourceCommand({ resourceArn: Arn }))).toMatchObject({
      tags: { team: 'orders', stage: 'dev' },
    });
  });

  it.each([
    ['a body that is not JSON', '{"Source": ', /not valid JSON/],
    ['a member of the wrong type', JSON.stringify({ Source: 5, Target: OUT, RoleArn: PIPE_ROLE }), /at 'source'/],
    [
      'a batch size that is not a number',
      JSON.stringify({ ...pipe(), SourceParameters: { SqsQueueParameters: { BatchSize: 'ten' } } }),
      /batchSize/,
    ],
  ])('answers %s with a 400 ValidationException, never a 500', async (_case, body, message) => {
    const response = await fetch(`${harness.url}/v1/pipes/raw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });
});
