import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCloud } from '../../../lib/local/local-cloud';

/** A one-stack cloud assembly with these resources, in a temporary directory. */
function assemblyWith(resources: Record<string, unknown>): string {
  const directory = mkdtempSync(join(tmpdir(), 'bad-schedules-'));
  writeFileSync(join(directory, 'Bad.template.json'), JSON.stringify({ Resources: resources }));
  writeFileSync(
    join(directory, 'manifest.json'),
    JSON.stringify({
      version: '55.0.0',
      artifacts: {
        Bad: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://unknown-account/unknown-region',
          properties: { templateFile: 'Bad.template.json' },
        },
      },
    }),
  );
  return directory;
}

/** An `AWS::Scheduler::Schedule` in the default group, without a time window, invoking `targetArn`. */
function scheduleResource(name: string, expression: string, targetArn: string) {
  return {
    Type: 'AWS::Scheduler::Schedule',
    Properties: {
      Name: name,
      ScheduleExpression: expression,
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: targetArn, RoleArn: 'arn:aws:iam::000000000000:role/r' },
    },
  };
}

describe('a template with schedules AWS would refuse starts, and says what it does not run', () => {
  it('reports a rule with an invalid schedule expression, a scheduler schedule with one and a pipe with a malformed input template, instead of crashing', async () => {
    const directory = assemblyWith({
      Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'ticks' } },
      Typo: { Type: 'AWS::Events::Rule', Properties: { Name: 'typo', ScheduleExpression: 'rate(5 minutez)' } },
      Good: { Type: 'AWS::Events::Rule', Properties: { Name: 'good', ScheduleExpression: 'rate(5 minutes)' } },
      Later: scheduleResource('later', 'cron(0 12 * * ?)', 'arn:aws:sqs:us-east-1:000000000000:ticks'),
      // AWS runs it; the local cloud cannot, and says so (its invocations dead-letter).
      Notify: scheduleResource('notify', 'rate(1 hour)', 'arn:aws:scheduler:::aws-sdk:sns:publish'),
      // CreatePipe refuses it (ValidationException): the template's pipe is reported and not run.
      Bridge: {
        Type: 'AWS::Pipes::Pipe',
        Properties: {
          Name: 'bridge',
          RoleArn: 'arn:aws:iam::000000000000:role/r',
          Source: 'arn:aws:sqs:us-east-1:000000000000:ticks',
          Target: 'arn:aws:sqs:us-east-1:000000000000:ticks',
          TargetParameters: { InputTemplate: '{"tick": <$.body}' },
        },
      },
    });
    const cloud = await LocalCloud.start({ assemblyDirectory: directory, port: 0 });
    try {
      expect(cloud.notices.warnings).toEqual(
        expect.arrayContaining([
          'rule typo (Bad/Typo) is not run: Parameter ScheduleExpression is not valid.',
          'schedule default/later (Bad/Later) is not run: Invalid Schedule Expression cron(0 12 * * ?).',
          expect.stringMatching(
            /^schedule default\/notify \(Bad\/Notify\): its universal target arn:aws:scheduler:::aws-sdk:sns:publish is not run by the local cloud/,
          ),
          expect.stringMatching(/^pipe 'bridge' is not run: target InputTemplate has a '<' without a closing '>'/),
        ]),
      );
      expect(cloud.eventBridge.getRule('default', 'good').props.scheduleExpression).toBe('rate(5 minutes)');
    } finally {
      await cloud.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
