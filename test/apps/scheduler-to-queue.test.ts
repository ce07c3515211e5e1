import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './support/app-cloud';

describe('scheduler-to-queue (README check)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('scheduler-to-queue', { timeScale: 3600 });
  });
  afterAll(() => cloud.stop());

  it('sends the hourly report to the queue and lists the schedule', async () => {
    const sqs = new SQSClient(clientConfig(cloud));
    const scheduler = new SchedulerClient(clientConfig(cloud));
    const message = await eventually(async () => {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: stackOutput(cloud, 'QueueUrl') }));
      return Messages?.[0];
    });
    const body = JSON.parse(message?.Body ?? '{}') as { report?: string; scheduledAt?: string };
    expect(body.report).toBe('hourly');
    expect(body.scheduledAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const { Schedules } = await scheduler.send(new ListSchedulesCommand({}));
    expect(Schedules).toHaveLength(1);
    expect(cloud.notices.warnings.filter((warning) => warning.includes('schedule'))).toEqual([]);
    sqs.destroy();
    scheduler.destroy();
  });
});
