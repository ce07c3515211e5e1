import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { busName, contractFor, eventPatternFor, RUNTIME_ENV, type DetailType } from '../../lib/contracts';
import { buildChoreographyApp } from '../../lib/infra';
import { readCloudAssembly, type AppModel } from '../../lib/local/assembly';
import loyalty from './fixtures/loyalty-consumer.json';
import orchestrated from './fixtures/orchestrated-app.json';
import definition from './fixtures/orchestrated-saga.asl.json';

/** Context that makes NodejsFunction skip esbuild: the diagram needs templates, not bundles. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

const INLINE_HANDLER = lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });');

/** A synthesized test app: its model and the assembly directory (removed by `dispose`). */
export interface SynthesizedTestApp {
  readonly model: AppModel;
  readonly assemblyDirectory: string;
  dispose(): void;
}

/** The loyalty consumer the extended app adds (test/diagram/fixtures/loyalty-consumer.json). */
export const LOYALTY = loyalty;
/** The orchestrated app's names (test/diagram/fixtures/orchestrated-app.json). */
export const ORCHESTRATED = orchestrated;

/**
 * The real choreography app plus one new consumer: a `Choreography-Loyalty` stack whose rule
 * selects OrderConfirmed (pattern from the contract) into its own queue, drained by a function
 * whose POWERTOOLS_SERVICE_NAME is `loyalty`. Synthesized in-process, without bundling.
 */
export function synthesizeExtendedChoreographyApp(): SynthesizedTestApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-extended-'));
  const { app } = buildChoreographyApp({ ...NO_BUNDLING }, { builtinCloudFormationValidation: false, outdir });
  const stack = new Stack(app, loyalty.stackName, { stackName: loyalty.stackName });
  const bus = events.EventBus.fromEventBusName(stack, 'Bus', busName('choreography'));
  const deadLetterQueue = new sqs.Queue(stack, 'DeadLetterQueue', { queueName: loyalty.deadLetterQueueName });
  const queue = new sqs.Queue(stack, 'Queue', {
    queueName: loyalty.queueName,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: loyalty.maxReceiveCount },
  });
  const pattern = eventPatternFor(contractFor(loyalty.subscribesTo as DetailType));
  new events.Rule(stack, `${loyalty.subscribesTo}Rule`, {
    eventBus: bus,
    eventPattern: { source: [...pattern.source], detailType: [...pattern.detailType] },
    targets: [new targets.SqsQueue(queue)],
  });
  const fn = new lambda.Function(stack, 'Function', {
    functionName: loyalty.functionName,
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: INLINE_HANDLER,
    environment: { [RUNTIME_ENV.serviceName]: loyalty.service },
  });
  fn.addEventSource(new SqsEventSource(queue, { batchSize: loyalty.batchSize, reportBatchItemFailures: true }));
  return synthesize(app, outdir);
}

/**
 * A small orchestrated app: the orchestration bus, a rule on OrderPlaced that starts a state
 * machine (test/diagram/fixtures/orchestrated-saga.asl.json), and the Lambda task it calls,
 * which publishes under the inventory service.
 */
export function synthesizeOrchestratedApp(): SynthesizedTestApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-orchestrated-'));
  const app = new App({ outdir, context: { ...NO_BUNDLING }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, orchestrated.stackName, { stackName: orchestrated.stackName });
  const bus = new events.EventBus(stack, 'Bus', { eventBusName: orchestrated.busName });
  const task = new lambda.Function(stack, 'ReserveStock', {
    functionName: orchestrated.taskFunctionName,
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: INLINE_HANDLER,
    environment: { [RUNTIME_ENV.serviceName]: orchestrated.taskService, [RUNTIME_ENV.eventBusName]: bus.eventBusName },
  });
  const machine = new sfn.StateMachine(stack, 'Saga', {
    stateMachineName: orchestrated.stateMachineName,
    definitionBody: sfn.DefinitionBody.fromString(JSON.stringify(definition)),
    definitionSubstitutions: { ReserveStockFunction: task.functionArn },
  });
  task.grantInvoke(machine);
  const pattern = eventPatternFor(contractFor('OrderPlaced'));
  new events.Rule(stack, 'OrderPlacedRule', {
    eventBus: bus,
    eventPattern: { source: [...pattern.source], detailType: [...pattern.detailType] },
    targets: [new targets.SfnStateMachine(machine)],
  });
  return synthesize(app, outdir);
}

function synthesize(app: App, outdir: string): SynthesizedTestApp {
  app.synth();
  return {
    model: readCloudAssembly(outdir),
    assemblyDirectory: outdir,
    dispose: () => fs.rmSync(outdir, { recursive: true, force: true }),
  };
}
