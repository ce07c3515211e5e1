import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';
import { whileRunning } from './durable-services';
import { startJournaledServices } from './journaled-services';

/** Runs `answer-then-kill.ts` on `dataDirectory`; resolves with what it printed and the signal that ended it. */
function runAndKill(dataDirectory: string): Promise<{ output: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'answer-then-kill.ts'), dataDirectory], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ output, signal }));
  });
}

describe('state under --data after kill -9', () => {
  const dataDirectory = temporaryDirectoryForEachTest('killed-state-');

  it('keeps what was answered before a SIGKILL: API buses, schedule groups and schedules, log groups and events, FIFO deduplication ids', async () => {
    // GIVEN a process that changed every service, had the changes written as before an answer, and was killed
    const { output, signal } = await runAndKill(dataDirectory());
    expect(output).toBe('answered\n');
    expect(signal).toBe('SIGKILL');

    // WHEN the services start again on the same directory
    await whileRunning(
      startJournaledServices(dataDirectory()),
      async ({ persistence, sqs, eventBridge, logs, scheduler }) => {
        await persistence.sqs!.restore(sqs);
        await persistence.buses!.restore(eventBridge);
        persistence.logGroups!.restore(logs, await persistence.logGroups!.load());
        persistence.schedules!.restore(scheduler, await persistence.schedules!.load());

        // THEN everything answered is there
        expect(eventBridge.getEventBus('killed-bus').description).toBe('created before the kill');
        expect(scheduler.getSchedule('next-year', 'killed-group')).toMatchObject({
          ScheduleExpression: 'rate(365 days)',
        });
        expect(logs.logGroups()).toEqual([
          expect.objectContaining({ logGroupName: '/killed/group', retentionInDays: 5 }),
        ]);
        expect(logs.events('/killed/group').map((event) => event.message)).toEqual(['answered']);
        // and the FIFO message is there once: its resend within five minutes is a duplicate (SQS "Exactly-once processing")
        const fifo = sqs.getQueue('killed.fifo');
        fifo.send({ body: 'once', sender: 'client', messageGroupId: 'g', messageDeduplicationId: 'dedup-1' });
        expect(fifo.counts().visible).toBe(1);
      },
    );
  });
});
