import { buildAppModel } from '../../../lib/local/assembly';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalEventBridge } from '../../../lib/local/eventbridge';
import { LocalPersistence } from '../../../lib/local/persistence';
import { LocalPipes } from '../../../lib/local/pipes';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/pipe-role';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

const TEMPLATE = {
  Resources: {
    In: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'in' } },
    ApiIn: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'api-in' } },
    Out: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'out' } },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'pipe-role',
        AssumeRolePolicyDocument: {
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'pipes.amazonaws.com' } }],
        },
        Policies: [
          { PolicyName: 'pipe', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] } },
        ],
      },
    },
    Pipe: {
      Type: 'AWS::Pipes::Pipe',
      Properties: {
        Name: 'from-template',
        RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
        Source: { 'Fn::GetAtt': ['In', 'Arn'] },
        Target: { 'Fn::GetAtt': ['Out', 'Arn'] },
      },
    },
  },
};

/** Pipes with their state under `dataDirectory`, composed as the local cloud does: the template's, then what was kept. */
async function startDurablePipes(dataDirectory: string) {
  const persistence = await LocalPersistence.open({ dataDirectory });
  const clock = new ScaledClock({ timeScale: 100 });
  const trace = new TraceRecorder(clock);
  const sqs = new LocalSqs({ clock, trace });
  const eventBridge = new LocalEventBridge({ clock, trace, sqs });
  const model = buildAppModel([{ stackName: 'Pipes', template: TEMPLATE }]);
  for (const queue of model.queues) sqs.createQueue(queue.name, queue.attributes);
  const pipes = new LocalPipes({
    model,
    clock,
    region: 'us-east-1',
    trace,
    services: { sqs, eventBridge },
    queueByArn: (arn) => sqs.findQueue(arn),
    journal: persistence.pipes,
  });
  const restored = await persistence.pipes!.restore(pipes);
  pipes.start();
  return {
    sqs,
    pipes,
    restored,
    async stop() {
      await pipes.stop();
      eventBridge.close();
      sqs.close();
      await persistence.close();
    },
  };
}

describe('EventBridge Pipes under --data', () => {
  const dataDirectory = temporaryDirectoryForEachTest('pipe-state-');

  it('keeps pipes created through the API with their tags, a stopped pipe stopped, and a deleted one deleted', async () => {
    // GIVEN the template's pipe stopped (StopPipe) and a pipe created through the API (CreatePipe) and tagged
    const first = await startDurablePipes(dataDirectory());
    await first.pipes.setDesiredState('from-template', 'STOPPED');
    first.pipes.createPipe('from-api', { Source: queueArn('api-in'), Target: queueArn('out'), RoleArn: ROLE_ARN });
    const apiArn = first.pipes.describePipe('from-api').Arn;
    first.pipes.tagResource(apiArn, { team: 'kept', gone: 'x' });
    first.pipes.untagResource(apiArn, ['gone']);
    await first.stop();

    // WHEN it starts again on the same directory
    const second = await startDurablePipes(dataDirectory());
    try {
      // THEN both are back as DescribePipe showed them (Pipes API reference: DesiredState, CurrentState, Tags)
      expect(second.restored).toBe(2);
      expect(second.pipes.describePipe('from-template')).toMatchObject({
        DesiredState: 'STOPPED',
        CurrentState: 'STOPPED',
      });
      expect(second.pipes.describePipe('from-api')).toMatchObject({
        DesiredState: 'RUNNING',
        CurrentState: 'RUNNING',
        Tags: { team: 'kept' },
        Target: queueArn('out'),
      });
      // and the API's pipe runs while the stopped one leaves its source alone
      second.sqs.getQueue('api-in').send({ body: 'through the api pipe', sender: 'test' });
      second.sqs.getQueue('in').send({ body: 'waits', sender: 'test' });
      const [moved] = await second.sqs.getQueue('out').receive({ receiver: 'test', waitTimeMs: 20_000 });
      // (an SQS target gets the source record as its message body, as Pipes sends it)
      expect(JSON.parse(moved?.body ?? '{}')).toMatchObject({ body: 'through the api pipe' });
      expect(second.sqs.getQueue('in').counts().visible).toBe(1);
      await second.pipes.deletePipe('from-template');
    } finally {
      await second.stop();
    }

    // and a template pipe deleted through the API stays deleted after the next restart
    const third = await startDurablePipes(dataDirectory());
    try {
      expect(() => third.pipes.describePipe('from-template')).toThrow('Pipe from-template does not exist.');
      expect(third.pipes.describePipe('from-api').CurrentState).toBe('RUNNING');
    } finally {
      await third.stop();
    }
  });
});
