import type { PipeModel } from '../assembly/app-model';
import { parseArn } from '../arn';
import { compileEventPattern, InvalidEventPatternError } from '../eventbridge/pattern';
import { compilePipeInputTemplate, InvalidPipeTemplateError, type PipeInputTemplate } from './pipe-input-template';

/** A pipe that cannot run as declared: the message says why (reported at startup, the pipe is not run). */
export class PipeValidationError extends Error {
  constructor(
    pipeName: string,
    /** Why, without the pipe's name (CreatePipe's ValidationException message). */
    readonly reason: string,
    /** The API member at fault (`source`, `target`, `targetParameters.inputTemplate`, ...). */
    readonly field: string,
  ) {
    super(`pipe '${pipeName}' is not run: ${reason}`);
    this.name = 'PipeValidationError';
  }
}

export type PipeEndpoint =
  | { readonly kind: 'lambda'; readonly arn: string; readonly functionName: string }
  | { readonly kind: 'states'; readonly arn: string }
  | { readonly kind: 'sqs'; readonly arn: string }
  | { readonly kind: 'events'; readonly arn: string };

/** A validated pipe with an SQS source. */
export interface PipeDefinition {
  readonly name: string;
  readonly arn: string;
  readonly roleArn: string;
  readonly running: boolean;
  readonly sourceArn: string;
  /** @default 10 */
  readonly batchSize: number;
  /** @default 0 */
  readonly maximumBatchingWindowInSeconds: number;
  readonly filterPatterns: readonly unknown[];
  readonly enrichment?: PipeEndpoint & { readonly template?: PipeInputTemplate };
  readonly target: PipeEndpoint & { readonly template?: PipeInputTemplate };
  /** `TargetParameters`, as given (InvocationType, SqsQueueParameters, EventBridgeEventBusParameters, ...). */
  readonly targetParameters: Readonly<Record<string, Record<string, unknown>>>;
}

/** Which resources exist in the app, to refuse a pipe that names one that does not. */
export interface PipeResourceLookup {
  queueExists(arn: string): boolean;
  functionExists(name: string): boolean;
  stateMachineExists(arn: string): boolean;
  busExists(arn: string): boolean;
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * Reads and validates an `AWS::Pipes::Pipe`: an SQS source (BatchSize 1..10000, batching window
 * 0..300 s, FilterCriteria patterns), an optional Lambda or Step Functions enrichment, a Lambda,
 * Step Functions, SQS or EventBridge bus target, and input templates. Every ARN must name a
 * resource of the app.
 *
 * @throws PipeValidationError
 */
export function readPipeDefinition(
  pipe: Pick<PipeModel, 'name' | 'arn' | 'properties'>,
  resources: PipeResourceLookup,
): PipeDefinition {
  const properties = pipe.properties;
  const fail = (reason: string, field: string): never => {
    throw new PipeValidationError(pipe.name, reason, field);
  };
  const sourceArn = typeof properties.Source === 'string' ? properties.Source : fail('Source is missing', 'source');
  const source = safeArn(sourceArn);
  if (source?.service !== 'sqs')
    fail(`source '${sourceArn}' is not an SQS queue (the local cloud runs SQS sources)`, 'source');
  if (!resources.queueExists(sourceArn)) fail(`source queue '${sourceArn}' does not exist`, 'source');
  const sqsParameters = record(record(properties.SourceParameters).SqsQueueParameters);
  const batchSize = Number(sqsParameters.BatchSize ?? 10);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    fail(`BatchSize ${batchSize} is not 1..10000`, 'sourceParameters.sqsQueueParameters.batchSize');
  const window = Number(sqsParameters.MaximumBatchingWindowInSeconds ?? 0);
  if (!Number.isInteger(window) || window < 0 || window > 300) {
    fail(
      `MaximumBatchingWindowInSeconds ${window} is not 0..300`,
      'sourceParameters.sqsQueueParameters.maximumBatchingWindowInSeconds',
    );
  }
  const filters = record(record(properties.SourceParameters).FilterCriteria).Filters;
  const filterPatterns = (Array.isArray(filters) ? filters : []).map((filter) => {
    const pattern = record(filter).Pattern;
    try {
      const parsed: unknown = typeof pattern === 'string' ? JSON.parse(pattern) : pattern;
      compileEventPattern(parsed);
      return parsed;
    } catch (error) {
      if (error instanceof InvalidEventPatternError || error instanceof SyntaxError) {
        return fail(
          `filter pattern ${JSON.stringify(pattern)} is not valid: ${error.message}`,
          'sourceParameters.filterCriteria',
        );
      }
      throw error;
    }
  });
  const endpoint = (arn: string, role: 'enrichment' | 'target'): PipeEndpoint => {
    const parsed = safeArn(arn);
    const resource = parsed?.resource ?? '';
    if (parsed?.service === 'lambda' && resource.startsWith('function:')) {
      const functionName = resource.split(':')[1] ?? '';
      if (!resources.functionExists(functionName)) fail(`${role} function '${arn}' does not exist`, role);
      return { kind: 'lambda', arn, functionName };
    }
    if (parsed?.service === 'states' && resource.startsWith('stateMachine:')) {
      if (!resources.stateMachineExists(arn)) fail(`${role} state machine '${arn}' does not exist`, role);
      return { kind: 'states', arn };
    }
    if (role === 'target' && parsed?.service === 'sqs') {
      if (!resources.queueExists(arn)) fail(`target queue '${arn}' does not exist`, role);
      return { kind: 'sqs', arn };
    }
    if (role === 'target' && parsed?.service === 'events' && resource.startsWith('event-bus/')) {
      if (!resources.busExists(arn)) fail(`target event bus '${arn}' does not exist`, role);
      return { kind: 'events', arn };
    }
    return fail(
      `${role} '${arn}' is not one the local cloud runs (Lambda, Step Functions${role === 'target' ? ', SQS, EventBridge bus' : ''})`,
      role,
    );
  };
  const template = (parameters: unknown, role: 'enrichment' | 'target') => {
    const text = record(parameters).InputTemplate;
    if (text === undefined) return {};
    if (typeof text !== 'string')
      return fail(`${role} InputTemplate is not a string`, `${role}Parameters.inputTemplate`);
    try {
      return { template: compilePipeInputTemplate(text) };
    } catch (error) {
      if (error instanceof InvalidPipeTemplateError)
        return fail(`${role} ${error.message}`, `${role}Parameters.inputTemplate`);
      throw error;
    }
  };
  const targetArn = typeof properties.Target === 'string' ? properties.Target : fail('Target is missing', 'target');
  const enrichmentArn =
    typeof properties.Enrichment === 'string' && properties.Enrichment !== '' ? properties.Enrichment : undefined;
  const targetParameters = record(properties.TargetParameters) as Record<string, Record<string, unknown>>;
  return {
    name: pipe.name,
    arn: pipe.arn,
    roleArn: typeof properties.RoleArn === 'string' ? properties.RoleArn : fail('RoleArn is missing', 'roleArn'),
    running: properties.DesiredState !== 'STOPPED',
    sourceArn,
    batchSize,
    maximumBatchingWindowInSeconds: window,
    filterPatterns,
    ...(enrichmentArn
      ? {
          enrichment: {
            ...endpoint(enrichmentArn, 'enrichment'),
            ...template(properties.EnrichmentParameters, 'enrichment'),
          },
        }
      : {}),
    target: { ...endpoint(targetArn, 'target'), ...template(targetParameters, 'target') },
    targetParameters,
  };
}

function safeArn(arn: string): ReturnType<typeof parseArn> | undefined {
  try {
    return parseArn(arn);
  } catch {
    return undefined;
  }
}
