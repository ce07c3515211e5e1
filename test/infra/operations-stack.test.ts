import { Match, type Template } from 'aws-cdk-lib/assertions';
import { SERVICE_NAMES, serviceResourceNames } from '../../lib/contracts';
import { BUSINESS_METRIC_NAMES } from '../../lib/infra';
import { buildTestApp, CONTEXTS, resourcesOf } from './app-builder';

let production: Template;
let withEmail: Template;

beforeAll(() => {
  production = buildTestApp(CONTEXTS.production).templates.get('Choreography-Operations') as Template;
  withEmail = buildTestApp({ alarmEmail: 'ops@example.com' }).templates.get('Choreography-Operations') as Template;
});

const alarmsOn = (template: Template, metricName: string) =>
  resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(
    ([, alarm]) => alarm.Properties?.['MetricName'] === metricName,
  );

describe('the Choreography-Operations stack', () => {
  it('publishes alarms to a KMS-encrypted topic that refuses requests without TLS', () => {
    production.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'shop-choreography-alarms',
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    });
    production.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
    production.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('alarms on any visible message in every dead-letter queue of every service and of the bus', () => {
    const watched = alarmsOn(production, 'ApproximateNumberOfMessagesVisible').map(([, alarm]) => {
      expect(alarm.Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        Statistic: 'Maximum',
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        TreatMissingData: 'notBreaching',
      });
      return (alarm.Properties?.['Dimensions'] as { Name: string; Value: string }[])[0]?.Value;
    });
    const expected = [
      ...SERVICE_NAMES.flatMap((service) => {
        const names = serviceResourceNames('choreography', service);
        return [names.deadLetterQueue, names.targetDeadLetterQueue];
      }),
      'shop-choreography-audit-dlq',
    ];
    expect(watched.sort()).toEqual(expected.sort());
  });

  it('alarms when the oldest message of any consumer queue is too old', () => {
    const watched = alarmsOn(production, 'ApproximateAgeOfOldestMessage').map(([, alarm]) => {
      expect(alarm.Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        Threshold: 300,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      return (alarm.Properties?.['Dimensions'] as { Name: string; Value: string }[])[0]?.Value;
    });
    expect(watched.sort()).toEqual(
      SERVICE_NAMES.map((service) => serviceResourceNames('choreography', service).queue).sort(),
    );
  });

  it('sends every alarm and its recovery to the topic', () => {
    const [[topicId] = []] = resourcesOf(production, 'AWS::SNS::Topic');
    const alarms = resourcesOf(production, 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(16);
    for (const [, alarm] of alarms) {
      expect(alarm.Properties?.['AlarmActions']).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties?.['OKActions']).toEqual([{ Ref: topicId }]);
    }
  });

  it('charts queues, dead letters, function errors and duration and the business metrics on one dashboard', () => {
    const [[, dashboard] = []] = resourcesOf(production, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard?.Properties?.['DashboardBody']);
    for (const needle of [
      'ApproximateNumberOfMessagesVisible',
      'ApproximateAgeOfOldestMessage',
      'Errors',
      'Duration',
      ...BUSINESS_METRIC_NAMES,
    ]) {
      expect([needle, body.includes(needle)]).toEqual([needle, true]);
    }
    expect(body).toContain('ServerlessChoreography');
  });

  it('subscribes no one without alarmEmail', () => {
    production.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('subscribes the alarmEmail address with a dead-letter queue that is itself watched', () => {
    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
    });
    expect(alarmsOn(withEmail, 'ApproximateNumberOfMessagesVisible')).toHaveLength(12);
  });

  it('imports nothing from the other stacks', () => {
    expect(JSON.stringify(production.toJSON())).not.toContain('Fn::ImportValue');
  });
});
