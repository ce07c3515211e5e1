import { composeLocalPipes, pipeTemplate } from '../schedules/local-pipes-harness';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';
import { startOnStore, whileRunning } from './durable-services';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/pipe-role';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

const TEMPLATE = pipeTemplate(
  { Name: 'from-template', Target: { 'Fn::GetAtt': ['Out', 'Arn'] } },
  { ApiIn: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'api-in' } } },
);

/** Pipes with their state under `dataDirectory`, composed as the local cloud does: the template's, then what was kept. */
function startDurablePipes(dataDirectory: string) {
  return startOnStore(dataDirectory, async (persistence) => {
    const { sqs, pipes, stop } = composeLocalPipes(TEMPLATE, { journal: persistence.pipes });
    const restored = await persistence.pipes!.restore(pipes);
    pipes.start();
    return { services: { sqs, pipes, restored }, close: stop };
  });
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
    await whileRunning(startDurablePipes(dataDirectory()), async (second) => {
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
    });

    // and a template pipe deleted through the API stays deleted after the next restart
    await whileRunning(startDurablePipes(dataDirectory()), (third) => {
      expect(() => third.pipes.describePipe('from-template')).toThrow('Pipe from-template does not exist.');
      expect(third.pipes.describePipe('from-api').CurrentState).toBe('RUNNING');
    });
  });
});
