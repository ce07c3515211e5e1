import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ScaledClock } from '../../../lib/local/clock';
import type { AwsJsonService } from '../../../lib/local/endpoint/aws-json';
import {
  LocalStepFunctions,
  type AuthorizeRole,
  type ServiceCall,
  type InvokeFunctionContext,
  type PutEventsContext,
  type PutEventsRequestEntry,
  type PutEventsResponse,
} from '../../../lib/local/stepfunctions';
import { TraceRecorder } from '../../../lib/local/trace';
// The saga's correlator: these fixtures are saga events, correlated to their order id.
import { SAGA_CORRELATOR } from '../../../lib/saga/saga-correlator';

const FIXTURES = path.join(__dirname, '../../fixtures/state-machines');

/** A fixture of test/fixtures/state-machines, as text. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** A fixture of test/fixtures/state-machines, parsed. */
export function fixtureJson<T = unknown>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** The ARN of a local state machine. */
export function stateMachineArn(name: string): string {
  return `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`;
}

/** A fake function: gets the payload and the 1-based call number; throws to fail. */
export type FakeFunction = (payload: unknown, call: number) => unknown;

export interface InvocationRecord {
  readonly functionNameOrArn: string;
  readonly payload: unknown;
  readonly context: InvokeFunctionContext;
}

export interface PutEventsRecord {
  readonly entries: readonly PutEventsRequestEntry[];
  readonly context: PutEventsContext;
}

export interface SfnHarnessOptions {
  /** @default 1000 */
  readonly timeScale?: number;
  /** Fake functions by function name (the last segment of the ARN). */
  readonly functions?: Record<string, FakeFunction>;
  /** Fails the first n PutEvents calls' entries with `ThrottlingException`. @default 0 */
  readonly failPutEvents?: number;
  /** Run the full ASL schema on definitions (most of a second per distinct definition). @default true */
  readonly validateDefinitions?: boolean;
  /**
   * Services the sqs, dynamodb and aws-sdk Tasks reach, by `X-Amz-Target` prefix (`AmazonSQS.`);
   * the harness's own Step Functions is always there (`AWSStepFunctions.`).
   * @default - only Step Functions
   */
  readonly endpointServices?: Readonly<Record<string, AwsJsonService>>;
  /** IAM for the machines' roles. @default - everything allowed */
  readonly authorize?: AuthorizeRole;
}

/**
 * A LocalStepFunctions with a scaled clock, a trace and fake integrations that record what
 * Tasks call: functions by name from `options.functions`, PutEvents that accepts everything
 * (or refuses the first `failPutEvents` calls).
 */
export class SfnHarness {
  readonly clock: ScaledClock;
  readonly trace: TraceRecorder;
  readonly stepFunctions: LocalStepFunctions;
  readonly invocations: InvocationRecord[] = [];
  readonly published: PutEventsRecord[] = [];
  /** Every call the sqs, dynamodb and aws-sdk Tasks made. */
  readonly serviceCalls: ServiceCall[] = [];
  private readonly calls = new Map<string, number>();
  private putEventsCalls = 0;

  constructor(private readonly options: SfnHarnessOptions = {}) {
    this.clock = new ScaledClock({ timeScale: options.timeScale ?? 1000 });
    this.trace = new TraceRecorder(this.clock, SAGA_CORRELATOR);
    this.stepFunctions = new LocalStepFunctions({
      clock: this.clock,
      trace: this.trace,
      integrations: {
        invokeFunction: (functionNameOrArn, payload, context) => this.invoke(functionNameOrArn, payload, context),
        putEvents: (entries, context) => this.putEvents(entries, context),
      },
      validateDefinitions: options.validateDefinitions ?? true,
      services: {
        callService: (call) => this.callService(call),
        ...(options.authorize ? { authorize: options.authorize } : {}),
      },
    });
  }

  /** Registers a fixture definition as a state machine named `name`. */
  register(name: string, fixture: string, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): string {
    const arn = stateMachineArn(name);
    this.stepFunctions.registerStateMachine({
      arn,
      name,
      definition: fixtureText(fixture),
      type,
      roleArn: `arn:aws:iam::000000000000:role/${name}-role`,
    });
    return arn;
  }

  private callService(call: ServiceCall): ReturnType<AwsJsonService['handle']> {
    this.serviceCalls.push(call);
    const services: Record<string, AwsJsonService> = {
      ...this.options.endpointServices,
      'AWSStepFunctions.': this.stepFunctions,
    };
    const prefix = Object.keys(services).find((candidate) => call.target.startsWith(candidate));
    const service = prefix !== undefined ? services[prefix] : undefined;
    if (!service) {
      return Promise.resolve({
        statusCode: 400,
        body: JSON.stringify({ __type: 'UnknownOperationException', message: `unknown operation '${call.target}'` }),
      });
    }
    return service.handle({
      target: call.target,
      body: Buffer.from(call.body),
      headers: {},
      caller: { accessKeyId: 'states', principal: 'client' },
    });
  }

  /** The function names invoked, in order. */
  invokedNames(): string[] {
    return this.invocations.map((invocation) => invocation.functionNameOrArn.split(':').pop() ?? '');
  }

  /** The detail types published, in order. */
  publishedDetailTypes(): unknown[] {
    return this.published.flatMap((call) => call.entries.map((entry) => entry.DetailType));
  }

  private async invoke(functionNameOrArn: string, payload: unknown, context: InvokeFunctionContext): Promise<unknown> {
    this.invocations.push({ functionNameOrArn, payload, context });
    const name = functionNameOrArn.split(':').pop() ?? functionNameOrArn;
    const call = (this.calls.get(name) ?? 0) + 1;
    this.calls.set(name, call);
    const fake = this.options.functions?.[name];
    if (!fake) {
      throw Object.assign(new Error(`function not found: '${name}'`), { code: 'ResourceNotFoundException' });
    }
    return fake(payload, call);
  }

  private putEvents(entries: readonly PutEventsRequestEntry[], context: PutEventsContext): PutEventsResponse {
    this.published.push({ entries, context });
    this.putEventsCalls += 1;
    if (this.putEventsCalls <= (this.options.failPutEvents ?? 0)) {
      return {
        FailedEntryCount: entries.length,
        Entries: entries.map(() => ({ ErrorCode: 'ThrottlingException', ErrorMessage: 'rate exceeded' })),
      };
    }
    return {
      FailedEntryCount: 0,
      Entries: entries.map((_, index) => ({ EventId: `event-${this.putEventsCalls}-${index}` })),
    };
  }
}
