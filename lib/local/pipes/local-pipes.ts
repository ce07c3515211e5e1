import type { AppModel } from '../assembly/app-model';
import type { Clock } from '../clock';
import type { PollableQueue } from '../event-source-mapping/pollable-queue';
import { SqsPoller } from '../event-source-mapping/sqs-poller';
import { ServiceRoleAccess } from '../iam';
import type { TraceRecorder } from '../trace';
import { PipeBatchProcessor } from './pipe-batch-processor';
import { readPipeDefinition, type PipeDefinition } from './pipe-definition';
import type { PipeServices } from './pipe-services';

export interface LocalPipesProps {
  readonly model: AppModel;
  readonly clock: Clock;
  readonly region: string;
  readonly services: Omit<PipeServices, 'roleAccess'>;
  /** The SQS queue of an ARN, to poll (`LocalSqs.findQueue` fits). */
  readonly queueByArn: (arn: string) => PollableQueue | undefined;
  readonly trace?: TraceRecorder;
  /** Check the pipes' roles against their policies. @default true */
  readonly iam?: boolean;
}

/**
 * The app's EventBridge pipes with SQS sources, each polled like Lambda's SQS event source
 * mapping (batch size, batching window, filter criteria: records no filter matches are deleted)
 * and run through its enrichment and target (`PipeBatchProcessor`). A pipe that names a
 * resource the app does not have, has a malformed input template or filter, or whose role may
 * not read its source, is not run and is listed in `problems`.
 */
export class LocalPipes {
  readonly problems: string[] = [];
  private readonly pollers: SqsPoller[] = [];
  private readonly definitions: PipeDefinition[] = [];

  constructor(props: LocalPipesProps) {
    const { model } = props;
    const queues = new Set(model.queues.map((queue) => queue.arn));
    const functions = new Set(model.functions.map((fn) => fn.name));
    const machines = new Set(model.stateMachines.map((machine) => machine.arn));
    const buses = new Set([
      ...model.buses.map((bus) => bus.arn),
      `arn:aws:events:${props.region}:${model.accountId}:event-bus/default`,
    ]);
    const roleAccess = new ServiceRoleAccess(model, props.iam ?? true);
    for (const pipe of model.pipes) {
      let definition: PipeDefinition;
      try {
        definition = readPipeDefinition(pipe, {
          queueExists: (arn) => queues.has(arn),
          functionExists: (name) => functions.has(name),
          stateMachineExists: (arn) => machines.has(arn),
          busExists: (arn) => buses.has(arn),
        });
        for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) {
          roleAccess.check(definition.roleArn, 'pipes.amazonaws.com', action, definition.sourceArn);
        }
      } catch (error) {
        this.problems.push(
          error instanceof Error && error.name === 'PipeValidationError'
            ? error.message
            : `pipe '${pipe.name}' is not run: ${(error as Error).message}`,
        );
        continue;
      }
      const queue = props.queueByArn(definition.sourceArn);
      if (!queue) {
        this.problems.push(`pipe '${pipe.name}' is not run: its source queue is not running`);
        continue;
      }
      const processor = new PipeBatchProcessor(definition, { ...props.services, roleAccess }, props.clock, props.trace);
      this.definitions.push(definition);
      this.pollers.push(
        new SqsPoller({
          mapping: {
            uuid: definition.name,
            functionName: `pipes:${definition.name}`,
            eventSourceArn: definition.sourceArn,
            batchSize: definition.batchSize,
            maximumBatchingWindowInSeconds: definition.maximumBatchingWindowInSeconds,
            reportBatchItemFailures: true,
            enabled: definition.running,
            filterPatterns: definition.filterPatterns,
          },
          queue,
          invoker: {
            invoke: (_name, payload) => processor.process((payload as { Records: { messageId: string }[] }).Records),
          },
          clock: props.clock,
          region: props.region,
        }),
      );
    }
  }

  /** The pipes that run. */
  get pipes(): readonly PipeDefinition[] {
    return this.definitions;
  }

  start(): void {
    for (const poller of this.pollers) poller.start();
  }

  /** No batch in flight or being gathered. */
  get idle(): boolean {
    return this.pollers.every((poller) => poller.idle);
  }

  async stop(): Promise<void> {
    await Promise.all(this.pollers.map((poller) => poller.stop()));
  }
}
