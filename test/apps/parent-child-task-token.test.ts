import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './support/app-cloud';

describe('parent-child-task-token (README check; needs states:startExecution.waitForTaskToken and SendTaskSuccess)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('parent-child-task-token');
  });
  afterAll(() => cloud.stop());

  it('completes the parent when the child answers its task token', async () => {
    const sfn = new SFNClient(clientConfig(cloud));
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: stackOutput(cloud, 'ParentArn'), input: '{"amount":120}' }),
    );
    const ended = await eventually(async () => {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    }, 20_000);
    expect(ended?.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended?.output ?? '{}')).toEqual({ approved: true, amount: 120 });
    sfn.destroy();
  });
});
