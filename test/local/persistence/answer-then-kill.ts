/**
 * A child process for `killed-state.test.ts`: changes the state of several services under the
 * `--data` directory given as its argument, waits until the changes are written as the endpoint
 * does before it answers, says so, and kills itself with SIGKILL (no stop, no final write).
 */
import { startJournaledServices } from './journaled-services';

async function main(dataDirectory: string): Promise<void> {
  const { persistence, clock, sqs, eventBridge, logs, scheduler } = await startJournaledServices(dataDirectory);

  eventBridge.createEventBus('killed-bus', 'created before the kill');
  scheduler.createScheduleGroup('killed-group');
  scheduler.createSchedule({
    Name: 'next-year',
    GroupName: 'killed-group',
    ScheduleExpression: 'rate(365 days)',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: 'arn:aws:sqs:us-east-1:000000000000:q', RoleArn: 'arn:aws:iam::000000000000:role/r' },
  });
  logs.createLogGroup('/killed/group', { retentionInDays: 5 });
  logs.putLogEvents('/killed/group', 'stream', [{ timestamp: clock.now(), message: 'answered' }], true);
  const fifo = sqs.createQueue('killed.fifo', { FifoQueue: 'true' });
  fifo.send({ body: 'once', sender: 'client', messageGroupId: 'g', messageDeduplicationId: 'dedup-1' });

  await persistence.commit();
  process.stdout.write('answered\n');
  process.kill(process.pid, 'SIGKILL');
}

void main(process.argv[2] ?? '');
