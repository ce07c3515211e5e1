import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { useAppCloud } from './support/app-under-test';

describe('express-sync-workflow (README check)', () => {
  const app = useAppCloud('express-sync-workflow');

  it('quotes a discount for large orders and none for small ones', async () => {
    const quote = async (total: number) =>
      app.client(SFNClient).send(
        new StartSyncExecutionCommand({
          stateMachineArn: app.output('StateMachineArn'),
          input: JSON.stringify({ total }),
        }),
      );
    const large = await quote(150);
    expect(large.status).toBe('SUCCEEDED');
    expect(JSON.parse(large.output ?? '{}')).toEqual({ total: 150, discount: 10 });
    expect(JSON.parse((await quote(20)).output ?? '{}')).toEqual({ total: 20, discount: 0 });
  });
});
