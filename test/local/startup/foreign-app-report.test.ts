import type { LocalCloud } from '../../../lib/local/local-cloud';
import { LOCAL_DUMMY_CREDENTIALS, startupReport } from '../../../lib/local/startup';
import { startFixtureAppCloud } from '../../support/fixture-app';
import { runForeignJob } from './foreign-queue-app-job';

describe('a foreign-style app (its own bus, queue and function; no saga)', () => {
  let cloud: LocalCloud;

  beforeAll(async () => {
    cloud = await startFixtureAppCloud('foreign-queue-app');
  }, 180_000);

  afterAll(() => cloud?.stop());

  it('boots with a startup report that names only its own resources and prints its outputs', () => {
    const url = cloud.endpointUrl;
    const report = startupReport({ model: cloud.model, endpointUrl: url });

    expect(report).toContain('Stacks (1):\n  ForeignJobs');
    expect(report).toMatch(/foreign-job-worker\s+nodejs22\.x\s+256 MB\s+10 s/);
    expect(report).toContain('foreign-jobs → foreign-job-worker (batch 5, partial batch responses)');
    expect(report).toContain('foreign-jobs-bus/foreign-job-submitted → foreign-jobs');
    expect(report).toContain(`ForeignJobs.JobsQueueUrl = ${url}/000000000000/foreign-jobs`);
    expect(report).toContain(
      'ForeignJobs.WorkerArn = arn:aws:lambda:us-east-1:000000000000:function:foreign-job-worker',
    );
    expect(report).toContain('ForeignJobs.BusArn = arn:aws:events:us-east-1:000000000000:event-bus/foreign-jobs-bus');
    expect(report).toContain('"Source":"foreign.jobs","DetailType":"JobSubmitted"');
    expect(report).not.toMatch(/choreo|OrderPlaced|shop-|saga/i);
  });

  it('runs a job put on its bus through its rule, queue and worker', async () => {
    const config = { endpoint: cloud.endpointUrl, region: 'us-east-1', credentials: LOCAL_DUMMY_CREDENTIALS };
    expect(await runForeignJob(config, 'job-1')).toEqual([{ jobId: 'job-1', handledBy: 'worker v1' }]);
  }, 90_000);
});
