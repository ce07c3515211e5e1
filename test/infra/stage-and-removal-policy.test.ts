import { Template } from 'aws-cdk-lib/assertions';
import { App } from 'aws-cdk-lib';
import { SERVICE_NAMES, serviceResourceNames } from '../../lib/contracts';
import { buildChoreographyApp, InvalidInfraConfigError, readAppConfig } from '../../lib/infra';
import invalidContexts from '../fixtures/infra/invalid-contexts.json';
import { buildTestApp, CONTEXTS, NO_BUNDLING, resourcesOf, type BuiltApp } from './app-builder';

let stage: BuiltApp;

beforeAll(() => {
  stage = buildTestApp(CONTEXTS.throwawayStage);
});

describe('a stage built with -c stage=dev -c removalPolicy=destroy', () => {
  it('prefixes every stack name with the stage', () => {
    expect([...stage.templates.keys()].sort()).toEqual(
      [
        'dev-Choreography-Bus',
        'dev-Choreography-Inventory',
        'dev-Choreography-Notifications',
        'dev-Choreography-Operations',
        'dev-Choreography-Orders',
        'dev-Choreography-Payments',
        'dev-Choreography-Shipping',
      ].sort(),
    );
  });

  it('prefixes the bus, tables, queues and functions with the stage', () => {
    stage.templates
      .get('dev-Choreography-Bus')
      ?.hasResourceProperties('AWS::Events::EventBus', { Name: 'dev-shop-choreography' });
    for (const service of SERVICE_NAMES) {
      const names = serviceResourceNames('choreography', service, 'dev');
      const template = stage.templates.get(stage.stacks.services[service].stackName) as Template;
      template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: names.table });
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: names.functionName,
        Environment: { Variables: { EVENT_BUS_NAME: 'dev-shop-choreography' } },
      });
      template.hasResourceProperties('AWS::Events::Rule', { EventBusName: 'dev-shop-choreography' });
      for (const queueName of [names.queue, names.deadLetterQueue, names.targetDeadLetterQueue]) {
        template.hasResourceProperties('AWS::SQS::Queue', { QueueName: queueName });
      }
    }
  });

  it('deletes every stateful resource on cdk destroy', () => {
    const stateful = [
      'AWS::DynamoDB::Table',
      'AWS::SQS::Queue',
      'AWS::Logs::LogGroup',
      'AWS::Events::Archive',
      'AWS::KMS::Key',
    ];
    let checked = 0;
    for (const [stackName, template] of stage.templates) {
      for (const type of stateful) {
        for (const [logicalId, resource] of resourcesOf(template, type)) {
          expect([stackName, logicalId, resource.DeletionPolicy]).toEqual([stackName, logicalId, 'Delete']);
          checked += 1;
        }
      }
    }
    // The last 3: the settlement queues of orders, inventory and payments.
    expect(checked).toBe(5 * 5 + 3 + 2 + 3);
  });

  it('orders deployment bus first, operations last', () => {
    const dependencies = (name: string) =>
      [stage.stacks.bus, ...Object.values(stage.stacks.services), stage.stacks.operations]
        .find((stack) => stack.stackName === name)
        ?.dependencies.map((dependency) => dependency.stackName);
    expect(dependencies('dev-Choreography-Orders')).toEqual(['dev-Choreography-Bus']);
    expect(dependencies('dev-Choreography-Operations')).toEqual(
      expect.arrayContaining(['dev-Choreography-Bus', ...SERVICE_NAMES.map((s) => stage.stacks.services[s].stackName)]),
    );
  });
});

describe('the app context', () => {
  it.each(invalidContexts)('refuses $context, quoting $quoted', ({ context, quoted }) => {
    const act = () => buildChoreographyApp({ ...NO_BUNDLING, ...context });
    expect(act).toThrow(InvalidInfraConfigError);
    expect(act).toThrow(quoted);
  });

  it('retains by default and reads an empty stage as no stage', () => {
    const config = readAppConfig(new App({ context: { stage: '' } }).node);
    expect(config).toEqual({ stage: undefined, removalPolicy: expect.anything(), alarmEmail: undefined });
    expect(config.removalPolicy).toBe('retain');
  });

  it('marks configuration errors as not retryable', () => {
    expect(new InvalidInfraConfigError('x').retryable).toBe(false);
  });
});
