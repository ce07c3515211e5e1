import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { useAppCloud } from './support/app-under-test';

describe('scheduler-to-queue (README check)', () => {
  const app = useAppCloud('scheduler-to-queue', { timeScale: 3600 });

  it('sends the hourly report to the queue and lists the schedule', async () => {
    const [message] = (await app.receiveFrom('QueueUrl')) ?? [];
    const body = JSON.parse(message?.Body ?? '{}') as { report?: string; scheduledAt?: string };
    expect(body.report).toBe('hourly');
    expect(body.scheduledAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const { Schedules } = await app.client(SchedulerClient).send(new ListSchedulesCommand({}));
    expect(Schedules).toHaveLength(1);
    expect(app.cloud.notices.warnings.filter((warning) => warning.includes('schedule'))).toEqual([]);
  });
});
