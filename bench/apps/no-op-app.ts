import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';

/** Names in the no-op app, for the benchmark that drives it. */
export const NO_OP_APP = {
  stackName: 'Bench-NoOp',
  busName: 'bench-engine',
  source: 'bench.engine',
  detailType: 'Pinged',
  queueName: 'bench-engine-consumer',
  functionName: 'bench-engine-no-op',
} as const;

/**
 * Synthesizes the engine benchmark's app into `outputDirectory`, in process (no CLI, no
 * bundling): one bus, one rule on `bench.engine`, one queue with a DLQ, and a no-op function
 * consuming the queue with partial batch responses, the same shape as one saga hop.
 * Returns the assembly directory.
 */
export function synthesizeNoOpApp(outputDirectory: string): string {
  // Template validation takes seconds and checks nothing the benchmark needs.
  const app = new App({ outdir: outputDirectory, builtinCloudFormationValidation: false });
  const stack = new Stack(app, NO_OP_APP.stackName, { env: { account: '000000000000', region: 'us-east-1' } });
  const bus = new EventBus(stack, 'Bus', { eventBusName: NO_OP_APP.busName });
  const deadLetterQueue = new Queue(stack, 'DeadLetterQueue', { queueName: `${NO_OP_APP.queueName}-dlq` });
  const queue = new Queue(stack, 'Queue', {
    queueName: NO_OP_APP.queueName,
    visibilityTimeout: Duration.seconds(30),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 3 },
  });
  new Rule(stack, 'Rule', {
    eventBus: bus,
    eventPattern: { source: [NO_OP_APP.source], detailType: [NO_OP_APP.detailType] },
    targets: [new SqsQueue(queue)],
  });
  const handler = new LambdaFunction(stack, 'NoOp', {
    functionName: NO_OP_APP.functionName,
    runtime: Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: Code.fromAsset(join(__dirname, 'no-op-function')),
    timeout: Duration.seconds(5),
  });
  handler.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
  return app.synth().directory;
}
