import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { eventually } from './support/app-cloud';
import { useAppCloud } from './support/app-under-test';

describe('parent-child-task-token (README check; needs states:startExecution.waitForTaskToken and SendTaskSuccess)', () => {
  const app = useAppCloud('parent-child-task-token');

  it('completes the parent when the child answers its task token', async () => {
    const sfn = app.client(SFNClient);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: app.output('ParentArn'), input: '{"amount":120}' }),
    );
    const ended = await eventually(async () => {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    }, 20_000);
    expect(ended?.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended?.output ?? '{}')).toEqual({ approved: true, amount: 120 });
  });
});
