import { PutRuleCommand, PutTargetsCommand, DisableRuleCommand } from '@aws-sdk/client-eventbridge';
import { SHOP_BUS, startBridgeHarness } from '../eventbridge-bus/bridge-harness';
import { firstMessageWithin } from '../sqs/receive-within';
import { freshForEachTest } from '../../support/fresh-for-each-test';

describe('scheduled rules (EventBridge user guide: "Creating a rule that runs on a schedule")', () => {
  const harness = freshForEachTest(startBridgeHarness); // time scale 100: one AWS minute is 600 wall ms

  it.each(['rate(5 minutez)', 'rate(1 minutes)', 'cron(0 12 * * ?)', 'cron(0 12 1 * MON *)'])(
    'refuses %s with "Parameter ScheduleExpression is not valid." (AWS-validated PutRule snapshots)',
    async (expression) => {
      await expect(
        harness.events.send(new PutRuleCommand({ Name: 'tick', ScheduleExpression: expression })),
      ).rejects.toMatchObject({ name: 'ValidationException', message: 'Parameter ScheduleExpression is not valid.' });
      expect(() => harness.bridge.getRule('default', 'tick')).toThrow('does not exist');
    },
  );

  it('refuses a schedule on a custom bus as AWS does ("ScheduleExpression is supported only on the default event bus.")', async () => {
    await expect(
      harness.events.send(
        new PutRuleCommand({ Name: 'tick', EventBusName: SHOP_BUS, ScheduleExpression: 'rate(1 minute)' }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'ScheduleExpression is supported only on the default event bus.',
    });
  });

  it("delivers the Scheduled Event envelope to the rule's queue once a period has passed", async () => {
    harness.sqs.createQueue('ticks', {});
    const { RuleArn } = await harness.events.send(
      new PutRuleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' }),
    );
    await harness.events.send(
      new PutTargetsCommand({
        Rule: 'every-minute',
        Targets: [{ Id: 'q', Arn: harness.sqs.getQueue('ticks').arn }],
      }),
    );
    const message = await firstMessageWithin(harness.sqs.getQueue('ticks'), 5000);
    expect(JSON.parse(message?.body ?? '{}')).toEqual({
      version: '0',
      id: expect.any(String),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: [RuleArn],
      detail: {},
    });
  });

  it('sends nothing while the rule is disabled', async () => {
    harness.sqs.createQueue('ticks', {});
    await harness.events.send(new PutRuleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' }));
    await harness.events.send(
      new PutTargetsCommand({ Rule: 'every-minute', Targets: [{ Id: 'q', Arn: harness.sqs.getQueue('ticks').arn }] }),
    );
    await harness.events.send(new DisableRuleCommand({ Name: 'every-minute' }));
    expect(await firstMessageWithin(harness.sqs.getQueue('ticks'), 1500)).toBeUndefined();
  });
});
