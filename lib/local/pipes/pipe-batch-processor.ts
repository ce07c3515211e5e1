import type { Clock } from '../clock';
import { formatEventTime } from '../eventbridge/event-envelope';
import type { TraceRecorder } from '../trace';
import type { PipeDefinition, PipeEndpoint } from './pipe-definition';
import type { PipeInputTemplate, PipeTemplateVariables } from './pipe-input-template';
import type { PipeServices } from './pipe-services';

const PIPES_PRINCIPAL = 'pipes.amazonaws.com';

/** A step of the pipe failed for the whole batch (the records go back to the queue). */
class PipeStepError extends Error {}

/** What the SQS poller gets back: a whole-batch failure, or success with the records that failed. */
export interface PipeBatchOutcome {
  readonly outcome: 'success' | 'error';
  readonly result?: { readonly batchItemFailures: readonly { readonly itemIdentifier: string }[] };
}

interface SqsRecord {
  readonly messageId: string;
}

/**
 * Runs one batch through a pipe, as EventBridge Pipes does with an SQS source: the batch (already
 * filtered) goes to the enrichment as one JSON array (each event through the enrichment's input
 * template), the enrichment's answer becomes the events for the target, and the target gets them
 * — Lambda and Step Functions as one array, SQS one message per event, an event bus one event per
 * event (`Pipe <name>` / `Event from aws:sqs` unless EventBridgeEventBusParameters say otherwise).
 * `batchItemFailures` from a Lambda enrichment or target fail only those records; any other
 * failure fails the batch, whose records reappear after their visibility timeout.
 */
export class PipeBatchProcessor {
  constructor(
    private readonly pipe: PipeDefinition,
    private readonly services: PipeServices,
    private readonly clock: Clock,
    private readonly trace?: TraceRecorder,
  ) {}

  async process(records: readonly SqsRecord[]): Promise<PipeBatchOutcome> {
    const failed = new Set<string>();
    try {
      let events: unknown[] = [...records];
      const { enrichment, target } = this.pipe;
      if (enrichment) {
        const answer = await this.call(enrichment, this.transform(events, enrichment.template), true);
        const failures = batchItemFailuresOf(answer);
        if (failures) {
          failures.forEach((id) => failed.add(id));
          events = records.filter((record) => !failed.has(record.messageId));
        } else if (answer !== undefined && answer !== null) {
          events = Array.isArray(answer) ? answer : [answer];
        } else {
          events = [];
        }
      }
      if (events.length > 0) {
        const answer = await this.deliver(target, this.transform(events, target.template));
        batchItemFailuresOf(answer)?.forEach((id) => failed.add(id));
      }
      this.trace?.record({ kind: 'pipe.delivered', pipe: this.pipe.name, target: target.arn, records: records.length });
      return {
        outcome: 'success',
        result: { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) },
      };
    } catch (error) {
      this.trace?.record({
        kind: 'pipe.failed',
        pipe: this.pipe.name,
        target: this.pipe.target.arn,
        records: records.length,
        errorMessage: (error as Error).message,
      });
      return { outcome: 'error' };
    }
  }

  /** Each event through the input template (its text, parsed when it is JSON), or as it is. */
  private transform(events: readonly unknown[], template: PipeInputTemplate | undefined): unknown[] {
    if (!template) return [...events];
    const variables: PipeTemplateVariables = {
      'pipe-arn': this.pipe.arn,
      'pipe-name': this.pipe.name,
      'source-arn': this.pipe.sourceArn,
      'enrichment-arn': this.pipe.enrichment?.arn ?? '',
      'target-arn': this.pipe.target.arn,
      'event.ingestion-time': formatEventTime(this.clock.now()),
    };
    return events.map((event) => {
      const text = template.render(event, variables);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    });
  }

  /** A Lambda or Step Functions call with the batch as one array; `sync` waits for the answer. */
  private async call(endpoint: PipeEndpoint, events: unknown[], sync: boolean): Promise<unknown> {
    if (endpoint.kind === 'lambda') {
      this.check('lambda:InvokeFunction', endpoint.arn);
      const lambda = this.services.lambda;
      if (!lambda) throw new PipeStepError('no Lambda runtime');
      const invocation = lambda.invoke(endpoint.functionName, events, { trigger: `pipes:${this.pipe.name}` });
      if (!sync) {
        void invocation.catch(() => undefined);
        return undefined;
      }
      const result = await invocation;
      if (result.outcome !== 'success') {
        throw new PipeStepError(
          `function '${endpoint.functionName}' failed: ${result.error?.errorMessage ?? result.outcome}`,
        );
      }
      return result.result;
    }
    if (endpoint.kind === 'states') {
      const stepFunctions = this.services.stepFunctions;
      if (!stepFunctions) throw new PipeStepError('no Step Functions');
      if (!sync) {
        this.check('states:StartExecution', endpoint.arn);
        stepFunctions.startExecution(endpoint.arn, JSON.stringify(events), { trigger: `pipes:${this.pipe.name}` });
        return undefined;
      }
      this.check('states:StartSyncExecution', endpoint.arn);
      const execution = await stepFunctions.startSyncExecution(endpoint.arn, JSON.stringify(events), {
        trigger: `pipes:${this.pipe.name}`,
      });
      if (execution.status !== 'SUCCEEDED') {
        throw new PipeStepError(
          `execution ${execution.status}: ${execution.error ?? ''} ${execution.cause ?? ''}`.trim(),
        );
      }
      return execution.output === undefined ? undefined : (JSON.parse(execution.output) as unknown);
    }
    throw new PipeStepError(`'${endpoint.arn}' cannot enrich`);
  }

  private async deliver(target: PipeEndpoint, events: unknown[]): Promise<unknown> {
    const parameters = this.pipe.targetParameters;
    switch (target.kind) {
      case 'lambda': {
        const invocationType = parameters.LambdaFunctionParameters?.InvocationType ?? 'REQUEST_RESPONSE';
        return this.call(target, events, invocationType !== 'FIRE_AND_FORGET');
      }
      case 'states': {
        const invocationType = parameters.StepFunctionStateMachineParameters?.InvocationType ?? 'FIRE_AND_FORGET';
        return this.call(target, events, invocationType === 'REQUEST_RESPONSE');
      }
      case 'sqs': {
        this.check('sqs:SendMessage', target.arn);
        const queue = this.services.sqs.findQueue(target.arn);
        if (!queue) throw new PipeStepError(`queue '${target.arn}' does not exist`);
        const sqsParameters = parameters.SqsQueueParameters ?? {};
        for (const event of events) {
          queue.send({
            body: typeof event === 'string' ? event : JSON.stringify(event),
            sender: `pipes:${this.pipe.name}`,
            ...(typeof sqsParameters.MessageGroupId === 'string'
              ? { messageGroupId: sqsParameters.MessageGroupId }
              : {}),
            ...(typeof sqsParameters.MessageDeduplicationId === 'string'
              ? { messageDeduplicationId: sqsParameters.MessageDeduplicationId }
              : {}),
          });
        }
        return undefined;
      }
      case 'events': {
        this.check('events:PutEvents', target.arn);
        const bridge = this.services.eventBridge;
        if (!bridge) throw new PipeStepError('no EventBridge');
        const busParameters = parameters.EventBridgeEventBusParameters ?? {};
        for (let start = 0; start < events.length; start += 10) {
          const entries = events.slice(start, start + 10).map((event) => ({
            Source: typeof busParameters.Source === 'string' ? busParameters.Source : `Pipe ${this.pipe.name}`,
            DetailType: typeof busParameters.DetailType === 'string' ? busParameters.DetailType : 'Event from aws:sqs',
            Detail: typeof event === 'string' ? event : JSON.stringify(event),
            EventBusName: target.arn,
            ...(Array.isArray(busParameters.Resources) ? { Resources: busParameters.Resources as string[] } : {}),
          }));
          const result = bridge.putEvents(entries, `pipes:${this.pipe.name}`);
          if (result.FailedEntryCount > 0) {
            throw new PipeStepError(
              `PutEvents refused ${result.FailedEntryCount} entries: ${JSON.stringify(result.Entries)}`,
            );
          }
        }
        return undefined;
      }
    }
  }

  private check(action: string, resource: string): void {
    try {
      this.services.roleAccess?.check(this.pipe.roleArn, PIPES_PRINCIPAL, action, resource);
    } catch (error) {
      throw new PipeStepError((error as Error).message);
    }
  }
}

/** The message ids a `{ batchItemFailures: [{ itemIdentifier }] }` answer lists, when it is one. */
function batchItemFailuresOf(answer: unknown): string[] | undefined {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return undefined;
  const failures = (answer as { batchItemFailures?: unknown }).batchItemFailures;
  if (!Array.isArray(failures)) return undefined;
  return failures
    .map((failure) => (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier)
    .filter((id): id is string => typeof id === 'string');
}
