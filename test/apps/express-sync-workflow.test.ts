import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, stackOutput, startAppCloud } from './support/app-cloud';

describe('express-sync-workflow (README check)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('express-sync-workflow');
  });
  afterAll(() => cloud.stop());

  it('quotes a discount for large orders and none for small ones', async () => {
    const sfn = new SFNClient(clientConfig(cloud));
    const quote = async (total: number) =>
      sfn.send(
        new StartSyncExecutionCommand({
          stateMachineArn: stackOutput(cloud, 'StateMachineArn'),
          input: JSON.stringify({ total }),
        }),
      );
    const large = await quote(150);
    expect(large.status).toBe('SUCCEEDED');
    expect(JSON.parse(large.output ?? '{}')).toEqual({ total: 150, discount: 10 });
    expect(JSON.parse((await quote(20)).output ?? '{}')).toEqual({ total: 20, discount: 0 });
    sfn.destroy();
  });
});
