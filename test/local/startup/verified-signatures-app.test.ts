import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { LocalCloud } from '../../../lib/local/local-cloud';
import { startFixtureAppCloud } from '../../support/fixture-app';
import { runForeignJob } from './foreign-queue-app-job';

const DEVELOPER = { accessKeyId: 'developer', secretAccessKey: 'developer-secret' };

describe('an app on a local cloud that verifies signatures (--verify-signatures)', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startFixtureAppCloud('foreign-queue-app', { verifySignatures: { clientCredentials: [DEVELOPER] } });
  }, 180_000);

  afterAll(() => cloud?.stop());

  it("runs the app end to end: the developer's calls and the function's own calls all verify", async () => {
    // GIVEN clients signing with the accepted pair
    const config = { endpoint: cloud.endpointUrl, region: 'us-east-1', credentials: DEVELOPER, maxAttempts: 1 };
    // WHEN a job is put on the bus, and the worker (signing with its own secret) reports it
    const reports = await runForeignJob(config, 'job-signed');

    // THEN the report arrived, so the function's calls verified
    expect(reports).toEqual([{ jobId: 'job-signed', handledBy: 'worker v1' }]);
  }, 90_000);

  it('refuses the dummy pair any client would guess, and a caller posing as the function', async () => {
    for (const credentials of [
      { accessKeyId: 'developer', secretAccessKey: 'local' },
      { accessKeyId: 'LOCAL_foreign-job-worker', secretAccessKey: 'local-cloud-secret-access-key' },
    ]) {
      const events = new EventBridgeClient({
        endpoint: cloud.endpointUrl,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
      });
      await expect(
        events.send(new PutEventsCommand({ Entries: [{ Source: 'x', DetailType: 'y', Detail: '{}' }] })),
      ).rejects.toMatchObject({ name: 'InvalidSignatureException' });
      events.destroy();
    }
  });
});
