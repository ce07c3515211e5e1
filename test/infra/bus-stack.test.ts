import { Match, type Template } from 'aws-cdk-lib/assertions';
import { SOURCES } from '../../lib/contracts';
import { compileEventPattern } from '../../lib/local/eventbridge/pattern';
import { buildTestApp, CONTEXTS, resourcesOf, type BuiltApp } from './app-builder';

let built: BuiltApp;
let template: Template;

beforeAll(() => {
  built = buildTestApp(CONTEXTS.production);
  template = built.templates.get('Choreography-Bus') as Template;
});

describe('the Choreography-Bus stack', () => {
  it('creates the custom bus named after the variant', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'shop-choreography' });
  });

  it('archives every shop event on the bus for 90 days', () => {
    template.hasResourceProperties('AWS::Events::Archive', {
      ArchiveName: 'shop-choreography-archive',
      RetentionDays: 90,
      SourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
      EventPattern: { $or: [{ account: [{ Ref: 'AWS::AccountId' }] }, { source: [{ prefix: 'shop.' }] }] },
    });
  });

  it('copies every event to an audit log group with a retention, through a dead-letter queue on failure', () => {
    const [[, rule] = []] = resourcesOf(template, 'AWS::Events::Rule');
    const [[logGroupId, logGroup] = []] = resourcesOf(template, 'AWS::Logs::LogGroup');
    expect(logGroup?.Properties).toMatchObject({
      LogGroupName: '/aws/events/shop-choreography-audit',
      RetentionInDays: 30,
    });
    const [target] = rule?.Properties?.['Targets'] as Record<string, unknown>[];
    expect(JSON.stringify(target?.['Arn'])).toContain(':log-group:');
    expect(JSON.stringify(target?.['Arn'])).toContain(logGroupId);
    const [[dlqId] = []] = resourcesOf(template, 'AWS::SQS::Queue');
    expect(target?.['DeadLetterConfig']).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
    expect(target?.['RetryPolicy']).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 });
  });

  it('lets only EventBridge, and only for the audit rule, write to the audit log group', () => {
    const [[ruleId] = []] = resourcesOf(template, 'AWS::Events::Rule');
    const [[, policy] = []] = resourcesOf(template, 'AWS::Logs::ResourcePolicy');
    const text = JSON.stringify(policy?.Properties?.['PolicyDocument']);
    expect(text).toContain('events.amazonaws.com');
    expect(text).toContain('aws:SourceArn');
    expect(text).toContain(`"${ruleId}"`);
  });

  it('needs no custom resource or Lambda function for the audit target', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(Object.keys(template.findResources('Custom::CloudwatchLogResourcePolicy'))).toEqual([]);
  });

  it('audits events from any shop source, and events from this account of any source', () => {
    const [[, rule] = []] = resourcesOf(template, 'AWS::Events::Rule');
    const pattern = compileEventPattern(
      JSON.parse(
        JSON.stringify(rule?.Properties?.['EventPattern']).replace('{"Ref":"AWS::AccountId"}', '"111122223333"'),
      ),
    );
    for (const source of Object.values(SOURCES)) {
      expect([source, pattern.matches({ source, account: '999988887777', 'detail-type': 'X', detail: {} })]).toEqual([
        source,
        true,
      ]);
    }
    expect(pattern.matches({ source: 'aws.s3', account: '111122223333', 'detail-type': 'X', detail: {} })).toBe(true);
    expect(pattern.matches({ source: 'other.app', account: '999988887777', 'detail-type': 'X', detail: {} })).toBe(
      false,
    );
  });

  it('retains the archive, the audit log group and its dead-letter queue by default', () => {
    for (const type of ['AWS::Events::Archive', 'AWS::Logs::LogGroup', 'AWS::SQS::Queue']) {
      for (const [, resource] of resourcesOf(template, type)) {
        expect([type, resource.DeletionPolicy]).toEqual([type, 'Retain']);
      }
    }
  });
});
